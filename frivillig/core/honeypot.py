"""The honeypot of the public forms: a field no person sees or reaches (hidden by a class, aria-hidden, out of the
tab order, no autofill), but which form-filling robots happily complete. A form that comes back with it filled in is
answered as if it had succeeded and stores nothing, so a robot learns nothing.

Forms that are Django forms declare `honeypot_field()` and mix in `HoneypotMixin`; other pages render
`core/ui/honeypot.html` and ask `is_robot(request.POST)`."""

from collections.abc import Mapping

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"
HONEYPOT_LABEL = _("Leave this field empty")


def honeypot_field() -> forms.CharField:
    return forms.CharField(required=False, label=HONEYPOT_LABEL)


def is_robot(data: Mapping) -> bool:
    value = data.get(HONEYPOT_FIELD, "")
    return bool(str(value or "").strip())


class HoneypotMixin:
    def is_robot(self) -> bool:
        return is_robot(self.data)
