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
      force: { repulsion: 260, edgeLength: [60, 160] },
      categories: data.categories, data: data.nodes, links: data.links,
      lineStyle: { width: 2, opacity: 0.8, curveness: 0.1 },
      emphasis: { focus: "adjacency" }
    }]
  });
  el._chart = chart;
  window.addEventListener("resize", function () { chart.resize(); });
})();
