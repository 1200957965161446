"""What erasing a person asks of the strategy app beyond the register (see core/erasure.py).

A published report version is the committee's frozen record (`ReportVersion.content`): its figures stay as they
were. But the counted records it lists (shown to staff beside each target) are named as they were when it was
published, and may name a participant or a respondent. Such a record keeps its place in the count and loses its
name, its link and its detail.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from frivillig.core.erasure import identifying_strings, names_person
from frivillig.core.privacy import ERASED_TEXT
from frivillig.strategy.models import ReportVersion


def _scrubbed(value: Any, needles: set[str]) -> tuple[Any, bool]:
    """`value` (frozen JSON) with each counted record that names the person made nameless; and whether any was."""
    if isinstance(value, list):
        changed = False
        items = []
        for item in value:
            new, item_changed = _scrubbed(item, needles)
            items.append(new)
            changed = changed or item_changed
        return items, changed
    if not isinstance(value, dict):
        return value, False
    result, changed = {}, False
    for key, item in value.items():
        if key == "records" and isinstance(item, list):
            records = []
            for record in item:
                text = f"{record.get('label', '')} {record.get('detail', '')}" if isinstance(record, dict) else ""
                if text and names_person(text, needles):
                    record = {**record, "label": ERASED_TEXT, "url": "", "detail": ""}
                    changed = True
                records.append(record)
            result[key] = records
        else:
            result[key], item_changed = _scrubbed(item, needles)
            changed = changed or item_changed
    return result, changed


def erase(identities) -> None:
    needles = identifying_strings(identities)
    if not needles:
        return
    versions: QuerySet[ReportVersion] = ReportVersion.objects.all()
    if identities.tenant is not None:
        versions = versions.filter(tenant=identities.tenant)
    for pk, content in versions.values_list("pk", "content").iterator(chunk_size=100):
        scrubbed, changed = _scrubbed(content, needles)
        if changed:
            ReportVersion.objects.filter(pk=pk).update(content=scrubbed)
