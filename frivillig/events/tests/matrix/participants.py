"""The participants' pages (issue 14, part D): staff of the event's tenant may see and mark participants; the QR
check-in and the course certificate are public, the signed code or the personal link being the key."""

from django_scopes import scopes_disabled

from frivillig.events.enums import AttendanceStatus, EventKind
from frivillig.events.models import Attendance, EventSession
from frivillig.events.services_attendance import check_in_code
from frivillig.events.tests.helpers import make_event, make_registration
from frivillig.tenants.enums import Role
from frivillig.testing import public_tenant_page, tenant_roles

STAFF = (Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF, Role.TENANT_ADMIN)
EVENT = {"pk": "{events_participants_event}"}

CASES = {
    "events:participant_list": tenant_roles(*STAFF, kwargs=dict(EVENT)),
    "events:participant_export": tenant_roles(*STAFF, kwargs={**EVENT, "fmt": "csv"}),
    "events:name_tags": tenant_roles(*STAFF, kwargs=dict(EVENT)),
    "events:check_in": tenant_roles(*STAFF, kwargs=dict(EVENT)),
    "events:check_in_mark": tenant_roles(
        *STAFF,
        status=302,
        method="post",
        kwargs={**EVENT, "registration_pk": "{events_participants_registration}"},
        # The matrix's data is not filled in: without a session the mark is refused with a message, back to the list.
        data={"status": AttendanceStatus.ATTENDED},
    ),
    "events:check_in_screen": tenant_roles(*STAFF, kwargs=dict(EVENT)),
    "events:self_check_in": public_tenant_page(kwargs={**EVENT, "code": "{events_participants_code}"}),
    "events:certificate": public_tenant_page(kwargs={"token": "{events_participants_token}"}),
}


def objects(personas) -> dict:
    event = make_event(personas.tenant, kind=EventKind.COURSE, sessions=1)
    registration = make_registration(event, email="matrix-deltager@example.org", full_name="Matrix Deltager")
    with scopes_disabled():
        session = EventSession.objects.get(event=event)
        # Completed, so the certificate is the PDF.
        Attendance.objects.create(
            tenant=event.tenant, registration=registration, session=session, status=AttendanceStatus.ATTENDED
        )
    return {
        "events_participants_event": event.pk,
        "events_participants_registration": registration.pk,
        "events_participants_session": session.pk,
        "events_participants_code": check_in_code(session),
        "events_participants_token": registration.token,
    }
