(function () {
  "use strict";
  var payload = JSON.parse(document.getElementById("kg-data").textContent);
  var statusEl = document.getElementById("status");
  var detailsEl = document.getElementById("details");
  var searchEl = document.getElementById("search");
  var countEl = document.getElementById("search-count");
  var typesEl = document.getElementById("types");
  var hiddenTypes = {};

  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: payload.elements,
    minZoom: 0.02,
    maxZoom: 4,
    style: [
      { selector: "node", style: {
          "background-color": "data(color)", "width": "data(size)", "height": "data(size)",
          "label": "data(label)", "font-size": 9, "min-zoomed-font-size": 7, "color": "#333",
          "text-valign": "bottom", "text-margin-y": 2, "text-max-width": "140px", "text-wrap": "ellipsis" } },
      { selector: "edge", style: { "width": 1, "line-color": "#c8c8c8", "opacity": 0.7, "curve-style": "haystack" } },
      { selector: ".faded", style: { "opacity": 0.12 } },
      { selector: ".match", style: { "border-width": 3, "border-color": "#111", "z-index": 10, "label": "data(name)",
          "font-size": 13, "font-weight": "bold", "min-zoomed-font-size": 0, "text-background-color": "#fff",
          "text-background-opacity": 0.8 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#e6007e", "z-index": 20,
          "label": "data(name)", "min-zoomed-font-size": 0 } },
      { selector: ".hidden", style: { "display": "none" } }
    ],
    layout: { name: "preset", fit: true, padding: 20 }
  });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function nodeLink(node) {
    var a = el("a", node.data("name"), "node-link");
    a.addEventListener("click", function () { select(node); });
    return a;
  }

  function sentences(edge) {
    var seen = {};
    return (edge.data("evidence") || []).map(function (e) { return e.sentence; })
      .filter(function (s) { if (!s || seen[s]) { return false; } seen[s] = true; return true; });
  }

  function showDetails(node) {
    var d = node.data();
    detailsEl.replaceChildren();
    detailsEl.appendChild(el("h2", d.name));
    var meta = d.type + " · " + d.id + (d.date ? " · " + d.date : "") +
      (d.type === "Paper" ? "" : " · " + d.papers + (d.papers === 1 ? " paper" : " papers"));
    detailsEl.appendChild(el("div", meta, "meta"));
    if (d.url) {
      var link = el("a", d.url); link.href = d.url; link.target = "_blank"; link.rel = "noopener";
      detailsEl.appendChild(link);
    }
    if (d.aliases && d.aliases.length) { detailsEl.appendChild(el("div", "Also: " + d.aliases.join(", "), "meta")); }
    var groups = {};
    node.connectedEdges().forEach(function (edge) {
      var other = edge.source().same(node) ? edge.target() : edge.source();
      var heading = d.type === "Paper" ? edge.data("relation") : (other.data("type") === "Paper" ? "Papers" : edge.data("relation"));
      (groups[heading] = groups[heading] || []).push({ other: other, edge: edge });
    });
    Object.keys(groups).sort().forEach(function (heading) {
      var items = groups[heading].sort(function (a, b) {
        return String(b.other.data("date") || "").localeCompare(String(a.other.data("date") || ""));
      });
      detailsEl.appendChild(el("h3", heading + " (" + items.length + ")"));
      var ul = el("ul");
      items.forEach(function (item) {
        var li = el("li");
        li.appendChild(nodeLink(item.other));
        var info = [item.edge.data("relation")];
        if (item.other.data("date")) { info.push(item.other.data("date")); }
        li.appendChild(el("span", " " + info.join(" · "), "meta"));
        sentences(item.edge).forEach(function (s) { li.appendChild(el("span", "“" + s + "”", "evidence")); });
        ul.appendChild(li);
      });
      detailsEl.appendChild(ul);
    });
  }

  function select(node) {
    cy.elements().unselect();
    node.select();
    cy.animate({ center: { eles: node }, duration: 0 });
    showDetails(node);
  }

  function search(query) {
    var q = (query || "").trim().toLowerCase();
    cy.batch(function () {
      cy.elements().removeClass("faded match");
      if (!q) { return; }
      var hits = cy.nodes().filter(function (n) {
        if (n.hasClass("hidden")) { return false; }
        var names = [n.data("name"), n.id()].concat(n.data("aliases") || []);
        return names.some(function (s) { return s && String(s).toLowerCase().indexOf(q) >= 0; });
      });
      cy.elements().addClass("faded");
      hits.removeClass("faded").addClass("match");
      hits.connectedEdges().removeClass("faded");
    });
    var hits = cy.nodes(".match");
    countEl.textContent = q ? hits.length + (hits.length === 1 ? " match" : " matches") : "";
    if (hits.length) { cy.fit(hits, 60); }
    return hits.map(function (n) { return n.id(); });
  }

  function applyTypes() {
    cy.batch(function () {
      cy.nodes().forEach(function (n) { n.toggleClass("hidden", !!hiddenTypes[n.data("type")]); });
    });
    updateStatus();
  }

  function updateStatus() {
    var shown = cy.nodes().not(".hidden").length;
    statusEl.textContent = shown + " of " + cy.nodes().length + " nodes shown, " + cy.edges().length + " edges";
  }

  payload.types.forEach(function (t) {
    var label = el("label");
    var box = el("input"); box.type = "checkbox"; box.checked = true; box.value = t.type;
    box.setAttribute("data-type", t.type);
    box.addEventListener("change", function () { hiddenTypes[t.type] = !box.checked; applyTypes(); search(searchEl.value); });
    var swatch = el("span", "", "swatch"); swatch.style.background = t.color;
    label.appendChild(box); label.appendChild(swatch); label.appendChild(document.createTextNode(t.type + " (" + t.count + ")"));
    typesEl.appendChild(label);
  });

  searchEl.addEventListener("input", function () { search(searchEl.value); });
  searchEl.addEventListener("search", function () { search(searchEl.value); });
  searchEl.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var first = cy.nodes(".match")[0]; if (first) { select(first); } }
  });
  cy.on("tap", "node", function (ev) { select(ev.target); });

  updateStatus();
  window.kgView = { cy: cy, search: search, select: function (id) { select(cy.getElementById(id)); } };
  document.body.setAttribute("data-ready", "true");
})();
