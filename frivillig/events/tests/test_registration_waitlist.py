"""The waiting list: freed places are offered to the first whose group fits, unanswered offers pass on, close to
the event the first who accepts gets the place, staff move people only with a reason, and the commands that
expire offers and send reminders are idempotent."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english, link_path
from frivillig.events.enums import RegistrationStatus
from frivillig.events.models import Event, Registration
from frivillig.events.services_registration import registration_cancel
from frivillig.events.tests.helpers import make_event, make_registration, url, waitlisted
from frivillig.testing import FrozenClock, assert_rows_rendered, rendered_text

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


def statuses(event) -> dict[str, str]:
    with scopes_disabled():
        return dict(Registration.objects.filter(event=event).values_list("email", "status"))


def fresh(registration) -> Registration:
    with scopes_disabled():
        return Registration.objects.get(pk=registration.pk)


def cancel(registration):
    with scopes_disabled():
        registration_cancel(registration=fresh(registration), base_url=BASE)


def test_a_group_too_large_is_skipped_and_keeps_its_place(tenant, django_capture_on_commit_callbacks):
    event = make_event(tenant, capacity=3)
    leaving = make_registration(event, email="a@example.org", group_size=2)
    make_registration(event, email="b@example.org")
    group = waitlisted(event, email="gruppe@example.org", rank=1, group_size=3)
    single = waitlisted(event, email="enkelt@example.org", rank=2)
    with django_capture_on_commit_callbacks(execute=True):
        cancel(leaving)
    assert statuses(event)["gruppe@example.org"] == RegistrationStatus.WAITLISTED
    assert statuses(event)["enkelt@example.org"] == RegistrationStatus.OFFERED
    assert [message.to for message in mail.outbox] == [["enkelt@example.org"]]
    assert fresh(group).queue_rank == 1
    # Its page still says it is first in line.
    with scopes_disabled():
        from frivillig.events.services_registration import place_in_line

        assert place_in_line(fresh(group)) == 1
    assert fresh(single).offer_expires_at is not None


def test_an_offer_is_held_for_the_events_hours_but_never_close_to_the_start(tenant, monkeypatch):
    clock = FrozenClock(monkeypatch)
    now = timezone.now()
    far = make_event(tenant, capacity=1, offer_hold_hours=48, starts_at=now + timedelta(days=10))
    near = make_event(tenant, capacity=1, offer_hold_hours=48, title="Snart", starts_at=now + timedelta(hours=30))
    for event in (far, near):
        leaving = make_registration(event, email="a@example.org")
        waitlisted(event, email="b@example.org", rank=1)
        cancel(leaving)
    with scopes_disabled():
        far_offer = Registration.objects.get(event=far, email="b@example.org")
        near_offer = Registration.objects.get(event=near, email="b@example.org")
    assert far_offer.offer_expires_at == now + timedelta(hours=48)
    # 30 hours before the start: held until 6 hours before it, not 48 hours.
    assert near_offer.offer_expires_at == near.starts_at - timedelta(hours=6)
    assert clock


def test_an_expired_offer_passes_to_the_next_and_the_first_keeps_the_place_in_line(
    client, tenant, monkeypatch, django_capture_on_commit_callbacks
):
    clock = FrozenClock(monkeypatch)
    event = make_event(tenant, capacity=1, offer_hold_hours=48, starts_at=timezone.now() + timedelta(days=10))
    leaving = make_registration(event, email="a@example.org")
    first = waitlisted(event, email="b@example.org", rank=1)
    second = waitlisted(event, email="c@example.org", rank=2)
    waitlisted(event, email="d@example.org", rank=3)
    with django_capture_on_commit_callbacks(execute=True):
        cancel(leaving)
    assert statuses(event)["b@example.org"] == RegistrationStatus.OFFERED

    # One second before the deadline nothing happens; at the deadline the place passes on.
    clock.advance(days=2, seconds=-1)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_event_offers", base_url=BASE)
    assert statuses(event)["b@example.org"] == RegistrationStatus.OFFERED
    clock.advance(seconds=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_event_offers", base_url=BASE)
    assert statuses(event) == {
        "a@example.org": RegistrationStatus.CANCELLED,
        "b@example.org": RegistrationStatus.WAITLISTED,
        "c@example.org": RegistrationStatus.OFFERED,
        "d@example.org": RegistrationStatus.WAITLISTED,
    }
    assert sorted(message.to[0] for message in mail.outbox) == ["b@example.org", "c@example.org"]
    expired_mail = next(message for message in mail.outbox if message.to == ["b@example.org"])
    assert "nr. 1" in expired_mail.body
    assert link_path(expired_mail.body) == url("registration", token=first.token)
    offer_mail = next(message for message in mail.outbox if message.to == ["c@example.org"])
    assert link_path(offer_mail.body) == url("offer_accept", token=second.token)

    # Idempotent: a second run sends nothing and changes nothing.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_event_offers", base_url=BASE)
    assert mail.outbox == []
    assert statuses(event)["c@example.org"] == RegistrationStatus.OFFERED

    page = client.get(url("registration", token=first.token))
    text = rendered_text(page)
    assert "Du er nr. 1 på ventelisten." in text
    assert "tilbuddet udløb" in text
    # The old offer link answers kindly and takes nothing.
    response = client.post(url("offer_accept", token=first.token))
    assert response.status_code == 409
    assert statuses(event)["b@example.org"] == RegistrationStatus.WAITLISTED


def test_an_offer_that_ran_out_is_expired_when_someone_looks(client, tenant, monkeypatch):
    clock = FrozenClock(monkeypatch)
    event = make_event(tenant, capacity=1, starts_at=timezone.now() + timedelta(days=10))
    leaving = make_registration(event, email="a@example.org")
    first = waitlisted(event, email="b@example.org", rank=1)
    waitlisted(event, email="c@example.org", rank=2)
    cancel(leaving)
    clock.advance(days=3)
    response = client.get(url("offer_accept", token=first.token))
    assert response.status_code == 200
    assert "Ja, jeg tager imod pladsen" not in rendered_text(response)
    assert statuses(event)["c@example.org"] == RegistrationStatus.OFFERED


def test_close_to_the_event_everyone_who_fits_is_told_and_the_first_who_accepts_gets_the_place(
    client, tenant, django_capture_on_commit_callbacks
):
    event = make_event(tenant, capacity=1, starts_at=timezone.now() + timedelta(hours=20))
    leaving = make_registration(event, email="a@example.org")
    first = waitlisted(event, email="b@example.org", rank=1)
    second = waitlisted(event, email="c@example.org", rank=2)
    waitlisted(event, email="gruppe@example.org", rank=3, group_size=2)
    with django_capture_on_commit_callbacks(execute=True):
        cancel(leaving)
    assert sorted(message.to[0] for message in mail.outbox) == ["b@example.org", "c@example.org"]
    assert statuses(event)["b@example.org"] == RegistrationStatus.WAITLISTED
    with django_capture_on_commit_callbacks(execute=True):
        accepted = client.post(url("offer_accept", token=second.token))
    assert accepted.status_code == 302
    late = client.post(url("offer_accept", token=first.token))
    assert late.status_code == 409
    assert "nåede en anden at tage imod pladsen først" in rendered_text(late) or "ingen plads" in rendered_text(late)
    assert statuses(event)["c@example.org"] == RegistrationStatus.REGISTERED
    assert statuses(event)["b@example.org"] == RegistrationStatus.WAITLISTED


def test_raising_the_capacity_offers_the_new_places(tenant, django_capture_on_commit_callbacks):
    from frivillig.events.services_registration import event_places_changed

    event = make_event(tenant, capacity=1)
    make_registration(event, email="a@example.org")
    waitlisted(event, email="b@example.org", rank=1)
    with scopes_disabled():
        Event.objects.filter(pk=event.pk).update(capacity=2)
        with django_capture_on_commit_callbacks(execute=True):
            event_places_changed(event=Event.objects.get(pk=event.pk), base_url=BASE)
    assert statuses(event)["b@example.org"] == RegistrationStatus.OFFERED


# --- staff ----------------------------------------------------------------------------------------------------


def test_staff_see_the_line_and_move_someone_only_with_a_reason(client_for, personas):
    event = make_event(personas.tenant, capacity=1)
    make_registration(event, email="a@example.org")
    first = waitlisted(event, email="b@example.org", rank=1, full_name="Bente Først")
    second = waitlisted(event, email="c@example.org", rank=2, full_name="Carl Anden")
    client = client_for("centre_staff")
    page = client.get(url("waitlist", pk=event.pk))
    assert_rows_rendered(page, ["Bente Først", "Carl Anden"])

    refused = client.post(
        url("waitlist_move", pk=event.pk, registration_pk=second.pk), {"direction": "up", "reason": " "}
    )
    assert refused.status_code == 200
    assert "Skriv, hvorfor personen flyttes." in rendered_text(refused)
    assert fresh(second).queue_rank == 2

    moved = client.post(
        url("waitlist_move", pk=event.pk, registration_pk=second.pk),
        {"direction": "up", "reason": "Tovholder for foreningens hold"},
        follow=True,
    )
    text = rendered_text(moved)
    assert "Carl Anden er nu nr. 1 på ventelisten." in text
    assert "Flyttet: Tovholder for foreningens hold" in text
    assert fresh(second).queue_rank < fresh(first).queue_rank
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="events.registration.moved")
    assert entry.data == {"from": 2, "to": 1, "reason": "Tovholder for foreningens hold"}
    assert entry.actor == personas.user("centre_staff")


def test_moving_to_a_place_number_keeps_the_others_in_order(client_for, personas):
    event = make_event(personas.tenant, capacity=1)
    make_registration(event, email="a@example.org")
    people = [waitlisted(event, email=f"p{n}@example.org", rank=n) for n in range(1, 5)]
    client_for("tenant_admin").post(
        url("waitlist_move", pk=event.pk, registration_pk=people[0].pk),
        {"direction": "to", "position": "3", "reason": "Bad selv om at vente"},
    )
    with scopes_disabled():
        order = list(
            Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED)
            .order_by("queue_rank")
            .values_list("email", flat=True)
        )
    assert order == ["p2@example.org", "p3@example.org", "p1@example.org", "p4@example.org"]


def test_another_tenants_waiting_list_is_not_found(client_for, personas):
    foreign = make_event(personas.other_tenant, capacity=1)
    waiting = waitlisted(foreign, email="x@example.org", rank=1)
    client = client_for("centre_staff")
    assert client.get(url("waitlist", pk=foreign.pk)).status_code == 404
    response = client.post(
        url("waitlist_move", pk=foreign.pk, registration_pk=waiting.pk),
        {"direction": "to", "position": "1", "reason": "x"},
    )
    assert response.status_code == 404


def test_a_registration_of_another_event_cannot_be_moved_through_this_one(client_for, personas):
    event = make_event(personas.tenant, capacity=1)
    other = make_event(personas.tenant, capacity=1, title="Andet")
    waiting = waitlisted(other, email="x@example.org", rank=1)
    response = client_for("centre_staff").post(
        url("waitlist_move", pk=event.pk, registration_pk=waiting.pk),
        {"direction": "to", "position": "1", "reason": "x"},
    )
    assert response.status_code == 404


@pytest.mark.parametrize("size", [1, 3])
def test_the_waiting_list_page_costs_the_same_queries_at_any_size(client_for, personas, size):
    event = make_event(personas.tenant, capacity=1)
    make_registration(event, email="a@example.org")
    names = []
    for n in range(size):
        name = f"Venter {n}"
        waitlisted(event, email=f"v{n}@example.org", rank=n + 1, full_name=name, organisation=personas.organisation)
        names.append(name)
    client = client_for("centre_staff")
    client.post(
        url("waitlist_move", pk=event.pk, registration_pk=fresh_pk(event, "v0@example.org")),
        {"direction": "to", "position": "1", "reason": "Prøve"},
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("waitlist", pk=event.pk))
    assert_rows_rendered(response, names)
    assert len(queries) == 11, [query["sql"] for query in queries]


def fresh_pk(event, email) -> int:
    with scopes_disabled():
        return Registration.objects.get(event=event, email=email).pk


# --- reminders and languages ---------------------------------------------------------------------------------


def test_the_reminder_goes_the_day_before_once(tenant, monkeypatch, django_capture_on_commit_callbacks):
    from frivillig.events.tests.helpers import danish_time

    clock = FrozenClock(monkeypatch)
    # Stand just before midnight two days before the event (Danish time).
    today = timezone.localtime().date()
    event_day = today + timedelta(days=2)
    event = make_event(tenant, capacity=10, starts_at=danish_time(event_day.year, event_day.month, event_day.day, 10))
    make_registration(event, email="a@example.org")
    make_registration(event, email="b@example.org", status=RegistrationStatus.CANCELLED, cancelled_at=timezone.now())
    waitlisted(event, email="c@example.org", rank=1)
    midnight = danish_time(today.year, today.month, today.day) + timedelta(days=1)
    clock.advance(seconds=(midnight - timezone.now()).total_seconds() - 1)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", base_url=BASE)
    assert mail.outbox == []
    clock.advance(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", base_url=BASE)
        call_command("send_event_reminders", base_url=BASE)
    assert [message.to for message in mail.outbox] == [["a@example.org"]]
    assert "kl. 10:00" not in mail.outbox[0].subject
    assert "10:00 (dansk tid)" in mail.outbox[0].body
    # On the day itself a reminder not sent is not sent any more.
    mail.outbox.clear()
    late = make_registration(event, email="d@example.org")
    clock.advance(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", base_url=BASE)
    assert mail.outbox == []
    assert fresh(late).reminder_sent_at is None


def test_mails_are_in_the_registrations_language(client, tenant, django_capture_on_commit_callbacks):
    event = make_event(tenant, capacity=1, title="Fundraising & fonde")
    make_registration(event, email="a@example.org", language="en")
    english(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("register", pk=event.pk), {"full_name": "Erik English", "email": "erik@example.org", "group_size": "1"}
        )
    with scopes_disabled():
        registration = Registration.objects.get(email="erik@example.org")
    assert mail.outbox[-1].subject == "Confirm your registration: Fundraising & fonde"
    assert registration.language == "en"
    danish = make_registration(
        event, email="dorte@example.org", language="da", status=RegistrationStatus.WAITLISTED, queue_rank=5
    )
    emma = make_registration(
        event, email="emma@example.org", language="en", status=RegistrationStatus.WAITLISTED, queue_rank=6
    )
    with scopes_disabled():
        first_holder = Registration.objects.get(email="a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        cancel(first_holder)
    assert mail.outbox[-1].to == [danish.email]
    assert mail.outbox[-1].subject == "Der er en plads til dig: Fundraising & fonde"
    with django_capture_on_commit_callbacks(execute=True):
        cancel(danish)
    assert mail.outbox[-1].to == [emma.email]
    assert mail.outbox[-1].subject == "A place is free for you: Fundraising & fonde"


@pytest.mark.parametrize(("month", "day"), [(3, 27), (3, 29), (10, 30), (11, 1)])
def test_the_confirmation_says_ten_oclock_danish_time_on_both_sides_of_a_clock_change(
    client_for, personas, month, day, django_capture_on_commit_callbacks
):
    from frivillig.events.tests.helpers import danish_time

    year = timezone.localtime().year + 1
    event = make_event(personas.tenant, capacity=10, starts_at=danish_time(year, month, day, 10))
    with django_capture_on_commit_callbacks(execute=True):
        client_for("citizen").post(url("register", pk=event.pk), {"group_size": "1"})
    [message] = mail.outbox
    assert "10:00 (dansk tid)" in message.body
    assert f"{day}. " in message.body
