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
from frivillig.tenants.models import Tenant
from frivillig.volunteering.demo_data import TEMPLATES, VOLUNTEER_NAMES
from frivillig.volunteering.enums import ApplicationStatus, OpportunityStatus
from frivillig.volunteering.models import Application, ApplicationEvent, Opportunity
from frivillig.volunteering.search import refresh_search_fields


def load(context: DemoContext) -> None:
    for tenant in context.tenants.values():
        load_volunteering_demo(tenant=tenant, context=context)


def load_volunteering_demo(*, tenant: Tenant, context: DemoContext) -> int:
    """Give about half the tenant's public associations one or two opportunities; returns how many were added."""
    now = timezone.now()
    today = context.today
    tags = {(tag.vocabulary, tag.slug): tag for tag in Tag.objects.filter(tenant=tenant)}
    associations = list(
        Organisation.objects.filter(
            tenant=tenant, kind=OrganisationKind.ASSOCIATION, is_public=True, archived_at=None
        ).order_by("name")
    )
    added = 0
    for index, organisation in enumerate(associations):
        if index % 2:
            continue
        # One generator per organisation and per opportunity: what exists already never shifts the others.
        choices = context.rng(tenant.slug, organisation.name)
        for template in choices.sample(TEMPLATES, k=1 + index % 3 // 2):
            title, summary, tasks, commitment, area, group, skill, inclusion, evenings, weekends, needed = template
            if Opportunity.objects.filter(organisation=organisation, title=title).exists():
                continue
            rng = context.rng(tenant.slug, organisation.name, title)
            published = now - timedelta(days=rng.randint(0, 60))
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
                status=OpportunityStatus.PUBLISHED,
                published_at=published,
                expires_on=today + timedelta(days=rng.randint(10, 90)),
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
            _applications(opportunity, rng, published)
            added += 1
    return added


def _applications(opportunity, rng: random.Random, published) -> None:
    flow = [ApplicationStatus.NEW, ApplicationStatus.CONTACTED, ApplicationStatus.MEETING, ApplicationStatus.STARTED]
    for name in rng.sample(VOLUNTEER_NAMES, k=rng.randint(0, 3)):
        email = name.lower().replace(" ", ".").replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
        created = published + timedelta(days=rng.randint(1, 10))
        status = rng.choice(flow)
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
        previous = ""
        for step in flow[: flow.index(status) + 1]:
            ApplicationEvent.objects.create(
                tenant=opportunity.tenant, application=application, from_status=previous, to_status=step
            )
            previous = step
