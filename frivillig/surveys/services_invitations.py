"""Asking people: opening and closing a survey, sending invitations and reminders, and the open link.

Mails go out after the commit, one at a time and each on its own (a mail server that fails for one recipient must
not stop the others or undo the invitations). The first invitation, or the open link, fixes the survey's anonymity
and its smallest group (survey_save refuses to change them from then on)."""

from __future__ import annotations

import math
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frivillig.core.audit import register_actions
from frivillig.core.email import send_templated_mail
from frivillig.core.links import site_url
from frivillig.core.services import log_action
from frivillig.surveys.caching import results_changed
from frivillig.surveys.enums import SurveyStatus
from frivillig.surveys.models import Invitation, Question, Survey
from frivillig.surveys.selectors_invitations import Recipient, reminders_due, survey_accepts_reminders
from frivillig.surveys.services import SurveyEditRefused

register_actions(
    {
        "surveys.survey.opened": gettext_lazy("Survey opened"),
        "surveys.survey.closed": gettext_lazy("Survey closed"),
        "surveys.survey.reopened": gettext_lazy("Survey reopened"),
        "surveys.invitations.sent": gettext_lazy("Survey invitations sent"),
        "surveys.reminders.sent": gettext_lazy("Survey reminders sent"),
        "surveys.open_link.created": gettext_lazy("Open link of a survey created"),
        "surveys.open_link.removed": gettext_lazy("Open link of a survey turned off"),
    }
)

INVITATION_MAIL = "surveys/email/invitation"
REMINDER_MAIL = "surveys/email/reminder"
# A rough reading pace for the mail's "about N minutes": half a minute a question, never under two minutes.
MINUTES_PER_QUESTION = 0.5
MINIMUM_MINUTES = 2


def _locked(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().get(pk=survey.pk)


def _lock_anonymity(survey: Survey, now: datetime) -> None:
    if survey.anonymity_locked_at is None:
        survey.anonymity_locked_at = now


def _log(code: str, survey: Survey, actor, data: dict | None = None) -> None:
    log_action(code, actor=actor, tenant=survey.tenant, target=survey, data=data)


# --- status ---------------------------------------------------------------------------------------------------


def survey_open(*, survey: Survey, actor) -> Survey:
    with transaction.atomic():
        saved = _locked(survey)
        if saved.status != SurveyStatus.DRAFT:
            raise SurveyEditRefused(_("Only a draft can be opened."))
        if not Question.objects.filter(section__survey=saved).exists():
            raise SurveyEditRefused(_("The survey cannot be opened: it has no questions yet. Add a question first."))
        if saved.closes_at is not None and saved.closes_at <= timezone.now():
            raise SurveyEditRefused(
                _("The survey cannot be opened: its closing time has passed. Change it in the settings first.")
            )
        saved.status = SurveyStatus.OPEN
        saved.save(update_fields=["status", "updated_at"])
        _log("surveys.survey.opened", saved, actor)
    return saved


def survey_close(*, survey: Survey, actor) -> Survey:
    with transaction.atomic():
        saved = _locked(survey)
        if saved.status != SurveyStatus.OPEN:
            raise SurveyEditRefused(_("Only an open survey can be closed."))
        saved.status = SurveyStatus.CLOSED
        saved.closed_at = timezone.now()
        saved.save(update_fields=["status", "closed_at", "updated_at"])
        _log("surveys.survey.closed", saved, actor)
    return saved


def survey_reopen(*, survey: Survey, actor) -> Survey:
    with transaction.atomic():
        saved = _locked(survey)
        if saved.status != SurveyStatus.CLOSED:
            raise SurveyEditRefused(_("Only a closed survey can be reopened."))
        if saved.closes_at is not None and saved.closes_at <= timezone.now():
            raise SurveyEditRefused(
                _(
                    "The survey cannot be reopened: its closing time has passed. Set a later closing time in the "
                    "settings, then reopen it."
                )
            )
        saved.status = SurveyStatus.OPEN
        saved.closed_at = None
        saved.save(update_fields=["status", "closed_at", "updated_at"])
        _log("surveys.survey.reopened", saved, actor)
    return saved


# --- mails ----------------------------------------------------------------------------------------------------


def estimated_minutes(survey: Survey) -> int:
    questions = Question.objects.filter(section__survey=survey).count()
    return max(MINIMUM_MINUTES, math.ceil(questions * MINUTES_PER_QUESTION))


def _mail_context(survey: Survey, token: str, base_url: str, minutes: int, about: str = "") -> dict:
    kwargs = {"tenant_slug": survey.tenant.slug, "token": token}
    return {
        "tenant": survey.tenant,
        "survey": survey,
        "minutes": minutes,
        # What the survey asks about, when another app sends it (an event's evaluation names the event).
        "about": about,
        "link": base_url + reverse("surveys:respond", kwargs=kwargs),
        "decline_link": base_url + reverse("surveys:respond_decline", kwargs=kwargs),
    }


def _send_after_commit(
    template: str, survey: Survey, rows: Sequence[tuple[str, str, str]], base_url: str, about: str = ""
) -> None:
    """`rows` are (e-mail, token, language). Each mail is its own robust callback."""
    minutes = estimated_minutes(survey)
    for email, token, language in rows:
        context = _mail_context(survey, token, base_url, minutes, about)
        transaction.on_commit(
            partial(
                send_templated_mail,
                to=email,
                template=template,
                context=context,
                language=language,
                tenant=survey.tenant,
            ),
            robust=True,
        )


# --- invitations ----------------------------------------------------------------------------------------------


def survey_invite(
    *, survey: Survey, actor, recipients: Sequence[Recipient], base_url: str = "", about: str = ""
) -> int:
    """Create and send an invitation to each recipient not yet invited; returns how many went out. `about` names
    what the survey asks about (e.g. the event an evaluation is of); the invitation mail says it."""
    base_url = (base_url or site_url()).rstrip("/")
    now = timezone.now()
    with transaction.atomic():
        saved = _locked(survey)
        if saved.status != SurveyStatus.OPEN:
            raise SurveyEditRefused(_("Only an open survey can send invitations. Open the survey first."))
        # Checked again under the survey's lock: two staff sending at once must not invite anyone twice.
        invited = {email.lower() for email in Invitation.objects.filter(survey=saved).values_list("email", flat=True)}
        fresh: dict[str, Recipient] = {}
        for recipient in recipients:
            email = recipient.email.lower()
            if email not in invited and email not in fresh:
                fresh[email] = recipient
        invitations = Invitation.objects.bulk_create(
            [
                Invitation(
                    tenant=saved.tenant,
                    survey=saved,
                    email=email,
                    person_id=recipient.person_id,
                    organisation_id=recipient.organisation_id,
                    language=recipient.language,
                    sent_at=now,
                )
                for email, recipient in fresh.items()
            ],
            batch_size=500,
        )
        if invitations:
            _lock_anonymity(saved, now)
            saved.save(update_fields=["anonymity_locked_at", "updated_at"])
            # The response rate counts the invitations sent.
            results_changed([saved])
        _log("surveys.invitations.sent", saved, actor, {"count": len(invitations)})
        _send_after_commit(
            INVITATION_MAIL,
            saved,
            [(invitation.email, invitation.token, invitation.language) for invitation in invitations],
            base_url,
            about,
        )
    survey.anonymity_locked_at = saved.anonymity_locked_at
    return len(invitations)


def survey_send_reminders(
    *, survey: Survey, actor, now: datetime, older_than: timedelta | None = None, base_url: str = ""
) -> int:
    """Remind those who have not answered (nor declined), at most the survey's maximum each; returns how many went
    out. Nothing when the survey is not open or its closing time has passed."""
    base_url = (base_url or site_url()).rstrip("/")
    with transaction.atomic():
        saved = _locked(survey)
        if not survey_accepts_reminders(saved, now):
            return 0
        due = list(
            reminders_due(saved, now=now, older_than=older_than)
            .select_for_update()
            .values_list("pk", "email", "token", "language")
        )
        if not due:
            return 0
        Invitation.objects.filter(pk__in=[row[0] for row in due]).update(
            reminders_sent=F("reminders_sent") + 1, last_reminded_at=now
        )
        _log("surveys.reminders.sent", saved, actor, {"count": len(due)})
        _send_after_commit(REMINDER_MAIL, saved, [row[1:] for row in due], base_url)
    return len(due)


# --- the open link --------------------------------------------------------------------------------------------


def open_link_create(*, survey: Survey, actor) -> Survey:
    with transaction.atomic():
        saved = _locked(survey)
        if not saved.is_anonymous:
            raise SurveyEditRefused(
                _(
                    "Only an anonymous survey can have an open link: with a named survey the answers must show "
                    "who gave them, and an open link cannot tell."
                )
            )
        if not saved.open_link_token:
            saved.open_link_token = secrets.token_urlsafe(32)
            _lock_anonymity(saved, timezone.now())
            saved.save(update_fields=["open_link_token", "anonymity_locked_at", "updated_at"])
            _log("surveys.open_link.created", saved, actor)
    return saved


def open_link_remove(*, survey: Survey, actor) -> Survey:
    with transaction.atomic():
        saved = _locked(survey)
        if saved.open_link_token:
            saved.open_link_token = ""
            saved.save(update_fields=["open_link_token", "updated_at"])
            _log("surveys.open_link.removed", saved, actor)
    return saved
