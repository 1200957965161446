"""Places under concurrency (PostgreSQL, real threads): the event's row lock keeps the capacity, a freed place is
offered once, an expired offer passes to exactly one, and of two accepting one freed place exactly one gets it."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.events.enums import RegistrationStatus
from frivillig.events.models import Event, Registration
from frivillig.events.services_registration import registration_cancel, registration_create
from frivillig.events.tests.helpers import make_event, make_registration, url, waitlisted
from frivillig.testing import build_personas, run_in_parallel

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite serialises every write anyway"
)
BASE = "http://testserver"


def counts(event) -> dict[str, int]:
    with scopes_disabled():
        rows = Registration.objects.filter(event=event).values_list("status", flat=True)
        return {status: list(rows).count(status) for status in set(rows)}


def register(event_pk: int, number: int, actor) -> str:
    with scopes_disabled():
        registration = registration_create(
            event=Event.objects.get(pk=event_pk),
            full_name=f"Deltager {number}",
            email=f"deltager{number}@example.org",
            registered_by=actor,
            base_url=BASE,
        )
    return registration.status


def test_thirty_at_once_for_ten_places_give_ten_places_and_a_line_of_twenty(transactional_db):
    personas = build_personas()
    event = make_event(personas.tenant, capacity=10)
    actor = personas.user("association_rep")

    results = run_in_parallel(30, lambda number: register(event.pk, number, actor))

    assert sorted(results).count(RegistrationStatus.REGISTERED) == 10
    assert counts(event) == {RegistrationStatus.REGISTERED: 10, RegistrationStatus.WAITLISTED: 20}
    with scopes_disabled():
        ranks = list(
            Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).values_list(
                "queue_rank", flat=True
            )
        )
    assert sorted(ranks) == list(range(1, 21))


def test_a_cancellation_among_newcomers_offers_the_place_to_exactly_one(transactional_db):
    personas = build_personas()
    event = make_event(personas.tenant, capacity=2)
    leaving = make_registration(event, email="a@example.org")
    make_registration(event, email="b@example.org")
    for rank in range(1, 4):
        waitlisted(event, email=f"venter{rank}@example.org", rank=rank)
    actor = personas.user("association_rep")

    def work(number: int):
        if number < 2:  # the same cancellation twice (a double click)
            with scopes_disabled():
                registration_cancel(registration=Registration.objects.get(pk=leaving.pk), base_url=BASE)
            return "cancelled"
        return register(event.pk, number, actor)

    run_in_parallel(8, work)

    with scopes_disabled():
        offered = list(
            Registration.objects.filter(event=event, status=RegistrationStatus.OFFERED).values_list("email", flat=True)
        )
        held = sum(
            Registration.objects.filter(
                event=event, status__in=(RegistrationStatus.REGISTERED, RegistrationStatus.OFFERED)
            ).values_list("group_size", flat=True)
        )
    assert offered == ["venter1@example.org"]
    assert held == 2
    assert counts(event)[RegistrationStatus.CANCELLED] == 1


def test_an_expired_offer_passes_to_exactly_the_next_however_often_the_command_runs(transactional_db):
    personas = build_personas()
    event = make_event(personas.tenant, capacity=1)
    first = waitlisted(event, email="b@example.org", rank=1)
    waitlisted(event, email="c@example.org", rank=2)
    waitlisted(event, email="d@example.org", rank=3)
    with scopes_disabled():
        Registration.objects.filter(pk=first.pk).update(
            status=RegistrationStatus.OFFERED,
            offered_at=timezone.now() - timedelta(hours=49),
            offer_expires_at=timezone.now() - timedelta(hours=1),
        )

    run_in_parallel(6, lambda number: call_command("expire_event_offers", base_url=BASE))

    with scopes_disabled():
        offered = list(
            Registration.objects.filter(event=event, status=RegistrationStatus.OFFERED).values_list("email", flat=True)
        )
    assert offered == ["c@example.org"]
    assert counts(event)[RegistrationStatus.WAITLISTED] == 2


def test_a_group_too_large_is_skipped_and_keeps_its_place(transactional_db):
    personas = build_personas()
    event = make_event(personas.tenant, capacity=2)
    leaving = make_registration(event, email="a@example.org")
    make_registration(event, email="b@example.org")
    group = waitlisted(event, email="gruppe@example.org", rank=1, group_size=2)
    waitlisted(event, email="enkelt@example.org", rank=2)
    with scopes_disabled():
        registration_cancel(registration=Registration.objects.get(pk=leaving.pk), base_url=BASE)
        group = Registration.objects.get(pk=group.pk)
        assert Registration.objects.get(email="enkelt@example.org").status == RegistrationStatus.OFFERED
    assert group.status == RegistrationStatus.WAITLISTED
    assert group.queue_rank == 1


def test_two_accepting_one_freed_place_at_once_leave_exactly_one_registered(transactional_db):
    personas = build_personas()
    # Within a day of the start: the freed place goes to the first who accepts.
    event = make_event(personas.tenant, capacity=1, starts_at=timezone.now() + timedelta(hours=10))
    leaving = make_registration(event, email="a@example.org")
    waiting = [waitlisted(event, email=f"venter{rank}@example.org", rank=rank) for rank in (1, 2)]
    with scopes_disabled():
        registration_cancel(registration=Registration.objects.get(pk=leaving.pk), base_url=BASE)

    def accept(number: int) -> int:
        return Client().post(url("offer_accept", token=waiting[number % 2].token)).status_code

    results = run_in_parallel(2, accept)

    assert sorted(results) == [302, 409]
    assert counts(event) == {
        RegistrationStatus.CANCELLED: 1,
        RegistrationStatus.REGISTERED: 1,
        RegistrationStatus.WAITLISTED: 1,
    }
