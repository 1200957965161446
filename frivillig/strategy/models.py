"""Strategies and action plans: goals, initiatives under them and measurable targets, each target measured by a
registered indicator (core/indicators.py), its history kept in snapshots, and the yearly status report that is
frozen when published.

The structure follows the plans the centres write: a plan has goals ("fokusområder", "strategimål", themes), a goal
has initiatives ("indsatser": background, actions, benefit), and the measurable results ("succeskriterier") are
targets under an initiative, or under the goal itself."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from frivillig.core.private_files import get_private_storage
from frivillig.strategy.enums import (
    DEFAULT_MANUAL_STALE_DAYS,
    DEFAULT_ON_TRACK_PERCENT,
    Comparator,
    InitiativeOrigin,
    PlanKind,
    PlanOwner,
    PlanStatus,
    ReportStatus,
    TargetKind,
    TargetStatus,
)


class StrategySettings(models.Model):
    """A tenant's choices for the status rules: how close to the pace counts as on track, and how old a value
    entered by hand may be before it is flagged."""

    tenant = models.OneToOneField("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    on_track_percent = models.PositiveSmallIntegerField(
        _("on track at this share of the pace (per cent)"), default=DEFAULT_ON_TRACK_PERCENT
    )
    manual_stale_days = models.PositiveSmallIntegerField(
        _("a value entered by hand is old after (days)"), default=DEFAULT_MANUAL_STALE_DAYS
    )

    objects = ScopedManager(tenant="tenant")

    class Meta:
        verbose_name = _("strategy settings")
        verbose_name_plural = _("strategy settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(on_track_percent__gte=50, on_track_percent__lte=100),
                name="strategy_settings_on_track_percent_range",
            ),
            models.CheckConstraint(condition=Q(manual_stale_days__gte=7), name="strategy_settings_stale_days_min"),
        ]

    def __str__(self) -> str:
        return f"{self.tenant}"


class Plan(models.Model):
    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=PlanKind.choices, default=PlanKind.STRATEGY)
    title = models.CharField(_("title"), max_length=200)
    owner = models.CharField(_("owner"), max_length=20, choices=PlanOwner.choices, default=PlanOwner.CENTRE)
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    vision = models.TextField(_("vision"), blank=True)
    values = models.TextField(_("values"), blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    continues = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="continued_by",
        verbose_name=_("continues the plan"),
    )
    # Shown at /<tenant>/strategi/ (goals, initiatives, targets' status and numbers; never the counted records).
    is_public = models.BooleanField(_("published on the public strategy page"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="strategy_plan_period"),
        ]

    def __str__(self) -> str:
        return self.title


class Goal(models.Model):
    """A focus area, strategic goal or theme of a plan, in the plan's order."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["plan_id", "position", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title


class Initiative(models.Model):
    """What will be done toward a goal: background, the actions, the benefit, the resources needed."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="initiatives")
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    background = models.TextField(_("background"), blank=True)
    actions = models.TextField(_("actions"), blank=True)
    benefit = models.TextField(_("benefit"), blank=True)
    resource_needs = models.TextField(_("resource needs"), blank=True)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    partners = models.ManyToManyField("crm.Organisation", blank=True, related_name="+", verbose_name=_("partners"))
    origin = models.CharField(
        _("new or continued"), max_length=20, choices=InitiativeOrigin.choices, default=InitiativeOrigin.NEW
    )
    # The initiative of an earlier plan it continues (set when a plan is copied into the next one) ...
    continues = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="continued_by",
        verbose_name=_("continues the initiative"),
    )
    # ... or, for a predecessor outside the platform, in words ("videreført fra 2015").
    continued_from = models.CharField(_("continued from"), max_length=200, blank=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["goal_id", "position", "pk"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self) -> str:
        return self.title


class Target(models.Model):
    """A measurable result: an indicator with its parameters, a comparator and a value, by a deadline, measured
    over the period from `starts_on`. Changing what is measured (indicator, parameters, period, comparator,
    value, kind) renews `definition_version`: the snapshots of the old definition stay as they were, and a new
    history begins."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="targets")
    initiative = models.ForeignKey(Initiative, null=True, blank=True, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("the result in words"), max_length=300)
    kind = models.CharField(_("kind of target"), max_length=20, choices=TargetKind.choices, default=TargetKind.REACH)
    indicator_key = models.CharField(_("indicator"), max_length=100)
    params = models.JSONField(_("the indicator's parameters"), default=dict, blank=True)
    comparator = models.CharField(
        _("comparator"), max_length=20, choices=Comparator.choices, default=Comparator.AT_LEAST
    )
    target_value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, null=True, blank=True)
    starts_on = models.DateField(_("measured from"))
    deadline = models.DateField(_("deadline"))
    evaluation = models.TextField(_("evaluation"), blank=True)
    # "The story behind the number": kept current by staff, carried into the status report.
    story = models.TextField(_("the story behind the number"), blank=True)
    story_updated_at = models.DateTimeField(_("story last changed"), null=True, blank=True)
    definition_version = models.PositiveIntegerField(_("definition version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["goal_id", "initiative_id", "position", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gte=models.F("starts_on")), name="strategy_target_period"),
        ]

    def __str__(self) -> str:
        return self.title


class ManualValue(models.Model):
    """A value of a manual target entered by hand, with the date it was measured and its evidence."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="manual_values")
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    measured_on = models.DateField(_("measured on"))
    note = models.TextField(_("evidence"))
    # Kept in the private storage (core/private_files.py) under a random name; downloaded only through its view.
    evidence_file = models.FileField(
        _("evidence file"), upload_to="strategy/evidence/%Y/", storage=get_private_storage, blank=True
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["target_id", "-measured_on", "-pk"]
        verbose_name = _("value entered by hand")
        verbose_name_plural = _("values entered by hand")

    def __str__(self) -> str:
        return f"{self.value} ({self.measured_on})"


class TargetSnapshot(models.Model):
    """A target's value and status on a day (the nightly snapshot), under the definition version in force."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="snapshots")
    definition_version = models.PositiveIntegerField()
    taken_on = models.DateField()
    value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=20, choices=TargetStatus.choices)
    taken_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["target_id", "definition_version", "taken_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "definition_version", "taken_on"], name="strategy_snapshot_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target_id} v{self.definition_version} {self.taken_on}: {self.value}"


class StatusReport(models.Model):
    """A plan's yearly status: staff's texts per goal and initiative (StatusText), the figures computed live
    until it is published; each publication freezes everything in a ReportVersion."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["plan_id", "-year"]
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        constraints = [models.UniqueConstraint(fields=["plan", "year"], name="strategy_report_once_a_year")]

    def __str__(self) -> str:
        return self.title or f"{self.plan} {self.year}"


class StatusText(models.Model):
    """Staff's status text on a goal or an initiative in a year's report (exactly one of the two)."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(StatusReport, on_delete=models.CASCADE, related_name="texts")
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(Initiative, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("status"), blank=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(goal__isnull=False) & Q(initiative__isnull=True))
                | (Q(goal__isnull=True) & Q(initiative__isnull=False)),
                name="strategy_status_text_one_subject",
            ),
            models.UniqueConstraint(fields=["report", "goal"], name="strategy_status_text_goal_once"),
            models.UniqueConstraint(fields=["report", "initiative"], name="strategy_status_text_initiative_once"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class ReportVersion(models.Model):
    """A published status report, frozen: `content` holds everything the report shows (texts, figures, the
    counted records' keys, the indicators' definitions with their parameters and the status rules in force) as
    of `as_of`. Later changes to the data or the definitions never alter it; a new version has a note."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(StatusReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    note = models.TextField(_("what changed"), blank=True)
    as_of = models.DateTimeField(_("figures as of"))
    content = models.JSONField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["report_id", "-number"]
        verbose_name = _("published report version")
        verbose_name_plural = _("published report versions")
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="strategy_report_version_once")]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"
