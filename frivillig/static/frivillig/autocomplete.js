// Long choice lists as type-to-search fields, with the accessible-autocomplete package (core/widgets.py).
// Without JavaScript, or if the package failed to load, the plain select or list of checkboxes stays and works.
// The form always sends what the plain control would: the script only sets the select's option or the boxes.
(function () {
  "use strict";

  function texts(element) {
    var data = element.dataset;
    function fill(text, values) {
      return (text || "").replace(/%\((\w+)\)s/g, function (match, name) {
        return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : match;
      });
    }
    return {
      tNoResults: function () {
        return data.acNoResults;
      },
      tStatusNoResults: function () {
        return data.acNoResults;
      },
      tStatusQueryTooShort: function (minimum) {
        return fill(data.acTooShort, { count: minimum });
      },
      tStatusSelectedOption: function (option, count, index) {
        return fill(data.acHighlighted, { option: option, position: index + 1, count: count });
      },
      tStatusResults: function (count, highlighted) {
        var found = count === 1 ? data.acOneResult : fill(data.acManyResults, { count: count });
        return highlighted ? found + " " + highlighted : found;
      },
      tAssistiveHint: function () {
        return data.acHint;
      },
    };
  }

  function optionText(option) {
    return (option.textContent || "").trim();
  }

  function matching(labels, query) {
    var wanted = (query || "").trim().toLowerCase();
    return labels.filter(function (label) {
      return label.toLowerCase().indexOf(wanted) !== -1;
    });
  }

  // One choice: the select becomes a search field with the select's id (so its <label> names the field); the
  // select stays in the form, hidden, and follows what is chosen. Clearing the field chooses the empty option.
  function enhanceSelect(select) {
    var options = Array.prototype.slice.call(select.options);
    var labels = options.filter(function (option) {
      return option.value !== "";
    }).map(optionText);
    var empty = options.filter(function (option) {
      return option.value === "";
    })[0];
    var current = select.selectedIndex >= 0 ? select.options[select.selectedIndex] : null;
    var settings = texts(select);
    settings.selectElement = select;
    settings.source = function (query, populate) {
      populate(matching(labels, query));
    };
    settings.defaultValue = current && current.value !== "" ? optionText(current) : "";
    settings.showAllValues = true;
    settings.dropdownArrow = function () {
      return "";
    };
    settings.minLength = 0;
    settings.required = select.required;
    settings.onConfirm = function (label) {
      var chosen = null;
      if (label === undefined) {
        var field = document.getElementById(select.id.replace(/-select$/, ""));
        if (field && field.value.trim() === "" && empty) {
          chosen = empty;
        }
      } else {
        chosen = options.filter(function (option) {
          return optionText(option) === label;
        })[0] || null;
      }
      if (chosen && !chosen.selected) {
        chosen.selected = true;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    };
    window.accessibleAutocomplete.enhanceSelectElement(settings);
  }

  // Several choices: a search field above the checkboxes, which are hidden; choosing ticks a box and lists the
  // choice with a "Remove" button that unticks it.
  function enhanceCheckboxes(fieldset, index) {
    var list = fieldset.querySelector("[data-choices]");
    var boxes = Array.prototype.slice.call(fieldset.querySelectorAll('input[type="checkbox"]'));
    if (!list || boxes.length === 0) {
      return;
    }
    var data = fieldset.dataset;
    var labelOf = function (box) {
      var label = fieldset.querySelector('label[for="' + box.id + '"]');
      return label ? label.textContent.trim() : box.value;
    };
    var fieldId = (boxes[0].name || "choices") + "-search-" + index;

    var group = document.createElement("div");
    group.className = "form-group autocomplete-multiple";
    var label = document.createElement("label");
    label.className = "form-label";
    label.setAttribute("for", fieldId);
    label.textContent = data.acAddLabel;
    // The field's own label says what is added ("Organisations"), also to the search field on its own.
    if (data.acField) {
      var what = document.createElement("span");
      what.className = "sr-only";
      what.textContent = " (" + data.acField + ")";
      label.appendChild(what);
    }
    var holder = document.createElement("div");
    var chosenHeading = document.createElement("p");
    chosenHeading.className = "form-hint";
    chosenHeading.id = fieldId + "-chosen";
    chosenHeading.textContent = data.acChosen;
    var chosenList = document.createElement("ul");
    chosenList.className = "chosen-list";
    chosenList.setAttribute("aria-labelledby", chosenHeading.id);
    group.appendChild(label);
    group.appendChild(holder);
    group.appendChild(chosenHeading);
    group.appendChild(chosenList);
    list.parentNode.insertBefore(group, list);
    list.hidden = true;

    function render() {
      chosenList.textContent = "";
      var ticked = boxes.filter(function (box) {
        return box.checked;
      });
      if (ticked.length === 0) {
        var none = document.createElement("li");
        none.textContent = data.acNoneChosen;
        chosenList.appendChild(none);
      }
      ticked.forEach(function (box) {
        var item = document.createElement("li");
        var name = document.createElement("span");
        name.textContent = labelOf(box);
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "button button-secondary button-small";
        remove.textContent = data.acRemove;
        var hidden = document.createElement("span");
        hidden.className = "sr-only";
        hidden.textContent = " " + labelOf(box);
        remove.appendChild(hidden);
        remove.addEventListener("click", function () {
          box.checked = false;
          render();
          var field = document.getElementById(fieldId);
          if (field) {
            field.focus();
          }
        });
        item.appendChild(name);
        item.appendChild(remove);
        chosenList.appendChild(item);
      });
    }

    var settings = texts(fieldset);
    settings.element = holder;
    settings.id = fieldId;
    settings.minLength = 1;
    settings.confirmOnBlur = false;
    settings.source = function (query, populate) {
      populate(
        matching(
          boxes.filter(function (box) {
            return !box.checked;
          }).map(labelOf),
          query
        )
      );
    };
    settings.onConfirm = function (chosen) {
      if (chosen === undefined) {
        return;
      }
      var box = boxes.filter(function (candidate) {
        return labelOf(candidate) === chosen;
      })[0];
      if (box) {
        box.checked = true;
        render();
      }
      // Empty the field for the next choice once the package has written the chosen text into it; the input
      // event tells the package too, so it does not put the text back.
      window.setTimeout(function () {
        var field = document.getElementById(fieldId);
        if (field) {
          field.value = "";
          field.dispatchEvent(new Event("input", { bubbles: true }));
        }
      }, 0);
    };
    window.accessibleAutocomplete(settings);
    render();
  }

  function enhance(root) {
    if (typeof window.accessibleAutocomplete !== "function") {
      return;
    }
    Array.prototype.forEach.call(root.querySelectorAll("select[data-autocomplete]"), function (select) {
      if (!select.hasAttribute("data-autocomplete-ready")) {
        select.setAttribute("data-autocomplete-ready", "");
        enhanceSelect(select);
      }
    });
    Array.prototype.forEach.call(root.querySelectorAll("fieldset[data-autocomplete-multiple]"), function (fieldset, index) {
      if (!fieldset.hasAttribute("data-autocomplete-ready")) {
        fieldset.setAttribute("data-autocomplete-ready", "");
        enhanceCheckboxes(fieldset, index);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    enhance(event.target || document);
  });
})();
