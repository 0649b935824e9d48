/* iKonnekt page behaviour without inline scripts (CSP: script-src 'self').
 *
 * - [data-autosubmit] on a select submits its form on change; the select is described by the
 *   page's hint that a change reloads the page (WCAG 3.2.2).
 * - #live-status is the page's one persistent live region: iKonnekt.announce(text) speaks a
 *   status message; elements swapped in by htmx with [data-announce] are announced there.
 * - [data-error-summary] (a failed form's error summary) receives focus when the page loads.
 * - [data-echarts="<id of a json_script>"] renders an ECharts chart from the JSON options.
 * - [data-map="<id of a json_script>"] renders a Leaflet map from {center, zoom, geojson, markers}.
 *   Map tiles are not loaded from the internet (offline use); features are drawn on a plain canvas
 *   unless the installation configures a tile server in data-tiles.
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

  // Offline background (no tile server configured): municipality and district names at their
  // town halls, so a clerk can find a place on the otherwise blank map.
  var placesRequest = null;
  function addPlaces(map, el) {
    el.classList.add("map-offline");
    placesRequest = placesRequest || fetch(document.body.dataset.places || "/places.geojson").then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });
    placesRequest.then(function (data) {
      if (!data) return;
      var layer = L.geoJSON(data, {
        interactive: false,
        pointToLayer: function (f, latlng) {
          var district = f.properties.kind === "district";
          return L.circleMarker(latlng, { radius: district ? 0 : 2, color: "#6c757d", weight: 1, interactive: false })
            .bindTooltip(f.properties.name, { permanent: true, direction: "right", className: "place-label" + (district ? " place-district" : ""), interactive: false });
        }
      });
      layer.addTo(map);
      layer.eachLayer(function (l) { if (l.bringToBack) l.bringToBack(); });
    });
  }

  function initMaps(root) {
    if (!window.L) return;
    L.Icon.Default.imagePath = document.body.dataset.static + "vendor/leaflet/images/";
    root.querySelectorAll("[data-map]").forEach(function (el) {
      if (el.dataset.ready) return;
      var cfg = readJson(el.dataset.map) || {};
      el.dataset.ready = "1";
      var map = L.map(el, { preferCanvas: true }).setView(cfg.center || [49.35, 6.75], cfg.zoom || 11);
      var tiles = el.dataset.tiles || document.body.dataset.tiles;
      if (tiles) {
        L.tileLayer(tiles, { maxZoom: 19, attribution: el.dataset.attribution || document.body.dataset.attribution || "" }).addTo(map);
      } else {
        addPlaces(map, el);
      }
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
  window.iKonnekt = { init: init, readJson: readJson, announce: announce, escapeHtml: escapeHtml };
})();
