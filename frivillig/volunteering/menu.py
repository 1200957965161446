"""The volunteer opportunities (tenant and national boards), where volunteers are lacking, keeping opportunities and
following up applications, and the volunteer's own profile."""

from django.utils.translation import gettext_lazy as _

from frivillig.core.navigation import HomeSection, MenuEntry, Scope

MENU = [
    MenuEntry(
        "volunteering:board",
        _("Volunteer opportunities"),
        area="public",
        order=30,
        match="volunteering:opportunity_detail",
    ),
    MenuEntry("national:board", _("Volunteer opportunities"), area="public", order=30, scope=Scope.NATIONAL),
    MenuEntry(
        "volunteering:needs", _("Where volunteers are lacking"), area="public", order=40, match="volunteering:needs"
    ),
    MenuEntry(
        "volunteering:opportunity_manage_list", _("Manage volunteer opportunities"), area="volunteering", order=10
    ),
    MenuEntry(
        "volunteering:pipeline_all", _("Applications"), area="volunteering", order=20, match="volunteering:pipeline"
    ),
    MenuEntry(
        "volunteering:unanswered_applications", _("Applications without an answer"), area="volunteering", order=35
    ),
    MenuEntry(
        "national:volunteer_profile", _("My volunteer profile"), area="personal", order=20, scope=Scope.EVERYWHERE
    ),
]

HOME = [
    HomeSection("volunteering/home_find.html", order=10),
]


def _front_figures(request) -> dict:
    from django.urls import reverse

    from frivillig.core.jsonld import json_ld_script
    from frivillig.core.links import absolute_url
    from frivillig.crm.selectors.common import national_association_count
    from frivillig.tenants.selectors import active_tenants
    from frivillig.volunteering.selectors.front import open_opportunity_count

    board = absolute_url(reverse("national:board"), request)
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "url": absolute_url(reverse("front_page"), request),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{board}?soeg={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
    return {
        "open_opportunities": open_opportunity_count(),
        "associations": national_association_count(),
        "centres": active_tenants().count(),
        "website_json_ld": json_ld_script(website),
    }


def _front_shortages(request) -> dict:
    from frivillig.volunteering.selectors.front import national_shortages

    return {
        "by_target_group": national_shortages("maalgruppe"),
        "by_activity_area": national_shortages("omraade"),
    }


# The national front page: search every opportunity, the figures, and where volunteers are lacking nationally.
FRONT = [
    HomeSection("volunteering/front_search.html", order=10, context=_front_figures),
    HomeSection("volunteering/front_shortages.html", order=20, context=_front_shortages),
]
