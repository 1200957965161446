"""Events demo data: what the two demo centres held in 2017-18 and a few events coming up, with registrations
(on behalf of the demo associations), attendance per session, the course's evaluation, the dialogue meetings'
input and its follow-up, and Sorø's recruitment campaign with its tracked links and their arrivals.

The events, their texts and how many came are in `demo_data.py`. Who registered is drawn from the CRM demo, which
runs before this one (the chairs of the associations register on behalf of their association, the municipal staff
for themselves), and the recruitment course's participants are the associations the surveys demo's evaluation went
to: those who came. The demo users have a registration each to look at: the representative for their association,
the citizen on a full course's waiting list and for an evening with places left.

A past event is keyed by its title and start; an upcoming one by its title among the events not begun yet, so a
demo loaded again on a later day, once the upcoming events have passed, gets new ones and the public list is never
empty. A campaign is keyed by its title. Each event draws from a random generator seeded with its tenant and title,
so the data is the same on every run.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from frivillig.accounts.models import User
from frivillig.core.demo_loader import DemoContext
from frivillig.crm.demo_data import FIRST_NAMES, SURNAMES
from frivillig.crm.enums import OrganisationKind, OrganisationRoleKind, Vocabulary
from frivillig.crm.models import Organisation, OrganisationRole, Tag
from frivillig.crm.selectors import represented_organisations
from frivillig.crm.services.tags import slugify_da
from frivillig.events.demo_data import CAMPAIGNS, EVENTS, CampaignSpec, EventSpec
from frivillig.events.enums import AttendanceStatus, CheckInMethod, EventStatus, RegistrationStatus
from frivillig.events.models import (
    Attendance,
    Campaign,
    CampaignArrival,
    CampaignLink,
    DialogueInput,
    Event,
    EventSession,
    Registration,
)
from frivillig.surveys.models import Invitation, Survey
from frivillig.tenants.models import Tenant
from frivillig.volunteering.enums import OpportunityStatus
from frivillig.volunteering.models import Opportunity

DIETS = ("Vegetar", "Glutenfri", "Laktosefri", "Ingen svinekød", "Veganer")
ACCESS_NEEDS = ("Kommer i kørestol", "Har brug for teleslynge", "Kan ikke gå på trapper")
ANSWERS = (
    "Hvordan laver vi et budget, bestyrelsen kan forstå?",
    "Hvad skal vi huske, når vi søger tilskud efter § 18?",
    "Hvordan deler vi opgaverne, så kassereren ikke står alene?",
    "Regler for moms og kvitteringer.",
)


@dataclass
class Registrant:
    full_name: str
    email: str
    phone: str = ""
    organisation: Organisation | None = None
    user: User | None = None
    # The sessions (numbered from 1) attended; None: drawn.
    pattern: tuple[int, ...] | None = None
    pair: bool = False


def load(context: DemoContext) -> None:
    for campaign_spec in CAMPAIGNS:
        tenant = context.tenants.get(campaign_spec.tenant)
        if tenant is not None:
            load_campaign_demo(spec=campaign_spec, tenant=tenant, context=context)
    for spec in EVENTS:
        tenant = context.tenants.get(spec.tenant)
        if tenant is not None:
            load_event_demo(spec=spec, tenant=tenant, context=context)


def _aware(day: date, at: time = time(10)) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _themes(tenant: Tenant, slugs: tuple[str, ...]) -> list[Tag]:
    return list(Tag.objects.filter(tenant=tenant, vocabulary=Vocabulary.THEME, slug__in=slugs))


def _path(name: str, tenant: Tenant, pk: int) -> str:
    """The path of an events page."""
    return reverse(f"events:{name}", kwargs={"tenant_slug": tenant.slug, "pk": pk})


@transaction.atomic
def load_campaign_demo(*, spec: CampaignSpec, tenant: Tenant, context: DemoContext) -> Campaign | None:
    """The campaign with its themes, a few of the tenant's volunteer jobs, its links and their daily arrivals;
    None when the tenant has it already."""
    if Campaign.objects.filter(tenant=tenant, title=spec.title).exists():
        return None
    rng = context.rng("events", tenant.slug, spec.title)
    campaign = Campaign.objects.create(
        tenant=tenant,
        title=spec.title,
        goal=spec.goal,
        description=spec.description,
        starts_on=spec.starts_on,
        ends_on=spec.ends_on,
        is_published=True,
        created_by=context.users.get(f"staff.{tenant.slug}"),
    )
    Campaign.objects.filter(pk=campaign.pk).update(
        created_at=_aware(spec.starts_on - timedelta(days=21)), updated_at=_aware(spec.starts_on - timedelta(days=2))
    )
    campaign.themes.set(_themes(tenant, spec.themes))
    jobs = list(
        Opportunity.objects.filter(tenant=tenant, status=OpportunityStatus.PUBLISHED).order_by("title", "pk")[:12]
    )
    campaign.opportunities.set(rng.sample(jobs, min(spec.opportunities, len(jobs))))
    arrivals = []
    for link_spec in spec.links:
        # The links lead to the campaign page, or to the course (made after the campaign: its page is set then).
        link = CampaignLink.objects.create(
            tenant=tenant,
            campaign=campaign,
            label=link_spec.label,
            target_path=_path("campaign_detail", tenant, campaign.pk),
        )
        CampaignLink.objects.filter(pk=link.pk).update(created_at=_aware(link_spec.peak_on - timedelta(days=1)))
        day = link_spec.peak_on
        # From the day the link went out to two weeks after the campaign (a poster hangs a while), fading out.
        while day <= spec.ends_on + timedelta(days=14):
            fade = 1.0 if day <= spec.ends_on else 0.3
            count = link_spec.peak if day == link_spec.peak_on else round(rng.randint(0, link_spec.daily * 2) * fade)
            if count:
                arrivals.append(CampaignArrival(tenant=tenant, link=link, day=day, count=count))
            day += timedelta(days=1)
    CampaignArrival.objects.bulk_create(arrivals)
    return campaign


class _People:
    """The tenant's people who register: chairs of associations, municipal staff, and made-up citizens."""

    def __init__(self, tenant: Tenant, rng: random.Random, users: dict[str, User]):
        roles = list(
            OrganisationRole.objects.filter(
                tenant=tenant, ended_on=None, organisation__archived_at=None, person__email__gt=""
            )
            .select_related("person", "organisation")
            .order_by("organisation__name", "person__email", "pk")
        )
        self.users = users
        self.chairs = [
            role
            for role in roles
            if role.role == OrganisationRoleKind.CHAIR and role.organisation.kind == OrganisationKind.ASSOCIATION
        ]
        self.municipal = [
            role
            for role in roles
            if role.role == OrganisationRoleKind.EMPLOYEE and role.organisation.kind == OrganisationKind.MUNICIPAL_UNIT
        ]
        self.rng = rng

    def registrant(self, role: OrganisationRole, *, on_behalf: bool = True, **fields) -> Registrant:
        person = role.person
        return Registrant(
            full_name=person.full_name,
            email=person.email,
            phone=person.phone,
            organisation=role.organisation if on_behalf else None,
            user=self.users.get(person.email.lower()),
            **fields,
        )

    def citizens(self) -> Iterator[Registrant]:
        seen: set[str] = set()
        while True:
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(SURNAMES)
            email = f"{slugify_da(first)}.{slugify_da(last)}.borger@example.org".replace("-", ".")
            if email not in seen:
                seen.add(email)
                yield Registrant(full_name=f"{first} {last}", email=email)


def _first_start(spec: EventSpec, today: date) -> datetime:
    session = spec.sessions[0]
    day = today + timedelta(days=session.on) if isinstance(session.on, int) else session.on
    return _aware(day, session.starts)


@transaction.atomic
def load_event_demo(*, spec: EventSpec, tenant: Tenant, context: DemoContext) -> Event | None:
    """Make the event `spec` describes with its sessions, registrations, attendance and input; None when the tenant
    has it already (an upcoming one: when it has not begun yet)."""
    existing = Event.objects.filter(tenant=tenant, title=spec.title)
    if spec.upcoming:
        existing = existing.filter(starts_at__gt=timezone.now())
    else:
        existing = existing.filter(starts_at=_first_start(spec, context.today))
    if existing.exists():
        return None
    rng = context.rng("events", tenant.slug, spec.title)
    staff = context.users.get(f"staff.{tenant.slug}")
    event = _save_event(spec, tenant, context, staff)
    sessions = list(event.sessions.order_by("starts_at"))
    people = _People(tenant, rng, {user.email.lower(): user for user in context.users.values()})
    registrants, no_shows, cancelled = _registrants(spec, event, people, context, rng)
    registrations = _save_registrations(spec, event, registrants, no_shows, cancelled, context, rng)
    if not spec.upcoming:
        _save_attendance(spec, event, sessions, registrations, rng, staff)
    if spec.evaluation and event.evaluation_survey is not None:
        sent = event.evaluation_survey.opens_at
        Event.objects.filter(pk=event.pk).update(evaluation_sent_at=sent)
        came = [registration.pk for registration, registrant in registrations if registrant.pattern]
        Registration.objects.filter(pk__in=came).update(evaluation_sent_at=sent)
    if spec.inputs:
        _save_inputs(spec, event, context, rng)
    return event


def _save_event(spec: EventSpec, tenant: Tenant, context: DemoContext, staff) -> Event:
    times = []
    for session in spec.sessions:
        day = context.today + timedelta(days=session.on) if isinstance(session.on, int) else session.on
        times.append((_aware(day, session.starts), _aware(day, session.ends), session.title))
    starts_at, ends_at = times[0][0], times[-1][1]
    # Made six weeks before (an upcoming one: two weeks ago), registration open until two days before.
    created = min(starts_at - timedelta(weeks=6), timezone.now() - timedelta(days=14))
    campaign = None
    if spec.in_campaign:
        campaign = Campaign.objects.filter(tenant=tenant, title__in=[c.title for c in CAMPAIGNS]).first()
    survey = Survey.objects.filter(tenant=tenant, title=spec.evaluation).first() if spec.evaluation else None
    event = Event.objects.create(
        tenant=tenant,
        kind=spec.kind,
        title=spec.title,
        description=spec.description,
        starts_at=starts_at,
        ends_at=ends_at,
        place=spec.place,
        capacity=spec.capacity,
        registration_opens_at=created + timedelta(days=1),
        registration_closes_at=starts_at - timedelta(days=2),
        audience=spec.audience,
        organised_by_centre=spec.by_centre,
        organised_by_municipality=spec.by_municipality,
        price_note=spec.price_note,
        status=EventStatus.PUBLISHED,
        campaign=campaign,
        evaluation_survey=survey,
        asks_diet=spec.asks_diet,
        asks_access_needs=spec.asks_access_needs,
        extra_question=spec.extra_question,
        sessions_required=spec.sessions_required,
        summary=spec.summary,
        summary_published=bool(spec.summary),
        published_at=created + timedelta(days=1),
        created_by=staff,
    )
    Event.objects.filter(pk=event.pk).update(created_at=created, updated_at=created + timedelta(days=1))
    event.themes.set(_themes(tenant, spec.themes))
    if spec.partners:
        event.partners.set(Organisation.objects.filter(tenant=tenant, name__in=spec.partners))
    EventSession.objects.bulk_create(
        EventSession(tenant=tenant, event=event, title=title, starts_at=start, ends_at=end)
        for start, end, title in times
    )
    if campaign is not None:
        # The campaign's newsletter links lead to the course.
        CampaignLink.objects.filter(campaign=campaign, label__startswith="Nyhedsbrev").update(
            target_path=_path("event_detail", tenant, event.pk)
        )
    return event


def _registrants(spec: EventSpec, event: Event, people: _People, context: DemoContext, rng: random.Random):
    """(those who hold a place or wait for one, in the order they registered; no-shows; cancelled)."""
    registrants: list[Registrant] = []
    used: set[str] = set()
    chairs = list(people.chairs)
    if spec.evaluation and event.evaluation_survey is not None:
        invited = (
            Invitation.objects.filter(survey=event.evaluation_survey)
            .exclude(organisation=None)
            .select_related("person", "organisation")
            .order_by("organisation__name", "pk")
        )
        patterns = list(spec.patterns)
        rng.shuffle(patterns)
        for invitation, pattern in zip(invited, patterns, strict=False):
            registrants.append(
                Registrant(
                    full_name=invitation.person.full_name if invitation.person else invitation.email,
                    email=invitation.email,
                    phone=invitation.person.phone if invitation.person else "",
                    organisation=invitation.organisation,
                    user=people.users.get(invitation.email.lower()),
                    pattern=pattern,
                )
            )
        chosen_orgs = {registrant.organisation.pk for registrant in registrants if registrant.organisation}
        chairs = [role for role in chairs if role.organisation.pk not in chosen_orgs]
        drawn = []
    else:
        drawn = rng.sample(chairs, min(spec.associations, len(chairs)))
    for role in drawn:
        registrants.append(people.registrant(role))
    for role in rng.sample(people.municipal, min(spec.municipal, len(people.municipal))):
        registrants.append(people.registrant(role, on_behalf=False))
    citizens = people.citizens()
    for _number in range(spec.citizens):
        registrants.append(next(citizens))
    rng.shuffle(registrants)
    for registrant in registrants:
        registrant.pair = registrant.organisation is not None and rng.random() < spec.pairs
        used.add(registrant.email.lower())
    rest = [role for role in chairs if role.person.email.lower() not in used]
    rng.shuffle(rest)
    no_shows = [people.registrant(role, pattern=()) for role in rest[: spec.no_shows]]
    cancelled = [people.registrant(role) for role in rest[spec.no_shows : spec.no_shows + spec.cancelled]]
    if spec.upcoming and spec.capacity and spec.waiting:
        # Enough people to fill every place and the waiting list behind them.
        while sum(2 if r.pair else 1 for r in registrants) < spec.capacity + spec.waiting:
            registrants.append(next(citizens))
    for name in spec.demo_users:
        user = context.users.get(name)
        if user is None or user.email.lower() in used:
            continue
        organisation = None
        if name.startswith("forening."):
            organisation = next(iter(represented_organisations(user, event.tenant)), None)
        registrants.append(Registrant(full_name=user.full_name, email=user.email, organisation=organisation, user=user))
    return registrants, no_shows, cancelled


def _save_registrations(spec, event, registrants, no_shows, cancelled, context, rng) -> list:
    """Save the registrations; returns (registration, registrant) of those holding a place, no-shows included."""
    now = timezone.now()
    first = event.starts_at
    places = 0
    rank = 0
    rows: list[tuple[Registration, Registrant]] = []
    for registrant in [*registrants, *no_shows]:
        size = 2 if registrant.pair else 1
        if spec.capacity and places + size > spec.capacity and places < spec.capacity:
            size = 1
        full = bool(spec.capacity) and places + size > spec.capacity
        if full and (not spec.upcoming or (rank >= spec.waiting and registrant.user is None)):
            continue
        if spec.upcoming:
            registered = now - timedelta(days=rng.randint(1, 12), hours=rng.randint(0, 10))
        else:
            registered = first - timedelta(days=rng.randint(7, 40), hours=rng.randint(0, 10))
        registration = _registration(spec, event, registrant, registered, size if not full else 1, rng)
        if full:
            rank += 1
            registration.status = RegistrationStatus.WAITLISTED
            registration.queue_rank = rank
            registration.waitlisted_at = registered
        else:
            places += size
            registration.status = RegistrationStatus.REGISTERED
            registration.registered_at = registered
            if not spec.upcoming:
                registration.reminder_sent_at = _aware(timezone.localdate(first) - timedelta(days=1))
        rows.append((registration, registrant))
    for registrant in cancelled:
        registered = min(first, now) - timedelta(days=rng.randint(10, 40))
        registration = _registration(spec, event, registrant, registered, 1, rng)
        registration.status = RegistrationStatus.CANCELLED
        registration.registered_at = registered
        registration.cancelled_at = registered + timedelta(days=rng.randint(1, 8))
        rows.append((registration, registrant))
    Registration.objects.bulk_create([registration for registration, _registrant in rows])
    Registration.objects.filter(event=event).update(
        created_at=Coalesce(F("registered_at"), F("waitlisted_at"), F("cancelled_at"))
    )
    return [
        (registration, registrant)
        for registration, registrant in rows
        if registration.status != RegistrationStatus.CANCELLED
    ]


def _registration(spec: EventSpec, event: Event, registrant: Registrant, registered, size: int, rng) -> Registration:
    return Registration(
        tenant=event.tenant,
        event=event,
        user=registrant.user,
        registered_by=registrant.user,
        full_name=registrant.full_name,
        email=registrant.email,
        phone=registrant.phone,
        organisation=registrant.organisation,
        group_size=size,
        diet=rng.choice(DIETS) if spec.asks_diet and rng.random() < 0.15 else "",
        access_needs=rng.choice(ACCESS_NEEDS) if spec.asks_access_needs and rng.random() < 0.06 else "",
        extra_answer=rng.choice(ANSWERS) if spec.extra_question and rng.random() < 0.5 else "",
        language="da",
        email_confirmed_at=registered,
    )


def _save_attendance(spec: EventSpec, event: Event, sessions, registrations, rng, staff) -> None:
    rows = []
    for registration, registrant in registrations:
        if registration.status != RegistrationStatus.REGISTERED:
            continue
        if registrant.pattern is not None:
            attended = set(registrant.pattern)
        elif rng.random() < spec.came:
            attended = {1} | {number for number in range(2, len(sessions) + 1) if rng.random() < spec.stayed}
        else:
            attended = set()
        for number, session in enumerate(sessions, start=1):
            came = number in attended
            rows.append(
                Attendance(
                    tenant=event.tenant,
                    registration=registration,
                    session=session,
                    status=AttendanceStatus.ATTENDED if came else AttendanceStatus.ABSENT,
                    # At the conference many scanned the QR code at the door.
                    method=CheckInMethod.SELF
                    if came and len(sessions) == 1 and rng.random() < 0.3
                    else CheckInMethod.STAFF,
                    recorded_by=staff,
                )
            )
    Attendance.objects.bulk_create(rows)
    for session in sessions:
        Attendance.objects.filter(session=session).update(recorded_at=session.starts_at + timedelta(minutes=20))


def _save_inputs(spec: EventSpec, event: Event, context: DemoContext, rng) -> None:
    staff = context.users.get(f"staff.{event.tenant.slug}")
    tags = {tag.slug: tag for tag in Tag.objects.filter(tenant=event.tenant, vocabulary=Vocabulary.THEME)}
    for position, item in enumerate(spec.inputs):
        added = event.starts_at + timedelta(minutes=30 + 7 * position)
        dialogue_input = DialogueInput.objects.create(
            tenant=event.tenant,
            event=event,
            kind=item.kind,
            theme=tags.get(item.theme),
            text=item.text,
            from_participant=item.from_participant,
            responsible=context.users.get(f"{item.responsible}.{event.tenant.slug}") if item.responsible else None,
            follow_up_status=item.status,
            answer=item.answer,
            created_by=None if item.from_participant else staff,
        )
        changed = added if not item.answer else event.ends_at + timedelta(days=rng.randint(20, 200))
        DialogueInput.objects.filter(pk=dialogue_input.pk).update(created_at=added, updated_at=changed)
