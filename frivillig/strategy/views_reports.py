"""Staff's pages of the yearly status report: a plan's reports, creating one for a year, writing its texts, reading
it live (and as an A4 PDF), publishing it (which freezes it) and reading its published versions, which are shown
from their frozen content alone."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frivillig.core.pagination import paginate
from frivillig.core.pdf import pdf_response
from frivillig.core.permissions import view_permission
from frivillig.strategy.forms_reports import PublishForm, ReportCreateForm, ReportEditForm
from frivillig.strategy.models import ReportVersion, StatusReport
from frivillig.strategy.selectors_reports import (
    plan_of_tenant,
    plan_outline,
    present,
    report_content,
    report_for_staff,
    report_versions,
    reports_of_plan,
    status_texts,
    version_of,
)
from frivillig.strategy.services_reports import ReportRefused, report_create, report_publish, report_save

PERMISSION = "strategy.manage_plans"


def _to_report(request, report: StatusReport):
    return redirect("strategy:report_detail", tenant_slug=request.tenant.slug, pk=report.pk)


def _filename(report: StatusReport, suffix: str = "") -> str:
    return f"{slugify(report.plan.title) or 'plan'}-status-{report.year}{suffix}"


@view_permission(PERMISSION)
def report_list(request, tenant_slug: str, pk: int):
    plan = plan_of_tenant(pk)
    context = {
        "plan": plan,
        "page": paginate(request, reports_of_plan(plan)),
        "create_form": ReportCreateForm(plan=plan, initial={"year": _suggested_year(plan)}),
    }
    return render(request, "strategy/report_list.html", context)


def _suggested_year(plan) -> int:
    last_year = timezone.localdate().year - 1
    return min(max(last_year, plan.starts_on.year), plan.ends_on.year)


@require_POST
@view_permission(PERMISSION)
def report_create_view(request, tenant_slug: str, pk: int):
    plan = plan_of_tenant(pk)
    form = ReportCreateForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            report = report_create(plan=plan, year=form.cleaned_data["year"], actor=request.user)
        except ReportRefused as refusal:
            form.add_error("year", str(refusal))
        else:
            messages.success(request, _("The status report has been created. Write its texts, then publish it."))
            return _to_report(request, report)
    context = {"plan": plan, "page": paginate(request, reports_of_plan(plan)), "create_form": form}
    return render(request, "strategy/report_list.html", context, status=400)


@view_permission(PERMISSION)
def report_edit(request, tenant_slug: str, pk: int):
    report = report_for_staff(pk)
    goals, initiatives = plan_outline(report.plan)
    form = ReportEditForm(
        request.POST or None,
        initial={"title": report.title, "introduction": report.introduction},
        goals=goals,
        initiatives=initiatives,
        texts=status_texts(report),
    )
    if request.method == "POST" and form.is_valid():
        report_save(
            report=report,
            title=form.cleaned_data["title"],
            introduction=form.cleaned_data["introduction"],
            texts=form.texts(),
            actor=request.user,
        )
        messages.success(request, _("The report's texts have been saved."))
        return _to_report(request, report)
    return render(request, "strategy/report_edit.html", {"report": report, "form": form})


def _live(report: StatusReport, *, chart_prefix: str = "") -> dict:
    return present(report_content(report), chart_prefix=chart_prefix)


@never_cache
@view_permission(PERMISSION)
def report_detail(request, tenant_slug: str, pk: int):
    report = report_for_staff(pk)
    context = {"report": report, "document": _live(report), "versions": report_versions(report)}
    return render(request, "strategy/report_detail.html", context)


@never_cache
@view_permission(PERMISSION)
def report_pdf(request, tenant_slug: str, pk: int):
    report = report_for_staff(pk)
    context = {"report": report, "document": _live(report), "version": None}
    return pdf_response(request, "strategy/report_pdf.html", context, filename=_filename(report))


@view_permission(PERMISSION)
def report_publish_view(request, tenant_slug: str, pk: int):
    report = report_for_staff(pk)
    versions = report_versions(report)
    form = PublishForm(request.POST or None, first=not versions)
    if request.method == "POST" and form.is_valid():
        try:
            version = report_publish(report=report, note=form.cleaned_data["note"], actor=request.user)
        except ReportRefused as refusal:
            form.add_error("note", str(refusal))
        else:
            messages.success(
                request,
                _("Version %(number)s has been published. Its texts and figures will not change.")
                % {"number": version.number},
            )
            return redirect(
                "strategy:report_version", tenant_slug=request.tenant.slug, pk=report.pk, number=version.number
            )
    context = {"report": report, "form": form, "versions": versions}
    return render(request, "strategy/report_publish.html", context)


def _version_context(report: StatusReport, version: ReportVersion, *, public: bool = False) -> dict:
    return {
        "report": report,
        "version": version,
        "document": present(version.content, public=public),
        "versions": report_versions(report),
    }


@view_permission(PERMISSION)
def report_version(request, tenant_slug: str, pk: int, number: int):
    report = report_for_staff(pk)
    version = version_of(report, number)
    return render(request, "strategy/report_version.html", _version_context(report, version))


@view_permission(PERMISSION)
def report_version_pdf(request, tenant_slug: str, pk: int, number: int):
    report = report_for_staff(pk)
    version = version_of(report, number)
    context = _version_context(report, version)
    return pdf_response(
        request, "strategy/report_pdf.html", context, filename=_filename(report, f"-version-{version.number}")
    )


urlpatterns = [
    path("strategi/planer/<int:pk>/rapporter/", report_list, name="report_list"),
    path("strategi/planer/<int:pk>/rapporter/ny/", report_create_view, name="report_create"),
    path("strategi/rapporter/<int:pk>/", report_detail, name="report_detail"),
    path("strategi/rapporter/<int:pk>/rediger/", report_edit, name="report_edit"),
    path("strategi/rapporter/<int:pk>/rapport.pdf", report_pdf, name="report_pdf"),
    path("strategi/rapporter/<int:pk>/offentliggoer/", report_publish_view, name="report_publish"),
    path("strategi/rapporter/<int:pk>/versioner/<int:number>/", report_version, name="report_version"),
    path(
        "strategi/rapporter/<int:pk>/versioner/<int:number>/rapport.pdf", report_version_pdf, name="report_version_pdf"
    ),
]
