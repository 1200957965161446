"""The public event pages: the tenant's list and month calendar, the detail page, the .ics files and feeds, the
national list."""

import json
import re
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.events.enums import EventAudience, EventKind, EventStatus
from frivillig.events.tests.helpers import danish_time, make_event, make_registration, url
from frivillig.testing import assert_rows_rendered

NATIONAL_URL = "/arrangementer/"


def theme(tenant, slug: str = "rekruttering", label: str = "Rekruttering") -> Tag:
    with scopes_disabled():
        tag, _ = Tag.objects.get_or_create(
            tenant=tenant, vocabulary=Vocabulary.THEME, slug=slug, defaults={"label_da": label, "label_en": label}
        )
    return tag


def with_themes(event, *tags):
    with scopes_disabled():
        event.themes.add(*tags)
    return event


def text(response) -> str:
    return response.content.decode()


def json_ld(response) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', text(response), re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


# --- the list -------------------------------------------------------------------------------------------------


def test_the_list_shows_published_upcoming_events_and_marks_cancelled_and_full_ones(client, tenant, other_tenant):
    make_event(tenant, title="Netværksaften for foreninger", place="Medborgerhuset")
    make_event(tenant, title="Aflyst temaaften", status=EventStatus.CANCELLED)
    full = make_event(tenant, title="Fuldt kursus", capacity=2)
    make_registration(full, group_size=2)
    make_event(tenant, title="Kladde til kursus", status=EventStatus.DRAFT)
    make_event(tenant, title="Kun for inviterede", audience=EventAudience.INVITED)
    make_event(tenant, title="Sidste års konference", starts_at=timezone.now() - timedelta(days=30))
    make_event(other_tenant, title="Charlies arrangement")

    response = client.get(url("event_list"))

    content = text(response)
    assert "Netværksaften for foreninger" in content and "Medborgerhuset" in content
    assert "Aflyst temaaften" in content and "Aflyst</span>" in content
    assert "Fuldt kursus" in content and "Fuldt – venteliste" in content
    for hidden in ["Kladde til kursus", "Kun for inviterede", "Sidste års konference", "Charlies arrangement"]:
        assert hidden not in content


def test_past_events_are_shown_on_request_newest_first(client, tenant):
    make_event(tenant, title="Kommende kursus")
    make_event(tenant, title="Forårskonference", starts_at=timezone.now() - timedelta(days=60))
    make_event(tenant, title="Netværksaften i går", starts_at=timezone.now() - timedelta(days=2))

    content = text(client.get(url("event_list"), {"tidligere": "on"}))

    assert "Kommende kursus" not in content
    assert content.index("Netværksaften i går") < content.index("Forårskonference")


def test_the_list_filters_by_kind_theme_and_month(client, tenant):
    fundraising = theme(tenant, "fundraising", "Fundraising")
    with_themes(make_event(tenant, title="Fundraisingkursus", starts_at=danish_time(2030, 3, 5, 19)), fundraising)
    make_event(
        tenant,
        title="Dialogmøde om integration",
        kind=EventKind.DIALOGUE_MEETING,
        starts_at=danish_time(2030, 4, 2, 19),
    )

    by_kind = text(client.get(url("event_list"), {"type": EventKind.DIALOGUE_MEETING}))
    by_theme = text(client.get(url("event_list"), {"tema": fundraising.pk}))
    by_month = text(client.get(url("event_list"), {"maaned": "2030-04"}))

    assert "Dialogmøde om integration" in by_kind and "Fundraisingkursus" not in by_kind
    assert "Fundraisingkursus" in by_theme and "Dialogmøde om integration" not in by_theme
    assert url("theme_feed", tag_pk=fundraising.pk) in by_theme
    assert "Dialogmøde om integration" in by_month and "Fundraisingkursus" not in by_month


def test_a_bad_filter_value_is_ignored_and_the_live_filter_gets_the_results_only(client, tenant):
    make_event(tenant, title="Kursus i rekruttering")

    assert client.get(url("event_list"), {"maaned": "2030-13", "tema": "x", "side": "999999999999"}).status_code == 200
    fragment = text(client.get(url("event_list"), HTTP_HX_REQUEST="true"))
    assert "Kursus i rekruttering" in fragment and "<html" not in fragment


def test_the_list_shows_danish_time_in_winter_and_summer(client, tenant):
    make_event(tenant, title="Vinterkursus", starts_at=danish_time(2030, 1, 15, 10))
    make_event(tenant, title="Sommerkursus", starts_at=danish_time(2030, 6, 18, 10))

    content = text(client.get(url("event_list")))

    assert "15. januar 2030, 10:00" in content
    assert "18. juni 2030, 10:00" in content


@pytest.mark.parametrize("size", [1, 3])
def test_list_query_count_is_constant(client, tenant, django_assert_num_queries, size):
    tags = [theme(tenant), theme(tenant, "bestyrelse", "Bestyrelsesarbejde")]
    for number in range(size):
        event = make_event(tenant, title=f"Talt arrangement {number}", capacity=10)
        with_themes(event, *tags)
        make_registration(event)

    # tenant, theme options, capped count, page (with places taken), themes
    with django_assert_num_queries(5):
        response = client.get(url("event_list"))
    assert_rows_rendered(response, [f"Talt arrangement {number}" for number in range(size)])


# --- the month calendar ---------------------------------------------------------------------------------------


def test_the_calendar_shows_each_session_on_its_day_and_links_the_months(client, tenant):
    course = make_event(tenant, title="Kursus over tre aftener", sessions=3, starts_at=danish_time(2030, 3, 14, 19))
    make_event(tenant, title="Kladde", status=EventStatus.DRAFT, starts_at=danish_time(2030, 3, 15, 19))

    response = client.get(url("event_calendar"), {"maaned": "2030-03"})

    content = text(response)
    assert "<caption" in content and "marts 2030" in content
    assert content.count(f'href="/alfa/arrangementer/{course.pk}/"') == 3
    assert "19:00 Kursus over tre aftener – Gang 1" in content
    assert "Kladde" not in content
    assert "maaned=2030-02" in content and "maaned=2030-04" in content


def test_the_calendar_marks_today(client, tenant):
    content = text(client.get(url("event_calendar")))
    assert 'aria-current="date"' in content
    assert "Der er ingen arrangementer i denne måned." in content


@pytest.mark.parametrize("size", [1, 3])
def test_calendar_query_count_is_constant(client, tenant, django_assert_num_queries, size):
    for number in range(size):
        make_event(tenant, title=f"Kalenderarrangement {number}", starts_at=danish_time(2030, 5, 10 + number, 19))

    # tenant, theme options, sessions of the month with their events
    with django_assert_num_queries(3):
        response = client.get(url("event_calendar"), {"maaned": "2030-05"})
    assert_rows_rendered(response, [f"Kalenderarrangement {number}" for number in range(size)])


# --- the detail page ------------------------------------------------------------------------------------------


def test_the_detail_page_tells_a_citizen_what_they_need(client, tenant, personas):
    event = make_event(
        tenant,
        title="Kursus i effektiv rekruttering",
        description="Lær at finde nye frivillige.",
        sessions=2,
        starts_at=danish_time(2030, 3, 21, 10),
        place="Frivilligcenter Alfa, Torvet 1",
        capacity=5,
        price_note="Gratis for medlemsforeninger",
        organised_by_municipality=True,
        registration_closes_at=danish_time(2030, 3, 14, 12),
    )
    with scopes_disabled():
        event.partners.add(personas.organisation)
    with_themes(event, theme(tenant))
    make_registration(event, group_size=2)

    response = client.get(url("event_detail", pk=event.pk))

    content = text(response)
    for expected in [
        "Kursus i effektiv rekruttering",
        "Lær at finde nye frivillige.",
        "Kursus",
        "torsdag 21. marts 2030",
        "10:00–12:00",
        # The second session is after the clocks went forward: still 10:00 Danish time.
        "torsdag 28. marts 2030",
        "Frivilligcenter Alfa, Torvet 1",
        "3 ledige pladser",
        "Lukker 14. marts 2030 12:00",
        "Frivilligcenter Alfa",
        "Alfa Kommune",
        "Alfa Besøgsvenner",
        "Gratis for medlemsforeninger",
        "Rekruttering",
        "Tilføj til kalender",
    ]:
        assert expected in content, expected
    assert url("event_ics", pk=event.pk) in content


def test_the_detail_page_has_schema_org_json_ld_with_offsets_and_sub_events(client, tenant):
    event = make_event(tenant, sessions=2, starts_at=danish_time(2030, 3, 21, 10), place="Torvet 1")

    data = json_ld(client.get(url("event_detail", pk=event.pk)))

    assert data["@type"] == "Event"
    assert data["startDate"] == "2030-03-21T10:00:00+01:00"
    assert data["endDate"] == "2030-03-28T12:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["name"] == "Torvet 1"
    assert data["organizer"]["name"] == "Frivilligcenter Alfa"
    assert [sub["startDate"] for sub in data["subEvent"]] == ["2030-03-21T10:00:00+01:00", "2030-03-28T10:00:00+01:00"]


def test_a_cancelled_online_event_says_so_on_the_page_and_in_json_ld(client, tenant):
    event = make_event(
        tenant, status=EventStatus.CANCELLED, online_url="https://meet.example.org/x", cancellation_message="Syg."
    )

    response = client.get(url("event_detail", pk=event.pk))

    assert "Arrangementet er aflyst" in text(response) and "Syg." in text(response)
    data = json_ld(response)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/x"}


def test_a_full_event_points_to_the_waiting_list(client, tenant):
    event = make_event(tenant, capacity=1)
    make_registration(event)

    assert "Fuldt – skriv dig på ventelisten" in text(client.get(url("event_detail", pk=event.pk)))


def test_a_draft_is_hidden_from_the_public_and_previewed_for_staff(client_for, tenant):
    draft = make_event(tenant, title="Kladde til konference", status=EventStatus.DRAFT)

    for persona in ["anonymous", "citizen", "association_rep", "other_staff"]:
        assert client_for(persona).get(url("event_detail", pk=draft.pk)).status_code == 404, persona
        assert client_for(persona).get(url("event_ics", pk=draft.pk)).status_code == 404, persona
    response = client_for("centre_staff").get(url("event_detail", pk=draft.pk))
    assert response.status_code == 200
    assert "Forhåndsvisning" in text(response) and "Kladde til konference" in text(response)


def test_an_invited_only_event_is_reached_by_its_address_but_never_listed(client, tenant):
    event = make_event(tenant, title="Lukket netværksmøde", audience=EventAudience.INVITED)

    assert client.get(url("event_detail", pk=event.pk)).status_code == 200
    assert "Lukket netværksmøde" not in text(client.get(url("event_list")))
    assert b"Lukket netv" not in client.get(url("feed")).content


def test_another_tenants_event_answers_404(client, other_tenant):
    event = make_event(other_tenant)

    assert client.get(url("event_detail", pk=event.pk)).status_code == 404
    assert client.get(url("event_ics", pk=event.pk)).status_code == 404


# --- .ics and feeds -------------------------------------------------------------------------------------------


def test_the_event_ics_is_a_calendar_attachment_with_the_right_utc_times(client, tenant):
    winter = make_event(tenant, starts_at=danish_time(2030, 1, 15, 10))
    summer = make_event(tenant, starts_at=danish_time(2030, 6, 18, 10))

    winter_response = client.get(url("event_ics", pk=winter.pk))
    summer_response = client.get(url("event_ics", pk=summer.pk))

    assert winter_response["Content-Type"] == "text/calendar; charset=utf-8"
    assert winter_response["Content-Disposition"] == f'attachment; filename="arrangement-{winter.pk}.ics"'
    (winter_vevent,) = icalendar.Calendar.from_ical(winter_response.content).walk("VEVENT")
    (summer_vevent,) = icalendar.Calendar.from_ical(summer_response.content).walk("VEVENT")
    assert winter_vevent.decoded("dtstart") == datetime(2030, 1, 15, 9, tzinfo=UTC)
    assert summer_vevent.decoded("dtstart") == datetime(2030, 6, 18, 8, tzinfo=UTC)
    assert "15. januar 2030" in text(client.get(url("event_detail", pk=winter.pk)))
    assert "10:00–12:00" in text(client.get(url("event_detail", pk=summer.pk)))


def test_the_feed_holds_the_tenants_listed_events_from_three_months_back(client, tenant, other_tenant):
    make_event(tenant, title="Kommende kursus")
    make_event(tenant, title="Aflyst netværksaften", status=EventStatus.CANCELLED)
    make_event(tenant, title="Konference for en måned siden", starts_at=timezone.now() - timedelta(days=30))
    make_event(tenant, title="Konference for et år siden", starts_at=timezone.now() - timedelta(days=365))
    make_event(tenant, title="Kladde", status=EventStatus.DRAFT)
    make_event(other_tenant, title="Charlies kursus")

    response = client.get(url("feed"))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = {str(vevent["summary"]): str(vevent["status"]) for vevent in calendar.walk("VEVENT")}
    assert summaries == {
        "Kommende kursus": "CONFIRMED",
        "Aflyst: Aflyst netværksaften": "CANCELLED",
        "Konference for en måned siden": "CONFIRMED",
    }
    assert str(calendar["x-wr-calname"]) == "Arrangementer – Frivilligcenter Alfa"


def test_the_theme_feed_holds_the_events_of_the_theme(client, tenant, other_tenant):
    recruitment = theme(tenant)
    with_themes(make_event(tenant, title="Rekrutteringskursus"), recruitment)
    make_event(tenant, title="Fundraisingkursus")
    foreign = theme(other_tenant)

    response = client.get(url("theme_feed", tag_pk=recruitment.pk))

    summaries = [str(vevent["summary"]) for vevent in icalendar.Calendar.from_ical(response.content).walk("VEVENT")]
    assert summaries == ["Rekrutteringskursus"]
    assert client.get(url("theme_feed", tag_pk=foreign.pk)).status_code == 404


@pytest.mark.parametrize("size", [1, 3])
def test_feed_query_count_is_constant(client, tenant, django_assert_num_queries, size):
    for number in range(size):
        make_event(tenant, title=f"Feedarrangement {number}", sessions=2)

    # tenant, events (with their tenant), sessions
    with django_assert_num_queries(3):
        response = client.get(url("feed"))
    assert_rows_rendered(response, [f"Feedarrangement {number}" for number in range(size)])


# --- the national list ----------------------------------------------------------------------------------------


def test_the_national_list_shows_every_tenants_upcoming_public_events(client, tenant, other_tenant):
    alfa = make_event(tenant, title="Alfas netværksaften")
    make_event(other_tenant, title="Charlies konference", kind=EventKind.CONFERENCE)
    make_event(tenant, title="Alfas kladde", status=EventStatus.DRAFT)
    make_event(tenant, title="Alfas lukkede møde", audience=EventAudience.INVITED)
    make_event(tenant, title="Alfas gamle kursus", starts_at=timezone.now() - timedelta(days=10))

    content = text(client.get(NATIONAL_URL))

    assert "Alfas netværksaften" in content and "Charlies konference" in content
    assert f'href="/alfa/arrangementer/{alfa.pk}/"' in content
    assert "Alfa Kommune" in content and "Charlie Kommune" in content
    for hidden in ["Alfas kladde", "Alfas lukkede møde", "Alfas gamle kursus"]:
        assert hidden not in content


def test_the_national_list_filters_by_kind_theme_word_and_municipality(client, tenant, other_tenant):
    with_themes(make_event(tenant, title="Alfas rekrutteringskursus"), theme(tenant))
    with_themes(make_event(other_tenant, title="Charlies rekrutteringsaften"), theme(other_tenant))
    make_event(other_tenant, title="Charlies konference", kind=EventKind.CONFERENCE)

    by_theme = text(client.get(NATIONAL_URL, {"tema": "rekruttering"}))
    by_municipality = text(client.get(NATIONAL_URL, {"kommune": "charlie"}))
    by_kind = text(client.get(NATIONAL_URL, {"type": EventKind.CONFERENCE}))

    assert "Alfas rekrutteringskursus" in by_theme and "Charlies rekrutteringsaften" in by_theme
    assert "Charlies konference" not in by_theme
    assert "Alfas rekrutteringskursus" not in by_municipality and "Charlies konference" in by_municipality
    assert "Charlies konference" in by_kind and "Charlies rekrutteringsaften" not in by_kind


@pytest.mark.parametrize("size", [1, 3])
def test_national_list_query_count_is_constant(client, tenant, other_tenant, django_assert_num_queries, size):
    for number in range(size):
        with_themes(
            make_event(tenant if number % 2 else other_tenant, title=f"Landsarrangement {number}"), theme(tenant)
        )

    # theme words, tenants, capped count, page (with tenants and places taken), themes
    with django_assert_num_queries(5):
        response = client.get(NATIONAL_URL)
    assert_rows_rendered(response, [f"Landsarrangement {number}" for number in range(size)])


def test_arrangementer_is_reserved_as_a_first_path_segment():
    from django.core.exceptions import ValidationError

    from frivillig.tenants.models import validate_slug_not_reserved

    with pytest.raises(ValidationError):
        validate_slug_not_reserved("arrangementer")
    assert reverse("events_national:event_list") == NATIONAL_URL


def test_the_tenants_front_page_and_menu_lead_to_the_public_list(client, personas):
    content = text(client.get("/alfa/"))

    assert 'href="/alfa/arrangementer/"' in content
    assert "Se de kommende kurser, møder og netværksaftener hos Frivilligcenter Alfa" in content
    assert 'href="/arrangementer/"' in text(client.get("/"))
