from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from frivillig.communication.models import ContentPage
from frivillig.core.services import log_action

if TYPE_CHECKING:
    from frivillig.accounts.models import User


@transaction.atomic
def content_page_save(*, page: ContentPage, body_da: str, body_en: str, actor: User | None) -> ContentPage:
    page.body_da = body_da.strip()
    page.body_en = body_en.strip()
    page.updated_by = actor
    page.save()
    log_action("communication.page.updated", actor=actor, tenant=page.tenant, target=page, data={"kind": page.kind})
    return page
