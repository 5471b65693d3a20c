/* The index page's script: filter the subdistricts by name, sort by any column. */
(function () {
  "use strict";
  var table = document.querySelector("table.index");
  if (!table) return;
  var input = document.querySelector("input.filter");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  input.addEventListener("input", function () {
    var words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    rows.forEach(function (row) {
      var text = row.cells[0].textContent.toLowerCase() + " " + row.cells[1].textContent.toLowerCase();
      row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
    });
  });
  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (th, column) {
    th.tabIndex = 0;
    function sort() {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headers, function (h) { h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = th.getAttribute("data-type") === "number";
      var keyed = rows.map(function (row, i) {
        var cell = row.cells[column];
        var key = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
        return { row: row, key: numeric ? Number(key) : key, i: i };
      });
      keyed.sort(function (a, b) {
        var c = numeric ? a.key - b.key : a.key.localeCompare(b.key, "zh-CN");
        return (ascending ? c : -c) || a.i - b.i;
      });
      keyed.forEach(function (k) { body.appendChild(k.row); });
      rows = keyed.map(function (k) { return k.row; });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
  });
})();
