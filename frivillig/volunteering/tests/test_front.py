"""The national front page: search every opportunity, the figures that matter, and where volunteers are lacking."""

import json
import re

from django.urls import reverse

from frivillig.core.tests.helpers import english
from frivillig.testing import TenantFactory, assert_rows_rendered, make_organisation
from frivillig.volunteering.enums import ApplicationStatus, OpportunityStatus
from frivillig.volunteering.models import Application
from frivillig.volunteering.tests.test_board import opportunity

FRONT = reverse("front_page")


def figures(content: str) -> dict[str, str]:
    pairs = re.findall(r'<div class="key-figure"><dt>([^<]+)</dt><dd>(?:<a [^>]*>)?(\d+)', content)
    return dict(pairs)


def shortage_links(content: str) -> list[tuple[str, str, str]]:
    """(href, label, count text) of each "where volunteers are lacking" entry, in order."""
    return re.findall(
        r'<li><a href="(/frivilligjob/\?[^"]+)">([^<]+)</a> <span class="shortage-count">([^<]+)</span>', content
    )


def test_front_page_searches_every_opportunity_from_a_form_on_the_national_board(client, personas):
    content = client.get(FRONT).content.decode()
    assert re.search(r'<form class="front-search" method="get" action="/frivilligjob/" role="search">', content)
    assert 'name="soeg" type="search"' in content
    assert '<label class="form-label" for="front-search-input">Søg frivilligjob i hele Danmark' in content


def test_front_page_counts_open_opportunities_associations_and_centres_of_active_tenants(client, personas):
    opportunity(personas.organisation, title="Besøgsven i Alfa")
    opportunity(personas.foreign_organisation, title="Træner i Charlie")
    opportunity(personas.organisation, title="Kladde", status=OpportunityStatus.DRAFT)
    closed = TenantFactory(slug="lukket", name="Lukket", is_active=False)
    opportunity(make_organisation(closed, name="Lukket forening"), title="I en lukket kommune")

    shown = figures(client.get(FRONT).content.decode())

    # Alfa has two public associations, Charlie one; the inactive tenant counts nowhere.
    assert shown == {"Ledige frivilligjob": "2", "Foreninger": "3", "Frivilligcentre": "2"}


def test_front_page_shows_where_volunteers_are_lacking_across_tenants_by_the_words_key(client, personas):
    opportunity(personas.organisation, title="Besøgsven", volunteers_needed=3, target_groups=["aeldre"])
    opportunity(personas.foreign_organisation, title="Gåtur", volunteers_needed=2, target_groups=["aeldre"])
    filled = opportunity(
        personas.other_organisation, title="Lektier", volunteers_needed=1, target_groups=["boern-og-unge"]
    )
    Application.objects.create(
        tenant=filled.tenant,
        opportunity=filled,
        full_name="Ida Frivillig",
        email="ida@example.org",
        status=ApplicationStatus.STARTED,
        email_confirmed_at=filled.published_at,
    )
    opportunity(
        personas.other_organisation,
        title="Udkast",
        status=OpportunityStatus.DRAFT,
        volunteers_needed=9,
        target_groups=["boern-og-unge"],
    )

    links = shortage_links(client.get(FRONT).content.decode())

    # The elderly: 3 + 2 open places in two tenants, one line; the filled and the draft opportunity count nothing.
    assert links == [("/frivilligjob/?maalgruppe=aeldre", "Ældre", "5 frivillige søges")]


def test_front_page_shortage_links_lead_to_the_filtered_national_board(client, personas):
    opportunity(personas.foreign_organisation, title="Gåtur", volunteers_needed=2, target_groups=["aeldre"])
    (href, _label, _count) = shortage_links(client.get(FRONT).content.decode())[0]

    board = client.get(href)

    assert [item.title for item in board.context["page"].object_list] == ["Gåtur"]


def test_front_page_says_so_when_no_opportunity_has_open_places(client, personas):
    content = client.get(FRONT).content.decode()
    assert "Lige nu søger ingen af de offentliggjorte frivilligjob flere frivillige." in content
    assert figures(content)["Ledige frivilligjob"] == "0"


def test_front_page_shortages_use_the_english_labels_for_english_visitors(client, personas):
    opportunity(personas.organisation, title="Besøgsven", volunteers_needed=2, target_groups=["aeldre"])
    links = shortage_links(english(client).get(FRONT).content.decode())
    assert [label for _href, label, _count in links] == ["Older people"]


def test_front_page_declares_the_site_search_for_search_engines(client, personas):
    content = client.get(FRONT).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "WebSite"
    assert data["url"] == "http://testserver/"
    assert (
        data["potentialAction"]["target"]["urlTemplate"] == "http://testserver/frivilligjob/?soeg={search_term_string}"
    )
    assert data["potentialAction"]["query-input"] == "required name=search_term_string"


def test_front_page_lists_the_centres_as_cards_linking_to_their_homes(client, personas):
    content = client.get(FRONT).content.decode()
    assert '<a class="card" href="/alfa/">' in content
    assert '<a class="card" href="/charlie/">' in content


def _sized(personas, size: int) -> None:
    for number in range(size):
        for organisation in (personas.organisation, personas.foreign_organisation):
            opportunity(
                organisation,
                title=f"Talt frivilligjob {number}",
                target_groups=["aeldre"],
                activity_areas=["besoegsvenner"],
            )


def test_front_page_queries_do_not_grow_with_the_data(client, personas, django_assert_num_queries):
    _sized(personas, 1)
    client.get(FRONT)
    with django_assert_num_queries(QUERIES):
        client.get(FRONT)
    _sized(personas, 2)
    with django_assert_num_queries(QUERIES):
        response = client.get(FRONT)
    assert_rows_rendered(response, ["Ældre", "Besøgsvenner", "Frivilligcenter Alfa", "Frivilligcenter Charlie"])


QUERIES = 6
