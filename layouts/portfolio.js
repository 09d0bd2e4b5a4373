// The portfolio page's script: sorts the table by the column whose header is clicked (or
// activated by keyboard), and filters it by decision. Without script, the decision
// filter still works through the radio buttons' CSS, and the table reads in input order.
(function () {
  "use strict";
  var table = document.querySelector(".pf-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var headers = table.tHead.rows[0].cells;
  function key(row, i, kind) {
    var cell = row.cells[i];
    var v = cell.getAttribute("data-value");
    if (v === null) { v = cell.textContent.trim(); }
    if (kind === "number" || kind === "month") {
      var n = parseFloat(v);
      return isNaN(n) ? -Infinity : n;
    }
    return v.toLocaleLowerCase();
  }
  Array.prototype.forEach.call(headers, function (th, i) {
    var kind = th.getAttribute("data-sort");
    if (!kind) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "pf-sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    th.setAttribute("aria-sort", "none");
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headers, function (h) { if (h.hasAttribute("aria-sort")) { h.setAttribute("aria-sort", "none"); } });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, i, kind), y = key(b, i, kind);
        if (x < y) { return ascending ? -1 : 1; }
        if (x > y) { return ascending ? 1 : -1; }
        return 0;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
