/* Site map: loads the visible sites page by page as GeoJSON (1,000 per request) into the map. */
(function () {
  "use strict";
  document.addEventListener("map:ready", function (ev) {
    var el = ev.target;
    if (!el.dataset.geojsonUrl) return;
    var map = ev.detail;
    var layer = L.geoJSON(null, {
      style: function (f) { return f.properties.style; },
      pointToLayer: function (f, ll) { return L.circleMarker(ll, { radius: 6, color: f.properties.style.color }); },
      onEachFeature: function (f, l) {
        var a = document.createElement("a");
        a.href = f.properties.url; a.textContent = f.properties.name;
        var d = document.createElement("div"); d.appendChild(a);
        var i = document.createElement("div"); i.textContent = f.properties.info; d.appendChild(i);
        l.bindPopup(d);
      }
    }).addTo(map);
    var status = document.getElementById("site-map-status");
    var loaded = 0;
    function load(page) {
      var url = el.dataset.geojsonUrl + (el.dataset.geojsonUrl.indexOf("?") >= 0 ? "&" : "?") + "page=" + page;
      fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
        layer.addData(data);
        loaded += data.features.length;
        if (status) status.textContent = loaded + " / " + data.count;
        if (data.next) { load(data.next); }
        else if (loaded) { try { map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 16 }); } catch (e) { /* empty */ } }
      });
    }
    load(1);
  });
})();
