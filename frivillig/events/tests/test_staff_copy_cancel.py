"""Copying an event to next year, publishing it, and cancelling it (everyone still taking part is told, in the
language of their registration)."""

from datetime import date

from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.events.enums import EventStatus, RegistrationStatus
from frivillig.events.models import Event, EventSession, Registration
from frivillig.events.tests.helpers import danish_time, make_event, make_registration, url
from frivillig.testing import rendered_text


def reload(event) -> Event:
    with scopes_disabled():
        return Event.objects.get(pk=event.pk)


def codes() -> list[str]:
    with scopes_disabled():
        return list(AuditEntry.objects.filter(code__startswith="events.").values_list("code", flat=True))


def course(personas, **fields) -> Event:
    fields.setdefault("title", "Kursus i rekruttering")
    event = make_event(
        personas.tenant,
        sessions=3,
        # Spring 2027 (winter time in March, summer time from April): the copy lands 52 weeks on.
        starts_at=danish_time(2027, 3, 23, 19),
        capacity=15,
        registration_opens_at=danish_time(2027, 2, 1, 9),
        registration_closes_at=danish_time(2027, 3, 20, 12),
        sessions_required=2,
        place="Frivilligcentret",
        **fields,
    )
    with scopes_disabled():
        theme = Tag.objects.create(
            tenant=personas.tenant, vocabulary=Vocabulary.THEME, slug="rekruttering-t", label_da="Rekruttering"
        )
        event.themes.add(theme)
        event.partners.add(personas.organisation)
    return event


# --- copy -----------------------------------------------------------------------------------------------------


def test_copy_makes_a_draft_52_weeks_later_on_the_same_weekday_and_wall_clock_time(personas, client_for):
    event = course(personas, status=EventStatus.PUBLISHED)
    make_registration(event, email="a@example.org")
    response = client_for("centre_staff").post(url("event_copy", pk=event.pk))
    with scopes_disabled():
        copy = Event.objects.exclude(pk=event.pk).get()
        sessions = list(EventSession.objects.filter(event=copy).order_by("starts_at"))
        assert list(copy.themes.values_list("slug", flat=True)) == ["rekruttering-t"]
        assert list(copy.partners.all()) == [personas.organisation]
        assert not Registration.objects.filter(event=copy).exists()
    assert response.status_code == 302
    assert response["Location"] == url("event_manage", pk=copy.pk)
    assert copy.status == EventStatus.DRAFT and copy.copied_from_id == event.pk
    assert (copy.title, copy.capacity, copy.sessions_required, copy.place) == (
        "Kursus i rekruttering",
        15,
        2,
        "Frivilligcentret",
    )
    # 23 March 2027 is a Tuesday; 52 weeks on is Tuesday 21 March 2028, still at 19:00 Danish time.
    starts = [timezone.localtime(session.starts_at) for session in sessions]
    assert [moment.date() for moment in starts] == [date(2028, 3, 21), date(2028, 3, 28), date(2028, 4, 4)]
    assert {(moment.hour, moment.minute) for moment in starts} == {(19, 0)}
    assert all(moment.weekday() == 1 for moment in starts)
    assert copy.starts_at == sessions[0].starts_at and copy.ends_at == sessions[-1].ends_at
    assert timezone.localtime(copy.registration_closes_at) == danish_time(2028, 3, 18, 12)
    assert "events.event.copied" in codes()


def test_copy_to_a_chosen_first_day_keeps_the_distance_between_sessions(personas, client_for):
    event = course(personas)
    client_for("centre_staff").post(url("event_copy", pk=event.pk), {"first_day": "2028-09-05"})
    with scopes_disabled():
        copy = Event.objects.exclude(pk=event.pk).get()
        starts = [
            timezone.localtime(moment)
            for moment in EventSession.objects.filter(event=copy)
            .order_by("starts_at")
            .values_list("starts_at", flat=True)
        ]
    assert [moment.date() for moment in starts] == [date(2028, 9, 5), date(2028, 9, 12), date(2028, 9, 19)]
    assert {moment.hour for moment in starts} == {19}


def test_copy_with_a_bad_date_says_so_and_copies_nothing(personas, client_for):
    event = course(personas)
    response = client_for("centre_staff").post(url("event_copy", pk=event.pk), {"first_day": "i morgen"}, follow=True)
    assert "Kopien blev ikke lavet" in rendered_text(response)
    with scopes_disabled():
        assert Event.objects.count() == 1


def test_a_cancelled_event_can_be_copied(personas, client_for):
    event = course(personas, status=EventStatus.CANCELLED)
    client_for("centre_staff").post(url("event_copy", pk=event.pk))
    with scopes_disabled():
        assert Event.objects.exclude(pk=event.pk).get().status == EventStatus.DRAFT


# --- publish --------------------------------------------------------------------------------------------------


def test_publish_and_unpublish(personas, client_for):
    event = make_event(personas.tenant, status=EventStatus.DRAFT)
    client = client_for("centre_staff")
    response = client.post(url("event_status", pk=event.pk), {"handling": "offentliggoer"}, follow=True)
    assert reload(event).status == EventStatus.PUBLISHED and reload(event).published_at is not None
    assert "Arrangementet er offentliggjort" in rendered_text(response)
    client.post(url("event_status", pk=event.pk), {"handling": "traek-tilbage"})
    assert reload(event).status == EventStatus.DRAFT
    assert sorted(codes()) == ["events.event.published", "events.event.unpublished"]
    assert client.post(url("event_status", pk=event.pk), {"handling": "noget"}).status_code == 404


def test_a_cancelled_event_cannot_be_published_again(personas, client_for):
    event = make_event(personas.tenant, status=EventStatus.CANCELLED)
    response = client_for("centre_staff").post(
        url("event_status", pk=event.pk), {"handling": "offentliggoer"}, follow=True
    )
    assert reload(event).status == EventStatus.CANCELLED
    assert "Arrangementet er aflyst, så det kan ikke offentliggøres igen." in rendered_text(response)


# --- cancel ---------------------------------------------------------------------------------------------------


def test_cancel_page_asks_first_and_counts_those_affected(personas, client_for):
    event = make_event(personas.tenant, title="Forårskonference", capacity=50)
    make_registration(event, email="a@example.org", group_size=2)
    make_registration(event, email="b@example.org", status=RegistrationStatus.WAITLISTED)
    text = rendered_text(client_for("centre_staff").get(url("event_cancel", pk=event.pk)))
    assert "Vil du aflyse “Forårskonference”" in text
    assert "2 pladser er taget." in text and "1 tilmelding står på venteliste." in text
    assert reload(event).status == EventStatus.PUBLISHED


def test_cancel_tells_everyone_still_taking_part_in_their_own_language(
    personas, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(personas.tenant, title="Forårskonference", starts_at=danish_time(2027, 4, 13, 10))
    make_registration(event, email="dansk@example.org", full_name="Dorthe Dansk", language="da")
    make_registration(event, email="english@example.org", full_name="Emma English", language="en")
    make_registration(event, email="venter@example.org", status=RegistrationStatus.WAITLISTED)
    make_registration(event, email="tilbudt@example.org", status=RegistrationStatus.OFFERED)
    make_registration(event, email="gaest@example.org", status=RegistrationStatus.UNCONFIRMED)
    make_registration(event, email="afmeldt@example.org", status=RegistrationStatus.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("centre_staff").post(
            url("event_cancel", pk=event.pk), {"message": "Vi holder konferencen til efteråret i stedet."}, follow=True
        )
    event = reload(event)
    assert event.status == EventStatus.CANCELLED and event.cancelled_at is not None
    assert event.cancellation_message == "Vi holder konferencen til efteråret i stedet."
    assert "Arrangementet er aflyst. 4 personer får besked på mail." in rendered_text(response)
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "dansk@example.org",
        "english@example.org",
        "tilbudt@example.org",
        "venter@example.org",
    ]
    danish = next(mail for mail in mailoutbox if mail.to == ["dansk@example.org"])
    assert danish.subject == "Aflyst: Forårskonference"
    assert "Kære Dorthe Dansk" in danish.body
    assert "har aflyst “Forårskonference”" in danish.body
    # 10:00 Danish time (08:00 UTC in summer) stays 10:00 in the mail.
    assert "13. april 2027 kl. 10.00" in danish.body
    assert "Vi holder konferencen til efteråret i stedet." in danish.body
    english = next(mail for mail in mailoutbox if mail.to == ["english@example.org"])
    assert english.subject == "Cancelled: Forårskonference"
    assert "Dear Emma English" in english.body
    assert "has cancelled “Forårskonference”" in english.body
    assert "10:00" in english.body or "10 a.m." in english.body
    assert "events.event.cancelled" in codes()


def test_cancel_sends_nothing_before_the_commit(personas, client_for, mailoutbox, django_capture_on_commit_callbacks):
    event = make_event(personas.tenant)
    make_registration(event, email="a@example.org")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client_for("centre_staff").post(url("event_cancel", pk=event.pk), {"message": ""})
    assert mailoutbox == []
    # The mail goes out when the commit runs its callbacks.
    for callback in callbacks:
        callback()
    assert [mail.to for mail in mailoutbox] == [["a@example.org"]]


def test_a_cancelled_event_is_not_cancelled_twice(personas, client_for, mailoutbox):
    event = make_event(personas.tenant, status=EventStatus.CANCELLED)
    make_registration(event, email="a@example.org")
    response = client_for("centre_staff").post(url("event_cancel", pk=event.pk), {"message": "Igen"}, follow=True)
    assert "Arrangementet er allerede aflyst." in rendered_text(response)
    assert mailoutbox == []
    assert reload(event).cancellation_message == ""


def test_the_hub_of_a_cancelled_event_offers_no_changes_but_a_copy(personas, client_for):
    event = make_event(personas.tenant, status=EventStatus.CANCELLED, cancelled_at=timezone.now())
    text = rendered_text(client_for("centre_staff").get(url("event_manage", pk=event.pk)))
    assert "Arrangementet er aflyst" in text
    assert url("event_edit", pk=event.pk) not in text
    assert url("event_status", pk=event.pk) not in text
    assert url("event_copy", pk=event.pk) in text
