/* iKonnekt page behaviour without inline scripts (CSP: script-src 'self').
 *
 * - [data-autosubmit] on a select submits its form on change; the select is described by the
 *   page's hint that a change reloads the page (WCAG 3.2.2).
 * - #live-status is the page's one persistent live region: iKonnekt.announce(text) speaks a
 *   status message; elements swapped in by htmx with [data-announce] are announced there.
 * - [data-error-summary] (a failed form's error summary) receives focus when the page loads.
 * - [data-echarts="<id of a json_script>"] renders an ECharts chart from the JSON options.
 * - [data-map="<id of a json_script>"] renders a Leaflet map from {center, zoom, geojson, markers}.
 *   Map tiles are not loaded from the internet (offline use): unless the installation configures
 *   a tile server (data-tiles), maps draw the administrative boundaries shipped with the app
 *   (data-boundaries) under the features. iKonnekt.mapBackground(map, el) does the same for
 *   page-specific maps.
 * Both are re-initialised after htmx swaps.
 */
(function () {
  "use strict";

  // ECharts renders tooltips as HTML: every user text handed to a formatter goes through this.
  function escapeHtml(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function initCharts(root) {
    if (!window.echarts) return;
    root.querySelectorAll("[data-echarts]").forEach(function (el) {
      if (el.dataset.ready) return;
      var options = readJson(el.dataset.echarts);
      if (!options) return;
      el.dataset.ready = "1";
      var chart = echarts.init(el, null, { renderer: el.dataset.renderer || "canvas" });
      if (options.__graphTooltip) {
        options.tooltip = { formatter: function (p) { return escapeHtml((p.data && p.data.name) || p.name); } };
      }
      if (window.iKonnektNumbers) window.iKonnektNumbers.localise(options);
      chart.setOption(options);
      el._chart = chart;
      window.addEventListener("resize", function () { chart.resize(); });
      el.dispatchEvent(new CustomEvent("chart:ready", { bubbles: true, detail: chart }));
    });
  }

  function popupHtml(props) {
    var div = document.createElement("div");
    if (props.url) {
      var a = document.createElement("a");
      a.href = props.url;
      a.textContent = props.name || props.title || "";
      div.appendChild(a);
    } else {
      var b = document.createElement("strong");
      b.textContent = props.name || props.title || "";
      div.appendChild(b);
    }
    if (props.info) {
      var p = document.createElement("div");
      p.textContent = props.info;
      div.appendChild(p);
    }
    return div;
  }

  // Map background. With a tile server (MAP_TILES_URL): its tiles and attribution. Without one
  // (the default, offline): the boundaries shipped with the app (static/ikonnekt/geo, BKG open
  // data, core/boundaries.py) with the municipalities' names, the licence's source note in the
  // attribution control, and town halls of municipalities outside those boundaries.
  var jsonRequests = {};
  function getJson(url) {
    jsonRequests[url] = jsonRequests[url] || fetch(url).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });
    return jsonRequests[url];
  }

  function boundaryStyle(p) {
    if (p.kind === "state") return { color: "#6c757d", weight: 2, dashArray: "8 5", fill: false };
    if (p.kind === "district" && p.home) return { color: "#1d5c4d", weight: 3.5, fill: true, fillColor: "#ffffff", fillOpacity: 0.5 };
    if (p.kind === "district") return { color: "#6c757d", weight: 2, fill: false };
    return { color: p.home ? "#5f6f68" : "#a3aca8", weight: p.home ? 1.2 : 0.8, fill: false };
  }

  // Names appear from the zoom at which they fit: the district's own municipalities from 10,
  // neighbouring municipalities from 12; far-away ones (transfer municipalities) always.
  function updateLabelZoom(map, el) {
    var z = map.getZoom();
    el.classList.toggle("map-zoom-far", z < 10);
    el.classList.toggle("map-zoom-mid", z < 12);
  }

  function addBoundaries(map, el, url) {
    updateLabelZoom(map, el);
    map.on("zoomend", function () { updateLabelZoom(map, el); });
    getJson(url).then(function (data) {
      if (!data || !el.isConnected) return; // the map was swapped away meanwhile
      // Outer levels first so the district outline and the names lie on top.
      var order = { state: 0, municipality: 1, district: 2 };
      var features = data.features.slice().sort(function (a, b) {
        var pa = a.properties, pb = b.properties;
        return (order[pa.kind] - order[pb.kind]) || ((pa.home ? 1 : 0) - (pb.home ? 1 : 0));
      });
      L.geoJSON({ type: "FeatureCollection", features: features }, {
        pane: "background",
        interactive: false,
        style: function (f) { return boundaryStyle(f.properties); },
        onEachFeature: function (f, layer) {
          var p = f.properties;
          if (p.kind !== "municipality") return;
          var inSaarland = String(p.ars).slice(0, 2) === "10";
          var level = p.home ? " place-home" : (inSaarland ? " place-neighbour" : "");
          layer.bindTooltip(p.name, { permanent: true, direction: "center", interactive: false, className: "place-label" + level });
        }
      }).addTo(map);
      var attribution = document.body.dataset.boundariesAttribution;
      if (attribution && map.attributionControl) map.attributionControl.addAttribution(attribution);
    });
  }

  function addPlaces(map, el) {
    getJson(document.body.dataset.places || "/places.geojson").then(function (data) {
      if (!data || !el.isConnected) return;
      L.geoJSON(data, {
        pane: "background",
        interactive: false,
        pointToLayer: function (f, latlng) {
          var district = f.properties.kind === "district";
          return L.circleMarker(latlng, { pane: "background", radius: district ? 0 : 2, color: "#6c757d", weight: 1, interactive: false })
            .bindTooltip(f.properties.name, { permanent: true, direction: "right", className: "place-label" + (district ? " place-district" : ""), interactive: false });
        }
      }).addTo(map);
    });
  }

  function addBackground(map, el) {
    var tiles = el.dataset.tiles || document.body.dataset.tiles;
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 19, attribution: el.dataset.attribution || document.body.dataset.attribution || "" }).addTo(map);
      return;
    }
    el.classList.add("map-offline");
    var pane = map.getPane("background") || map.createPane("background");
    pane.style.zIndex = 350; // under the overlay pane (400) that holds the page's features
    var boundaries = document.body.dataset.boundaries;
    if (boundaries) addBoundaries(map, el, boundaries);
    addPlaces(map, el);
  }

  function initMaps(root) {
    if (!window.L) return;
    L.Icon.Default.imagePath = document.body.dataset.static + "vendor/leaflet/images/";
    root.querySelectorAll("[data-map]").forEach(function (el) {
      if (el.dataset.ready) return;
      var cfg = readJson(el.dataset.map) || {};
      el.dataset.ready = "1";
      var map = L.map(el, { preferCanvas: true }).setView(cfg.center || [49.35, 6.75], cfg.zoom || 11);
      addBackground(map, el);
      var group = L.featureGroup().addTo(map);
      if (cfg.geojson) {
        L.geoJSON(cfg.geojson, {
          style: function (f) { return f.properties && f.properties.style ? f.properties.style : { color: "#1d5c4d", weight: 2 }; },
          pointToLayer: function (f, latlng) {
            var s = (f.properties && f.properties.style) || {};
            return L.circleMarker(latlng, { radius: s.radius || 7, color: s.color || "#1d5c4d", fillOpacity: 0.7 });
          },
          onEachFeature: function (f, layer) { if (f.properties) layer.bindPopup(popupHtml(f.properties)); }
        }).addTo(group);
      }
      (cfg.lines || []).forEach(function (line) {
        L.polyline(line.coords, { color: line.color || "#0d6efd", weight: line.weight || 3, opacity: 0.7 })
          .bindPopup(popupHtml(line)).addTo(group);
      });
      // An empty result (no features) has no bounds: keep the configured view instead of an error.
      if (group.getLayers().length && group.getBounds().isValid() && cfg.fit !== false) {
        map.fitBounds(group.getBounds(), { padding: [20, 20], maxZoom: cfg.maxZoom || 17 });
      }
      el._map = map;
      el.dispatchEvent(new CustomEvent("map:ready", { bubbles: true, detail: map }));
    });
  }

  function announce(text) {
    var region = document.getElementById("live-status");
    if (!region || !text) return;
    // Clear first so the same message twice in a row is spoken twice.
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function announceSwapped() {
    document.querySelectorAll("[data-announce]:not([data-announced])").forEach(function (el) {
      el.dataset.announced = "1";
      announce((el.dataset.announce || el.textContent || "").trim());
    });
  }

  function focusErrorSummary(root) {
    var summary = root.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  }

  function init(root) {
    root.querySelectorAll("select[data-autosubmit]").forEach(function (el) {
      if (el.dataset.ready) return;
      el.dataset.ready = "1";
      if (document.getElementById("autosubmit-hint")) {
        var described = el.getAttribute("aria-describedby");
        el.setAttribute("aria-describedby", (described ? described + " " : "") + "autosubmit-hint");
      }
      el.addEventListener("change", function () { el.form.submit(); });
    });
    root.querySelectorAll("[data-confirm]").forEach(function (el) {
      if (el.dataset.ready) return;
      el.dataset.ready = "1";
      el.addEventListener("click", function (ev) { if (!window.confirm(el.dataset.confirm)) ev.preventDefault(); });
    });
    initCharts(root);
    initMaps(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    // Messages rendered with the page were already there; only later swaps are announced.
    document.querySelectorAll("[data-announce]").forEach(function (el) { el.dataset.announced = "1"; });
    init(document);
    focusErrorSummary(document);
  });
  document.addEventListener("htmx:afterSettle", function (ev) {
    init(ev.target);
    announceSwapped();
    focusErrorSummary(ev.target);
  });
  window.iKonnekt = { init: init, readJson: readJson, announce: announce, escapeHtml: escapeHtml, mapBackground: addBackground };
})();
