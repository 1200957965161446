from __future__ import annotations

from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils import translation

from frivillig.communication.models import ContentPage

if TYPE_CHECKING:
    from frivillig.tenants.models import Tenant


def default_body(*, tenant: Tenant, kind: str, language: str) -> str:
    """The starting text of a page, written for this tenant, until its administrator changes it."""
    with translation.override(language):
        return render_to_string(f"communication/defaults/{kind}.txt", {"tenant": tenant}).strip()


def content_page(*, tenant: Tenant, kind: str) -> ContentPage:
    """The saved page, or an unsaved one holding the default texts."""
    page = ContentPage.objects.filter(tenant=tenant, kind=kind).first()
    if page is None:
        page = ContentPage(
            tenant=tenant,
            kind=kind,
            body_da=default_body(tenant=tenant, kind=kind, language="da"),
            body_en=default_body(tenant=tenant, kind=kind, language="en"),
        )
    return page
