/* Numbers in charts in the page's language (German: 420.000 and 3,5), shared by every chart.
 *
 * ECharts formats axis labels and tooltips in English ("420,000", read as 420 by a German
 * reader). iKonnektNumbers.localise(options) gives every value axis, the tooltip and numeric
 * series labels a formatter that uses <html lang>, unless the chart brings its own formatter.
 * Page scripts can use iKonnektNumbers.format(x, digits) for their own tooltips.
 */
(function () {
  "use strict";

  function locale() {
    return document.documentElement.lang || "de";
  }

  function format(x, digits) {
    if (x === null || x === undefined || x === "" || x === "-") return "–";
    var n = Number(x);
    if (!isFinite(n)) return String(x);
    var opts = digits === undefined
      ? { maximumFractionDigits: Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 1 ? 2 : 3 }
      : { minimumFractionDigits: digits, maximumFractionDigits: digits };
    return n.toLocaleString(locale(), opts);
  }

  function valueOf(v) {
    if (Array.isArray(v)) return v[v.length - 1];
    if (v && typeof v === "object" && "value" in v) return valueOf(v.value);
    return v;
  }

  function list(x) {
    if (!x) return [];
    return Array.isArray(x) ? x : [x];
  }

  function localise(options) {
    if (!options || typeof options !== "object") return options;
    ["xAxis", "yAxis", "radiusAxis", "angleAxis", "singleAxis"].forEach(function (key) {
      list(options[key]).forEach(function (axis, i) {
        var type = axis.type || (key === "yAxis" || key === "radiusAxis" ? "value" : key === "xAxis" ? "category" : "value");
        if (type !== "value" && type !== "log") return;
        axis.axisLabel = axis.axisLabel || {};
        if (!axis.axisLabel.formatter) axis.axisLabel.formatter = function (v) { return format(v); };
      });
    });
    if (options.tooltip !== false) {
      options.tooltip = options.tooltip || {};
      if (!options.tooltip.formatter && !options.tooltip.valueFormatter) {
        options.tooltip.valueFormatter = function (v) { return Array.isArray(v) ? v.map(function (x) { return format(x); }).join(" / ") : format(v); };
      }
    }
    list(options.series).forEach(function (s) {
      if (s.label && s.label.show && !s.label.formatter) {
        s.label.formatter = function (p) {
          var v = valueOf(p.value);
          return typeof v === "number" ? format(v) : (p.name || "");
        };
      }
    });
    if (options.visualMap) {
      list(options.visualMap).forEach(function (vm) {
        if (!vm.formatter) vm.formatter = function (a, b) { return b === undefined ? format(a) : format(a) + " – " + format(b); };
      });
    }
    return options;
  }

  window.iKonnektNumbers = { format: format, localise: localise, locale: locale };
})();
