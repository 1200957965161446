"""Widgets for long choice lists (organisations, people): a type-to-search field in the browser, a plain control
without JavaScript.

`frivillig/static/frivillig/autocomplete.js` upgrades them with the accessible-autocomplete package (the one
GOV.UK and Danish public services use): a `<select data-autocomplete>` becomes a text field that suggests as you
type, and a list of checkboxes marked `data-autocomplete-multiple` becomes such a field plus the list of what is
chosen, each with a "Remove" button. The form receives exactly what the plain control would send, so forms,
validation and tests are the same with and without JavaScript. The texts the script speaks travel with the
widget as data attributes, in the language of the page.
"""

from django import forms
from django.utils.translation import gettext_lazy as _


def autocomplete_texts() -> dict[str, str]:
    """What the search field says and announces, by data attribute (without the `data-` prefix)."""
    return {
        "ac-no-results": _("Nothing matches what you typed."),
        "ac-hint": _(
            "Type to search. Use the up and down arrows to go through the suggestions and Enter to choose one."
        ),
        "ac-one-result": _("1 suggestion."),
        # "%(count)s" and the others below are filled in by the script.
        "ac-many-results": _("%(count)s suggestions."),
        "ac-highlighted": _("%(option)s, %(position)s of %(count)s, is highlighted."),
        "ac-too-short": _("Type at least %(count)s characters to see suggestions."),
        "ac-add-label": _("Find and add"),
        "ac-remove": _("Remove"),
        "ac-none-chosen": _("None chosen yet."),
        "ac-chosen": _("Chosen"),
    }


class AutocompleteSelect(forms.Select):
    """One choice of many: a select that becomes a search field."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        # core.templatetags.ui gives every widget it does not know as a select DKFDS's text-field class.
        widget_attrs["class"] = "form-select"
        widget_attrs["data-autocomplete"] = ""
        widget_attrs.update({f"data-{key}": str(text) for key, text in autocomplete_texts().items()})
        return context


class AutocompleteCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Several choices of many: checkboxes without JavaScript, never a Ctrl-click list; a search field and the
    list of chosen items with it. core/ui/field.html draws it as a fieldset of checkboxes with the texts."""

    autocomplete = True

    def autocomplete_data(self) -> dict[str, str]:
        return {f"data-{key}": str(text) for key, text in autocomplete_texts().items()}
