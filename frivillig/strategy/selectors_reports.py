"""Reads of the yearly status report: the reports of a plan, one report or version, the public plans, and the
report's content — everything a report shows, computed from the plan and the data as of a day, as a plain
JSON-able dict. The same dict is shown live (the draft), typeset as a PDF, and frozen into a ReportVersion when the
report is published; a published version is then shown from its stored dict alone (`present`).

Texts that depend on the reader's language (status names, the rules, kinds, the indicators' labels) are kept in
both languages, as `{"da": ..., "en": ...}`; `present` picks the reader's."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.formats import number_format

from frivillig.core.charts import BarRow, bar_chart
from frivillig.core.indicators import Indicator, ParamKind, indicator
from frivillig.strategy.enums import Comparator, InitiativeOrigin, PlanKind, TargetKind, TargetStatus
from frivillig.strategy.measure import PlanReading, Reading, read_plan, status_counts
from frivillig.strategy.models import Initiative, Plan, ReportVersion, StatusReport, StatusText
from frivillig.strategy.selectors import strategy_settings
from frivillig.strategy.status import RULES_VERSION, rule_text

# Renewed when the shape of the content below changes; `present` reads every schema it has ever written.
CONTENT_SCHEMA = 1
LANGUAGES = ("da", "en")


# --- plans, reports and versions ----------------------------------------------------------------------------------


def plan_of_tenant(pk: int) -> Plan:
    return get_object_or_404(Plan, pk=pk)


def reports_of_plan(plan: Plan) -> QuerySet[StatusReport]:
    """The plan's reports, the latest year first, each with its published versions (newest first)."""
    versions = ReportVersion.objects.only(
        "pk", "report_id", "number", "note", "as_of", "published_at", "tenant_id"
    ).order_by("-number")
    return (
        StatusReport.objects.filter(plan=plan)
        .only("pk", "plan_id", "year", "title", "status", "updated_at", "tenant_id")
        .prefetch_related(Prefetch("versions", queryset=versions))
        .order_by("-year")
    )


def report_for_staff(pk: int) -> StatusReport:
    return get_object_or_404(StatusReport.objects.select_related("plan", "tenant"), pk=pk)


def report_versions(report: StatusReport) -> list[ReportVersion]:
    """The report's published versions, newest first, without their (large) content."""
    return list(
        ReportVersion.objects.filter(report=report).defer("content").select_related("published_by").order_by("-number")
    )


def version_of(report: StatusReport, number: int) -> ReportVersion:
    return get_object_or_404(ReportVersion, report=report, number=number)


def status_texts(report: StatusReport) -> dict[str, str]:
    """The staff's status texts by subject: "goal-<pk>" and "initiative-<pk>"."""
    texts = {}
    for text in StatusText.objects.filter(report=report).only("goal_id", "initiative_id", "text"):
        key = f"goal-{text.goal_id}" if text.goal_id else f"initiative-{text.initiative_id}"
        texts[key] = text.text
    return texts


def public_plans(tenant) -> QuerySet[Plan]:
    return (
        Plan.objects.filter(tenant=tenant, is_public=True)
        .only("pk", "title", "kind", "starts_on", "ends_on", "vision", "tenant_id")
        .order_by("-starts_on", "-pk")
    )


def public_plan(pk: int) -> Plan:
    return get_object_or_404(Plan.objects.select_related("tenant"), pk=pk, is_public=True)


def published_versions_of_plan(plan: Plan) -> list[ReportVersion]:
    """The published versions of the plan's reports (the latest year first, then the newest version), without their
    content."""
    return list(
        ReportVersion.objects.filter(report__plan=plan)
        .select_related("report")
        .defer("content")
        .order_by("-report__year", "-number")
    )


def public_version(plan: Plan, year: int, number: int) -> ReportVersion:
    return get_object_or_404(
        ReportVersion.objects.select_related("report"), report__plan=plan, report__year=year, number=number
    )


# --- the report's content ------------------------------------------------------------------------------------------


def report_day(year: int, today: date | None = None) -> date:
    """The day a year's report reads its figures as of: 31 December, or today while the year is still running."""
    today = today or timezone.localdate()
    return min(date(year, 12, 31), today)


def _both(make) -> dict[str, str]:
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = str(make())
    return texts


def _decimal(value: Decimal | None, *, places: int | None = None) -> str | None:
    if value is None:
        return None
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    normalised = value.normalize()
    return format(normalised.quantize(Decimal(1)) if normalised == normalised.to_integral() else normalised, "f")


def _params_shown(found: Indicator | None, params: dict, tenant, choices_cache: dict) -> list[dict]:
    """Each editable parameter with its label in both languages and its value as a person reads it."""
    if found is None:
        return [
            {"name": name, "label": {"da": name, "en": name}, "value": str(value)} for name, value in params.items()
        ]
    shown = []
    for param in found.params:
        if not param.editable:
            continue
        raw = params.get(param.name)
        value: dict[str, str] | str
        if param.kind == ParamKind.FLAG:
            value = _both(lambda raw=raw: translation.gettext("Yes") if raw else translation.gettext("No"))
        elif raw in (None, ""):
            value = _both(lambda: translation.gettext("All"))
        elif param.kind == ParamKind.CHOICE and param.choices is not None:
            value = {}
            for language in LANGUAGES:
                key = (found.key, param.name, language)
                if key not in choices_cache:
                    with translation.override(language):
                        choices_cache[key] = {str(choice): str(label) for choice, label in param.choices(tenant)}
                value[language] = choices_cache[key].get(str(raw), str(raw))
        else:
            value = str(raw)
        shown.append({"name": param.name, "label": {"da": param.label_da, "en": param.label_en}, "value": value})
    return shown


def _target_content(reading: Reading, *, tenant, settings, choices_cache: dict) -> dict:
    target = reading.target
    found = indicator(target.indicator_key)
    params = dict(target.params or {})
    moments = bool(reading.moments) and target.kind == TargetKind.REACH
    if found is not None:
        definition = found.definition(params)
    else:
        definition = {"key": target.indicator_key, "label_da": target.indicator_key, "label_en": target.indicator_key}
        definition.update({"shape": "", "unit_da": "", "unit_en": "", "params": params})
    return {
        "pk": target.pk,
        "title": target.title,
        "kind": target.kind,
        "kind_label": _both(lambda: TargetKind(target.kind).label),
        "comparator": target.comparator,
        "comparator_label": _both(lambda: Comparator(target.comparator).label),
        "target_value": _decimal(target.target_value),
        "baseline": _decimal(target.baseline),
        "starts_on": target.starts_on.isoformat(),
        "deadline": target.deadline.isoformat(),
        "definition_version": target.definition_version,
        "indicator": definition,
        "params_shown": _params_shown(found, params, tenant, choices_cache),
        "value": _decimal(reading.value),
        "expected": _decimal(reading.expected, places=2),
        "status": str(reading.status),
        "status_label": _both(lambda: TargetStatus(reading.status).label),
        "rule": _both(lambda: rule_text(target.kind, on_track_percent=settings.on_track_percent, moments=moments)),
        "stale": reading.stale,
        "problem": reading.problem,
        "period": [reading.starts_on.isoformat(), reading.ends_on.isoformat()],
        "moments": [moment.isoformat() for moment in reading.moments],
        "story": target.story,
        "story_updated_at": target.story_updated_at.isoformat() if target.story_updated_at else None,
        "evaluation": target.evaluation,
        "records": [
            {"key": record.key, "label": record.label, "url": record.url, "detail": record.detail}
            for record in reading.records
        ],
    }


def _counts(readings: list[Reading]) -> list[dict]:
    return [
        {"status": str(status), "label": _both(lambda status=status: TargetStatus(status).label), "count": count}
        for status, count in status_counts(readings)
    ]


def report_content(report: StatusReport, *, now: datetime | None = None, reading: PlanReading | None = None) -> dict:
    """Everything the report shows, as of 31 December of its year (today while the year runs), as a JSON-able dict:
    texts, each target's figures, status, rule and expected value, the counted records' keys and labels, the
    indicators' definitions with their parameters, the status rules' version and the tenant's settings in force."""
    now = now or timezone.now()
    plan = report.plan
    tenant = plan.tenant
    as_of = report_day(report.year, timezone.localdate(now))
    settings = strategy_settings(tenant)
    reading = reading or read_plan(plan, as_of=as_of)
    texts = status_texts(report)
    partners = _partners(plan)
    choices_cache: dict = {}

    def targets(readings: list[Reading]) -> list[dict]:
        return [_target_content(one, tenant=tenant, settings=settings, choices_cache=choices_cache) for one in readings]

    goals = []
    for goal_number, goal_reading in enumerate(reading.goals, start=1):
        goal = goal_reading.goal
        initiatives = []
        for initiative_number, initiative_reading in enumerate(goal_reading.initiatives, start=1):
            initiative = initiative_reading.initiative
            initiatives.append(
                {
                    "pk": initiative.pk,
                    "number": f"{goal_number}.{initiative_number}",
                    "title": initiative.title,
                    "background": initiative.background,
                    "actions": initiative.actions,
                    "benefit": initiative.benefit,
                    "resource_needs": initiative.resource_needs,
                    "responsible": initiative.responsible,
                    "partners": partners.get(initiative.pk, []),
                    "origin": initiative.origin,
                    "origin_label": _both(lambda initiative=initiative: InitiativeOrigin(initiative.origin).label),
                    "continued_from": initiative.continued_from,
                    "status_text": texts.get(f"initiative-{initiative.pk}", ""),
                    "targets": targets(initiative_reading.targets),
                }
            )
        goals.append(
            {
                "pk": goal.pk,
                "number": str(goal_number),
                "title": goal.title,
                "description": goal.description,
                "status_text": texts.get(f"goal-{goal.pk}", ""),
                "headline": str(goal_reading.headline) if goal_reading.headline else None,
                "counts": _counts(goal_reading.all_targets),
                "targets": targets(goal_reading.targets),
                "initiatives": initiatives,
            }
        )
    return {
        "schema": CONTENT_SCHEMA,
        "rules_version": RULES_VERSION,
        "as_of": as_of.isoformat(),
        "computed_at": now.isoformat(),
        "settings": {
            "on_track_percent": settings.on_track_percent,
            "manual_stale_days": settings.manual_stale_days,
        },
        "tenant": {
            "name": tenant.name,
            "centre_name": tenant.centre_name,
            "municipality_name": tenant.municipality_name,
        },
        "plan": {
            "pk": plan.pk,
            "title": plan.title,
            "kind": plan.kind,
            "kind_label": _both(lambda: PlanKind(plan.kind).label),
            "starts_on": plan.starts_on.isoformat(),
            "ends_on": plan.ends_on.isoformat(),
            "vision": plan.vision,
            "values": plan.values,
            "legal_basis": plan.legal_basis,
            "introduction": plan.introduction,
        },
        "report": {"pk": report.pk, "year": report.year, "title": report.title, "introduction": report.introduction},
        "counts": _counts(reading.all_targets),
        "goals": goals,
    }


def _partners(plan: Plan) -> dict[int, list[str]]:
    """The partners' names of each of the plan's initiatives: one query."""
    rows = (
        Initiative.partners.through.objects.filter(initiative__goal__plan=plan)
        .order_by("organisation__name")
        .values_list("initiative_id", "organisation__name")
    )
    partners: dict[int, list[str]] = {}
    for initiative_pk, name in rows:
        partners.setdefault(initiative_pk, []).append(name)
    return partners


# --- showing a content dict ---------------------------------------------------------------------------------------


def _localise(value, language: str):
    if isinstance(value, dict):
        if set(value) == set(LANGUAGES):
            return value.get(language) or value.get("da", "")
        return {key: _localise(inner, language) for key, inner in value.items()}
    if isinstance(value, list):
        return [_localise(inner, language) for inner in value]
    return value


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _shown_number(text: str | None) -> str:
    if text is None:
        return ""
    return number_format(Decimal(text), use_l10n=True, force_grouping=True)


def _present_target(target: dict, language: str, *, public: bool, chart_prefix: str) -> dict:
    shown = dict(target)
    for key in ("starts_on", "deadline"):
        shown[key] = _day(target[key])
    shown["story_updated_at"] = _moment(target.get("story_updated_at"))
    shown["value_shown"] = _shown_number(target["value"])
    shown["expected_shown"] = _shown_number(target["expected"])
    shown["target_shown"] = _shown_number(target["target_value"])
    shown["baseline_shown"] = _shown_number(target["baseline"])
    definition = target["indicator"]
    shown["indicator_label"] = definition["label_en"] if language == "en" else definition["label_da"]
    shown["unit"] = definition.get("unit_en" if language == "en" else "unit_da", "")
    if public:
        shown["records"] = []
    shown["record_count"] = len(target["records"])
    shown["chart"] = _chart(shown, chart_prefix) if target["value"] is not None else None
    return shown


def _chart(target: dict, prefix: str):
    """The value beside the target (and the pace's expected value, where there is one), with its table."""
    rows = [BarRow(translation.gettext("Value"), float(Decimal(target["value"])), target["value_shown"])]
    if target["expected"] is not None and target["status"] not in (TargetStatus.ACHIEVED, TargetStatus.MISSED):
        rows.append(
            BarRow(translation.gettext("Expected by now"), float(Decimal(target["expected"])), target["expected_shown"])
        )
    rows.append(
        BarRow(
            translation.gettext("Target (%(comparator)s)") % {"comparator": target["comparator_label"]},
            float(Decimal(target["target_value"])),
            target["target_shown"],
        )
    )
    return bar_chart(
        caption=target["title"],
        rows=rows,
        label_heading=translation.gettext("Figure"),
        value_heading=translation.gettext("Number"),
        chart_id=f"{prefix}maal-{target['pk']}",
    )


def present(content: dict, *, public: bool = False, chart_prefix: str = "") -> dict:
    """The content dict for a template, in the reader's language: dates as dates, numbers written the Danish way,
    each target's chart. `public`: the counted records are left out (only numbers are public)."""
    language = (translation.get_language() or "da")[:2]
    shown = _localise(content, "en" if language == "en" else "da")
    shown["as_of"] = _day(shown["as_of"])
    shown["computed_at"] = _moment(shown["computed_at"])
    shown["plan"]["starts_on"] = _day(shown["plan"]["starts_on"])
    shown["plan"]["ends_on"] = _day(shown["plan"]["ends_on"])
    for goal in shown["goals"]:
        goal["targets"] = [
            _present_target(target, language, public=public, chart_prefix=chart_prefix) for target in goal["targets"]
        ]
        for initiative in goal["initiatives"]:
            initiative["targets"] = [
                _present_target(target, language, public=public, chart_prefix=chart_prefix)
                for target in initiative["targets"]
            ]
        goal["target_count"] = len(goal["targets"]) + sum(len(item["targets"]) for item in goal["initiatives"])
    shown["target_count"] = sum(goal["target_count"] for goal in shown["goals"])
    return shown


def plan_outline(plan: Plan) -> tuple[list, list[Initiative]]:
    """The plan's goals and initiatives in the plan's order (what the report's texts are written about)."""
    goals = list(plan.goals.order_by("position", "pk").only("pk", "title", "plan_id", "tenant_id"))
    initiatives = list(
        Initiative.objects.filter(goal__plan=plan).order_by("goal", "position", "pk").only("pk", "title", "goal_id")
    )
    return goals, initiatives
