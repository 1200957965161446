"""Readable names for audit-log action codes. Each app registers its own codes when it starts."""

from django.utils.functional import Promise

_LABELS: dict[str, Promise | str] = {}


def register_actions(labels: dict[str, Promise | str]) -> None:
    _LABELS.update(labels)


def action_label(code: str) -> str:
    return str(_LABELS.get(code, code))
