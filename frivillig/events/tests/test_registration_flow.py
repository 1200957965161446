"""Registering for an event: guests confirm their e-mail, logged-in people and representatives are placed at once,
refusals are kind and change nothing, and the personal page never changes anything on GET."""

import pytest
from django.core import mail
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import link_path
from frivillig.events.enums import EventStatus, RegistrationStatus
from frivillig.events.models import Registration
from frivillig.events.tests.helpers import make_event, make_registration, url, waitlisted
from frivillig.testing import rendered_text

pytestmark = pytest.mark.django_db

GUEST = {"full_name": "Gitte Gæst", "email": "gitte@example.org", "phone": "", "group_size": "1"}


def registrations(event):
    with scopes_disabled():
        return list(Registration.objects.filter(event=event).order_by("pk"))


def test_a_guest_confirms_the_address_by_mail_and_gets_a_place_with_the_calendar_file(
    client, tenant, django_capture_on_commit_callbacks
):
    event = make_event(tenant, capacity=10, asks_diet=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("register", pk=event.pk), {**GUEST, "diet": "Vegetar"})
    assert response.status_code == 200
    assert "Tjek din e-mail" in rendered_text(response)
    [registration] = registrations(event)
    assert registration.status == RegistrationStatus.UNCONFIRMED
    assert registration.diet == "Vegetar"
    [confirm_mail] = mail.outbox
    assert confirm_mail.to == ["gitte@example.org"]
    link = link_path(confirm_mail.body)

    # A mail scanner following the link changes nothing.
    page = client.get(link)
    assert page.status_code == 200
    assert "Bekræft min tilmelding" in rendered_text(page)
    assert registrations(event)[0].status == RegistrationStatus.UNCONFIRMED

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(link, follow=True)
    assert "Du har en plads til arrangementet." in rendered_text(confirmed)
    registration = registrations(event)[0]
    assert registration.status == RegistrationStatus.REGISTERED
    assert registration.email_confirmed_at is not None
    place_mail = mail.outbox[-1]
    assert [name for name, _content, _type in place_mail.attachments] == ["arrangement.ics"]
    assert "BEGIN:VEVENT" in str(place_mail.attachments[0][1])
    assert link_path(place_mail.body) == url("registration", token=registration.token)


def test_a_tampered_confirmation_link_is_a_clear_400_and_changes_nothing(client, tenant):
    event = make_event(tenant, capacity=10)
    make_registration(event, status=RegistrationStatus.UNCONFIRMED)
    for token in ["ikke-et-token", "eyJyIjoxfQ:1abc:xyz"]:
        response = client.post(url("registration_confirm", token=token))
        assert response.status_code == 400
        assert "Bekræftelseslinket er ikke gyldigt" in rendered_text(response)
    assert registrations(event)[0].status == RegistrationStatus.UNCONFIRMED


def test_a_logged_in_citizen_is_registered_at_once_and_sees_the_personal_page(client_for, personas):
    event = make_event(personas.tenant, capacity=10)
    client = client_for("citizen")
    response = client.post(url("register", pk=event.pk), {"group_size": "1"}, follow=True)
    [registration] = registrations(event)
    assert registration.status == RegistrationStatus.REGISTERED
    assert registration.user == personas.user("citizen")
    assert registration.email == "citizen@example.org"
    assert response.redirect_chain[-1][0] == url("registration", token=registration.token)
    assert "Du har en plads til arrangementet." in rendered_text(response)


def test_a_representative_registers_a_colleague_and_two_more_on_behalf_of_the_association(
    client_for, personas, django_capture_on_commit_callbacks
):
    event = make_event(personas.tenant, capacity=10)
    client = client_for("association_rep")
    data = {
        "for_whom": "colleague",
        "full_name": "Kim Kollega",
        "email": "kim@example.org",
        "organisation": str(personas.organisation.pk),
        "group_size": "3",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("register", pk=event.pk), data)
    assert response.status_code == 302
    [registration] = registrations(event)
    assert (registration.full_name, registration.email, registration.group_size) == (
        "Kim Kollega",
        "kim@example.org",
        3,
    )
    assert registration.organisation == personas.organisation
    assert registration.registered_by == personas.user("association_rep")
    assert registration.user is None
    assert registration.status == RegistrationStatus.REGISTERED
    assert [message.to for message in mail.outbox] == [["kim@example.org"]]


def test_another_associations_organisation_cannot_be_chosen(client_for, personas):
    event = make_event(personas.tenant, capacity=10)
    response = client_for("association_rep").post(
        url("register", pk=event.pk), {"organisation": str(personas.other_organisation.pk), "group_size": "1"}
    )
    assert response.status_code == 200
    assert registrations(event) == []


def test_a_colleague_needs_a_name_and_an_address(client_for, personas):
    event = make_event(personas.tenant, capacity=10)
    response = client_for("association_rep").post(
        url("register", pk=event.pk), {"for_whom": "colleague", "group_size": "1"}
    )
    text = rendered_text(response)
    assert "Skriv kollegaens navn." in text and "Skriv kollegaens e-mailadresse." in text
    assert registrations(event) == []


def test_a_full_event_puts_the_newcomer_on_the_waiting_list_with_the_place_in_line(client_for, personas):
    event = make_event(personas.tenant, capacity=2)
    make_registration(event, email="a@example.org", group_size=2)
    waitlisted(event, email="b@example.org", rank=1)
    response = client_for("citizen").post(url("register", pk=event.pk), {"group_size": "1"}, follow=True)
    registration = registrations(event)[-1]
    assert registration.status == RegistrationStatus.WAITLISTED
    assert "Du er nr. 2 på ventelisten." in rendered_text(response)


def test_a_group_larger_than_the_free_places_waits(client_for, personas):
    event = make_event(personas.tenant, capacity=4)
    make_registration(event, email="a@example.org", group_size=2)
    client_for("citizen").post(url("register", pk=event.pk), {"group_size": "3"})
    assert registrations(event)[-1].status == RegistrationStatus.WAITLISTED


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": EventStatus.CANCELLED}, "Arrangementet er aflyst"),
        ({"registration_closes_at": timezone.now() - timezone.timedelta(minutes=1)}, "Tilmeldingen lukkede"),
        ({"registration_opens_at": timezone.now() + timezone.timedelta(days=1)}, "Tilmeldingen åbner"),
    ],
)
def test_a_closed_registration_says_why_and_saves_nothing(client, tenant, fields, message):
    event = make_event(tenant, capacity=10, **fields)
    page = client.get(url("register", pk=event.pk))
    assert message in rendered_text(page)
    assert '<form method="post" novalidate>' not in page.content.decode()
    response = client.post(url("register", pk=event.pk), GUEST)
    assert response.status_code == 200
    assert message in rendered_text(response)
    assert registrations(event) == []


def test_registration_closes_by_itself_at_its_deadline(client, tenant, monkeypatch):
    from frivillig.testing import FrozenClock

    clock = FrozenClock(monkeypatch)
    event = make_event(tenant, capacity=10, registration_closes_at=timezone.now() + timezone.timedelta(seconds=1))
    assert "Tilmeld dig arrangementet" in rendered_text(client.get(url("register", pk=event.pk)))
    clock.advance(seconds=1)
    response = client.post(url("register", pk=event.pk), GUEST)
    assert "Tilmeldingen lukkede" in rendered_text(response)
    assert registrations(event) == []


def test_an_event_that_is_over_takes_no_registrations(client, tenant):
    event = make_event(tenant, capacity=10, starts_at=timezone.now() - timezone.timedelta(hours=1))
    response = client.post(url("register", pk=event.pk), GUEST)
    assert "Arrangementet har allerede fundet sted" in rendered_text(response)
    assert registrations(event) == []


def test_a_draft_is_not_found(client, tenant):
    event = make_event(tenant, capacity=10, status=EventStatus.DRAFT)
    assert client.get(url("register", pk=event.pk)).status_code == 404
    assert client.post(url("register", pk=event.pk), GUEST).status_code == 404


def test_a_logged_in_duplicate_is_shown_the_existing_registration(client_for, personas):
    event = make_event(personas.tenant, capacity=10)
    existing = make_registration(event, email="citizen@example.org", user=personas.user("citizen"))
    response = client_for("citizen").post(url("register", pk=event.pk), {"group_size": "1"})
    text = rendered_text(response)
    assert "citizen@example.org er allerede tilmeldt dette arrangement." in text
    assert url("registration", token=existing.token) in response.content.decode()
    assert registrations(event) == [existing]


def test_a_guest_duplicate_learns_nothing_and_the_owner_gets_the_link_by_mail(
    client, tenant, django_capture_on_commit_callbacks
):
    event = make_event(tenant, capacity=10)
    existing = make_registration(event, email="gitte@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("register", pk=event.pk), {**GUEST, "email": "GITTE@example.org"})
    assert "Tjek din e-mail" in rendered_text(response)
    assert existing.token not in response.content.decode()
    assert registrations(event) == [existing]
    [message] = mail.outbox
    assert message.to == ["gitte@example.org"]
    assert link_path(message.body) == url("registration", token=existing.token)


def test_the_honeypot_saves_nothing(client, tenant):
    event = make_event(tenant, capacity=10)
    response = client.post(url("register", pk=event.pk), {**GUEST, "website": "http://spam.example"})
    assert "Tjek din e-mail" in rendered_text(response)
    assert registrations(event) == []


@pytest.mark.parametrize("name", ["registration", "registration_cancel", "offer_accept"])
def test_a_tampered_personal_link_is_not_found_and_changes_nothing(client, tenant, name):
    event = make_event(tenant, capacity=10)
    registration = make_registration(event)
    assert client.get(url(name, token=registration.token + "x")).status_code == 404
    assert client.post(url(name, token=registration.token[:-1])).status_code == 404
    assert registrations(event)[0].status == RegistrationStatus.REGISTERED


def test_cancelling_asks_first_and_then_offers_the_place_to_exactly_one(
    client, tenant, django_capture_on_commit_callbacks
):
    event = make_event(tenant, capacity=1)
    registration = make_registration(event, email="a@example.org")
    first = waitlisted(event, email="b@example.org", rank=1)
    second = waitlisted(event, email="c@example.org", rank=2)
    page = client.get(url("registration_cancel", token=registration.token))
    assert "Ja, afmeld min tilmelding" in rendered_text(page)
    assert registrations(event)[0].status == RegistrationStatus.REGISTERED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("registration_cancel", token=registration.token), follow=True)
    assert "Din tilmelding er afmeldt." in rendered_text(response)
    statuses = {r.email: r.status for r in registrations(event)}
    assert statuses == {
        "a@example.org": RegistrationStatus.CANCELLED,
        "b@example.org": RegistrationStatus.OFFERED,
        "c@example.org": RegistrationStatus.WAITLISTED,
    }
    [offer] = mail.outbox
    assert offer.to == ["b@example.org"]
    assert link_path(offer.body) == url("offer_accept", token=first.token)
    assert second.token not in offer.body
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="events.registration.offered", target_id=str(first.pk)).exists()


def test_accepting_an_offer_shows_it_on_get_and_takes_the_place_on_post(
    client, tenant, django_capture_on_commit_callbacks
):
    event = make_event(tenant, capacity=1)
    offered = waitlisted(event, email="b@example.org", rank=1)
    with scopes_disabled():
        Registration.objects.filter(pk=offered.pk).update(
            status=RegistrationStatus.OFFERED,
            offered_at=timezone.now(),
            offer_expires_at=timezone.now() + timezone.timedelta(hours=48),
        )
    page = client.get(url("offer_accept", token=offered.token))
    assert "Ja, jeg tager imod pladsen" in rendered_text(page)
    assert registrations(event)[0].status == RegistrationStatus.OFFERED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("offer_accept", token=offered.token), follow=True)
    assert "Du har taget imod pladsen." in rendered_text(response)
    assert registrations(event)[0].status == RegistrationStatus.REGISTERED
    assert mail.outbox[-1].attachments


def test_leaving_the_waiting_list(client, tenant):
    event = make_event(tenant, capacity=1)
    make_registration(event, email="a@example.org")
    waiting = waitlisted(event, email="b@example.org", rank=1)
    page = client.get(url("registration_cancel", token=waiting.token))
    assert "Du er nr. 1 på ventelisten." in rendered_text(page)
    response = client.post(url("registration_cancel", token=waiting.token), follow=True)
    assert "Du har forladt ventelisten." in rendered_text(response)
    assert registrations(event)[1].status == RegistrationStatus.CANCELLED


def test_another_tenants_registration_is_not_found(client, personas):
    foreign_event = make_event(personas.other_tenant, capacity=10)
    foreign = make_registration(foreign_event)
    assert client.get(url("registration", token=foreign.token)).status_code == 404
    assert client.post(url("registration_cancel", token=foreign.token)).status_code == 404
    assert client.get(url("register", pk=foreign_event.pk)).status_code == 404
    assert registrations(foreign_event)[0].status == RegistrationStatus.REGISTERED


def test_another_tenants_confirmation_link_does_not_work_here(client, personas):
    from frivillig.events.services_registration import confirmation_token

    foreign = make_registration(make_event(personas.other_tenant, capacity=10), status=RegistrationStatus.UNCONFIRMED)
    response = client.post(url("registration_confirm", token=confirmation_token(foreign)))
    assert response.status_code == 400
    with scopes_disabled():
        assert Registration.objects.get(pk=foreign.pk).status == RegistrationStatus.UNCONFIRMED


def test_guests_are_limited_to_ten_registrations_an_hour_from_one_address(client, tenant):
    event = make_event(tenant, capacity=100)
    for number in range(10):
        response = client.post(url("register", pk=event.pk), {**GUEST, "email": f"g{number}@example.org"})
        assert response.status_code == 200
    refused = client.post(url("register", pk=event.pk), {**GUEST, "email": "g10@example.org"})
    assert refused.status_code == 429
    assert "Der er sendt for mange tilmeldinger" in rendered_text(refused)
    assert len(registrations(event)) == 10
