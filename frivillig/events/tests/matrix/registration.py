"""Registration's pages (issue 14, part C): registering and the personal pages are public (the personal link is
the key); the waiting list and moving someone on it are for the staff who run events."""

from frivillig.events.enums import RegistrationStatus
from frivillig.events.services_registration import confirmation_token
from frivillig.events.tests.helpers import make_event, make_registration, waitlisted
from frivillig.tenants.enums import Role
from frivillig.testing import public_tenant_page, tenant_roles

STAFF = (Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF, Role.TENANT_ADMIN)
EVENT = {"pk": "{events_registration_event}"}

CASES = {
    "events:register": public_tenant_page(kwargs=dict(EVENT)),
    "events:registration_confirm": public_tenant_page(kwargs={"token": "{events_registration_confirm_token}"}),
    "events:registration": public_tenant_page(kwargs={"token": "{events_registration_token}"}),
    "events:registration_cancel": public_tenant_page(kwargs={"token": "{events_registration_token}"}),
    "events:offer_accept": public_tenant_page(kwargs={"token": "{events_registration_waiting_token}"}),
    "events:waitlist": tenant_roles(*STAFF, kwargs=dict(EVENT)),
    "events:waitlist_move": tenant_roles(
        *STAFF,
        status=302,
        method="post",
        kwargs={**EVENT, "registration_pk": "{events_registration_waiting}"},
        data={"direction": "to", "position": "1", "reason": "Aftalt med koordinatoren"},
    ),
}


def objects(personas) -> dict:
    event = make_event(personas.tenant, capacity=1)
    registered = make_registration(event, email="matrix-tilmeldt@example.org", full_name="Matrix Tilmeldt")
    unconfirmed = make_registration(
        event, email="matrix-gaest@example.org", full_name="Matrix Gæst", status=RegistrationStatus.UNCONFIRMED
    )
    waiting = waitlisted(event, email="matrix-venter@example.org", rank=1, full_name="Matrix Venter")
    waitlisted(event, email="matrix-venter-2@example.org", rank=2)
    return {
        "events_registration_event": event.pk,
        "events_registration_token": registered.token,
        "events_registration_confirm_token": confirmation_token(unconfirmed),
        "events_registration_waiting": waiting.pk,
        "events_registration_waiting_token": waiting.token,
    }
