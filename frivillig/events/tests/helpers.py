"""Events, sessions and registrations for the tests (append helpers at the end; keep them small)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.events.enums import EventStatus, RegistrationStatus
from frivillig.events.models import Event, EventSession, Registration

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def url(name: str, **kwargs) -> str:
    return reverse(f"events:{name}", kwargs={"tenant_slug": "alfa", **kwargs})


def danish_time(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=COPENHAGEN)


def make_event(tenant, *, sessions: int = 1, starts_at: datetime | None = None, hours: int = 2, **fields) -> Event:
    """An event with `sessions` sessions a week apart (the first at `starts_at`, default in two weeks at 19:00)."""
    if starts_at is None:
        soon = timezone.localtime() + timedelta(days=14)
        starts_at = soon.replace(hour=19, minute=0, second=0, microsecond=0)
    fields.setdefault("title", "Kursus i rekruttering af frivillige")
    fields.setdefault("status", EventStatus.PUBLISHED)
    times = [(starts_at + timedelta(weeks=n), starts_at + timedelta(weeks=n, hours=hours)) for n in range(sessions)]
    with scopes_disabled():
        event = Event.objects.create(tenant=tenant, starts_at=times[0][0], ends_at=times[-1][1], **fields)
        for number, (start, end) in enumerate(times, start=1):
            title = f"Gang {number}" if sessions > 1 else ""
            EventSession.objects.create(tenant=tenant, event=event, title=title, starts_at=start, ends_at=end)
    return event


def make_registration(event, *, email: str = "deltager@example.org", **fields) -> Registration:
    fields.setdefault("full_name", "Dorthe Deltager")
    fields.setdefault("status", RegistrationStatus.REGISTERED)
    if fields["status"] != RegistrationStatus.UNCONFIRMED:
        fields.setdefault("email_confirmed_at", timezone.now())
    if fields["status"] == RegistrationStatus.REGISTERED:
        fields.setdefault("registered_at", timezone.now())
    with scopes_disabled():
        return Registration.objects.create(tenant=event.tenant, event=event, email=email, **fields)


def waitlisted(event, *, email: str, rank: int, group_size: int = 1, **fields) -> Registration:
    """Someone on the event's waiting list at `rank`."""
    return make_registration(
        event,
        email=email,
        status=RegistrationStatus.WAITLISTED,
        queue_rank=rank,
        waitlisted_at=timezone.now(),
        group_size=group_size,
        full_name=fields.pop("full_name", email.split("@")[0].title()),
        **fields,
    )
