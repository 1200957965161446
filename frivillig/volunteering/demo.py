"""Volunteering demo data for one tenant: opportunities of the demo associations and a few applications.

Opportunities are keyed by (organisation, title) and applications by (opportunity, e-mail), so loading twice
adds nothing. A seeded random generator keeps the data the same on every run. Names are made up.
"""

import random
from datetime import timedelta

from django.utils import timezone

from frivillig.crm.enums import OrganisationKind, Vocabulary
from frivillig.crm.models import Organisation, Tag
from frivillig.volunteering.enums import ApplicationStatus, Commitment, OpportunityStatus
from frivillig.volunteering.models import Application, ApplicationEvent, Opportunity
from frivillig.volunteering.search import refresh_search_fields

# (title, summary, tasks, commitment, activity area, target group, skill, inclusion, evenings, weekends, needed)
TEMPLATES = [
    ("Besøgsven for en ældre borger", "Drik kaffe, gå en tur og snak med en ældre, der sidder meget alene.",
     "Et besøg om ugen på et par timer. Vi matcher jer efter interesser.", Commitment.REGULAR,
     "besoegsvenner", "aeldre", "samtale", "seniorer", False, False, 4),
    ("Lektiehjælper i lektiecaféen", "Hjælp skolebørn med dansk, matematik og engelsk en eftermiddag om ugen.",
     "Du sidder sammen med børnene og hjælper dem i gang med lektierne.", Commitment.REGULAR,
     "lektiehjaelp", "boern-og-unge", "undervisning", "lidt-dansk", False, False, 3),
    ("Kok til fællesspisning", "Lav mad sammen med andre frivillige til vores fællesspisning hver torsdag.",
     "Indkøb, madlavning og opvask i et hyggeligt køkkenhold.", Commitment.REGULAR,
     "fritid-og-faellesskab", "ensomhed", "madlavning", "tag-en-ven", True, False, 2),
    ("Hjælper til sommerfesten", "Giv en hånd med opstilling, boder og oprydning til årets sommerfest.",
     "Opstilling fredag aften og hjælp i boderne lørdag.", Commitment.ONE_OFF,
     "kultur", "alle", "haandvaerk", "unge-15-17", True, True, 8),
    ("Træner for et motionshold", "Stå for opvarmning og øvelser på vores hold for voksne med handicap.",
     "En time om ugen i hallen. Vi hjælper med kursus og materialer.", Commitment.REGULAR,
     "idraet", "handicap", "traening", "handicap", True, False, 2),
    ("Frivillig til vores IT-café", "Hjælp ældre borgere med telefon, tablet og MitID.",
     "Tålmodighed og lyst til at forklare betyder mere end ekspertviden.", Commitment.SHORT_PERIOD,
     "sundhed-og-forebyggelse", "aeldre", "it", "seniorer", False, False, 3),
    ("Kasserer til bestyrelsen", "Vi søger en kasserer, der kan holde styr på foreningens regnskab.",
     "Bogføring, budget og årsregnskab i samarbejde med bestyrelsen.", Commitment.REGULAR,
     "socialt-arbejde", "alle", "administration", "mentor", True, False, 1),
    ("Samtalepartner for nye danskere", "Mød en ny dansker og øv dansk over en kop kaffe.",
     "Et møde hver anden uge, hvor I taler om hverdagen.", Commitment.SHORT_PERIOD,
     "integration", "flygtninge-og-indvandrere", "sprog", "lidt-dansk", True, True, 5),
]  # fmt: skip

VOLUNTEER_NAMES = ["Amalie Holm", "Jonas Bach", "Fatima Ali", "Peter Skov", "Ida Lund", "Ewa Berg", "Mads Dahl"]


def load_volunteering_demo(*, tenant) -> int:
    """Give about half the tenant's public associations one or two opportunities; returns how many were added."""
    now = timezone.now()
    today = timezone.localdate()
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
        choices = random.Random(f"{tenant.slug}-{organisation.name}")  # noqa: S311 - demo data, not security
        for template in choices.sample(TEMPLATES, k=1 + index % 3 // 2):
            title, summary, tasks, commitment, area, group, skill, inclusion, evenings, weekends, needed = template
            if Opportunity.objects.filter(organisation=organisation, title=title).exists():
                continue
            rng = random.Random(f"{tenant.slug}-{organisation.name}-{title}")  # noqa: S311
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
