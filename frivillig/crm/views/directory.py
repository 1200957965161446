"""The public directory of associations: anyone may search it; each association has a page carrying
schema.org JSON-LD. Only the public profile is shown, never the centre's notes, interactions or relations."""

from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.safestring import SafeString

from frivillig.core.jsonld import json_ld_script
from frivillig.core.listing import render_list
from frivillig.core.pagination import paginate
from frivillig.core.permissions import PUBLIC, view_permission
from frivillig.crm.models import Organisation, Tag
from frivillig.crm.public_page import organisation_page_sections
from frivillig.crm.selectors.directory import (
    DIRECTORY_PER_PAGE,
    DIRECTORY_SORTS,
    DirectoryFilter,
    directory_association,
    directory_associations,
    directory_filter_options,
)

MAX_SEARCH_LENGTH = 100


def _chosen(tags: list[Tag], slug: str) -> Tag | None:
    return next((tag for tag in tags if tag.slug == slug), None) if slug else None


@view_permission(PUBLIC)
def directory(request, tenant_slug: str):
    options = directory_filter_options(request.tenant)
    sort = request.GET.get("sorter", "")
    criteria = DirectoryFilter(
        search=request.GET.get("soeg", "").strip()[:MAX_SEARCH_LENGTH],
        target_group=_chosen(options.target_groups, request.GET.get("maalgruppe", "")),
        activity_area=_chosen(options.activity_areas, request.GET.get("omraade", "")),
        sort=sort if sort in DIRECTORY_SORTS else "navn",
    )
    context = {
        "page": paginate(request, directory_associations(request.tenant, criteria), per_page=DIRECTORY_PER_PAGE),
        "criteria": criteria,
        "options": options,
        "is_filtered": bool(criteria.search or criteria.target_group or criteria.activity_area),
    }
    return render_list(request, "crm/directory_list.html", context)


@view_permission(PUBLIC)
def directory_detail(request, tenant_slug: str, pk: int):
    organisation = get_object_or_404(directory_association(request.tenant), pk=pk)
    context = {
        "organisation": organisation,
        "sections": organisation_page_sections(request, organisation),
        "json_ld": organisation_json_ld(request, organisation),
    }
    return render(request, "crm/directory_detail.html", context)


def organisation_json_ld(request, organisation: Organisation) -> SafeString:
    """The page's schema.org `Organization` as a <script type="application/ld+json"> element."""
    data: dict = {"@context": "https://schema.org", "@type": "Organization", "name": organisation.name}
    optional = {
        "description": organisation.description or organisation.purpose,
        "url": organisation.website,
        "email": organisation.email,
        "telephone": organisation.phone,
        "logo": request.build_absolute_uri(organisation.logo.url) if organisation.logo else "",
    }
    data.update({key: value for key, value in optional.items() if value})
    if organisation.address or organisation.postcode or organisation.town:
        address = {
            "streetAddress": organisation.address,
            "postalCode": organisation.postcode,
            "addressLocality": organisation.town,
        }
        data["address"] = {
            "@type": "PostalAddress",
            **{key: value for key, value in address.items() if value},
            "addressCountry": "DK",
        }
    if organisation.cvr:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "CVR", "value": organisation.cvr}
    return json_ld_script(data)


urlpatterns = [
    path("foreninger/", directory, name="directory"),
    path("foreninger/<int:pk>/", directory_detail, name="directory_detail"),
]
