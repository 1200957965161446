"""The public lists' and feeds' cache (frivillig/events/caching.py): a second visitor is answered from it, and
every change a list or a feed shows is seen at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from frivillig.events.enums import EventStatus
from frivillig.events.tests.helpers import make_event, make_registration, url
from frivillig.events.tests.test_public_pages import NATIONAL_URL, text, theme, with_themes


def queries(client, address, **params) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address, params)
    assert response.status_code == 200
    return len(captured), text(response)


@pytest.mark.parametrize("address", [NATIONAL_URL, "event_list", "feed"])
def test_a_second_visitor_is_answered_from_the_cache(client, tenant, address):
    address = NATIONAL_URL if address == NATIONAL_URL else url(address)
    with_themes(make_event(tenant, title="Netværksaften for foreninger"), theme(tenant))

    first, first_content = queries(client, address)
    second, second_content = queries(client, address)

    assert "Netværksaften for foreninger" in first_content and "Netværksaften for foreninger" in second_content
    # The list's count, page and themes, or the feed's events and sessions, are not read again.
    assert second <= first - 2


def test_with_the_cache_off_every_visitor_costs_the_same(client, tenant, settings):
    settings.EVENT_LIST_CACHE_SECONDS = 0
    make_event(tenant, title="Netværksaften for foreninger")

    queries(client, NATIONAL_URL)  # the filters' options are kept on their own, for minutes
    second, _content = queries(client, NATIONAL_URL)
    third, _content = queries(client, NATIONAL_URL)

    assert third == second


def test_each_filter_and_page_is_kept_on_its_own(client, tenant):
    with_themes(make_event(tenant, title="Kursus om rekruttering"), theme(tenant))
    make_event(tenant, title="Konference om frivillighed", kind="conference")

    everything = text(client.get(NATIONAL_URL))
    conferences = text(client.get(NATIONAL_URL, {"type": "conference"}))
    recruitment = text(client.get(NATIONAL_URL, {"tema": "rekruttering"}))

    assert "Kursus om rekruttering" in everything and "Konference om frivillighed" in everything
    assert "Kursus om rekruttering" not in conferences and "Konference om frivillighed" in conferences
    assert "Kursus om rekruttering" in recruitment and "Konference om frivillighed" not in recruitment


def test_a_changed_or_cancelled_event_is_seen_at_once(client, tenant):
    event = make_event(tenant, title="Netværksaften")
    assert "Netværksaften" in text(client.get(NATIONAL_URL))

    with scopes_disabled():
        event.title = "Netværksaften for bestyrelser"
        event.save()
    assert "Netværksaften for bestyrelser" in text(client.get(NATIONAL_URL))
    assert "Netværksaften for bestyrelser" in text(client.get(url("feed")))

    with scopes_disabled():
        event.status = EventStatus.CANCELLED
        event.save()
    assert "Netværksaften for bestyrelser" not in text(client.get(NATIONAL_URL))


def test_a_registration_that_fills_the_event_is_seen_at_once(client, tenant):
    event = make_event(tenant, title="Kursus med få pladser", capacity=1)
    assert "badge-warning" not in text(client.get(url("event_list")))

    make_registration(event)

    assert "Fuldt – venteliste" in text(client.get(url("event_list")))


def test_a_new_theme_and_a_renamed_theme_are_seen_at_once(client, tenant):
    event = make_event(tenant, title="Kursus om fundraising")
    tag = theme(tenant, "lokale-fonde", "Lokale fonde")
    # A row names its kind, then its themes.
    assert "· Lokale fonde" not in text(client.get(NATIONAL_URL))

    with_themes(event, tag)
    assert "· Lokale fonde" in text(client.get(NATIONAL_URL))

    with scopes_disabled():
        tag.label_da = "Fonde i kommunen"
        tag.save()
    assert "· Fonde i kommunen" in text(client.get(NATIONAL_URL))


def test_a_tenant_taken_off_the_platform_leaves_the_national_list_at_once(client, tenant, other_tenant):
    make_event(other_tenant, title="Charlies konference")
    assert "Charlies konference" in text(client.get(NATIONAL_URL))

    other_tenant.is_active = False
    other_tenant.save()

    assert "Charlies konference" not in text(client.get(NATIONAL_URL))


def test_a_new_event_reaches_the_theme_feed_at_once(client, tenant):
    tag = theme(tenant)
    with_themes(make_event(tenant, title="Første kursus"), tag)
    assert "Første kursus" in text(client.get(url("theme_feed", tag_pk=tag.pk)))

    with_themes(make_event(tenant, title="Andet kursus"), tag)

    feed = text(client.get(url("theme_feed", tag_pk=tag.pk)))
    assert "Første kursus" in feed and "Andet kursus" in feed
