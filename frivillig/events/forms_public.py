"""The public event lists' filters (GET parameters). A value that does not validate is ignored, never an error."""

import re
from datetime import date
from typing import cast

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from frivillig.core.params import MAX_YEAR, MIN_YEAR
from frivillig.crm.models import Tag
from frivillig.events.enums import EventKind
from frivillig.events.selectors_public import EventFilter, NationalOptions
from frivillig.tenants.models import Tenant

_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def parse_month(value) -> date | None:
    """The first day of a month written as YYYY-MM, or None."""
    match = _MONTH.fullmatch(str(value or "").strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        return None
    return date(year, month, 1)


class QuickSelect(forms.Select):
    """A select whose options are written in Python: the national list offers about a hundred municipalities, and
    Django's template-rendered options would take most of the page's time."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = "" if value is None else str(value)
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        attributes = flatatt(final)
        options = "".join(
            format_html(
                '<option value="{}"{}>{}</option>',
                key,
                mark_safe(" selected") if str(key) == chosen else "",
                label,
            )
            for key, label in self.choices
        )
        return mark_safe(f"<select{attributes}>{options}</select>")  # noqa: S308 - every part is escaped above


class MonthField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2027-03"})

    def clean(self, value):
        value = super().clean(value)
        if value and parse_month(value) is None:
            raise forms.ValidationError(_("Write the month as year and month, for example 2027-03."))
        return parse_month(value)


class EventFilterForm(forms.Form):
    type = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices])
    tema = forms.ChoiceField(label=_("Theme"), required=False)
    maaned = MonthField(label=_("Month"), required=False, help_text=_("For example 2027-03."))
    tidligere = forms.BooleanField(label=_("Show past events"), required=False)

    def __init__(self, *args, themes: list[Tag], **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = {str(theme.pk): theme for theme in themes}
        theme_field = cast(forms.ChoiceField, self.fields["tema"])
        theme_field.choices = [("", _("All themes")), *((key, tag.label) for key, tag in self.themes.items())]

    def criteria(self) -> EventFilter:
        if not self.is_valid():
            return EventFilter()
        data = self.cleaned_data
        return EventFilter(
            kind=data["type"],
            theme=self.themes.get(data["tema"]),
            month=data["maaned"],
            past=data["tidligere"] and data["maaned"] is None,
        )


class NationalEventFilterForm(forms.Form):
    type = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices], widget=QuickSelect
    )
    tema = forms.ChoiceField(label=_("Theme"), required=False, widget=QuickSelect)
    kommune = forms.ChoiceField(label=_("Municipality"), required=False, widget=QuickSelect)

    def __init__(self, *args, options: NationalOptions, **kwargs):
        super().__init__(*args, **kwargs)
        self.tenants: dict[str, Tenant] = {tenant.slug: tenant for tenant in options.tenants}
        cast(forms.ChoiceField, self.fields["tema"]).choices = [("", _("All themes")), *options.themes]
        cast(forms.ChoiceField, self.fields["kommune"]).choices = [
            ("", _("All municipalities")),
            *((tenant.slug, tenant.municipality_name) for tenant in options.tenants),
        ]

    def criteria(self) -> EventFilter:
        if not self.is_valid():
            return EventFilter()
        data = self.cleaned_data
        return EventFilter(kind=data["type"], theme_word=data["tema"], tenant=self.tenants.get(data["kommune"]))
