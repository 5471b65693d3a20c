/* Sortable table headers, shared by the report and the index page: click (or Enter / Space) on a header sorts the
   rows by that column, ascending then descending; a cell's data-sort is its key; a data-type="number" header sorts
   numbers. ``rows`` (an array of the body's rows) is reordered in place, so a filter holding it sees the new order. */
function sortableHeaders(table, body, rows) {
  "use strict";
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
      rows.splice.apply(rows, [0, rows.length].concat(keyed.map(function (k) { return k.row; })));
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
  });
}
