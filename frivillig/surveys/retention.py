"""Retention rules for surveys (see core/retention.py)."""

from __future__ import annotations

from datetime import datetime

from django.db import models, transaction

from frivillig.core.retention import RetentionRule, cutoff, period_days
from frivillig.surveys.caching import results_changed
from frivillig.surveys.models import Answer, Invitation, Response, Survey, survey_ended_before


def _named_responses_due(tenant, now: datetime) -> models.QuerySet[Response]:
    days = period_days("surveys_closed_named_response_days", tenant)
    named = models.Q(person__isnull=False) | models.Q(organisation__isnull=False)
    return Response.objects.filter(named, survey_ended_before(cutoff(days, now), "survey__")).order_by("pk")


def _named_responses_anonymise(rows: models.QuerySet[Response], tenant, now: datetime) -> int:
    ids = list(rows.values_list("pk", flat=True))
    if not ids:
        return 0
    with transaction.atomic():
        results_changed(Survey.objects.filter(pk__in=Response.objects.filter(pk__in=ids).values("survey_id")))
        Answer.objects.filter(response__in=ids).exclude(text="", organisation=None).update(text="", organisation=None)
        return Response.objects.filter(pk__in=ids).update(person=None, organisation=None)


def _invitations_due(tenant, now: datetime) -> models.QuerySet[Invitation]:
    days = period_days("surveys_closed_invitation_days", tenant)
    return Invitation.objects.filter(survey_ended_before(cutoff(days, now), "survey__")).order_by("pk")


def _invitations_delete(rows: models.QuerySet[Invitation], tenant, now: datetime) -> int:
    invitations = Invitation.objects.filter(pk__in=list(rows.values_list("pk", flat=True)))
    with transaction.atomic():
        # The response rate counts the invitations.
        results_changed(Survey.objects.filter(pk__in=invitations.values("survey_id")))
        deleted, _per_model = invitations.delete()
    return deleted


RULES = [
    RetentionRule(
        key="surveys.closed_invitations",
        description_da="Invitationer til en lukket undersøgelse slettes, når centrets opbevaringsperiode er gået.",
        description_en="Invitations to a closed survey are deleted when the centre's retention period is over.",
        due=_invitations_due,
        apply=_invitations_delete,
        enforces=("surveys_closed_invitation_days",),
    ),
    RetentionRule(
        key="surveys.closed_named_responses",
        description_da=(
            "Navngivne svar på en lukket undersøgelse anonymiseres, når centrets opbevaringsperiode er gået; "
            "tallene bevares."
        ),
        description_en=(
            "Named responses to a closed survey are anonymised when the centre's retention period is over; the "
            "figures are kept."
        ),
        due=_named_responses_due,
        apply=_named_responses_anonymise,
        enforces=("surveys_closed_named_response_days",),
        # A response has no time of its own (anonymity); its survey's closing is what dates it.
        dated_by="",
    ),
]
