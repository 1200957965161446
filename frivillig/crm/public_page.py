"""Parts that other apps add to an association's public page (the directory's detail page).

crm sits below the apps that know what an association offers (its volunteer opportunities, later its events), so
it cannot ask them by name. Each app that has something to show puts `ORGANISATION_PAGE = [OrganisationSection(...)]`
in its `menu.py`, as it does with its front-page sections, and the page renders what they give, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from frivillig.core import registry

if TYPE_CHECKING:
    from frivillig.crm.models import Organisation


@dataclass(frozen=True)
class OrganisationSection:
    """A part of an association's public page: a template, its place, and what it needs.

    `context(request, organisation)` returns the template's variables, or None when there is nothing to show."""

    template: str
    order: int
    context: Callable[[Any, Organisation], dict | None]


def organisation_page_sections(request, organisation: Organisation) -> list[SafeString]:
    """The parts the apps offer for this association's public page, rendered, in order."""
    sections = sorted(registry.collect("menu", "ORGANISATION_PAGE"), key=lambda section: section.order)
    rendered = []
    for section in sections:
        extra = section.context(request, organisation)
        if extra is None:
            continue
        context = {"organisation": organisation, "tenant": getattr(request, "tenant", None), **extra}
        rendered.append(SafeString(render_to_string(section.template, context, request=request)))
    return rendered
