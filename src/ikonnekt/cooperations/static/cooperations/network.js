(function () {
  "use strict";
  var el = document.getElementById("network");
  if (!el || !window.echarts) return;
  var data = window.iKonnekt.readJson(el.dataset.network);
  var chart = echarts.init(el);
  chart.setOption({
    // ECharts renders tooltips as HTML: cooperation and organisation names are user text
    tooltip: { formatter: function (p) { return window.iKonnekt.escapeHtml((p.data && p.data.name) || p.name); } },
    legend: [{ data: data.categories.map(function (c) { return c.name; }), bottom: 0 }],
    series: [{
      type: "graph", layout: "force", roam: true, draggable: true,
      label: { show: true, position: "right", fontSize: 11 },
      // Labels that would overlap are hidden (they show on hover and in the table below the chart).
      labelLayout: { hideOverlap: true },
      force: { repulsion: 420, edgeLength: [80, 220], gravity: 0.08 },
      categories: data.categories, data: data.nodes, links: data.links,
      lineStyle: { width: 2, opacity: 0.8, curveness: 0.1 },
      emphasis: { focus: "adjacency" }
    }]
  });
  el._chart = chart;
  window.addEventListener("resize", function () { chart.resize(); });
})();
