"""No volunteer is lost: the association contact's personal link to one application (for associations with no
representative with a login), its expiry and renewal, and the centre's list of applications nobody has answered."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from frivillig.tenants.enums import Role
from frivillig.testing import UserFactory, grant, make_opportunity, make_organisation, make_person
from frivillig.volunteering.enums import ApplicationStatus
from frivillig.volunteering.models import Application
from frivillig.volunteering.selectors.applications import stale_applications_without_representative


@pytest.fixture
def contact(personas):
    return make_person(personas.tenant, full_name="Lise Lektie", email="lise@lektiecafe.example.org")


@pytest.fixture
def opportunity(personas, contact):
    """An opportunity of Alfa Lektiecafé: an association nobody represents with a login."""
    return make_opportunity(personas.other_organisation, title="Lektiehjælper om onsdagen", contact_person=contact)


def make_application(opportunity, *, confirmed_days_ago: float = 0, **fields) -> Application:
    fields.setdefault("full_name", "Gitte Gæst")
    fields.setdefault("email", "gitte@example.org")
    fields.setdefault("phone", "+45 12 34 56 78")
    fields.setdefault("message", "Jeg har tid om onsdagen efter kl. 15.")
    with scopes_disabled():
        return Application.objects.create(
            tenant=opportunity.tenant,
            opportunity=opportunity,
            email_confirmed_at=timezone.now() - timedelta(days=confirmed_days_ago),
            **fields,
        )


def stale(tenant, **options) -> list[str]:
    with scope(tenant=tenant):
        return [application.full_name for application in stale_applications_without_representative(tenant, **options)]


# --- the centre's read: applications nobody has answered ---------------------------------------------------


def test_stale_applications_are_those_of_unrepresented_associations_waiting_seven_days(personas, opportunity):
    make_application(opportunity, full_name="Venter otte dage", email="a@example.org", confirmed_days_ago=8)
    make_application(opportunity, full_name="Venter seks dage", email="b@example.org", confirmed_days_ago=6)
    make_application(
        opportunity,
        full_name="Allerede kontaktet",
        email="c@example.org",
        confirmed_days_ago=9,
        status=ApplicationStatus.CONTACTED,
    )
    make_application(make_opportunity(personas.organisation), full_name="Har en repræsentant", confirmed_days_ago=9)
    make_application(make_opportunity(personas.foreign_organisation), full_name="I Charlie", confirmed_days_ago=9)
    with scopes_disabled():
        unconfirmed = make_application(opportunity, full_name="Ikke bekræftet", email="d@example.org")
        Application.objects.filter(pk=unconfirmed.pk).update(email_confirmed_at=None)

    assert stale(personas.tenant) == ["Venter otte dage"]
    assert stale(personas.tenant, days=5) == ["Venter otte dage", "Venter seks dage"]


def test_stale_applications_count_from_the_last_move_back_to_new(personas, opportunity):
    application = make_application(opportunity, confirmed_days_ago=20)
    with scopes_disabled():
        Application.objects.filter(pk=application.pk).update(status_changed_at=timezone.now() - timedelta(days=2))

    assert stale(personas.tenant) == []


def test_an_association_whose_representative_cannot_log_in_counts_as_unrepresented(personas, opportunity):
    make_application(opportunity, confirmed_days_ago=8)
    former = UserFactory(is_active=False)
    grant(former, personas.tenant, Role.ASSOCIATION_REP, organisation=personas.other_organisation)
    assert stale(personas.tenant) == ["Gitte Gæst"]

    grant(UserFactory(), personas.tenant, Role.ASSOCIATION_REP, organisation=personas.other_organisation)
    assert stale(personas.tenant) == []


def test_stale_applications_are_grouped_per_association_longest_waiting_first(personas, opportunity):
    theatre = make_organisation(personas.tenant, name="Alfa Amatørteater")
    other_association = make_opportunity(theatre, title="Kulissebygger")
    make_application(opportunity, full_name="Lektie to", email="a@example.org", confirmed_days_ago=8)
    make_application(opportunity, full_name="Lektie et", email="b@example.org", confirmed_days_ago=12)
    make_application(other_association, full_name="Teater", email="c@example.org", confirmed_days_ago=7)

    assert stale(personas.tenant) == ["Teater", "Lektie et", "Lektie to"]
