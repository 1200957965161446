"""What every form field of the project accepts, decided once (installed by CoreConfig.ready).

A form of this project, present or future, inherits these rules without saying so, because they sit on Django's
own field classes rather than on a base form that a new form could forget:

- text: control characters (C0 but tab, line feed and carriage return; DEL; C1; U+FFFE/U+FFFF) are removed.
  Nobody types them on purpose, and they break what the text later becomes: XML (the Atom feeds) and XLSX
  refuse them. Password fields keep what was typed (they are only hashed, never shown or exported).
- whole numbers must fit a 64-bit column, otherwise "Enter a whole number."
- dates and times must lie within the years of core.params (1900 to 2100 unless a field sets `min_year` or
  `max_year`): year 1 or 9999 is a typing error, and date arithmetic near them overflows.
- a multiple choice of model rows refuses values that cannot be an id before they reach the database (SQLite
  cannot even bind a 20-digit number).

core.params reads the same things from query strings, with the same bounds.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from frivillig.core.params import MAX_INT, MAX_YEAR, MIN_INT, MIN_YEAR, parse_int

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

DATE_OUT_OF_RANGE = _("Enter a date between the years %(first)s and %(last)s.")


def strip_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


def _char_to_python(original):
    def to_python(self, value):
        if isinstance(value, str) and not isinstance(self.widget, forms.PasswordInput):
            value = strip_control_characters(value)
        return original(self, value)

    return to_python


def _integer_to_python(original):
    def to_python(self, value):
        number = original(self, value)
        if number is not None and not MIN_INT <= number <= MAX_INT:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    return to_python


def _dated_to_python(original):
    def to_python(self, value):
        result = original(self, value)
        first, last = getattr(self, "min_year", MIN_YEAR), getattr(self, "max_year", MAX_YEAR)
        if result is not None and not first <= result.year <= last:
            raise ValidationError(DATE_OUT_OF_RANGE, code="date_out_of_range", params={"first": first, "last": last})
        return result

    return to_python


def _multiple_model_clean(original):
    def clean(self, value):
        if isinstance(value, list | tuple) and self.queryset is not None:
            model = self.queryset.model
            key = model._meta.pk if not self.to_field_name else model._meta.get_field(self.to_field_name)
            if isinstance(key, models.IntegerField):
                for item in value:
                    if parse_int(item) is None:
                        raise ValidationError(
                            self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                        )
        return original(self, value)

    return clean


_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    forms.CharField.to_python = _char_to_python(forms.CharField.to_python)
    forms.IntegerField.to_python = _integer_to_python(forms.IntegerField.to_python)
    forms.DateField.to_python = _dated_to_python(forms.DateField.to_python)
    forms.DateTimeField.to_python = _dated_to_python(forms.DateTimeField.to_python)
    forms.ModelMultipleChoiceField.clean = _multiple_model_clean(forms.ModelMultipleChoiceField.clean)
