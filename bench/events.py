"""The benchmark's events (issue 14 "Performance"): 20,000 events at scale 1.0 (other scales multiply them, at least
50), spread over every tenant from a year and a half back to a year ahead, each with its sessions (one, or three
for a course), one or two themes and some registrations; most are published and public, some drafts, cancelled or
for invited guests only. The national event list and the busiest tenant's iCalendar feed are measured on them.

Everything goes in with `bulk_create` in batches, from the generator's seeded `random.Random`."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

FULL_EVENTS = 20_000
TITLES = [
    "Kursus i rekruttering af frivillige",
    "Fundraising for foreninger",
    "Lokale fonde – sådan søger I",
    "Netværksaften for foreninger",
    "Dialogmøde med kommunen",
    "Informationsmøde for sårbare familier",
    "Forårskonference",
    "Samarbejdsforum",
    "Bestyrelseskursus",
    "Temaaften om inklusion",
]
PLACES = ["Frivilligcenteret, Torvet 1", "Medborgerhuset", "Rådhusets mødesal", "Biblioteket, sal 2", ""]


def events_at(scale: float) -> int:
    return max(50, round(FULL_EVENTS * scale))


def make_event_data(*, scale: float, rng: random.Random, batch_size: int, counts: dict) -> None:
    from frivillig.crm.enums import Vocabulary
    from frivillig.crm.models import Tag
    from frivillig.events.enums import EventAudience, EventKind, EventStatus, RegistrationStatus
    from frivillig.events.models import Event, EventSession, Registration
    from frivillig.tenants.models import Tenant

    tenant_ids = list(Tenant.objects.order_by("pk").values_list("pk", flat=True))
    themes: dict[int, list[int]] = {}
    for pk, tenant_id in Tag.objects.filter(vocabulary=Vocabulary.THEME).values_list("pk", "tenant_id"):
        themes.setdefault(tenant_id, []).append(pk)
    kinds = [kind for kind, _label in EventKind.choices]
    audiences = [EventAudience.EVERYONE] * 6 + [
        EventAudience.ASSOCIATIONS,
        EventAudience.VOLUNTEERS,
        EventAudience.MUNICIPAL_STAFF,
        EventAudience.INVITED,
    ]
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    total = events_at(scale)
    # The first tenant holds a tenth more than its share: the feed measured is the busiest one.
    weights = [1.1] + [1.0] * (len(tenant_ids) - 1)

    planned = []
    for _ in range(total):
        day = today + timedelta(days=rng.randint(-540, 365))
        start = datetime(day.year, day.month, day.day, rng.choice([10, 13, 17, 19]), 0, tzinfo=zone)
        sessions = 3 if rng.random() < 0.15 else 1
        hours = rng.choice([2, 3])
        roll = rng.random()
        status = EventStatus.DRAFT if roll < 0.05 else EventStatus.CANCELLED if roll < 0.08 else EventStatus.PUBLISHED
        planned.append(
            (
                Event(
                    tenant_id=rng.choices(tenant_ids, weights)[0],
                    kind=rng.choice(kinds),
                    title=rng.choice(TITLES),
                    description="Et arrangement for foreninger og frivillige i kommunen.",
                    starts_at=start,
                    ends_at=start + timedelta(weeks=sessions - 1, hours=hours),
                    place=rng.choice(PLACES),
                    capacity=rng.choice([None, 20, 30, 60]),
                    audience=rng.choice(audiences),
                    status=status,
                    published_at=None if status == EventStatus.DRAFT else start - timedelta(days=30),
                ),
                sessions,
                hours,
            )
        )

    written_sessions = written_themes = written_registrations = 0
    through = Event.themes.through
    for offset in range(0, len(planned), batch_size):
        chunk = planned[offset : offset + batch_size]
        with transaction.atomic():
            events = Event.objects.bulk_create([event for event, _sessions, _hours in chunk])
            session_rows = []
            theme_rows = []
            registration_rows = []
            for event, (_planned, sessions, hours) in zip(events, chunk, strict=True):
                for number in range(sessions):
                    start = event.starts_at + timedelta(weeks=number)
                    session_rows.append(
                        EventSession(
                            tenant_id=event.tenant_id,
                            event_id=event.pk,
                            title=f"Gang {number + 1}" if sessions > 1 else "",
                            starts_at=start,
                            ends_at=start + timedelta(hours=hours),
                        )
                    )
                tenant_themes = themes.get(event.tenant_id, [])
                for theme_id in rng.sample(tenant_themes, min(len(tenant_themes), rng.randint(1, 2))):
                    theme_rows.append(through(event_id=event.pk, tag_id=theme_id))
                if event.status != EventStatus.DRAFT:
                    for number in range(rng.randint(0, 6)):
                        registration_rows.append(
                            Registration(
                                tenant_id=event.tenant_id,
                                event_id=event.pk,
                                full_name=f"Deltager {number}",
                                email=f"deltager{number}.{event.pk}@example.org",
                                group_size=rng.randint(1, 3),
                                status=RegistrationStatus.REGISTERED,
                                registered_at=event.starts_at - timedelta(days=10),
                            )
                        )
            EventSession.objects.bulk_create(session_rows)
            through.objects.bulk_create(theme_rows)
            Registration.objects.bulk_create(registration_rows)
        written_sessions += len(session_rows)
        written_themes += len(theme_rows)
        written_registrations += len(registration_rows)
    counts["events"] = len(planned)
    counts["event sessions"] = written_sessions
    counts["event themes"] = written_themes
    counts["event registrations"] = written_registrations


def busiest_events_tenant() -> str | None:
    """The slug of the tenant with the most events (its feed is measured), or None without events."""
    from django.db.models import Count

    from frivillig.events.models import Event
    from frivillig.tenants.models import Tenant

    row = Event.objects.values("tenant_id").annotate(events=Count("pk")).order_by("-events", "tenant_id").first()
    if row is None:
        return None
    return Tenant.objects.get(pk=row["tenant_id"]).slug
