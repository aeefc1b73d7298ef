// Index pages: the filter box hides the rows of the table whose text does not contain what is typed.
(function () {
  "use strict";
  var input = document.getElementById("filter");
  if (!input) { return; }
  var table = document.getElementById(input.getAttribute("data-table"));
  input.addEventListener("input", function () {
    var q = input.value.trim().toLowerCase();
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      row.hidden = q !== "" && row.textContent.toLowerCase().indexOf(q) < 0;
    });
  });
})();
