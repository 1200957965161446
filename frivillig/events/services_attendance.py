"""Attendance: staff mark who came to a session (and, after it, the rest as absent); participants check themselves in
with the short-lived signed code the staff screen shows as a QR code."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.utils import timezone

from frivillig.core.services import log_action
from frivillig.events.enums import AttendanceStatus, CheckInMethod, RegistrationStatus
from frivillig.events.models import Attendance, Event, EventSession, Registration

# How long a check-in code shown on the staff screen works (the screen shows a fresh one every minute).
CHECK_IN_CODE_SECONDS = 10 * 60
_SALT = "frivillig.events.check_in"


class CheckInRefused(Exception):
    """The attendance cannot be recorded (the registration holds no place)."""


# --- codes ------------------------------------------------------------------------------------------------------


def check_in_code(session: EventSession) -> str:
    """A signed code naming the event and the session, valid CHECK_IN_CODE_SECONDS from now."""
    return signing.TimestampSigner(salt=_SALT).sign(f"{session.event_id}.{session.pk}")


class CheckInCodeExpired(Exception):
    pass


class CheckInCodeInvalid(Exception):
    pass


def check_in_code_session(code: str, *, event: Event) -> EventSession:
    """The session a code names, if the code is this event's, untampered and still valid."""
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(code, max_age=CHECK_IN_CODE_SECONDS)
    except signing.SignatureExpired as expired:
        raise CheckInCodeExpired from expired
    except signing.BadSignature as bad:
        raise CheckInCodeInvalid from bad
    event_id, _dot, session_id = value.partition(".")
    if event_id != str(event.pk) or not session_id.isdigit():
        raise CheckInCodeInvalid
    session = EventSession.objects.filter(event=event, pk=int(session_id)).first()
    if session is None:
        raise CheckInCodeInvalid
    return session


# --- marking ----------------------------------------------------------------------------------------------------


def _record(*, registration: Registration, session: EventSession, status: str, method: str, actor) -> Attendance:
    attendance, _created = Attendance.objects.update_or_create(
        registration=registration,
        session=session,
        defaults={"tenant": registration.tenant, "status": status, "method": method, "recorded_by": actor},
    )
    return attendance


def attendance_mark(*, registration: Registration, session: EventSession, status: str, actor) -> Attendance:
    """Staff record whether a registration's people came to a session (a second mark replaces the first)."""
    if status not in AttendanceStatus.values:
        raise ValueError(status)
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status != RegistrationStatus.REGISTERED or session.event_id != locked.event_id:
            raise CheckInRefused
        attendance = _record(
            registration=locked, session=session, status=status, method=CheckInMethod.STAFF, actor=actor
        )
        log_action(
            "events.attendance.marked",
            actor=actor,
            tenant=locked.tenant,
            target=locked,
            data={"session": session.pk, "status": status},
        )
    return attendance


def attendance_mark_rest_absent(*, event: Event, session: EventSession, actor) -> int:
    """Everyone registered with nothing recorded for the session is recorded as absent (the no-shows); returns
    how many registrations that was."""
    with transaction.atomic():
        Event.objects.select_for_update().filter(pk=event.pk).first()
        missing = list(
            Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
            .exclude(attendances__session=session)
            .values_list("pk", flat=True)
        )
        Attendance.objects.bulk_create(
            [
                Attendance(
                    tenant=event.tenant,
                    registration_id=pk,
                    session=session,
                    status=AttendanceStatus.ABSENT,
                    method=CheckInMethod.STAFF,
                    recorded_by=actor,
                )
                for pk in missing
            ]
        )
        log_action(
            "events.attendance.rest_absent",
            actor=actor,
            tenant=event.tenant,
            target=event,
            data={"session": session.pk, "count": len(missing)},
        )
    return len(missing)


@dataclass(frozen=True)
class SelfCheckIn:
    attendance: Attendance
    already: bool


def attendance_self_check_in(*, registration: Registration, session: EventSession) -> SelfCheckIn:
    """A participant checks in at the door; checking in twice changes nothing."""
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status != RegistrationStatus.REGISTERED or session.event_id != locked.event_id:
            raise CheckInRefused
        existing = Attendance.objects.filter(registration=locked, session=session).first()
        if existing is not None and existing.status == AttendanceStatus.ATTENDED:
            return SelfCheckIn(attendance=existing, already=True)
        attendance = _record(
            registration=locked,
            session=session,
            status=AttendanceStatus.ATTENDED,
            method=CheckInMethod.SELF,
            actor=locked.user if locked.user_id else None,
        )
        log_action(
            "events.attendance.self_check_in",
            actor=None,
            tenant=locked.tenant,
            target=locked,
            data={"session": session.pk, "at": timezone.now().isoformat()},
        )
    return SelfCheckIn(attendance=attendance, already=False)
