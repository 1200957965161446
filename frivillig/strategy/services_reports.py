"""Writes of the yearly status report: creating a plan's report for a year, saving its texts, and publishing it,
which freezes everything it shows into a new ReportVersion."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.core.services import log_action
from frivillig.strategy.enums import ReportStatus
from frivillig.strategy.models import Goal, Initiative, Plan, ReportVersion, StatusReport, StatusText
from frivillig.strategy.selectors_reports import report_content


class ReportRefused(Exception):
    """A report that cannot be made or published as asked; the message says why, for the person."""


def report_create(*, plan: Plan, year: int, actor) -> StatusReport:
    if not plan.starts_on.year <= year <= plan.ends_on.year:
        raise ReportRefused(
            _("The year must lie within the plan's period, %(first)s–%(last)s.")
            % {"first": plan.starts_on.year, "last": plan.ends_on.year}
        )
    refused = ReportRefused(_("The plan already has a status report for %(year)s.") % {"year": year})
    if StatusReport.objects.filter(plan=plan, year=year).exists():
        raise refused
    try:
        with transaction.atomic():
            report = StatusReport.objects.create(
                tenant=plan.tenant, plan=plan, year=year, title=_("Status %(year)s") % {"year": year}
            )
            log_action("strategy.report.created", actor=actor, tenant=plan.tenant, target=report, data={"year": year})
    except IntegrityError as error:  # made by someone else at the same moment
        raise refused from error
    return report


@transaction.atomic
def report_save(*, report: StatusReport, title: str, introduction: str, texts: dict[str, str], actor) -> None:
    """Save the report's title, introduction and the status texts, keyed "goal-<pk>" and "initiative-<pk>" (the
    plan's own goals and initiatives only; an empty text removes the subject's)."""
    report.title = title
    report.introduction = introduction
    report.save(update_fields=["title", "introduction", "updated_at"])
    goals = set(Goal.objects.filter(plan=report.plan_id).values_list("pk", flat=True))
    initiatives = set(Initiative.objects.filter(goal__plan=report.plan_id).values_list("pk", flat=True))
    existing = {
        (f"goal-{text.goal_id}" if text.goal_id else f"initiative-{text.initiative_id}"): text
        for text in StatusText.objects.filter(report=report)
    }
    for key, text in texts.items():
        kind, _sep, pk = key.partition("-")
        subject = {"goal": goals, "initiative": initiatives}.get(kind)
        if subject is None or not pk.isdigit() or int(pk) not in subject:
            continue
        text = text.strip()
        current = existing.get(key)
        if current is not None and not text:
            current.delete()
        elif current is not None and current.text != text:
            current.text = text
            current.save(update_fields=["text"])
        elif current is None and text:
            StatusText.objects.create(tenant=report.tenant, report=report, text=text, **{f"{kind}_id": int(pk)})
    log_action("strategy.report.saved", actor=actor, tenant=report.tenant, target=report)


def report_publish(*, report: StatusReport, note: str, actor) -> ReportVersion:
    """Freeze the report as it reads now into version n+1. From the second version on, a note says what changed."""
    with transaction.atomic():
        # One publication at a time per report: the row lock (PostgreSQL) orders two clicks; the unique number
        # catches the rest.
        report = StatusReport.objects.select_for_update().select_related("plan", "plan__tenant").get(pk=report.pk)
        number = (ReportVersion.objects.filter(report=report).aggregate(last=Max("number"))["last"] or 0) + 1
        note = note.strip()
        if number > 1 and not note:
            raise ReportRefused(_("Write what has changed since the previous version."))
        now = timezone.now()
        content = report_content(report, now=now)
        version = ReportVersion.objects.create(
            tenant=report.tenant,
            report=report,
            number=number,
            note=note,
            as_of=now,
            content=content,
            published_by=actor,
        )
        report.status = ReportStatus.PUBLISHED
        report.save(update_fields=["status", "updated_at"])
        log_action(
            "strategy.report.published",
            actor=actor,
            tenant=report.tenant,
            target=report,
            data={"version": number, "as_of": content["as_of"]},
        )
    return version
