"""Surveys: a survey's sections, questions and choices, and the responses with their answers.

Anonymity (issue 13): a response has a random id and no time of any kind, and its answers too (no auto-increment
id that would tell the order in which people answered); responses are ordered only by that random id."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, When
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from frivillig.surveys.enums import (
    CHOICE_KINDS,
    MINIMUM_GROUP_SIZE,
    SCALE_POINTS,
    QuestionKind,
    SurveyKind,
    SurveyStatus,
)


class Survey(models.Model):
    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=SurveyKind.choices, default=SurveyKind.NEEDS_ANALYSIS)
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    minimum_group_size = models.PositiveSmallIntegerField(_("smallest group shown"), default=MINIMUM_GROUP_SIZE)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    thank_you_text = models.TextField(_("thank-you text"), blank=True)
    max_reminders = models.PositiveSmallIntegerField(_("largest number of reminders"), default=2)
    status = models.CharField(_("status"), max_length=20, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    # When the centre closed it by hand (cleared when reopened). A survey also ends at its closing time: see
    # `survey_ended_at`, the moment it stopped taking answers, which respondents are told and retention counts from.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Set when the first invitation goes out (or the open link is first used): anonymity and the smallest group
    # are fixed from then on.
    anonymity_locked_at = models.DateTimeField(_("anonymity fixed"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("copied from")
    )
    # The open link (anonymous surveys only): anyone with it may answer, once per browser session, behind the
    # honeypot and the rate limit. Empty while the survey has no open link.
    open_link_token = models.CharField(_("open link"), max_length=64, blank=True, db_index=True)
    # The staff's summary and conclusions: placed at the top of the report.
    summary = models.TextField(_("summary and conclusions"), blank=True)
    # Renewed (+1) by every write that changes what the results page shows; the page's cached body is kept per
    # version (surveys/caching.py). A count of changes, never a time.
    results_version = models.PositiveIntegerField(_("version of the results"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_group_size__gte=MINIMUM_GROUP_SIZE), name="survey_minimum_group_size_at_least_5"
            ),
            models.CheckConstraint(
                condition=Q(opens_at=None) | Q(closes_at=None) | Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def anonymity_locked(self) -> bool:
        return self.anonymity_locked_at is not None


class Section(models.Model):
    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections", verbose_name=_("survey"))
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("section"))
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("type of question"), max_length=30, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.TextField(_("help text"), blank=True)
    required = models.BooleanField(_("must be answered"), default=False)
    scale_points = models.PositiveSmallIntegerField(
        _("points on the scale"), null=True, blank=True, choices=SCALE_POINTS
    )
    scale_low_label = models.CharField(_("text at the low end"), max_length=100, blank=True)
    scale_high_label = models.CharField(_("text at the high end"), max_length=100, blank=True)
    allow_dont_know = models.BooleanField(_("offer “don't know”"), default=False)
    number_min = models.IntegerField(_("smallest number"), null=True, blank=True)
    number_max = models.IntegerField(_("largest number"), null=True, blank=True)
    number_unit = models.CharField(_("unit"), max_length=30, blank=True)
    allow_other = models.BooleanField(_("offer “other, namely …”"), default=False)
    # "Show only if": an earlier single-choice or yes/no question and the answer that shows this one (a choice's
    # id, or "yes"/"no"). The services check that the question is earlier and of such a kind.
    show_if_question = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dependants",
        verbose_name=_("show only if the answer to"),
    )
    show_if_value = models.CharField(_("is"), max_length=40, blank=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=Q(number_min=None) | Q(number_max=None) | Q(number_max__gte=models.F("number_min")),
                name="question_number_range_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def has_choices(self) -> bool:
        return self.kind in CHOICE_KINDS


class Choice(models.Model):
    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question"))
    label = models.CharField(_("answer option"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    """One person's answers. No time of any kind, and a random id: see the module's note."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey"))
    # Named surveys only: whom the answer is from.
    organisation = models.ForeignKey(
        "crm.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        "crm.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("person")
    )
    submitted = models.BooleanField(_("submitted"), default=False)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["id"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return str(_("Response to %(survey)s")) % {"survey": self.survey}


class Answer(models.Model):
    """One answer to one question; a multiple-choice question has a row per chosen option (and one with the text
    of "other, namely …"). Its id is random for the same reason as the response's."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response"))
    # PROTECT: an answered question or option is never deleted (the services refuse first, with a reason).
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question"))
    choice = models.ForeignKey(
        Choice, null=True, blank=True, on_delete=models.PROTECT, related_name="answers", verbose_name=_("answer option")
    )
    organisation = models.ForeignKey(
        "crm.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("association chosen"),
    )
    # A number, a point on a scale, or yes (1) / no (0).
    number = models.IntegerField(_("number"), null=True, blank=True)
    dont_know = models.BooleanField(_("don't know"), default=False)
    text = models.TextField(_("text"), blank=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "choice"])]

    def __str__(self) -> str:
        return str(_("Answer to %(question)s")) % {"question": self.question}


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """A personal invitation to answer: the link's token, whom it went to, and whether it was used.

    For an anonymous survey the invitation records only *that* it was used (`responded`), never when and never which
    response: reminders keep working and skip those who answered, and nothing links the answers to the person. The
    partial answers saved while answering (`draft`) are kept here until the response is submitted, then emptied."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("survey"))
    token = models.CharField(_("link"), max_length=64, unique=True, default=new_invitation_token, editable=False)
    email = models.EmailField(_("e-mail"))
    # Whom the invitation is for, when the centre knows: a CRM contact, and the association they answer for.
    person = models.ForeignKey(
        "crm.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        "crm.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    # The language the mails go out in (the recipient's, when known).
    language = models.CharField(_("language"), max_length=8, default="da")
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    responded = models.BooleanField(_("answered"), default=False)
    # The recipient asked not to take part (the link in the mail): no reminders, and the link answers kindly.
    declined = models.BooleanField(_("does not wish to take part"), default=False)
    draft = models.JSONField(_("answers saved so far"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["email", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["survey", "email"], name="survey_invitation_unique_email"),
        ]

    def __str__(self) -> str:
        return self.email


class ResponseTally(models.Model):
    """How many responses a survey received on a day: the response rate over time, without dating any response
    (a response has no time; see the module's note)."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tallies", verbose_name=_("survey"))
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("responses"), default=0)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["day"]
        verbose_name = _("responses on a day")
        verbose_name_plural = _("responses per day")
        constraints = [models.UniqueConstraint(fields=["survey", "day"], name="survey_tally_one_row_per_day")]

    def __str__(self) -> str:
        return f"{self.survey}: {self.day} ({self.count})"


def survey_ended_at(prefix: str = "") -> Case:
    """The moment a survey stopped (or will stop) taking answers, as a database expression: the earlier of the
    moment the centre closed it and its closing time, whichever are set; None for a survey with neither. `prefix`
    reads it through a relation (e.g. "survey__" from an invitation)."""
    closed, closes = f"{prefix}closed_at", f"{prefix}closes_at"
    return Case(
        When(**{f"{closed}__isnull": False, f"{closes}__lt": F(closed)}, then=F(closes)),
        When(**{f"{closed}__isnull": False}, then=F(closed)),
        default=F(closes),
        output_field=models.DateTimeField(),
    )


def survey_ended_before(moment, prefix: str = "") -> Q:
    """Surveys that stopped taking answers before `moment`: closed by hand, or past their closing time (an open
    survey past it takes no answers either; a draft never took any)."""
    return Q(**{f"{prefix}closed_at__lt": moment}) | Q(
        **{f"{prefix}closes_at__lt": moment, f"{prefix}status__in": [SurveyStatus.OPEN, SurveyStatus.CLOSED]}
    )
