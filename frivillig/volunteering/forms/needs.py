"""The period of the "where volunteers are lacking" overview: GET parameters `fra` and `til` (dates)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.volunteering.selectors.needs import Period

DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}


class NeedsPeriodForm(forms.Form):
    fra = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(**DATE_WIDGET))
    til = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(**DATE_WIDGET))

    def __init__(self, data, *, today):
        self.default = Period.last_twelve_months(today)
        # Unbound without parameters, so the page opens showing the default period in the fields.
        has_data = any(data.get(name) for name in ("fra", "til"))
        super().__init__(data if has_data else None, initial={"fra": self.default.start, "til": self.default.end})

    def clean(self):
        data = super().clean()
        start, end = data.get("fra") or self.default.start, data.get("til") or self.default.end
        if start > end:
            raise forms.ValidationError(_("The period must start before it ends."), code="period_reversed")
        return data

    def period(self) -> Period:
        """The chosen period; where a date is missing or wrong, the default's. Never an error page."""
        if not self.is_bound or not self.is_valid():
            return self.default
        return Period(
            start=self.cleaned_data.get("fra") or self.default.start,
            end=self.cleaned_data.get("til") or self.default.end,
        )
