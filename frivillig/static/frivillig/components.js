// The shared components' small behaviours (components.css). Every page works without this file; it only makes
// narrow screens nicer: filter panels fold away so that the results come first, and wide tables scroll inside
// their own box instead of widening the page.
(function () {
  "use strict";

  var narrow = window.matchMedia("(max-width: 39.99em)");

  // A filter panel is open on a wide screen (its toggle is hidden there) and folded on a narrow one, unless a
  // filter has an error to show.
  function fitFilterPanels() {
    Array.prototype.forEach.call(document.querySelectorAll("details[data-filter-panel]"), function (panel) {
      panel.open = !narrow.matches || panel.querySelector(".form-error") !== null;
    });
  }

  function captionOf(table) {
    var caption = table.querySelector("caption");
    return caption ? caption.textContent.trim() : "";
  }

  // Every table sits in a wrapper that scrolls sideways when the table is wider than the screen. A wrapper that
  // scrolls can be reached with the keyboard (so its content can be scrolled) and is named after its table.
  function fitTables(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("table.table"), function (table) {
      var parent = table.parentElement;
      if (!parent || parent.classList.contains("table-wrapper")) {
        return;
      }
      var wrapper = document.createElement("div");
      wrapper.className = "table-wrapper";
      parent.insertBefore(wrapper, table);
      wrapper.appendChild(table);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrapper"), function (wrapper) {
      var table = wrapper.querySelector("table");
      var scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
      if (scrolls && !wrapper.hasAttribute("tabindex")) {
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("data-made-focusable", "");
        if (!wrapper.hasAttribute("role") && table && captionOf(table)) {
          wrapper.setAttribute("role", "region");
          wrapper.setAttribute("aria-label", captionOf(table));
        }
      } else if (!scrolls && wrapper.hasAttribute("data-made-focusable")) {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("data-made-focusable");
        if (wrapper.getAttribute("role") === "region" && wrapper.hasAttribute("aria-label")) {
          wrapper.removeAttribute("role");
          wrapper.removeAttribute("aria-label");
        }
      }
    });
  }

  var resizeTimer = null;
  function onResize() {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () {
      fitTables(document);
    }, 150);
  }

  document.addEventListener("DOMContentLoaded", function () {
    fitFilterPanels();
    fitTables(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    fitTables(event.target || document);
  });
  window.addEventListener("resize", onResize);
  if (typeof narrow.addEventListener === "function") {
    narrow.addEventListener("change", fitFilterPanels);
  }
})();
