"""CRM demo data for one tenant: associations, businesses, municipal units, contact people, interactions and
collaboration relations spread over 2016 to 2018, so that reports have something true to count.

Every name of a person is generated from lists of common Danish first names and surnames; addresses, phone
numbers (+45 xx 00 xx xx) and e-mail addresses (@example.org) are made up. A seeded random generator makes the
data the same on every run, and each row is keyed (organisations by name, people by e-mail, interactions and
relations by date and text), so loading twice adds nothing the second time.

The plan is drawn in full before the database is read: what already exists never shifts the random sequence.
The literal data (names, places, associations, texts) is in `demo_data.py`. The tenants, the centre staff and the
association representatives come from the kernel's demo (`tenants/demo.py`) through the shared context; the
default word lists from the tenant's set-up (`tenant_setup.py`).
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from frivillig.accounts.models import User
from frivillig.core.demo_loader import DemoContext
from frivillig.core.models import Consent
from frivillig.core.validators import CVR_WEIGHTS
from frivillig.crm.demo_data import (
    ASSOCIATION_NOTES,
    ASSOCIATIONS,
    FIRST_NAMES,
    GEOGRAPHIES,
    KIND_WEIGHTS,
    MORE_REPRESENTATIVES,
    MUNICIPAL,
    MUNICIPAL_RELATIONS,
    ORGANISATION_RELATIONS,
    RECENT_INTERACTIONS,
    SUMMARIES,
    SURNAMES,
    THEME_WEIGHTS,
    Geography,
)
from frivillig.crm.enums import ConsentMethod, OrganisationKind, OrganisationRoleKind, Vocabulary
from frivillig.crm.models import CollaborationRelation, Interaction, Organisation, OrganisationRole, Person, Tag
from frivillig.crm.privacy import CONTACT_CONSENT
from frivillig.crm.services.representatives import representative_grant
from frivillig.crm.services.tags import slugify_da
from frivillig.tenants.models import Tenant

ASSOCIATION_COUNT = 40
PERIOD_START, PERIOD_END = date(2016, 1, 4), date(2018, 12, 19)
HISTORIC_INTERACTIONS = 72


@dataclass
class OrganisationPlan:
    name: str
    kind: str
    purpose: str
    description: str = ""
    cvr: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    postcode: str = ""
    town: str = ""
    target_groups: list[str] = field(default_factory=list)
    activity_areas: list[str] = field(default_factory=list)
    member_since: date | None = None
    is_public: bool = False
    internal_notes: str = ""


@dataclass
class PersonPlan:
    full_name: str
    email: str
    phone: str = ""
    department: str = ""
    job_title: str = ""
    notes: str = ""
    consent_on: date | None = None
    consent_method: str = ""


@dataclass
class RolePlan:
    organisation: str
    person: str  # e-mail
    role: str
    started_on: date | None
    ended_on: date | None = None


@dataclass
class InteractionPlan:
    kind: str
    happened_on: date
    summary: str
    organisations: list[str]
    people: list[str]
    topics: list[str]
    follow_up_on: date | None = None
    follow_up_done: bool = False
    # Recent interactions are keyed by their text alone: their dates follow the day the demo is loaded.
    recent: bool = False


@dataclass
class RelationPlan:
    topic: str
    started_on: date
    ended_on: date | None = None
    note: str = ""
    person: str = ""  # e-mail
    organisation: str = ""  # name


@dataclass
class Plan:
    organisations: list[OrganisationPlan] = field(default_factory=list)
    people: list[PersonPlan] = field(default_factory=list)
    roles: list[RolePlan] = field(default_factory=list)
    interactions: list[InteractionPlan] = field(default_factory=list)
    relations: list[RelationPlan] = field(default_factory=list)
    represented: str = ""


def valid_cvr(rng: random.Random) -> str:
    """A random eight-digit number that passes the modulus-11 check (weights 2,7,6,5,4,3,2,1)."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        check = -sum(digit * weight for digit, weight in zip(digits, CVR_WEIGHTS, strict=False)) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def _random_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _weekday(day: date) -> date:
    return day + timedelta(days=max(0, 7 - day.weekday())) if day.weekday() >= 5 else day


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class _Generator:
    def __init__(self, rng: random.Random, geography: Geography):
        self.rng = rng
        self.geography = geography
        self.names: set[str] = set()
        self.phones: set[str] = set()
        self.cvrs: set[str] = set()

    def phone(self) -> str:
        # "+45 xx 00 xx xx": the 00 in the middle makes the numbers look as made up as they are.
        while True:
            number = f"+45 {self.rng.randint(20, 99)} 00 {self.rng.randint(0, 99):02d} {self.rng.randint(0, 99):02d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def cvr(self) -> str:
        while True:
            number = valid_cvr(self.rng)
            if number not in self.cvrs:
                self.cvrs.add(number)
                return number

    def person(self, **fields) -> PersonPlan:
        while True:
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(SURNAMES)
            full_name = f"{first} {last}"
            if full_name not in self.names:
                self.names.add(full_name)
                break
        consent = self.rng.random() < 0.85
        return PersonPlan(
            full_name=full_name,
            email=f"{slugify_da(first)}.{slugify_da(last)}@example.org".replace("-", "."),
            phone=self.phone() if self.rng.random() < 0.8 else "",
            consent_on=_random_date(self.rng, PERIOD_START, PERIOD_END) if consent else None,
            consent_method=self.rng.choice(ConsentMethod.values) if consent else "",
            **fields,
        )

    def place(self) -> tuple[str, str, str, int]:
        places = self.geography.places
        return self.rng.choices(places, weights=[place[3] for place in places])[0]

    def address(self) -> str:
        return f"{self.rng.choice(self.geography.streets)} {self.rng.randint(1, 120)}"

    def description(self) -> str:
        founded = self.rng.randint(1975, 2015)
        volunteers = self.rng.choice([6, 8, 12, 15, 20, 25, 30, 40, 60])
        venue = self.rng.choice(self.geography.venues)
        closing = self.rng.choice(
            [
                "Nye frivillige er altid velkomne.",
                "Kontakt os, hvis du vil være med.",
                "Alle kan være med, uanset alder og erfaring.",
                "",
            ]
        )
        return f"Foreningen blev stiftet i {founded} og har i dag omkring {volunteers} frivillige. " + (
            f"Vi mødes i {venue}. {closing}".strip()
        )


def build_plan(slug: str, *, representative_email: str, representative_name: str, today: date) -> Plan:
    """The tenant's demo CRM, drawn from a generator seeded with the tenant's slug."""
    rng = random.Random(f"frivillig-crm-demo-{slug}")  # noqa: S311 -- made-up data, the same on every run
    geography = GEOGRAPHIES.get(slug) or GEOGRAPHIES["soroe"]
    generate = _Generator(rng, geography)
    plan = Plan()
    main_place = geography.places[0]

    chosen = [ASSOCIATIONS[0], *rng.sample(ASSOCIATIONS[1:], ASSOCIATION_COUNT - 1)]
    for index, (pattern, target_groups, activity_areas, purpose) in enumerate(chosen):
        locality, postcode, town, _weight = generate.place()
        name = pattern.format(town=geography.town, place=locality)
        if "{place}" not in pattern and rng.random() < 0.75:
            # Named after the town, and most often found there too.
            _locality, postcode, town, _weight = main_place
        slug_name = slugify_da(name)
        has_cvr = rng.random() < 0.4
        member = index == 0 or rng.random() < 0.66
        plan.organisations.append(
            OrganisationPlan(
                name=name,
                kind=OrganisationKind.ASSOCIATION,
                purpose=purpose,
                description=generate.description(),
                cvr=generate.cvr() if has_cvr else "",
                website=f"https://{slug_name}.example.org" if rng.random() < 0.5 else "",
                email=f"{slug_name}@example.org",
                phone=generate.phone() if rng.random() < 0.7 else "",
                address=generate.address(),
                postcode=postcode,
                town=town,
                target_groups=target_groups.split(),
                activity_areas=activity_areas.split(),
                member_since=_random_date(rng, date(2005, 1, 1), date(2018, 10, 31)) if member else None,
                is_public=index == 0 or rng.random() < 0.85,
                internal_notes=rng.choice(ASSOCIATION_NOTES) if rng.random() < 0.2 else "",
            )
        )
    plan.represented = plan.organisations[0].name
    for name, kind, purpose in geography.others:
        slug_name = slugify_da(name)
        plan.organisations.append(
            OrganisationPlan(
                name=name,
                kind=kind,
                purpose=purpose,
                # A municipality's units share its one CVR number; the register leaves it out.
                cvr="" if kind in {MUNICIPAL, OrganisationKind.PUBLIC_INSTITUTION} else generate.cvr(),
                email=f"{slug_name}@example.org",
                phone=generate.phone(),
                address=generate.address(),
                postcode=main_place[1],
                town=main_place[2],
            )
        )

    # People: every association has a chair and often a treasurer, contact person or coordinator.
    for index, organisation in enumerate(plan.organisations):
        if organisation.kind == OrganisationKind.ASSOCIATION:
            if index == 0:
                chair = PersonPlan(
                    full_name=representative_name,
                    email=representative_email,
                    phone=generate.phone(),
                    consent_on=date(2018, 3, 1),
                    consent_method=ConsentMethod.WEB_FORM,
                )
                generate.names.add(representative_name)
            else:
                chair = generate.person()
            plan.people.append(chair)
            plan.roles.append(
                RolePlan(
                    organisation.name,
                    chair.email,
                    OrganisationRoleKind.CHAIR,
                    _random_date(rng, date(2012, 1, 1), date(2018, 6, 1)),
                )
            )
            current_chair_from = plan.roles[-1].started_on
            if rng.random() < 0.25:
                former = generate.person(notes="Tidligere formand; kan stadig kontaktes om foreningens historie.")
                plan.people.append(former)
                started = _random_date(rng, date(2008, 1, 1), current_chair_from - timedelta(days=400))
                plan.roles.append(
                    RolePlan(
                        organisation.name,
                        former.email,
                        OrganisationRoleKind.CHAIR,
                        started,
                        current_chair_from - timedelta(days=1),
                    )
                )
            extra_roles = [
                OrganisationRoleKind.TREASURER,
                OrganisationRoleKind.CONTACT_PERSON,
                OrganisationRoleKind.VOLUNTEER_COORDINATOR,
                OrganisationRoleKind.VICE_CHAIR,
                OrganisationRoleKind.BOARD_MEMBER,
            ]
            for role in rng.sample(extra_roles, rng.choice([0, 1, 1, 2, 2, 3])):
                person = generate.person()
                plan.people.append(person)
                plan.roles.append(
                    RolePlan(
                        organisation.name, person.email, role, _random_date(rng, date(2010, 1, 1), date(2018, 9, 1))
                    )
                )
        elif organisation.kind == OrganisationKind.MUNICIPAL_UNIT:
            department, titles = geography.municipal_staff[organisation.name]
            for title in titles:
                person = generate.person(department=department, job_title=title)
                plan.people.append(person)
                plan.roles.append(
                    RolePlan(
                        organisation.name,
                        person.email,
                        OrganisationRoleKind.EMPLOYEE,
                        _random_date(rng, date(2009, 1, 1), date(2016, 12, 1)),
                    )
                )
        else:
            title = {
                OrganisationKind.BUSINESS: rng.choice(["Indehaver", "Direktør", "HR-ansvarlig"]),
                OrganisationKind.SOCIAL_ENTERPRISE: "Daglig leder",
                OrganisationKind.FOUNDATION: "Sekretariatsleder",
            }.get(organisation.kind, "Bibliotekar")
            person = generate.person(job_title=title)
            plan.people.append(person)
            plan.roles.append(
                RolePlan(
                    organisation.name,
                    person.email,
                    OrganisationRoleKind.CONTACT_PERSON,
                    _random_date(rng, date(2012, 1, 1), date(2017, 6, 1)),
                )
            )

    _plan_interactions(plan, rng, today)
    _plan_relations(plan, rng)
    return plan


def _people_of(plan: Plan, organisation: str) -> list[str]:
    return [role.person for role in plan.roles if role.organisation == organisation and role.ended_on is None]


def _plan_interactions(plan: Plan, rng: random.Random, today: date) -> None:
    associations = [o.name for o in plan.organisations if o.kind == OrganisationKind.ASSOCIATION]
    municipal = [o.name for o in plan.organisations if o.kind == OrganisationKind.MUNICIPAL_UNIT]
    everyone_else = [o.name for o in plan.organisations if o.kind != OrganisationKind.ASSOCIATION]
    seen: set[tuple[date, str]] = set()
    for _ in range(HISTORIC_INTERACTIONS):
        happened_on = _weekday(_random_date(rng, PERIOD_START, PERIOD_END))
        first = rng.choice(associations) if rng.random() < 0.85 else rng.choice(everyone_else)
        organisations = [first]
        theme = _weighted(rng, THEME_WEIGHTS)
        if theme == "samarbejde-kommune" or rng.random() < 0.1:
            # The first may itself be a municipal unit: an organisation is named once.
            unit = rng.choice(municipal)
            if unit != first:
                organisations.append(unit)
        topics = [theme]
        if rng.random() < 0.3:
            topics.append(_weighted(rng, THEME_WEIGHTS))
        people = [email for name in organisations for email in _people_of(plan, name)]
        people = rng.sample(people, min(len(people), rng.choice([0, 1, 1, 2])))
        summary = rng.choice(SUMMARIES[theme]).format(org=first)
        follow_up_on = happened_on + timedelta(days=rng.choice([7, 14, 21, 30])) if rng.random() < 0.3 else None
        if (happened_on, summary) in seen:
            continue
        seen.add((happened_on, summary))
        plan.interactions.append(
            InteractionPlan(
                kind=_weighted(rng, KIND_WEIGHTS),
                happened_on=happened_on,
                summary=summary,
                organisations=organisations,
                people=people,
                topics=list(dict.fromkeys(topics)),
                follow_up_on=follow_up_on,
                follow_up_done=follow_up_on is not None,
            )
        )
    # A few recent ones with open follow-ups for the demo staff member: two overdue, three coming up.
    chosen = {
        "represented": iter([plan.represented]),
        "association": iter(rng.sample(associations[1:], 3)),
        "municipal": iter(municipal),
    }
    for kind, days_ago, follow_up_in, whose, theme, text in RECENT_INTERACTIONS:
        organisation = next(chosen[whose])
        plan.interactions.append(
            InteractionPlan(
                kind=kind,
                happened_on=today - timedelta(days=days_ago),
                summary=text.format(org=organisation),
                organisations=[organisation],
                people=_people_of(plan, organisation)[:1],
                topics=[theme],
                follow_up_on=today + timedelta(days=follow_up_in),
                recent=True,
            )
        )


def _plan_relations(plan: Plan, rng: random.Random) -> None:
    employees = [
        role.person
        for role in plan.roles
        if role.role == OrganisationRoleKind.EMPLOYEE
        and next(o for o in plan.organisations if o.name == role.organisation).kind == OrganisationKind.MUNICIPAL_UNIT
    ]
    chosen = rng.sample(employees, min(len(employees), len(MUNICIPAL_RELATIONS)))
    for employee, (started_on, ended_on, topic, note) in zip(chosen, MUNICIPAL_RELATIONS, strict=False):
        plan.relations.append(RelationPlan(topic, started_on, ended_on, note, person=employee))
    for topic, kind in ORGANISATION_RELATIONS:
        partners = [o.name for o in plan.organisations if o.kind == kind]
        started_on = _random_date(rng, PERIOD_START, PERIOD_END)
        ended_on = None
        if rng.random() < 0.3:
            ended_on = min(started_on + timedelta(days=rng.randint(120, 500)), date(2018, 12, 31))
        plan.relations.append(RelationPlan(topic, started_on, ended_on, organisation=rng.choice(partners)))


def _aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def load(context: DemoContext) -> None:
    """The CRM part of `manage.py demo`, for every demo tenant: its organisations, people, interactions and
    relations, and the representative's link to the association they look after."""
    for slug, tenant in context.tenants.items():
        representative = context.users[f"forening.{slug}"]
        association = load_crm_demo(
            tenant=tenant, staff=context.users[f"staff.{slug}"], representative=representative, today=context.today
        )
        representative_grant(organisation=association, user=representative)
        _more_representatives(context, tenant, association)


def _more_representatives(context: DemoContext, tenant: Tenant, represented: Organisation) -> None:
    """A few more associations look after their own page, as in a real centre, where some do and most do not."""
    from frivillig.accounts.demo import demo_user

    others = (
        Organisation.objects.filter(tenant=tenant, kind=OrganisationKind.ASSOCIATION, is_public=True, archived_at=None)
        .exclude(pk=represented.pk)
        .order_by("name")
    )
    for number, (full_name, organisation) in enumerate(
        zip(MORE_REPRESENTATIVES[tenant.slug], others[::7], strict=False), 2
    ):
        user = demo_user(context, f"forening{number}.{tenant.slug}@example.org", full_name)
        representative_grant(organisation=organisation, user=user)


@transaction.atomic
def load_crm_demo(*, tenant: Tenant, staff: User, representative: User, today: date) -> Organisation:
    """Load the tenant's CRM demo data (what is missing of it) and return the association `representative`
    represents. `staff` is the centre staff member who logged the interactions and recorded the consents. The
    tenant's word lists are already there: its set-up seeded them."""
    plan = build_plan(
        tenant.slug,
        representative_email=representative.email,
        representative_name=representative.full_name,
        today=today,
    )
    tags = {(tag.vocabulary, tag.slug): tag.pk for tag in Tag.objects.filter(tenant=tenant)}
    organisations = _save_organisations(tenant, plan, tags)
    people = _save_people(tenant, plan, staff=staff, representative=representative)
    _save_roles(tenant, plan, organisations, people)
    _save_interactions(tenant, plan, organisations, people, tags, staff=staff)
    _save_relations(tenant, plan, organisations, people)
    return organisations[plan.represented]


def _save_organisations(tenant, plan: Plan, tags: dict) -> dict[str, Organisation]:
    existing = {
        o.name: o for o in Organisation.objects.filter(tenant=tenant, name__in=[p.name for p in plan.organisations])
    }
    taken_cvrs = set(Organisation.objects.filter(tenant=tenant).exclude(cvr="").values_list("cvr", flat=True))
    new: list[tuple[Organisation, OrganisationPlan]] = []
    for item in plan.organisations:
        if item.name in existing:
            continue
        fields = {name: value for name, value in vars(item).items() if name not in {"target_groups", "activity_areas"}}
        if fields["cvr"] in taken_cvrs:
            fields["cvr"] = ""
        new.append((Organisation(tenant=tenant, **fields), item))
    Organisation.objects.bulk_create([organisation for organisation, _item in new])
    target_groups = Organisation.target_groups.through
    activity_areas = Organisation.activity_areas.through
    target_groups.objects.bulk_create(
        target_groups(organisation_id=organisation.pk, tag_id=tags[(Vocabulary.TARGET_GROUP, slug)])
        for organisation, item in new
        for slug in item.target_groups
        if (Vocabulary.TARGET_GROUP, slug) in tags
    )
    activity_areas.objects.bulk_create(
        activity_areas(organisation_id=organisation.pk, tag_id=tags[(Vocabulary.ACTIVITY_AREA, slug)])
        for organisation, item in new
        for slug in item.activity_areas
        if (Vocabulary.ACTIVITY_AREA, slug) in tags
    )
    existing.update({organisation.name: organisation for organisation, _item in new})
    return existing


def _save_people(tenant, plan: Plan, *, staff, representative) -> dict[str, Person]:
    emails = [p.email for p in plan.people]
    existing = {p.email: p for p in Person.objects.filter(tenant=tenant, email__in=emails)}
    new = []
    for item in plan.people:
        if item.email in existing:
            continue
        new.append(
            Person(
                tenant=tenant,
                full_name=item.full_name,
                email=item.email,
                phone=item.phone,
                department=item.department,
                job_title=item.job_title,
                notes=item.notes,
                user=representative if item.email == representative.email else None,
                consent_given_at=_aware(item.consent_on) if item.consent_on else None,
                consent_method=item.consent_method,
                consent_recorded_by=staff if item.consent_on else None,
            )
        )
    Person.objects.bulk_create(new)
    _record_consents(tenant, [person for person in new if person.consent_given_at is not None], staff)
    existing.update({person.email: person for person in new})
    return existing


def _record_consents(tenant, people: list[Person], staff) -> None:
    """The ledger rows behind the demo's consents, with the Danish text a person is shown (in bulk: the demo makes
    thousands of people; consent_give would write them one by one with an audit entry each)."""
    person_type = ContentType.objects.get_for_model(Person)
    text = CONTACT_CONSENT.text("da")
    Consent.objects.bulk_create(
        [
            Consent(
                tenant=tenant,
                purpose=CONTACT_CONSENT.key,
                subject_type=person_type,
                subject_id=str(person.pk),
                text=text,
                language="da",
                given_at=person.consent_given_at,
                method=person.consent_method,
                recorded_by=staff,
                recorded_by_label=(staff.full_name or staff.email)[:200],
            )
            for person in people
        ],
        batch_size=500,
    )


def _save_roles(tenant, plan: Plan, organisations: dict, people: dict) -> None:
    existing = set(
        OrganisationRole.objects.filter(tenant=tenant).values_list("organisation_id", "person_id", "role", "started_on")
    )
    new = []
    for item in plan.roles:
        organisation, person = organisations[item.organisation], people[item.person]
        key = (organisation.pk, person.pk, item.role, item.started_on)
        if key in existing:
            continue
        existing.add(key)
        new.append(
            OrganisationRole(
                tenant=tenant,
                organisation=organisation,
                person=person,
                role=item.role,
                started_on=item.started_on,
                ended_on=item.ended_on,
            )
        )
    OrganisationRole.objects.bulk_create(new)


def _save_interactions(tenant, plan: Plan, organisations: dict, people: dict, tags: dict, *, staff) -> None:
    existing = set(Interaction.objects.filter(tenant=tenant).values_list("happened_on", "summary"))
    existing_texts = {summary for _day, summary in existing}
    new: list[tuple[Interaction, InteractionPlan]] = []
    for item in plan.interactions:
        if (item.summary in existing_texts) if item.recent else ((item.happened_on, item.summary) in existing):
            continue
        interaction = Interaction(
            tenant=tenant,
            kind=item.kind,
            happened_on=item.happened_on,
            staff=staff,
            summary=item.summary,
            follow_up_on=item.follow_up_on,
            follow_up_done_at=_aware(item.follow_up_on, 14) if item.follow_up_done else None,
        )
        new.append((interaction, item))
    Interaction.objects.bulk_create([interaction for interaction, _item in new])
    through = Interaction.organisations.through
    through.objects.bulk_create(
        through(interaction_id=interaction.pk, organisation_id=organisations[name].pk)
        for interaction, item in new
        for name in item.organisations
    )
    through = Interaction.people.through
    through.objects.bulk_create(
        through(interaction_id=interaction.pk, person_id=people[email].pk)
        for interaction, item in new
        for email in item.people
    )
    through = Interaction.topics.through
    through.objects.bulk_create(
        through(interaction_id=interaction.pk, tag_id=tags[(Vocabulary.THEME, slug)])
        for interaction, item in new
        for slug in item.topics
        if (Vocabulary.THEME, slug) in tags
    )


def _save_relations(tenant, plan: Plan, organisations: dict, people: dict) -> None:
    existing = set(CollaborationRelation.objects.filter(tenant=tenant).values_list("topic", "started_on"))
    new = []
    for item in plan.relations:
        if (item.topic, item.started_on) in existing:
            continue
        new.append(
            CollaborationRelation(
                tenant=tenant,
                person=people[item.person] if item.person else None,
                organisation=organisations[item.organisation] if item.organisation else None,
                topic=item.topic,
                started_on=item.started_on,
                ended_on=item.ended_on,
                note=item.note,
            )
        )
    CollaborationRelation.objects.bulk_create(new)
