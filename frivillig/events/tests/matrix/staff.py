"""Staff's event pages: the centre's staff, the municipality's staff and the tenant's administrator."""

from django_scopes import scopes_disabled

from frivillig.events.enums import EventStatus
from frivillig.events.tests.helpers import make_event
from frivillig.tenants.enums import Role
from frivillig.testing import tenant_roles

STAFF = (Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF, Role.TENANT_ADMIN)
EVENT = {"pk": "{events_staff_event}"}
SESSION = {"pk": "{events_staff_event}", "session_pk": "{events_staff_session}"}

CASES = {
    "events:event_admin_list": tenant_roles(*STAFF),
    "events:event_admin_export": tenant_roles(*STAFF, kwargs={"fmt": "csv"}),
    "events:event_create": tenant_roles(*STAFF),
    "events:event_manage": tenant_roles(*STAFF, kwargs=dict(EVENT)),
    "events:event_edit": tenant_roles(*STAFF, kwargs=dict(EVENT)),
    "events:event_copy": tenant_roles(*STAFF, status=302, method="post", kwargs=dict(EVENT)),
    "events:event_status": tenant_roles(
        *STAFF, status=302, method="post", kwargs=dict(EVENT), data={"handling": "offentliggoer"}
    ),
    "events:event_cancel": tenant_roles(*STAFF, kwargs=dict(EVENT)),
    "events:session_create": tenant_roles(*STAFF, kwargs=dict(EVENT)),
    "events:session_edit": tenant_roles(*STAFF, kwargs=dict(SESSION)),
    "events:session_delete": tenant_roles(*STAFF, kwargs=dict(SESSION)),
}


def objects(personas) -> dict[str, int]:
    event = make_event(personas.tenant, sessions=2, title="Kursus i fundraising", status=EventStatus.DRAFT)
    with scopes_disabled():
        session = event.sessions.order_by("starts_at").first()
    return {"events_staff_event": event.pk, "events_staff_session": session.pk}
