// eventdb report: sortable and filterable tables, and the activity chart's switch. No network, no dependencies.
(function () {
  "use strict";
  // A cell sorts by its data-v when it has one, by its number when the column is numeric (1,234), else by its text.
  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    if (!cell) return "";
    var v = cell.getAttribute("data-v");
    if (v !== null) return Number(v);
    if (numeric) {
      var n = Number(cell.textContent.replace(/,/g, ""));
      if (!isNaN(n)) return n;
    }
    return cell.textContent.toLowerCase();
  }
  function sortBy(table, th) {
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.classList.contains("n");
    var descending = th.getAttribute("aria-sort") !== "descending";
    if (th.getAttribute("aria-sort") === null && !th.classList.contains("n")) descending = false;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      var c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return descending ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }
  function filter(table, input, shown) {
    var needle = input.value.toLowerCase();
    var rows = table.tBodies[0].rows, visible = 0;
    for (var i = 0; i < rows.length; i++) {
      var match = needle === "" || rows[i].textContent.toLowerCase().indexOf(needle) >= 0;
      rows[i].classList.toggle("hide", !match);
      if (match) visible++;
    }
    if (shown) shown.textContent = needle === "" ? rows.length + (rows.length === 1 ? " row" : " rows") : visible + " of " + rows.length + " rows";
  }
  document.querySelectorAll("table.data").forEach(function (table) {
    table.tHead.querySelectorAll("th").forEach(function (th) {
      th.addEventListener("click", function () { sortBy(table, th); });
      th.title = "Sort";
    });
    var tools = document.getElementById(table.id + "-tools");
    if (!tools) return;
    var input = tools.querySelector("input"), shown = tools.querySelector(".shown");
    input.addEventListener("input", function () { filter(table, input, shown); });
  });
  document.querySelectorAll(".switch").forEach(function (group) {
    group.querySelectorAll("button").forEach(function (button) {
      button.addEventListener("click", function () {
        group.querySelectorAll("button").forEach(function (b) {
          var on = b === button;
          b.setAttribute("aria-pressed", on ? "true" : "false");
          document.getElementById(b.getAttribute("data-show")).style.display = on ? "" : "none";
        });
      });
    });
  });
})();
