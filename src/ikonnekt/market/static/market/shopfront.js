// Client-side filter of the shopfront table (no server round trip for 2,000 rows).
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("shop-filter");
    if (!input) return;
    var rows = Array.prototype.slice.call(document.querySelectorAll("#shopfront tbody tr[data-search]"));
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      rows.forEach(function (row) { row.hidden = q !== "" && row.dataset.search.indexOf(q) === -1; });
    });
  });
})();
