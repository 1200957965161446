"""Volunteering demo data for one tenant: opportunities of the demo associations and a few applications.

Opportunities are keyed by (organisation, title) and applications by (opportunity, e-mail), so loading twice
adds nothing. A seeded random generator keeps the data the same on every run. Names are made up; the literal data
is in `demo_data.py`. The associations come from the CRM demo, which runs before this one.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from frivillig.core.demo_loader import DemoContext
from frivillig.crm.enums import OrganisationKind, Vocabulary
from frivillig.crm.models import Organisation, Tag
from frivillig.crm.selectors import represented_organisations
from frivillig.tenants.models import Tenant
from frivillig.volunteering.demo_data import TEMPLATES, VOLUNTEER_NAMES
from frivillig.volunteering.enums import ApplicationStatus, OpportunityStatus
from frivillig.volunteering.models import Application, ApplicationEvent, Opportunity
from frivillig.volunteering.search import refresh_search_fields


def load(context: DemoContext) -> None:
    for slug, tenant in context.tenants.items():
        load_volunteering_demo(tenant=tenant, context=context, representative=context.users.get(f"forening.{slug}"))


def _fits(template: tuple, organisation: Organisation) -> bool:
    """Whether the association would post this job: one of its activity areas, for its target groups or for all."""
    area, group = template[4], template[5]
    areas = {tag.slug for tag in organisation.activity_areas.all()}
    groups = {tag.slug for tag in organisation.target_groups.all()}
    return area in areas and (group in groups or group == "alle")


def load_volunteering_demo(*, tenant: Tenant, context: DemoContext, representative=None) -> int:
    """Give about half the tenant's public associations one or two opportunities that fit their purpose, and the
    demo representative's association a draft, one about to expire and applications in every state; returns how
    many opportunities were added."""
    tags = {(tag.vocabulary, tag.slug): tag for tag in Tag.objects.filter(tenant=tenant)}
    associations = list(
        Organisation.objects.filter(tenant=tenant, kind=OrganisationKind.ASSOCIATION, is_public=True, archived_at=None)
        .prefetch_related("activity_areas", "target_groups")
        .order_by("name")
    )
    represented = set()
    if representative is not None:
        represented = {organisation.pk for organisation in represented_organisations(representative, tenant)}
    # A title is used by one association of the tenant at most (also across runs: what exists is kept).
    used = set(Opportunity.objects.filter(tenant=tenant).values_list("title", flat=True))
    added = 0
    for index, organisation in enumerate(associations):
        showcase = organisation.pk in represented
        if index % 2 and not showcase:
            continue
        choices = context.rng(tenant.slug, organisation.name)
        fitting = [template for template in TEMPLATES if _fits(template, organisation)]
        existing = set(Opportunity.objects.filter(organisation=organisation).values_list("title", flat=True))
        wanted = 3 if showcase else 1 + index % 3 // 2
        for position, template in enumerate(choices.sample(fitting, k=min(wanted, len(fitting)))):
            title = template[0]
            if title in existing or title in used:
                continue
            used.add(title)
            state = _SHOWCASE_STATES[position] if showcase else "published"
            opportunity = _opportunity(tenant, organisation, template, tags, context, state=state)
            rng = context.rng(tenant.slug, organisation.name, title)
            if showcase and state == "published":
                _applications_in_every_state(opportunity, context)
            elif state != "draft":
                _applications(opportunity, rng, opportunity.published_at)
            added += 1
    return added


# The representative's association shows each state a representative meets: a published job with applications
# in every status, one that expires within the week, and a draft waiting to be finished.
_SHOWCASE_STATES = ("published", "expiring", "draft")


def _opportunity(tenant, organisation, template, tags, context: DemoContext, *, state: str) -> Opportunity:
    title, summary, tasks, commitment, area, group, skill, inclusion, evenings, weekends, needed = template
    rng = context.rng(tenant.slug, organisation.name, title)
    published = timezone.now() - timedelta(days=rng.randint(0, 60))
    expires = context.today + timedelta(days=rng.randint(3, 6) if state == "expiring" else rng.randint(10, 90))
    opportunity = Opportunity.objects.create(
        tenant=tenant,
        organisation=organisation,
        title=title,
        summary=summary,
        description=f"{organisation.name} søger frivillige. {summary}",
        tasks=tasks,
        commitment=commitment,
        hours_per_week=rng.choice([1, 2, 3, 4]),
        on_weekdays=not evenings,
        in_evenings=evenings,
        at_weekends=weekends,
        postcode=organisation.postcode,
        town=organisation.town,
        address=organisation.address,
        is_remote=rng.random() < 0.1,
        volunteers_needed=needed,
        requires_child_certificate=group == "boern-og-unge",
        status=OpportunityStatus.DRAFT if state == "draft" else OpportunityStatus.PUBLISHED,
        published_at=None if state == "draft" else published,
        expires_on=expires,
    )
    for vocabulary, slug, field in [
        (Vocabulary.ACTIVITY_AREA, area, "activity_areas"),
        (Vocabulary.TARGET_GROUP, group, "target_groups"),
        (Vocabulary.SKILL, skill, "skills"),
        (Vocabulary.INCLUSION, inclusion, "inclusion"),
    ]:
        tag = tags.get((vocabulary, slug))
        if tag is not None:
            getattr(opportunity, field).add(tag)
    refresh_search_fields(opportunity)
    return opportunity


_FLOW = [ApplicationStatus.NEW, ApplicationStatus.CONTACTED, ApplicationStatus.MEETING, ApplicationStatus.STARTED]


def _applications_in_every_state(opportunity, context: DemoContext) -> None:
    """One application in each status, the newest waiting for an answer."""
    for offset, (name, status) in enumerate(zip(VOLUNTEER_NAMES, ApplicationStatus.values, strict=False)):
        created = timezone.now() - timedelta(days=2 + 3 * offset)
        _application(opportunity, name, status, created)


def _applications(opportunity, rng: random.Random, published) -> None:
    for name in rng.sample(VOLUNTEER_NAMES, k=rng.randint(0, 3)):
        created = published + timedelta(days=rng.randint(1, 10))
        _application(opportunity, name, rng.choice(_FLOW), created)


def _application(opportunity, name: str, status: str, created) -> None:
    email = name.lower().replace(" ", ".").replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    if Application.objects.filter(opportunity=opportunity, email=f"{email}@example.org").exists():
        return
    application = Application.objects.create(
        tenant=opportunity.tenant,
        opportunity=opportunity,
        full_name=name,
        email=f"{email}@example.org",
        message="Jeg vil gerne hjælpe og har tid om eftermiddagen.",
        email_confirmed_at=created,
        status=status,
        status_changed_at=created,
    )
    # The way there: along the flow, or straight from "new" to an end that leaves it.
    steps = _FLOW[: _FLOW.index(status) + 1] if status in _FLOW else [ApplicationStatus.NEW, status]
    previous = ""
    for step in steps:
        ApplicationEvent.objects.create(
            tenant=opportunity.tenant, application=application, from_status=previous, to_status=step
        )
        previous = step
