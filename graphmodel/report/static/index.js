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
  sortableHeaders(table, body, rows);
})();
