"""Atom feeds that hold whatever text the database holds.

XML 1.0 cannot carry most control characters, and Django's feed writer refuses them with an error: one vertical
tab in one title would take the whole feed down. Forms strip them (core.formfields); this strips them again on
the way out, for text stored before that or by other paths.
"""

from django.utils.feedgenerator import Atom1Feed

from frivillig.core.formfields import strip_control_characters


def _clean(value):
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, list | tuple):
        return type(value)(_clean(item) for item in value)
    return value


class CleanAtom1Feed(Atom1Feed):
    def __init__(self, *args, **kwargs):
        super().__init__(*map(_clean, args), **{key: _clean(value) for key, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_clean, args), **{key: _clean(value) for key, value in kwargs.items()})
