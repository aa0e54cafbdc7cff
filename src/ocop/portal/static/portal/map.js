// The portal map with Leaflet: replaces the plain SVG map when JavaScript runs. No inline script: the page
// passes its configuration in data- attributes of [data-ocop-map] (the Content-Security-Policy allows only
// scripts from this site). Without a tile server the points are drawn on a blank background.
(function () {
  "use strict";

  var COLOURS = { producer: "#b45309", showroom: "#1d4ed8", sales_point: "#15803d" };
  var RADIUS = { producer: 6, showroom: 9, sales_point: 6 };
  var KINDS = ["producer", "showroom", "sales_point"];

  function safeUrl(url) {
    // Only links of this site or the web: never javascript: or data: addresses from the data.
    return typeof url === "string" && /^(https?:\/\/|\/(?!\/))/i.test(url) ? url : "";
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function element(tag, text, parent) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function link(url, text, parent, external) {
    var href = safeUrl(url);
    if (!href) return null;
    var a = element("a", text, parent);
    a.href = href;
    if (external) a.rel = "nofollow noopener";
    return a;
  }

  function popup(properties, labels) {
    // Built as DOM nodes with textContent: names and addresses are never parsed as HTML.
    var box = document.createElement("div");
    var title = element("strong", "", box);
    if (!link(properties.kind === "producer" ? properties.url : "", properties.name, title)) {
      title.textContent = properties.name;
    }
    element("div", properties.kind_label, box);
    if (properties.kind === "producer") {
      if (properties.commune) element("div", properties.commune, box);
      element("div", labels.products + ": " + properties.products, box);
      var more = element("div", "", box);
      link(properties.url, labels.producerPage, more);
    } else {
      if (properties.address) element("div", properties.address, box);
      if (properties.url) link(properties.url, labels.website, element("div", "", box), true);
      if (properties.product) link(properties.product.url, properties.product.name, element("div", "", box));
    }
    return box;
  }

  function start(holder) {
    if (!window.L || !window.fetch) return; // the SVG map and the list stay
    var data = holder.dataset;
    var labels = {
      producer: data.labelProducer,
      showroom: data.labelShowroom,
      sales_point: data.labelSalesPoint,
      products: data.labelProducts,
      producerPage: data.labelProducerPage,
      website: data.labelWebsite,
    };
    fetch(data.points, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (collection) {
        draw(holder, collection, labels, data);
      })
      .catch(function () {
        /* the SVG map and the list stay */
      });
  }

  function draw(holder, collection, labels, data) {
    if (!collection.features.length) return;
    var canvas = document.createElement("div");
    canvas.className = "leaflet-map";
    canvas.style.height = "28rem";
    canvas.setAttribute("role", "region");
    canvas.setAttribute("aria-label", data.labelMap || "");
    holder.insertBefore(canvas, holder.firstChild);
    var map = window.L.map(canvas, { preferCanvas: true, scrollWheelZoom: false });
    if (data.tiles) {
      window.L.tileLayer(data.tiles, { attribution: escapeHtml(data.attribution || ""), maxZoom: 18 }).addTo(map);
    }
    var overlays = {};
    var everything = window.L.featureGroup();
    KINDS.forEach(function (kind) {
      var features = collection.features.filter(function (f) {
        return f.properties.kind === kind;
      });
      if (!features.length) return;
      var layer = window.L.geoJSON(features, {
        pointToLayer: function (f, latlng) {
          return window.L.circleMarker(latlng, {
            radius: RADIUS[kind],
            color: "#fff",
            weight: 1,
            fillColor: COLOURS[kind],
            fillOpacity: 0.9,
          });
        },
        onEachFeature: function (f, marker) {
          marker.bindPopup(popup(f.properties, labels));
        },
      }).addTo(map);
      everything.addLayer(layer);
      overlays[escapeHtml(labels[kind] || kind) + " (" + features.length + ")"] = layer;
    });
    window.L.control.layers(null, overlays, { collapsed: false }).addTo(map);
    map.fitBounds(everything.getBounds(), { padding: [20, 20], maxZoom: 14 });
    var svg = holder.querySelector(".svg-map");
    if (svg) svg.hidden = true;
  }

  function init() {
    document.querySelectorAll("[data-ocop-map]").forEach(start);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
