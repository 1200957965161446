"""Where volunteers are lacking: a public overview per tenant, a richer one for the centre staff (also by
association), and the staff's export of the tables."""

from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from frivillig.core.exports import export_response
from frivillig.core.permissions import PUBLIC, view_permission
from frivillig.volunteering import exports
from frivillig.volunteering.forms.needs import NeedsPeriodForm
from frivillig.volunteering.selectors.needs import NeedsOverview, needs_overview

DETAILS_PERMISSION = "volunteering.view_needs_details"


def _chart(rows) -> dict:
    """The JSON island charts.js draws: the open places of each row that has any."""
    return {"rows": [{"label": row.label, "value": row.open_places} for row in rows if row.open_places]}


def _overview(request, *, details: bool) -> tuple[NeedsPeriodForm, NeedsOverview]:
    today = timezone.localdate()
    form = NeedsPeriodForm(request.GET, today=today)
    return form, needs_overview(request.tenant, form.period(), today=today, with_associations=details)


def _render(request, *, details: bool):
    form, overview = _overview(request, details=details)
    context = {
        "form": form,
        "overview": overview,
        "details": details,
        "can_see_details": details or request.user.has_perm(DETAILS_PERMISSION, request.tenant),
        "target_group_chart": _chart(overview.by_target_group),
        "activity_area_chart": _chart(overview.by_activity_area),
    }
    return render(request, "volunteering/needs_overview.html", context)


@view_permission(PUBLIC)
def needs(request, tenant_slug: str):
    return _render(request, details=False)


@view_permission(DETAILS_PERMISSION)
def needs_details(request, tenant_slug: str):
    return _render(request, details=True)


@view_permission(DETAILS_PERMISSION)
def needs_export(request, tenant_slug: str, fmt: str):
    _form, overview = _overview(request, details=True)
    period = overview.period
    return export_response(
        fmt,
        filename=f"mangler-frivillige-{request.tenant.slug}-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}",
        columns=exports.NEEDS,
        objects=exports.needs_lines(overview),
    )


urlpatterns = [
    path("mangler-frivillige/", needs, name="needs"),
    path("mangler-frivillige/detaljer/", needs_details, name="needs_details"),
    path("mangler-frivillige/eksport/<str:fmt>/", needs_export, name="needs_export"),
]
national_urlpatterns: list = []
