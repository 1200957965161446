// Start DKFDS components, and again on content that htmx swaps in.
(function () {
  "use strict";
  function init() {
    if (window.DKFDS && typeof window.DKFDS.init === "function") {
      window.DKFDS.init();
    }
  }
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:afterSettle", init);

  // When htmx swaps a select's options out of band, the browser carries over a "selected" state from the
  // parsed copy, so the last option would win. Put the selection back to what the server marked.
  document.addEventListener("htmx:oobAfterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.tagName === "SELECT") {
      Array.prototype.forEach.call(target.options, function (option) {
        option.selected = option.defaultSelected;
      });
    }
  });

  // Filter forms marked data-autosubmit send themselves when a field changes (htmx picks up the request).
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (form && window.htmx) {
      window.htmx.trigger(form, "submit");
    }
  });
})();
