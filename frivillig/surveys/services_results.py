"""Writes of the results pages: the staff's summary and conclusions, placed at the top of the report."""

from __future__ import annotations

from django.db import transaction

from frivillig.core.services import log_action
from frivillig.surveys.models import Survey


def survey_summary_save(*, survey: Survey, summary: str, actor) -> Survey:
    with transaction.atomic():
        survey.summary = summary.strip()
        survey.save(update_fields=["summary", "updated_at"])
        log_action("surveys.survey.summary_saved", actor=actor, tenant=survey.tenant, target=survey)
    return survey
