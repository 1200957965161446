"""Atom feeds of newly published volunteer opportunities, per tenant and national."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frivillig.testing import TenantFactory, assert_rows_rendered, make_organisation
from frivillig.volunteering.enums import OpportunityStatus
from frivillig.volunteering.tests.test_board import opportunity

ATOM = "{http://www.w3.org/2005/Atom}"
TENANT_FEED = reverse("volunteering:feed", kwargs={"tenant_slug": "alfa"})
NATIONAL_FEED = reverse("national:feed")


def parse(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own feed, built by Django


def entries(feed: ET.Element) -> list[dict[str, str]]:
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


@pytest.fixture
def published(personas):
    stamp = timezone.make_aware(datetime(2025, 3, 4, 12, 30))
    items = {
        "new": opportunity(personas.organisation, title="Nyeste opslag", published_at=stamp),
        "older": opportunity(personas.other_organisation, title="Ældre opslag", published_at=stamp - timedelta(days=3)),
        "foreign": opportunity(personas.foreign_organisation, title="Charlies opslag", published_at=stamp),
    }
    opportunity(personas.organisation, title="Kladden", status=OpportunityStatus.DRAFT)
    opportunity(personas.organisation, title="Det lukkede", status=OpportunityStatus.CLOSED, published_at=stamp)
    return items


def test_tenant_feed_lists_the_tenants_published_opportunities_newest_first(client, published):
    feed = parse(client.get(TENANT_FEED))

    assert feed.tag == f"{ATOM}feed"
    assert [entry["title"] for entry in entries(feed)] == ["Nyeste opslag", "Ældre opslag"]
    first = entries(feed)[0]
    assert first["link"] == f"http://testserver/alfa/frivilligjob/{published['new'].pk}/"
    assert first["updated"] == "2025-03-04T11:30:00+00:00"
    assert first["author"] == "Alfa Besøgsvenner"
    assert feed.findtext(f"{ATOM}updated") == "2025-03-04T11:30:00+00:00"
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://testserver/alfa/frivilligjob/"


def test_national_feed_spans_active_tenants(client, published):
    sleeping = TenantFactory(slug="sovende", name="Sovende", kommunekode="903", is_active=False)
    opportunity(make_organisation(sleeping), title="Hos en inaktiv kommune")

    feed = parse(client.get(NATIONAL_FEED))

    titles = [entry["title"] for entry in entries(feed)]
    assert sorted(titles) == ["Charlies opslag", "Nyeste opslag", "Ældre opslag"]
    links = {entry["title"]: entry["link"] for entry in entries(feed)}
    assert links["Charlies opslag"] == f"http://testserver/charlie/frivilligjob/{published['foreign'].pk}/"


def test_feed_escapes_the_summary_as_text(client, personas):
    opportunity(personas.organisation, title="Med <b>tags</b>", summary="Kaffe & <i>kage</i>")

    entry = entries(parse(client.get(TENANT_FEED)))[0]

    assert entry["title"] == "Med <b>tags</b>"
    # The summary is HTML to feed readers: the association's text arrives as text, not as markup.
    assert entry["summary"] == "Kaffe &amp; &lt;i&gt;kage&lt;/i&gt;"


def test_feed_holds_the_fifty_newest(client, personas):
    now = timezone.now()
    for number in range(52):
        opportunity(personas.organisation, title=f"Opslag {number}", published_at=now - timedelta(hours=number))

    titles = [entry["title"] for entry in entries(parse(client.get(TENANT_FEED)))]

    assert len(titles) == 50
    assert titles[0] == "Opslag 0"
    assert "Opslag 50" not in titles


def test_empty_feed_is_still_a_valid_feed(client, personas):
    feed = parse(client.get(NATIONAL_FEED))
    assert entries(feed) == []
    assert feed.findtext(f"{ATOM}title")


@pytest.mark.parametrize("size", [1, 3])
def test_feed_query_count_is_constant(client, personas, django_assert_num_queries, size):
    for number in range(size):
        opportunity(personas.organisation, title=f"Opslag {number}")
        opportunity(personas.foreign_organisation, title=f"Charlie {number}")
    with django_assert_num_queries(2):  # tenant, the entries
        tenant_feed = client.get(TENANT_FEED)
    with django_assert_num_queries(1):
        national_feed = client.get(NATIONAL_FEED)

    assert_rows_rendered(tenant_feed, [f"Opslag {number}" for number in range(size)])
    assert_rows_rendered(
        national_feed, [f"{name} {number}" for number in range(size) for name in ("Opslag", "Charlie")]
    )
