"""The public strategy pages (/<tenant>/strategi/): the plans the tenant publishes, each with its goals, initiatives
and the targets' status and numbers, and the status reports published for it (what went to the committee).

Only numbers are public: the records a number counts (the associations, the people) are never shown here, neither
on the plan's page nor in a published report."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.text import slugify

from frivillig.core.pagination import paginate
from frivillig.core.pdf import pdf_response
from frivillig.core.permissions import PUBLIC, view_permission
from frivillig.strategy.selectors_following import plan_reading
from frivillig.strategy.selectors_reports import (
    present,
    public_plan,
    public_plans,
    public_version,
    published_versions_of_plan,
)


@view_permission(PUBLIC)
def public_plans_view(request, tenant_slug: str):
    return render(request, "strategy/public_plans.html", {"page": paginate(request, public_plans(request.tenant))})


@view_permission(PUBLIC)
def public_plan_view(request, tenant_slug: str, pk: int):
    plan = public_plan(pk)
    reading, _computed = plan_reading(plan, as_of=timezone.localdate())
    context = {"plan": plan, "reading": reading, "versions": published_versions_of_plan(plan)}
    return render(request, "strategy/public_plan.html", context)


def _public_version_context(pk: int, year: int, number: int) -> dict:
    plan = public_plan(pk)
    version = public_version(plan, year, number)
    return {
        "plan": plan,
        "report": version.report,
        "version": version,
        "document": present(version.content, public=True),
        "public": True,
    }


@view_permission(PUBLIC)
def public_report_version(request, tenant_slug: str, pk: int, year: int, number: int):
    context = _public_version_context(pk, year, number)
    return render(request, "strategy/public_report_version.html", context)


@view_permission(PUBLIC)
def public_report_version_pdf(request, tenant_slug: str, pk: int, year: int, number: int):
    context = _public_version_context(pk, year, number)
    filename = f"{slugify(context['plan'].title) or 'plan'}-status-{year}-version-{number}"
    return pdf_response(request, "strategy/report_pdf.html", context, filename=filename)


urlpatterns = [
    path("strategi/", public_plans_view, name="public_plans"),
    path("strategi/<int:pk>/", public_plan_view, name="public_plan"),
    path(
        "strategi/<int:pk>/status/<int:year>/version-<int:number>/", public_report_version, name="public_report_version"
    ),
    path(
        "strategi/<int:pk>/status/<int:year>/version-<int:number>.pdf",
        public_report_version_pdf,
        name="public_report_version_pdf",
    ),
]
