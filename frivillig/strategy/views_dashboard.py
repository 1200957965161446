"""Following a plan: the dashboard of every target's status, a target's own page (its definition, reading, history,
counted records, values entered by hand and the story behind the number), entering a value by hand, the story, and
the tenant's settings for the status rules."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.core.charts import sparkline
from frivillig.core.indicators import indicator
from frivillig.core.params import page_number
from frivillig.core.permissions import view_permission
from frivillig.core.private_files import private_file_response
from frivillig.strategy.enums import Comparator
from frivillig.strategy.forms_following import AsOfForm, ManualValueForm, StoryForm, StrategySettingsForm
from frivillig.strategy.indicators import MANUAL_KEY
from frivillig.strategy.models import Target, TargetSnapshot
from frivillig.strategy.selectors import strategy_settings
from frivillig.strategy.selectors_following import (
    current_snapshots,
    manual_value_for_staff,
    manual_values,
    plan_for_staff,
    plan_reading,
    plan_report_days,
    readings_forget,
    target_for_staff,
    target_history,
    target_reading,
)
from frivillig.strategy.services_following import (
    evidence_filename,
    manual_value_enter,
    strategy_settings_update,
    target_story_update,
)

PERMISSION = "strategy.manage_plans"
SETTINGS_PERMISSION = "strategy.change_settings"
RECORDS_PER_PAGE = 50


def shown_number(value: Decimal | None) -> str:
    """A figure as the pages write it: without decimals when it is whole ("8", "3,5")."""
    if value is None:
        return "–"
    if value == value.to_integral_value():
        return number_format(int(value), force_grouping=True)
    return number_format(value.normalize(), force_grouping=True)


def target_text(target: Target) -> str:
    """The target as words: "at least 8"."""
    comparator = Comparator(target.comparator).label
    return f"{comparator} {shown_number(target.target_value)}"


def history_line(snapshots: list[TargetSnapshot], *, chart_id: str):
    values = [snapshot.value for snapshot in snapshots]
    known = [snapshot for snapshot in snapshots if snapshot.value is not None]
    if not known:
        description = _("No history yet: the figures are saved each night.")
    elif len(known) == 1:
        description = _("One figure so far: %(value)s on %(date)s.") % {
            "value": shown_number(known[0].value),
            "date": known[0].taken_on.strftime("%d.%m.%Y"),
        }
    else:
        description = _("From %(first)s on %(first_date)s to %(last)s on %(last_date)s (%(count)s figures).") % {
            "first": shown_number(known[0].value),
            "first_date": known[0].taken_on.strftime("%d.%m.%Y"),
            "last": shown_number(known[-1].value),
            "last_date": known[-1].taken_on.strftime("%d.%m.%Y"),
            "count": len(known),
        }
    return sparkline(
        values=[float(value) if value is not None else None for value in values],
        description=description,
        chart_id=chart_id,
    )


def computed_at_text(computed_at: float | None):
    if computed_at is None:
        return None
    return timezone.localtime(datetime.fromtimestamp(computed_at, tz=UTC))


def _as_of(request):
    form = AsOfForm(request.GET or None)
    as_of = None
    if form.is_bound and form.is_valid():
        as_of = form.cleaned_data["dato"]
    return form, as_of or timezone.localdate()


@view_permission(PERMISSION)
def plan_dashboard(request, tenant_slug: str, pk: int):
    plan = plan_for_staff(pk)
    form, as_of = _as_of(request)
    reading, computed_at = plan_reading(plan, as_of=as_of)
    targets = reading.all_targets
    histories = current_snapshots(
        [item.target.pk for item in targets],
        {item.target.pk: item.target.definition_version for item in targets},
        until=as_of,
    )

    def rows(readings):
        return [
            (item, history_line(histories.get(item.target.pk, []), chart_id=f"historik-{item.target.pk}"))
            for item in readings
        ]

    goals = [
        {
            "goal": goal.goal,
            "headline": goal.headline,
            "counts": goal.counts,
            "rows": rows(goal.targets),
            "table_id": f"maal-{goal.goal.pk}-tabel",
            "initiatives": [
                (initiative.initiative, rows(initiative.targets), f"indsats-{initiative.initiative.pk}-tabel")
                for initiative in goal.initiatives
            ],
        }
        for goal in reading.goals
    ]
    context = {
        "plan": plan,
        "reading": reading,
        "as_of": as_of,
        "is_today": as_of == timezone.localdate(),
        "form": form,
        "report_days": plan_report_days(plan),
        "goals": goals,
        "computed_at": computed_at_text(computed_at),
        "targets_count": len(targets),
    }
    return render(request, "strategy/dashboard.html", context)


@require_POST
@view_permission(PERMISSION)
def dashboard_refresh(request, tenant_slug: str, pk: int):
    plan = plan_for_staff(pk)
    readings_forget(plan.pk)
    messages.success(request, _("The figures have been computed again from the data as it is now."))
    url = reverse("strategy:plan_dashboard", kwargs={"tenant_slug": tenant_slug, "pk": plan.pk})
    as_of = AsOfForm(request.POST)
    if as_of.is_valid() and as_of.cleaned_data["dato"]:
        url += f"?dato={as_of.cleaned_data['dato']:%Y-%m-%d}"
    return redirect(url)


def definition_rows(target: Target) -> list[tuple[str, str]]:
    """The indicator's parameters as a person reads them: each by its label, a choice by its choice's label."""
    found = indicator(target.indicator_key)
    if found is None:
        return []
    rows = []
    stored = target.params or {}
    for param in found.params:
        if not param.editable:
            continue
        raw = stored.get(param.name)
        if raw in (None, "", False):
            shown = _("All") if param.kind == "choice" else (_("No") if param.kind == "flag" else "–")
        elif param.kind == "flag":
            shown = _("Yes")
        elif param.kind == "choice" and param.choices is not None:
            labels = dict(param.choices(target.tenant))
            shown = str(labels.get(str(raw), raw))
        else:
            shown = str(raw)
        rows.append((param.label, shown))
    return rows


@view_permission(PERMISSION)
def target_detail(request, tenant_slug: str, pk: int):
    target = target_for_staff(pk)
    reading, computed_at = target_reading(target, as_of=timezone.localdate())
    history = target_history(target)
    records = Paginator(reading.records, RECORDS_PER_PAGE).get_page(page_number(request.GET))
    is_manual = target.indicator_key == MANUAL_KEY
    context = {
        "target": target,
        "plan": target.goal.plan,
        "reading": reading,
        "target_text": target_text(target),
        "definition_rows": definition_rows(target),
        "history": history,
        "line": history_line(history.current, chart_id="historik"),
        "earlier": [
            (version, snapshots, history_line(snapshots, chart_id=f"historik-v{version}"))
            for version, snapshots in history.earlier
        ],
        "page": records,
        "is_manual": is_manual,
        "manual_values": manual_values(target) if is_manual else [],
        "computed_at": computed_at_text(computed_at),
        "value_text": shown_number(reading.value),
        "expected_text": shown_number(reading.expected) if reading.expected is not None else "",
    }
    return render(request, "strategy/target_detail.html", context)


def _manual_target(pk: int) -> Target:
    target = target_for_staff(pk)
    if target.indicator_key != MANUAL_KEY:
        raise Http404
    return target


def _to_target(target: Target):
    return redirect("strategy:target_detail", tenant_slug=target.tenant.slug, pk=target.pk)


@view_permission(PERMISSION)
def manual_value_create(request, tenant_slug: str, pk: int):
    target = _manual_target(pk)
    form = ManualValueForm(request.POST or None, request.FILES or None, target=target)
    if request.method == "POST" and form.is_valid():
        manual_value_enter(
            target=target,
            value=form.cleaned_data["value"],
            measured_on=form.cleaned_data["measured_on"],
            note=form.cleaned_data["note"],
            evidence_file=form.cleaned_data["evidence_file"],
            actor=request.user,
        )
        messages.success(request, _("The value has been saved with its evidence."))
        return _to_target(target)
    return render(request, "strategy/target_manual_value_form.html", {"target": target, "form": form})


@view_permission(PERMISSION)
def manual_value_file(request, tenant_slug: str, pk: int):
    manual = manual_value_for_staff(pk)
    return private_file_response(name=manual.evidence_file.name, filename=evidence_filename(manual))


@view_permission(PERMISSION)
def target_story(request, tenant_slug: str, pk: int):
    target = target_for_staff(pk)
    form = StoryForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        target_story_update(target=target, story=form.cleaned_data["story"], actor=request.user)
        messages.success(request, _("The story behind the number has been saved."))
        return _to_target(target)
    if request.method == "POST":
        target = target_for_staff(pk)
    return render(request, "strategy/target_story.html", {"target": target, "form": form})


@view_permission(SETTINGS_PERMISSION)
def settings(request, tenant_slug: str):
    current = strategy_settings(request.tenant)
    form = StrategySettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        strategy_settings_update(
            tenant=request.tenant,
            on_track_percent=form.cleaned_data["on_track_percent"],
            manual_stale_days=form.cleaned_data["manual_stale_days"],
            actor=request.user,
        )
        messages.success(request, _("The settings have been saved. The status of every target follows them now."))
        return redirect("strategy:settings", tenant_slug=tenant_slug)
    return render(request, "strategy/dashboard_settings.html", {"form": form})


urlpatterns = [
    path("strategi/planer/<int:pk>/status/", plan_dashboard, name="plan_dashboard"),
    path("strategi/planer/<int:pk>/status/opdater/", dashboard_refresh, name="dashboard_refresh"),
    path("strategi/succeskriterier/<int:pk>/", target_detail, name="target_detail"),
    path("strategi/succeskriterier/<int:pk>/historien/", target_story, name="target_story"),
    path("strategi/succeskriterier/<int:pk>/vaerdi/ny/", manual_value_create, name="manual_value_create"),
    path("strategi/vaerdier/<int:pk>/dokumentation/", manual_value_file, name="manual_value_file"),
    path("strategi/indstillinger/", settings, name="settings"),
]
