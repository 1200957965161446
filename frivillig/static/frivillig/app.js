// Start DKFDS components, and again on content that htmx swaps in.
(function () {
  "use strict";
  function init() {
    if (window.DKFDS && typeof window.DKFDS.init === "function") {
      window.DKFDS.init();
    }
  }

  // DKFDS.init() always starts the header's navigation as well (whatever its scope), and a second start adds a
  // second "more" menu and doubles the drawer's listeners; a whole-page init would also bind the components
  // outside the swapped part twice. So after a swap, start only the components inside the new content.
  var SWAPPED_COMPONENTS = [
    [".accordion, .accordion-bordered:not(.accordion)", "Accordion"],
    [".alert.has-close", "Alert"],
    [".form-limit", "CharacterLimit"],
    [".js-checkbox-toggle-content", "CheckboxToggleContent"],
    [".js-dropdown", "Dropdown"],
    [".js-radio-toggle-group", "RadioToggleGroup"],
    ["div.tab-container", "Tabs"],
    [".tooltip-wrapper", "Tooltip"],
  ];

  function initWithin(scope) {
    var fds = window.DKFDS;
    if (!fds || !scope || typeof scope.querySelectorAll !== "function") {
      return;
    }
    SWAPPED_COMPONENTS.forEach(function (component) {
      var Start = fds[component[1]];
      if (typeof Start !== "function") {
        return;
      }
      var found = Array.prototype.slice.call(scope.querySelectorAll(component[0]));
      if (scope.matches && scope.matches(component[0])) {
        found.unshift(scope);
      }
      found.forEach(function (element) {
        new Start(element).init();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:afterSettle", function (event) {
    initWithin(event.detail && event.detail.elt);
  });

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
