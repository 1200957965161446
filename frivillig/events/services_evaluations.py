"""The evaluation of an event: the day after it ends (Danish time), its evaluation survey goes to those who
attended, through the surveys' invitations, with the event's name in the mail. Once per event and per person."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_scopes import scope

from frivillig.core.scoping import unscoped
from frivillig.core.services import log_action
from frivillig.events.enums import AttendanceStatus, EventStatus, RegistrationStatus
from frivillig.events.models import Attendance, Event, Registration
from frivillig.surveys.enums import SurveyStatus
from frivillig.surveys.selectors_invitations import DEFAULT_LANGUAGE, Recipient
from frivillig.surveys.services import SurveyEditRefused
from frivillig.surveys.services_invitations import survey_invite, survey_open

logger = logging.getLogger(__name__)

# An event that ended longer ago than this is not evaluated any more (a command that did not run for a while, or
# an evaluation survey added to an old event, must not send a survey about something long past).
EVALUATION_WINDOW_DAYS = 7


@dataclass
class EvaluationRun:
    sent: dict[int, int] = field(default_factory=dict)  # event id -> invitations sent
    skipped: dict[int, str] = field(default_factory=dict)  # event id -> why


def events_due_for_evaluation(*, now: datetime):
    """Events whose last day (Danish time) is before today and at most EVALUATION_WINDOW_DAYS ago, with an
    evaluation survey, not cancelled, not yet evaluated. All tenants (a command's read)."""
    today = timezone.localdate(now)
    start_of_today = timezone.make_aware(datetime.combine(today, datetime.min.time()))
    return (
        Event.objects.filter(
            evaluation_survey__isnull=False,
            evaluation_sent_at__isnull=True,
            ends_at__lt=start_of_today,
            ends_at__gte=start_of_today - timedelta(days=EVALUATION_WINDOW_DAYS),
        )
        .exclude(status=EventStatus.CANCELLED)
        .select_related("tenant", "evaluation_survey")
        .order_by("ends_at", "pk")
    )


def _attendees(event: Event):
    attended = Attendance.objects.filter(registration=OuterRef("pk"), status=AttendanceStatus.ATTENDED)
    return (
        Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED, evaluation_sent_at__isnull=True)
        .filter(Exists(attended))
        .order_by("pk")
    )


def event_evaluation_send(*, event: Event, now: datetime, base_url: str = "") -> int:
    """Invite those who attended the event to its evaluation survey; returns how many invitations went out.

    A draft survey is opened first (staff chose it as the event's evaluation, so it is meant to be answered); a
    closed one is not reopened: that refusal (SurveyEditRefused) leaves the event to be tried again."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.evaluation_sent_at is not None or locked.evaluation_survey is None:
            return 0
        survey = locked.evaluation_survey
        if survey.status == SurveyStatus.DRAFT:
            survey = survey_open(survey=survey, actor=None)
        elif survey.status != SurveyStatus.OPEN:
            raise SurveyEditRefused(f"The evaluation survey {survey.pk} is {survey.status}, not open.")
        attendees = list(_attendees(locked))
        recipients = [
            Recipient(
                email=registration.email,
                label=registration.full_name,
                organisation_id=registration.organisation_id,
                language=registration.language or DEFAULT_LANGUAGE,
            )
            for registration in attendees
        ]
        sent = 0
        if recipients:
            sent = survey_invite(
                survey=survey, actor=None, recipients=recipients, base_url=base_url, about=locked.title
            )
        Registration.objects.filter(pk__in=[registration.pk for registration in attendees]).update(
            evaluation_sent_at=now
        )
        locked.evaluation_sent_at = now
        locked.save(update_fields=["evaluation_sent_at", "updated_at"])
        log_action(
            "events.evaluation.sent",
            actor=None,
            tenant=locked.tenant,
            target=locked,
            data={"survey": survey.pk, "count": sent},
        )
    return sent


def evaluations_send(*, now: datetime | None = None, base_url: str = "") -> EvaluationRun:
    """Every due event's evaluation, in every tenant (see events_due_for_evaluation); an event whose survey cannot be
    opened is skipped and tried again the next day."""
    now = now or timezone.now()
    run = EvaluationRun()
    with unscoped("the evaluation job runs for the whole site"):
        due = list(events_due_for_evaluation(now=now))
    for event in due:
        with scope(tenant=event.tenant):
            try:
                run.sent[event.pk] = event_evaluation_send(event=event, now=now, base_url=base_url)
            except SurveyEditRefused as refusal:
                run.skipped[event.pk] = str(refusal)
                logger.warning("Evaluation of event %s not sent: the survey is not open (%s)", event.pk, refusal)
    return run
