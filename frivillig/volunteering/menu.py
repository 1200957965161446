"""The volunteer opportunities (tenant and national boards), where volunteers are lacking, keeping opportunities and
following up applications, and the volunteer's own profile."""

from django.utils.translation import gettext_lazy as _

from frivillig.core.navigation import Area, HomeSection, MenuEntry, Scope
from frivillig.core.permissions import AUTHENTICATED
from frivillig.crm.public_page import OrganisationSection

AREAS = [
    Area("volunteering", _("Volunteer opportunities"), order=20, match=("volunteering:", "national:board")),
]

MENU = [
    MenuEntry(
        "volunteering:board",
        _("Volunteer opportunities"),
        area="volunteering",
        order=10,
        match="volunteering:opportunity_detail",
    ),
    MenuEntry("national:board", _("Volunteer opportunities"), area="volunteering", order=10, scope=Scope.NATIONAL),
    MenuEntry(
        "volunteering:needs",
        _("Where volunteers are lacking"),
        area="volunteering",
        order=40,
        match="volunteering:needs",
    ),
    MenuEntry(
        "volunteering:opportunity_manage_list", _("Manage volunteer opportunities"), area="volunteering", order=20
    ),
    MenuEntry(
        "volunteering:pipeline_all", _("Applications"), area="volunteering", order=30, match="volunteering:pipeline"
    ),
    MenuEntry(
        "volunteering:unanswered_applications", _("Applications without an answer"), area="volunteering", order=35
    ),
    MenuEntry(
        "national:volunteer_profile", _("My volunteer profile"), area="personal", order=20, scope=Scope.EVERYWHERE
    ),
]


def _rep_applications(request) -> dict:
    from frivillig.volunteering.selectors.home import new_applications_for_representative

    return {"waiting": new_applications_for_representative(request.user, request.tenant)}


def _rep_opportunities(request) -> dict:
    from frivillig.volunteering.selectors.home import EXPIRY_HORIZON_DAYS, opportunities_needing_attention

    return {
        "attention": opportunities_needing_attention(request.user, request.tenant),
        "horizon_days": EXPIRY_HORIZON_DAYS,
    }


def _staff_stale(request) -> dict:
    from frivillig.volunteering.selectors.home import STALE_AFTER_DAYS, stale_applications_by_association

    return {"stale": stale_applications_by_association(request.tenant), "stale_days": STALE_AFTER_DAYS}


def _staff_drafts(request) -> dict:
    from frivillig.volunteering.selectors.home import drafts_waiting

    return {"drafts": drafts_waiting(request.tenant)}


def _staff_expiring(request) -> dict:
    from frivillig.volunteering.selectors.home import EXPIRY_HORIZON_DAYS, opportunities_expiring

    return {"expiring": opportunities_expiring(request.tenant), "horizon_days": EXPIRY_HORIZON_DAYS}


def _municipal_needs(request) -> dict:
    from frivillig.volunteering.selectors.home import needs_figures

    return {"needs": needs_figures(request.tenant)}


# A tenant's home: the sections of the roles held there first (each shown by its permission), then the calls to
# action that every visitor sees.
HOME = [
    HomeSection(
        "volunteering/home_rep_applications.html",
        order=30,
        permission="volunteering.follow_up_own_applications",
        context=_rep_applications,
    ),
    HomeSection(
        "volunteering/home_rep_opportunities.html",
        order=31,
        permission="volunteering.follow_up_own_applications",
        context=_rep_opportunities,
    ),
    HomeSection(
        "volunteering/home_staff_stale.html",
        order=41,
        permission="volunteering.help_associations",
        context=_staff_stale,
    ),
    HomeSection(
        "volunteering/home_staff_drafts.html",
        order=42,
        permission="volunteering.help_associations",
        context=_staff_drafts,
    ),
    HomeSection(
        "volunteering/home_staff_expiring.html",
        order=43,
        permission="volunteering.help_associations",
        context=_staff_expiring,
    ),
    HomeSection(
        "volunteering/home_municipal_needs.html",
        order=60,
        permission="volunteering.oversee_needs",
        context=_municipal_needs,
    ),
    HomeSection("volunteering/home_find.html", order=110),
]


def _my_applications(request) -> dict:
    from frivillig.volunteering.selectors.home import own_applications_shortlist

    return {"my_applications": own_applications_shortlist(request.user)}


def _my_profile(request) -> dict:
    from frivillig.volunteering.selectors.home import profile_is_complete
    from frivillig.volunteering.selectors.matching import profile_of, suggestions_for

    profile = profile_of(request.user)
    return {
        "profile": profile,
        "profile_complete": profile_is_complete(profile),
        "suggestions": suggestions_for(profile, limit=3) if profile is not None else [],
    }


# "My volunteer life", the person's own page (no tenant): their applications, suggestions and volunteer profile.
PERSONAL = [
    HomeSection("volunteering/home_my_applications.html", order=10, permission=AUTHENTICATED, context=_my_applications),
    HomeSection("volunteering/home_my_suggestions.html", order=20, permission=AUTHENTICATED, context=_my_profile),
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


def _organisation_opportunities(request, organisation) -> dict | None:
    from frivillig.volunteering.selectors.opportunities import organisation_open_opportunities

    opportunities = organisation_open_opportunities(request.tenant, organisation)
    return {"opportunities": opportunities} if opportunities else None


# An association's public page lists its open volunteer opportunities.
ORGANISATION_PAGE = [
    OrganisationSection("volunteering/organisation_opportunities.html", order=10, context=_organisation_opportunities),
]
