/* The report's own script: draws the figures, sorts and filters the findings, shows a node's details. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var WORDS = data.words;  // the page's language, from graphmodel.labels.SCRIPT_WORDS
  // Each section (one subdistrict) brings its figures and nodes; a node knows the index of its section.
  var NODES = {};
  data.sections.forEach(function (section, index) {
    Object.keys(section.nodes).forEach(function (id) {
      section.nodes[id].section = index;
      NODES[id] = section.nodes[id];
    });
  });

  function say(key, values) {
    return WORDS[key].replace(/\{(\w+)\}/g, function (_, name) { return String(values[name]); });
  }
  var CONFIG = { displaylogo: false, responsive: true, scrollZoom: true, modeBarButtonsToRemove: ["select2d", "lasso2d"] };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // ---------------------------------------------------------------- figures
  document.querySelectorAll("[data-figure]").forEach(function (div) {
    var section = data.sections[Number(div.closest("section").getAttribute("data-index"))];
    var fig = section && section.figures[div.getAttribute("data-figure")];
    if (!fig) return;
    // The page holds plotly's default template once; each figure was written without it.
    if (fig.layout && !fig.layout.template && data.template) fig.layout.template = data.template;
    // A fixed height: with `responsive`, a div whose height comes from its content collapses on a resize.
    if (fig.layout && fig.layout.height) div.style.height = fig.layout.height + "px";
    Plotly.newPlot(div, fig.data, fig.layout, CONFIG);
    if (div.classList.contains("network")) {
      var index = Number(div.getAttribute("data-index"));
      div.on("plotly_click", function (event) {
        var point = event && event.points && event.points[0];
        if (point && typeof point.customdata === "string" && NODES[point.customdata]) {
          showDetails(index, point.customdata);
        }
      });
    }
  });

  // ---------------------------------------------------------------- details
  function evidence(text) {
    return el("span", "ev", text || "");
  }

  function showDetails(index, id) {
    var node = NODES[id];
    var panel = document.getElementById("details-" + index);
    if (!node || !panel) return;
    panel.textContent = "";
    panel.setAttribute("data-node", id);
    var head = el("h4");
    head.appendChild(el("span", "kind kind-" + node.label, node.kind));
    head.appendChild(document.createTextNode(node.name));
    panel.appendChild(head);
    var where = el("p");
    where.appendChild(document.createTextNode(node.subdistrict + WORDS.evidence_at));
    where.appendChild(evidence(node.evidence));
    panel.appendChild(where);

    if (node.properties.length) {
      var dl = el("dl");
      node.properties.forEach(function (pair) {
        dl.appendChild(el("dt", null, pair[0]));
        dl.appendChild(el("dd", null, pair[1]));
      });
      panel.appendChild(dl);
    }
    if (node.findings.length) {
      panel.appendChild(el("h5", null, say("findings_n", { n: node.findings.length })));
      var fl = el("ul");
      node.findings.forEach(function (f) {
        var li = el("li", "finding", say("finding", f));
        li.appendChild(evidence(f.evidence));
        fl.appendChild(li);
      });
      panel.appendChild(fl);
    }
    panel.appendChild(el("h5", null, say("facts_n", { n: node.facts.length })));
    if (!node.facts.length) panel.appendChild(el("p", "placeholder", WORDS.no_facts));
    var ul = el("ul", "facts");
    node.facts.forEach(function (f) {
      var li = el("li");
      li.appendChild(document.createTextNode(say("fact", f)));
      var label = (f.task ? f.task + " " : "") + f.other;
      if (NODES[f.other_id]) {
        var link = el("button", "node-link", label);
        link.type = "button";
        link.setAttribute("data-node", f.other_id);
        li.appendChild(link);
      } else {
        li.appendChild(document.createTextNode(label + say("paren", { text: f.other_kind })));
      }
      if (f.detail) li.appendChild(document.createTextNode(say("paren", { text: f.detail })));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(evidence(f.evidence));
      ul.appendChild(li);
    });
    panel.appendChild(ul);
    highlight(index, node);
  }

  function highlight(index, node) {
    var div = document.getElementById("network-" + index);
    if (!div || !div.data) return;
    Plotly.restyle(div, { x: [[node.xy[0]]], y: [[node.xy[1]]] }, [div.data.length - 1]);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("button.node-link");
    if (!link) return;
    var id = link.getAttribute("data-node");
    var node = NODES[id];
    if (!node) return;
    showDetails(node.section, id);
    var net = document.getElementById("network-" + node.section);
    if (net && link.closest("table")) net.scrollIntoView({ behavior: "smooth", block: "center" });
  });

  document.querySelectorAll("input.node-search").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var index = Number(input.closest("section").getAttribute("data-index"));
    input.addEventListener("change", function () {
      var options = list ? list.options : [];
      for (var i = 0; i < options.length; i++) {
        if (options[i].value === input.value) {
          showDetails(index, options[i].getAttribute("data-node"));
          return;
        }
      }
    });
  });

  // ---------------------------------------------------------------- findings: filter and sort
  document.querySelectorAll("table.findings").forEach(function (table) {
    var section = table.closest("section");
    var input = section.querySelector("input.filter");
    var severity = section.querySelector("select.severity");
    var kind = section.querySelector("select.kind");
    var counter = section.querySelector(".count");
    var body = table.tBodies[0];
    var rows = Array.prototype.filter.call(body.rows, function (r) { return !r.classList.contains("none"); });

    function apply() {
      var words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; }) &&
          (!severity.value || row.getAttribute("data-severity") === severity.value) &&
          (!kind.value || row.getAttribute("data-kind") === kind.value);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      counter.textContent = say("shown", { shown: shown, total: rows.length });
    }
    input.addEventListener("input", apply);
    severity.addEventListener("change", apply);
    kind.addEventListener("change", apply);

    sortableHeaders(table, body, rows);
  });
})();
