"""The tenant admin's retention periods: one number per period a tenant may choose, in months where whole months
say it exactly (else in days), within the legal bounds the register declares."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from frivillig.core.retention import (
    TenantSetting,
    days_to_months,
    in_months,
    month_bounds,
    months_to_days,
    tenant_settings,
)
from frivillig.tenants.models import Tenant


def _months(count: int) -> str:
    return ngettext("%(count)s month", "%(count)s months", count) % {"count": count}


def _days(count: int) -> str:
    return ngettext("%(count)s day", "%(count)s days", count) % {"count": count}


class PeriodField(forms.IntegerField):
    def __init__(self, setting: TenantSetting, **kwargs):
        self.setting = setting
        retention = setting.retention
        assert retention.days is not None
        assert retention.minimum_days is not None and retention.maximum_days is not None
        self.months = in_months(retention)
        if self.months:
            self.low, self.high = month_bounds(retention)
            default, unit = days_to_months(retention.days), _months
        else:
            self.low, self.high = retention.minimum_days, retention.maximum_days
            default, unit = retention.days, _days
        self.unit = unit
        what = setting.retention.label or capfirst(", ".join(setting.applies_to))
        label = (_("%(what)s (months)") if self.months else _("%(what)s (days)")) % {"what": what}
        help_text = _(
            "Kept for the chosen period %(after)s. Allowed: %(low)s to %(high)s; the default is %(default)s."
        ) % {
            "after": setting.after,
            "low": unit(self.low),
            "high": unit(self.high),
            "default": unit(default),
        }
        super().__init__(
            label=label,
            help_text=help_text,
            error_messages={
                "required": gettext_lazy("Write a period."),
                "invalid": gettext_lazy("Write the period as a whole number."),
            },
            **kwargs,
        )

    def to_days(self, value: int) -> int:
        return months_to_days(value) if self.months else value

    def from_days(self, days: int) -> int:
        return days_to_months(days) if self.months else days

    def validate(self, value) -> None:
        super().validate(value)
        if value is not None and not self.low <= value <= self.high:
            raise forms.ValidationError(
                _("Choose a period from %(low)s to %(high)s.")
                % {"low": self.unit(self.low), "high": self.unit(self.high)}
            )


class RetentionSettingsForm(forms.Form):
    def __init__(self, *args, tenant: Tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups: list[tuple[str, list[str]]] = []
        for group in tenant_settings():
            names = []
            for setting in group.settings:
                field = PeriodField(setting)
                days, _is_default = setting.retention.days_for(tenant)
                assert days is not None
                field.initial = field.from_days(days)
                self.fields[setting.key] = field
                names.append(setting.key)
            self.groups.append((group.activity, names))

    def grouped(self):
        """(activity, its bound fields), for the page."""
        return [(activity, [self[name] for name in names]) for activity, names in self.groups]

    def days(self) -> dict[str, int]:
        """The chosen periods in days, by setting key."""
        return {name: self.fields[name].to_days(value) for name, value in self.cleaned_data.items()}
