/* Assessment pages: keyboard shortcuts for the rating form and drawing an area on a Leaflet map.
 * No inline scripts (CSP); loaded by the assessment templates. */
(function () {
  "use strict";

  // Keys 0-3 set the level, N marks "not applicable" for the measure that has the focus.
  document.addEventListener("keydown", function (ev) {
    var form = ev.target.closest && ev.target.closest(".rating-form");
    if (!form || ev.target.tagName === "TEXTAREA" || ev.target.tagName === "SELECT" || ev.ctrlKey || ev.altKey || ev.metaKey) return;
    var value = null;
    if (/^[0-3]$/.test(ev.key)) value = ev.key;
    if (ev.key === "n" || ev.key === "N") value = "na";
    if (value === null) return;
    var radio = form.querySelector('input[name="level"][value="' + value + '"]');
    if (!radio) return;
    ev.preventDefault();
    radio.checked = true;
    radio.focus();
    radio.dispatchEvent(new Event("change", { bubbles: true }));
    if (value === "na") {
      var reason = form.querySelector('textarea[name="reason"]');
      if (reason && !reason.value) reason.focus();
    }
  });

  // Drawing a point or polygon into the GeoJSON textarea of the area form.
  function initDraw() {
    var el = document.querySelector("[data-draw-map]");
    var input = document.querySelector("[data-geometry-input]");
    if (!el || !input || !window.L) return;
    var center = el.dataset.drawMap.split(",").map(Number);
    var map = L.map(el).setView(center, 12);
    // Tiles when configured, else the shipped boundaries and names (app.js).
    if (window.iKonnekt && window.iKonnekt.mapBackground) window.iKonnekt.mapBackground(map, el);
    var layer = L.featureGroup().addTo(map);
    var mode = "point";
    var vertices = [];

    function show() {
      layer.clearLayers();
      var geometry = null;
      try { geometry = input.value ? JSON.parse(input.value) : null; } catch (e) { geometry = null; }
      if (geometry) {
        L.geoJSON(geometry, { pointToLayer: function (f, ll) { return L.circleMarker(ll, { radius: 8, color: "#1d5c4d" }); } }).addTo(layer);
        if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { maxZoom: 15, padding: [20, 20] });
      }
    }
    function write(geometry) {
      input.value = geometry ? JSON.stringify(geometry) : "";
      show();
    }
    map.on("click", function (ev) {
      var pt = [Math.round(ev.latlng.lng * 1e6) / 1e6, Math.round(ev.latlng.lat * 1e6) / 1e6];
      if (mode === "point") {
        write({ type: "Point", coordinates: pt });
      } else if (mode === "polygon") {
        vertices.push(pt);
        if (vertices.length >= 3) write({ type: "Polygon", coordinates: [vertices.concat([vertices[0]])] });
        else L.circleMarker([pt[1], pt[0]], { radius: 4 }).addTo(layer);
      }
    });
    document.querySelectorAll("[data-draw-mode]").forEach(function (btn) {
      btn.addEventListener("click", function () {
        if (btn.dataset.drawMode === "clear") { vertices = []; write(null); return; }
        mode = btn.dataset.drawMode;
        vertices = [];
        document.querySelectorAll("[data-draw-mode]").forEach(function (b) { b.classList.toggle("active", b === btn); });
      });
    });
    input.addEventListener("change", show);
    show();
  }
  document.addEventListener("DOMContentLoaded", initDraw);
})();
