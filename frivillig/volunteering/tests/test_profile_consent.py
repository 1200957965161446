"""Being suggested to associations is a consent: ticking and unticking it in the profile writes the ledger, and
unticking (or withdrawing on 'Your data') takes the volunteer out of the suggestions at once."""

import importlib

from django.apps import apps
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from frivillig.core.consent import consent_withdraw, consents_of_user
from frivillig.core.enums import ConsentMethod
from frivillig.core.models import Consent
from frivillig.testing import UserFactory, make_opportunity
from frivillig.volunteering.models import VolunteerProfile
from frivillig.volunteering.privacy import SUGGESTIONS_CONSENT
from frivillig.volunteering.selectors.matching import suggested_volunteers
from frivillig.volunteering.tests.test_profile import URL, VALID

UNTICKED = {**VALID, "open_to_suggestions": ""}


def rows(user) -> list[Consent]:
    with scopes_disabled():
        return list(Consent.objects.filter(user=user).order_by("pk"))


def suggested_names(opportunity) -> list[str]:
    with scope(tenant=opportunity.tenant):
        return [volunteer.first_name for volunteer in suggested_volunteers(opportunity)]


def login(client, user, language: str) -> None:
    client.force_login(user)
    client.cookies["frivillig_language"] = language


def test_ticking_writes_a_consent_with_the_checkbox_text_in_the_language_shown(client, db):
    user = UserFactory(full_name="Vera Frivillig")
    login(client, user, "en")

    client.post(URL, VALID)
    client.post(URL, VALID)  # saved again, still ticked: no new consent

    [row] = rows(user)
    assert (row.purpose, row.tenant, row.method, row.recorded_by) == (
        "volunteering.suggestions",
        None,
        ConsentMethod.WEB_FORM,
        user,
    )
    assert (row.language, row.text) == ("en", SUGGESTIONS_CONSENT.text_en)
    assert row.text.startswith("Associations may see me as a suggested volunteer")


def test_unticking_withdraws_at_once_and_the_volunteer_leaves_the_suggestions(client, personas):
    opportunity = make_opportunity(personas.organisation, title="Besøgsven", postcode="4180")
    user = UserFactory(full_name="Vera Frivillig")
    login(client, user, "da")
    client.post(URL, VALID)
    assert suggested_names(opportunity) == ["Vera"]

    client.post(URL, UNTICKED)

    [row] = rows(user)
    assert row.language == "da" and row.text == SUGGESTIONS_CONSENT.text_da
    assert row.withdrawal_method == ConsentMethod.WEB_FORM and row.withdrawal_recorded_by == user
    assert timezone.now() - row.withdrawn_at < timezone.timedelta(minutes=1)
    assert VolunteerProfile.objects.get(user=user).open_to_suggestions is False
    assert suggested_names(opportunity) == []

    client.post(URL, VALID)  # ticked again: a new consent, the old one stays in the history
    assert [row.withdrawn_at is None for row in rows(user)] == [False, True]
    assert suggested_names(opportunity) == ["Vera"]


def test_withdrawing_from_the_ledger_unticks_the_profile(client, personas):
    opportunity = make_opportunity(personas.organisation, title="Besøgsven", postcode="4180")
    user = UserFactory(full_name="Vera Frivillig")
    login(client, user, "da")
    client.post(URL, VALID)
    [consent] = list(consents_of_user(user))

    consent_withdraw(consent=consent, method=ConsentMethod.WEB_FORM, actor=user)

    assert VolunteerProfile.objects.get(user=user).open_to_suggestions is False
    assert suggested_names(opportunity) == []
    form = client.get(URL).context["form"]
    assert form["open_to_suggestions"].value() is False


def test_data_migration_gives_each_open_profile_one_consent(db):
    migration = importlib.import_module("frivillig.volunteering.migrations.0006_consent_ledger")
    open_user, closed_user = UserFactory(), UserFactory()
    profile = VolunteerProfile.objects.create(user=open_user, open_to_suggestions=True)
    VolunteerProfile.objects.create(user=closed_user, open_to_suggestions=False)

    with scopes_disabled():
        migration.backfill_consent_ledger(apps, None)
        migration.backfill_consent_ledger(apps, None)  # a second run adds nothing

    [row] = rows(open_user)
    assert (row.purpose, row.subject_id, row.tenant, row.method) == (
        "volunteering.suggestions",
        str(open_user.pk),
        None,
        ConsentMethod.WEB_FORM,
    )
    assert row.given_at == profile.updated_at
    assert "før samtykker blev gemt" in row.text
    assert rows(closed_user) == []
