"""The dialogue meetings' input: the event's staff follow it up; the participants' link is public (the token in it
is the key), and the matrix's meeting is on right now, so the link is open."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.events.enums import EventKind
from frivillig.events.models import DialogueInput
from frivillig.events.tests.helpers import make_event
from frivillig.tenants.enums import Role
from frivillig.testing import public_tenant_page, tenant_roles

STAFF = (Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF, Role.TENANT_ADMIN)
EVENT = {"pk": "{events_dialogue_event}"}

CASES = {
    "events:input_list": tenant_roles(*STAFF, kwargs=dict(EVENT)),
    "events:input_create": tenant_roles(*STAFF, kwargs=dict(EVENT)),
    "events:input_edit": tenant_roles(*STAFF, kwargs={**EVENT, "input_pk": "{events_dialogue_input}"}),
    "events:input_summary_pdf": tenant_roles(*STAFF, kwargs=dict(EVENT)),
    "events:input_participant": public_tenant_page(kwargs={**EVENT, "token": "{events_dialogue_token}"}),
}


def objects(personas) -> dict:
    event = make_event(
        personas.tenant,
        kind=EventKind.DIALOGUE_MEETING,
        title="Dialogmøde om foreningernes rolle",
        starts_at=timezone.now() - timedelta(hours=1),
        hours=3,
    )
    with scopes_disabled():
        dialogue_input = DialogueInput.objects.create(
            tenant=personas.tenant, event=event, text="Flere fælles arrangementer på tværs af foreninger"
        )
    return {
        "events_dialogue_event": event.pk,
        "events_dialogue_input": dialogue_input.pk,
        "events_dialogue_token": event.input_token,
    }
