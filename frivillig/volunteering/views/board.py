"""The public board of volunteer opportunities (per tenant and national), the detail page and the Atom feeds.

Public pages: anyone may read them. The national ones have no tenant scope; see selectors.board for how they
read across tenants.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frivillig.core.feeds import CleanAtom1Feed
from frivillig.core.jsonld import json_ld_script, without_empty
from frivillig.core.listing import render_list
from frivillig.core.permissions import PUBLIC, view_permission
from frivillig.volunteering.forms.board import BoardFilterForm
from frivillig.volunteering.models import Opportunity
from frivillig.volunteering.selectors.board import (
    BoardFilter,
    FacetOption,
    board_opportunity,
    board_results,
    feed_opportunities,
    no_longer_open,
    opportunity_words,
)

# The filters in the order the form shows them: GET parameter, title, the "no filter" choice.
_SELECT_FACETS = [
    ("kommune", gettext_lazy("Municipality"), gettext_lazy("All municipalities")),
    ("maalgruppe", gettext_lazy("Target group"), gettext_lazy("All target groups")),
    ("omraade", gettext_lazy("Activity area"), gettext_lazy("All activity areas")),
    ("inklusion", gettext_lazy("Suitable for"), gettext_lazy("Everybody")),
    ("omfang", gettext_lazy("Commitment"), gettext_lazy("Any commitment")),
    ("hvornaar", gettext_lazy("When"), gettext_lazy("Any time")),
]
_CHECKBOX_FACETS = ["hjemme", "ny"]


@dataclass(frozen=True)
class Facet:
    param: str
    title: str
    any_label: str
    options: list[FacetOption]
    is_checkbox: bool = False

    @property
    def options_html(self) -> SafeString:
        """The select's <option>s, built here rather than in the template: the national board has about 130 of
        them, and the template engine would spend most of the page's rendering time on them. "Any" carries
        `selected` too: a chosen option after it wins, and an htmx swap of the options never leaves the browser
        to pick one."""
        options = [f'<option value="" selected>{escape(str(self.any_label))}</option>']
        for option in self.options:
            value, label = escape(option.value), escape(str(option.label))
            selected = " selected" if option.selected else ""
            options.append(f'<option value="{value}"{selected}>{label} ({option.count:d})</option>')
        return mark_safe("".join(options))  # noqa: S308 - every value above is escaped


@dataclass(frozen=True)
class Removal:
    """An active filter, and the address of the same search without it."""

    label: str
    query: str


def _facets(facets: dict[str, list[FacetOption]]) -> list[Facet]:
    shown = [
        Facet(param, title, any_label, facets[param]) for param, title, any_label in _SELECT_FACETS if param in facets
    ]
    for param in _CHECKBOX_FACETS:
        option = facets[param][0]
        shown.append(Facet(param, option.label, "", facets[param], is_checkbox=True))
    return shown


def _removals(request, criteria: BoardFilter, facets: list[Facet]) -> list[Removal]:
    def without(param: str) -> str:
        query = request.GET.copy()
        query.pop(param, None)
        query.pop("side", None)
        return query.urlencode()

    removals = []
    if criteria.search:
        removals.append(Removal(_("Search words: %(words)s") % {"words": criteria.search}, without("soeg")))
    chosen = criteria.chosen
    for facet in facets:
        if facet.param in chosen:
            option = next(option for option in facet.options if option.selected)
            label = option.label if facet.is_checkbox else f"{facet.title}: {option.label}"
            removals.append(Removal(label, without(facet.param)))
    return removals


def _when_text(opportunity: Opportunity) -> str:
    flags = [
        (opportunity.on_weekdays, _("weekdays (daytime)")),
        (opportunity.in_evenings, _("evenings")),
        (opportunity.at_weekends, _("weekends")),
    ]
    return ", ".join(label for flag, label in flags if flag)


def _facts(opportunity: Opportunity) -> list[str]:
    """The short line under an opportunity in the list: commitment, when, deadline."""
    facts = [opportunity.get_commitment_display() if opportunity.commitment else "", _when_text(opportunity)]
    if opportunity.expires_on:
        facts.append(_("Open until %(date)s") % {"date": date_format(opportunity.expires_on)})
    return [fact for fact in facts if fact]


def _board(request, tenant, board_url: str):
    form = BoardFilterForm(request.GET, national=tenant is None)
    criteria = form.criteria()
    results = board_results(tenant, criteria, request.GET.get("side"))
    facets = _facets(results.facets)
    for opportunity in results.page.object_list:
        opportunity.facts = _facts(opportunity)
    context = {
        "national": tenant is None,
        "board_url": board_url,
        "feed_url": reverse("national:feed") if tenant is None else reverse("volunteering:feed", args=[tenant.slug]),
        "criteria": criteria,
        "results": results,
        "page": results.page,
        "facets": facets,
        "removals": _removals(request, criteria, facets),
    }
    return render_list(request, "volunteering/board_list.html", context)


@view_permission(PUBLIC)
def board(request, tenant_slug: str):
    return _board(request, request.tenant, reverse("volunteering:board", args=[request.tenant.slug]))


@view_permission(PUBLIC)
def national_board(request):
    return _board(request, None, reverse("national:board"))


# --- the detail page ------------------------------------------------------------------------------------------


def _apply_url(opportunity: Opportunity) -> str:
    return reverse("volunteering:apply", kwargs={"tenant_slug": opportunity.tenant.slug, "pk": opportunity.pk})


def _directory_url(opportunity: Opportunity) -> str | None:
    organisation = opportunity.organisation
    if organisation.is_publicly_listed:
        return reverse("crm:directory_detail", kwargs={"tenant_slug": opportunity.tenant.slug, "pk": organisation.pk})
    return None


@view_permission(PUBLIC)
def opportunity_detail(request, tenant_slug: str, pk: int):
    opportunity = board_opportunity(request.tenant, pk)
    if opportunity is None:
        # Filled, closed or past its deadline: those who follow an old link learn that, not just "not found".
        if no_longer_open(request.tenant, pk):
            return render(request, "volunteering/board_closed.html", status=404)
        raise Http404
    opportunity.tenant = request.tenant
    apply_url = _apply_url(opportunity)
    directory_url = _directory_url(opportunity)
    words = opportunity_words(opportunity)
    contact = opportunity.contact_person
    context = {
        "opportunity": opportunity,
        "when": _when_text(opportunity),
        "words": words,
        "apply_url": apply_url,
        "directory_url": directory_url,
        "contact_name": contact.full_name if contact is not None and contact.archived_at is None else "",
        "json_ld": opportunity_json_ld(request, opportunity, apply_url=apply_url, directory_url=directory_url),
    }
    return render(request, "volunteering/opportunity_public_detail.html", context)


def opportunity_json_ld(request, opportunity: Opportunity, *, apply_url, directory_url) -> SafeString:
    """schema.org `JobPosting` (employment type VOLUNTEER) as a <script type="application/ld+json"> element."""
    organisation = opportunity.organisation
    hiring = {"@type": "Organization", "name": organisation.name}
    hiring.update(
        without_empty(
            {
                "url": request.build_absolute_uri(directory_url) if directory_url else organisation.website,
                "sameAs": organisation.website,
            }
        )
    )
    description = "\n\n".join(
        part for part in (opportunity.summary, opportunity.description, opportunity.tasks) if part
    )
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": opportunity.title,
        "description": description or opportunity.title,
        "datePosted": opportunity.published_at.date().isoformat() if opportunity.published_at else "",
        "validThrough": opportunity.expires_on.isoformat() if opportunity.expires_on else "",
        "employmentType": "VOLUNTEER",
        "hiringOrganization": hiring,
        "url": request.build_absolute_uri(),
        "totalJobOpenings": opportunity.volunteers_needed,
        "directApply": apply_url is not None,
    }
    data.update(_job_location(opportunity))
    return json_ld_script({key: value for key, value in data.items() if value not in ("", None)})


def _job_location(opportunity: Opportunity) -> dict:
    """Where the work happens: the opportunity's place; if it names none, the organisation's (unless the work is
    done from home, where the organisation's address says nothing about the job); at least the municipality."""

    def address_of(source) -> dict:
        return without_empty(
            {"streetAddress": source.address, "postalCode": source.postcode, "addressLocality": source.town}
        )

    data: dict = {}
    address = address_of(opportunity)
    if not address and not opportunity.is_remote:
        address = address_of(opportunity.organisation) or {"addressRegion": opportunity.tenant.municipality_name}
    if address:
        data["jobLocation"] = {
            "@type": "Place",
            "address": {"@type": "PostalAddress", **address, "addressCountry": "DK"},
        }
    if opportunity.is_remote:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "DK"}
    return data


# --- the Atom feeds -------------------------------------------------------------------------------------------


class _BoardFeed(Feed):
    """The newest opportunities on a board; each entry links to its detail page."""

    feed_type = CleanAtom1Feed

    def items(self, obj):
        return feed_opportunities(obj)

    def item_title(self, item: Opportunity) -> str:
        return item.title

    def item_description(self, item: Opportunity) -> str:
        # Feed readers read the summary as HTML: the association's plain text is escaped.
        return conditional_escape(item.summary or item.title)

    def item_link(self, item: Opportunity) -> str:
        return reverse("volunteering:opportunity_detail", kwargs={"tenant_slug": item.tenant.slug, "pk": item.pk})

    def item_pubdate(self, item: Opportunity):
        return item.published_at

    def item_updateddate(self, item: Opportunity):
        return item.published_at

    def item_author_name(self, item: Opportunity) -> str:
        return item.organisation.name


class TenantBoardFeed(_BoardFeed):
    def get_object(self, request, tenant_slug: str):
        return request.tenant

    def title(self, obj) -> str:
        return _("New volunteer opportunities – %(centre)s") % {"centre": obj.centre_name}

    def subtitle(self, obj) -> str:
        return _("Volunteer opportunities in %(municipality)s, newest first.") % {"municipality": obj.municipality_name}

    def link(self, obj) -> str:
        return reverse("volunteering:board", args=[obj.slug])

    def author_name(self, obj) -> str:
        return obj.centre_name


class NationalBoardFeed(_BoardFeed):
    def get_object(self, request):
        return None

    def title(self) -> str:
        return _("New volunteer opportunities in Denmark")

    def subtitle(self) -> str:
        return _("Volunteer opportunities from every volunteer centre on Frivillig, newest first.")

    def link(self) -> str:
        return reverse("national:board")

    def author_name(self) -> str:
        return "Frivillig"


tenant_feed = view_permission(PUBLIC)(TenantBoardFeed())
national_feed = view_permission(PUBLIC)(NationalBoardFeed())

urlpatterns = [
    path("frivilligjob/", board, name="board"),
    path("frivilligjob/feed/", tenant_feed, name="feed"),
    path("frivilligjob/<int:pk>/", opportunity_detail, name="opportunity_detail"),
]
national_urlpatterns = [
    path("frivilligjob/", national_board, name="board"),
    path("frivilligjob/feed/", national_feed, name="feed"),
]
