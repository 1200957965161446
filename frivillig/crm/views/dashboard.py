"""The staff dashboard: my follow-ups (overdue first), the centre's open follow-ups and its latest interactions."""

from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frivillig.core.permissions import view_permission
from frivillig.crm.selectors.interactions import (
    FOLLOW_UP_HORIZON_DAYS,
    latest_interactions,
    my_follow_ups,
    open_follow_ups,
)

# Pages of other areas of the CRM. A name that no longer resolves fails the dashboard's tests.
QUICK_LINKS = [
    ("crm:interaction_create", _("Log an interaction")),
    ("crm:organisation_create", _("New organisation")),
    ("crm:person_create", _("New person")),
    ("crm:interaction_list", _("All interactions")),
    ("crm:organisation_list", _("Organisations")),
    ("crm:person_list", _("People")),
    ("crm:relation_list", _("Collaboration relations")),
]


def _quick_links(tenant) -> list[tuple[str, str]]:
    return [(reverse(name, kwargs={"tenant_slug": tenant.slug}), label) for name, label in QUICK_LINKS]


@view_permission("crm.view_dashboard")
def dashboard(request, tenant_slug: str):
    today = timezone.localdate()
    context = {
        "horizon_days": FOLLOW_UP_HORIZON_DAYS,
        "follow_ups": my_follow_ups(request.tenant, request.user, today=today),
        "open_count": open_follow_ups(request.tenant).count(),
        "latest": latest_interactions(request.tenant),
        "quick_links": _quick_links(request.tenant),
    }
    return render(request, "crm/dashboard.html", context)


urlpatterns = [
    path("medarbejder/", dashboard, name="dashboard"),
]
