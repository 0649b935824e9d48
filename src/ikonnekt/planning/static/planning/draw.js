/* Simple polygon/point drawing on a Leaflet map for the site form (no plugin needed).
 * Polygon: click adds a corner, double-click finishes. Point: one click.
 * The result is written as a GeoJSON geometry (WGS84) into the hidden #id_geometry field. */
(function () {
  "use strict";
  function ringArea(latlngs) {
    // Rough spherical area for live feedback only; the server computes the area in UTM 32N.
    var R = 6378137, area = 0, n = latlngs.length;
    for (var i = 0; i < n; i++) {
      var p1 = latlngs[i], p2 = latlngs[(i + 1) % n];
      area += (p2.lng - p1.lng) * Math.PI / 180 * (2 + Math.sin(p1.lat * Math.PI / 180) + Math.sin(p2.lat * Math.PI / 180));
    }
    return Math.abs(area * R * R / 2);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("draw-map");
    var input = document.getElementById("id_geometry");
    if (!el || !input || !window.L) return;
    var c = (el.dataset.center || "49.36,6.78").split(",").map(function (x) { return parseFloat(String(x).replace(",", ".")); });
    if (isNaN(c[0]) || isNaN(c[1])) c = [49.36, 6.78];
    var map = L.map(el, { doubleClickZoom: false }).setView([c[0], c[1]], 16);
    // Tiles when configured, else the shipped boundaries and names (app.js).
    if (window.iKonnekt && window.iKonnekt.mapBackground) window.iKonnekt.mapBackground(map, el);
    el._map = map;
    var layer = L.featureGroup().addTo(map);
    var mode = null, vertices = [], preview = null;
    var info = document.getElementById("draw-area");

    function show(geom) {
      layer.clearLayers();
      if (!geom) return;
      var g = L.geoJSON(geom, { interactive: false, pointToLayer: function (f, ll) { return L.circleMarker(ll, { radius: 8, interactive: false }); } }).addTo(layer);
      if (geom.type !== "Point") {
        try { map.fitBounds(g.getBounds(), { maxZoom: 18 }); } catch (e) { /* empty */ }
        var ring = geom.coordinates[0].map(function (p) { return L.latLng(p[1], p[0]); });
        info.textContent = "≈ " + Math.round(ringArea(ring.slice(0, -1))).toLocaleString("de-DE") + " m²";
      } else {
        map.setView([geom.coordinates[1], geom.coordinates[0]], 17);
        info.textContent = "";
      }
    }
    function redrawPreview() {
      if (preview) layer.removeLayer(preview);
      preview = vertices.length ? L.polyline(vertices, { dashArray: "4 4", interactive: false }).addTo(layer) : null;
      vertices.forEach(function (v) { L.circleMarker(v, { radius: 3, interactive: false }).addTo(layer); });
    }
    function finishPolygon() {
      if (vertices.length < 3) { info.textContent = el.dataset.needThree || "Mindestens 3 Punkte."; return; }
      var coords = vertices.map(function (v) { return [v.lng, v.lat]; });
      coords.push(coords[0]);
      var geom = { type: "Polygon", coordinates: [coords] };
      input.value = JSON.stringify(geom);
      mode = null; vertices = []; preview = null;
      el.classList.remove("drawing");
      show(geom);
      el.dispatchEvent(new CustomEvent("draw:finished", { bubbles: true, detail: geom }));
    }
    map.on("click", function (ev) {
      if (mode === "point") {
        var geom = { type: "Point", coordinates: [ev.latlng.lng, ev.latlng.lat] };
        input.value = JSON.stringify(geom);
        mode = null;
        show(geom);
      } else if (mode === "polygon") {
        vertices.push(ev.latlng);
        layer.clearLayers();
        redrawPreview();
      }
    });
    map.on("dblclick", function (ev) {
      if (mode !== "polygon") return;
      // The double-click's two clicks already added the last vertex (twice): drop the duplicate.
      if (vertices.length > 1) {
        var a = vertices[vertices.length - 1], b = vertices[vertices.length - 2];
        if (a.distanceTo(b) < 0.5) vertices.pop();
      }
      finishPolygon();
    });
    document.getElementById("draw-polygon").addEventListener("click", function () {
      mode = "polygon"; vertices = []; layer.clearLayers(); el.classList.add("drawing");
    });
    document.getElementById("draw-point").addEventListener("click", function () { mode = "point"; });
    document.getElementById("draw-clear").addEventListener("click", function () {
      mode = null; vertices = []; input.value = ""; layer.clearLayers(); info.textContent = "";
    });
    if (input.value) {
      try { show(JSON.parse(input.value)); } catch (e) { /* invalid JSON: server reports it */ }
    }
  });
})();
