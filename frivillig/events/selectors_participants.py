"""Reads for the participants' pages: the participant list and its exports, name tags, the check-in list, and
whether a registration has completed its course."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from frivillig.events.enums import AttendanceStatus, RegistrationStatus
from frivillig.events.models import Attendance, Event, EventSession, Registration

# The participant list's status filter (the values are the URL's words).
SHOW_REGISTERED = ""
SHOW_WAITLISTED = "venteliste"
SHOW_CANCELLED = "afmeldt"
SHOWN_STATUSES = {
    SHOW_REGISTERED: (RegistrationStatus.REGISTERED,),
    SHOW_WAITLISTED: (RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED),
    SHOW_CANCELLED: (RegistrationStatus.CANCELLED,),
}


def event_sessions(event: Event) -> list[EventSession]:
    return list(EventSession.objects.filter(event=event).order_by("starts_at", "pk"))


def _searched(registrations: QuerySet[Registration], search: str) -> QuerySet[Registration]:
    for word in search.split()[:5]:
        registrations = registrations.filter(
            Q(full_name__icontains=word) | Q(email__icontains=word) | Q(organisation__name__icontains=word)
        )
    return registrations


def participants(event: Event, *, show: str = SHOW_REGISTERED, search: str = "") -> QuerySet[Registration]:
    """The event's registrations of one kind (registered by default), each with its attendance per session (one
    query for the whole page) and its organisation."""
    registrations = (
        Registration.objects.filter(event=event, status__in=SHOWN_STATUSES.get(show, SHOWN_STATUSES[SHOW_REGISTERED]))
        .select_related("organisation")
        .prefetch_related(
            Prefetch("attendances", queryset=Attendance.objects.only("pk", "registration_id", "session_id", "status"))
        )
        .order_by("full_name", "pk")
    )
    return _searched(registrations, search)


def attendance_by_session(registration: Registration) -> dict[int, str]:
    """{session id: attended/absent} from the prefetched attendances."""
    return {attendance.session_id: attendance.status for attendance in registration.attendances.all()}


def sessions_needed(event: Event, session_count: int) -> int:
    """How many sessions a participant must attend to complete: the event's rule, never more than it has."""
    if event.sessions_required:
        return min(event.sessions_required, session_count)
    return session_count


def attended_count(registration: Registration) -> int:
    return sum(1 for attendance in registration.attendances.all() if attendance.status == AttendanceStatus.ATTENDED)


def has_completed(registration: Registration, *, session_count: int) -> bool:
    """Completed: registered, and attended at least as many sessions as the event's rule asks (or all)."""
    if registration.status != RegistrationStatus.REGISTERED or session_count == 0:
        return False
    return attended_count(registration) >= sessions_needed(registration.event, session_count)


@dataclass(frozen=True)
class ParticipantRow:
    registration: Registration
    # One entry per session, in the sessions' order: "attended", "absent" or "" (not recorded).
    attendance: list[str]
    attended: int
    completed: bool


def participant_rows(
    event: Event, registrations: Sequence[Registration], sessions: Sequence[EventSession]
) -> list[ParticipantRow]:
    needed = sessions_needed(event, len(sessions))
    rows = []
    for registration in registrations:
        by_session = attendance_by_session(registration)
        attended = sum(1 for status in by_session.values() if status == AttendanceStatus.ATTENDED)
        rows.append(
            ParticipantRow(
                registration=registration,
                attendance=[by_session.get(session.pk, "") for session in sessions],
                attended=attended,
                completed=registration.status == RegistrationStatus.REGISTERED and bool(needed) and attended >= needed,
            )
        )
    return rows


def name_tag_registrations(event: Event) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
        .select_related("organisation")
        .order_by("full_name", "pk")
    )


# --- check-in ---------------------------------------------------------------------------------------------------


def default_session(sessions: Sequence[EventSession], now: datetime | None = None) -> EventSession | None:
    """The session to check in for: today's (Danish date; the first of them), else the one nearest in time."""
    if not sessions:
        return None
    now = now or timezone.now()
    today = timezone.localdate(now)
    for session in sessions:
        if timezone.localdate(session.starts_at) == today:
            return session
    return min(sessions, key=lambda session: abs((session.starts_at - now).total_seconds()))


def check_in_list(event: Event, session: EventSession, *, search: str = "") -> QuerySet[Registration]:
    """Those registered, each with its attendance at the session (`session_status`: attended, absent or None)."""
    status = Attendance.objects.filter(registration=OuterRef("pk"), session=session).values("status")[:1]
    registrations = (
        Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
        .select_related("organisation")
        .annotate(session_status=Subquery(status))
        .order_by("full_name", "pk")
    )
    return _searched(registrations, search)


@dataclass(frozen=True)
class CheckInCounts:
    """People (a group's places count each), for "12 of 20 have arrived"."""

    expected: int
    attended: int
    absent: int


def check_in_counts(event: Event, session: EventSession) -> CheckInCounts:
    places = Coalesce(Sum("group_size"), Value(0), output_field=IntegerField())
    at_session = Q(attendances__session=session)
    totals = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).aggregate(
        expected=places,
        attended=Coalesce(
            Sum("group_size", filter=at_session & Q(attendances__status=AttendanceStatus.ATTENDED)),
            Value(0),
            output_field=IntegerField(),
        ),
        absent=Coalesce(
            Sum("group_size", filter=at_session & Q(attendances__status=AttendanceStatus.ABSENT)),
            Value(0),
            output_field=IntegerField(),
        ),
    )
    return CheckInCounts(**totals)


def registration_for_check_in(event: Event, *, user=None, email: str = "") -> Registration | None:
    """The registered person checking themselves in: by their account, or by the address they registered with."""
    registrations = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
    if user is not None and user.is_authenticated:
        found = registrations.filter(Q(user=user) | Q(email__iexact=user.email)).order_by("pk").first()
        if found is not None:
            return found
    if email:
        return registrations.filter(email__iexact=email.strip()).order_by("pk").first()
    return None


def registration_by_token(token: str) -> Registration | None:
    return Registration.objects.select_related("event", "organisation").filter(token=token).first()


def sessions_attended(registration: Registration) -> list[EventSession]:
    return list(
        EventSession.objects.filter(
            attendances__registration=registration, attendances__status=AttendanceStatus.ATTENDED
        ).order_by("starts_at", "pk")
    )


def attendance_totals(event: Event) -> dict[str, int]:
    """Registrations that attended at least one session (what the evaluation goes to) and all registered."""
    return Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).aggregate(
        registered=Count("pk", distinct=True),
        attended=Count("pk", filter=Q(attendances__status=AttendanceStatus.ATTENDED), distinct=True),
    )
