/* Sankey tooltips with value ± standard uncertainty (CSP: no inline script). */
(function () {
  "use strict";
  var esc = window.iKonnekt.escapeHtml;
  function fmt(x) { return window.iKonnektNumbers.format(x); }
  document.addEventListener("chart:ready", function (ev) {
    if (ev.target.id !== "sankey") return;
    ev.detail.setOption({
      tooltip: {
        formatter: function (p) {
          var d = p.data || {};
          if (p.dataType === "edge") {
            var s = esc(d.flow) + ": " + fmt(d.value);
            if (d.sigma) s += " ± " + fmt(d.sigma);
            s += " " + esc(d.unit) + "<br>" + esc(d.source) + " → " + esc(d.back_to || d.target);
            if (d.note) s += "<br><em>" + esc(d.note) + "</em>";
            return s;
          }
          return esc(p.name) + ": " + fmt(p.value);
        }
      }
    });
  });
})();
