// Horizontal bar charts from a JSON island (Django's json_script), drawn with DOM and SVG elements and styled by
// the .bar-chart rules in site.css; no inline styles, so the strict CSP holds. The table beside each chart holds
// the same numbers and is what assistive technology reads: the chart is aria-hidden and only appears with JS.
//
//   <script id="my-data" type="application/json">{"rows": [{"label": "Older people", "value": 4}]}</script>
//   <div class="bar-chart" data-chart="my-data" aria-hidden="true" hidden></div>
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function bar(share) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "bar-chart__track");
    svg.setAttribute("viewBox", "0 0 100 10");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("focusable", "false");
    var rect = document.createElementNS(SVG, "rect");
    rect.setAttribute("class", "bar-chart__bar");
    rect.setAttribute("x", "0");
    rect.setAttribute("y", "0");
    rect.setAttribute("height", "10");
    rect.setAttribute("width", String(Math.max(share * 100, 0)));
    svg.appendChild(rect);
    return svg;
  }

  function draw(container) {
    var island = document.getElementById(container.getAttribute("data-chart"));
    if (!island) {
      return;
    }
    var data;
    try {
      data = JSON.parse(island.textContent);
    } catch (error) {
      return;
    }
    var rows = (data && data.rows) || [];
    var largest = rows.reduce(function (most, row) {
      return Math.max(most, Number(row.value) || 0);
    }, 0);
    container.textContent = "";
    rows.forEach(function (row) {
      var value = Number(row.value) || 0;
      var line = element("div", "bar-chart__row");
      line.appendChild(element("span", "bar-chart__label", row.label));
      line.appendChild(bar(largest ? value / largest : 0));
      line.appendChild(element("span", "bar-chart__value", String(value)));
      container.appendChild(line);
    });
    container.hidden = rows.length === 0;
  }

  function drawAll(root) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-chart]"), draw);
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawAll(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    drawAll(event.target || document);
  });
})();
