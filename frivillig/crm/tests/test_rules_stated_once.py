"""The rules "overdue" and "publicly listed" are each stated once beside the model, as a query condition and as
a property; the two forms agree, and the pages ask the object instead of restating the rule."""

from datetime import UTC, date, datetime

from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.crm.enums import OrganisationKind
from frivillig.crm.models import Interaction, Organisation
from frivillig.crm.selectors.common import national_association_count, public_associations
from frivillig.crm.tests.test_dashboard import make_interaction


def test_overdue_as_a_condition_and_as_a_property_agree(personas, monkeypatch):
    # 23:30 UTC on 10 March is 00:30 on 11 March in Copenhagen: a follow-up due on 10 March is overdue there.
    monkeypatch.setattr(timezone, "now", lambda: datetime(2024, 3, 10, 23, 30, tzinfo=UTC))
    today = timezone.localdate()
    cases = {
        "due yesterday": {"follow_up_on": date(2024, 3, 10)},
        "due today": {"follow_up_on": date(2024, 3, 11)},
        "done": {"follow_up_on": date(2024, 3, 1), "follow_up_done_at": timezone.now()},
        "no follow-up": {},
    }
    for summary, fields in cases.items():
        make_interaction(personas.tenant, summary=summary, **fields)

    with scopes_disabled():
        interactions = Interaction.objects.filter(tenant=personas.tenant)
        by_property = {i.summary for i in interactions if i.is_follow_up_overdue}
        by_condition = set(
            interactions.filter(Interaction.follow_up_overdue_condition(today)).values_list("summary", flat=True)
        )
    assert by_property == by_condition == {"due yesterday"}


def test_publicly_listed_as_a_condition_and_as_a_property_agree(personas):
    tenant = personas.tenant
    with scopes_disabled():
        Organisation.objects.filter(tenant=tenant).delete()
        made = {
            "listed": Organisation(name="Listed", kind=OrganisationKind.ASSOCIATION, is_public=True),
            "not public": Organisation(name="Not public", kind=OrganisationKind.ASSOCIATION, is_public=False),
            "a business": Organisation(name="A business", kind=OrganisationKind.BUSINESS, is_public=True),
            "archived": Organisation(
                name="Archived", kind=OrganisationKind.ASSOCIATION, is_public=True, archived_at=timezone.now()
            ),
        }
        for organisation in made.values():
            organisation.tenant = tenant
            organisation.save()
        listed_by_selector = {organisation.name for organisation in public_associations(tenant)}
        counted = national_association_count()

    assert {name for name, organisation in made.items() if organisation.is_publicly_listed} == {"listed"}
    assert listed_by_selector == {"Listed"}
    # Alfa's one listed association, and the Charlie persona's association (public).
    assert counted == 2
