"""The CRM part of `manage.py demo`: believable, valid, the same every time, and loaded only once."""

import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.validators import is_valid_cvr
from frivillig.crm.demo import ASSOCIATION_COUNT, build_plan, valid_cvr
from frivillig.crm.enums import OrganisationKind, OrganisationRoleKind, Vocabulary
from frivillig.crm.models import CollaborationRelation, Interaction, Organisation, OrganisationRole, Person, Tag
from frivillig.crm.vocabularies import DEFAULT_TAGS
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Membership, Tenant
from frivillig.tenants.selectors import represented_organisation_ids

DEMO_PASSWORD = "frivillig-demo"
POSTCODES = {"soroe": {"4180", "4190", "4173", "4295", "4296"}, "roedovre": {"2610"}}
FAKE_PHONE = re.compile(r"\+45 [2-9]\d 00 \d\d \d\d")


@pytest.fixture
def demo(db):
    call_command("demo", force=True)


def crm_counts() -> dict[str, int]:
    with scopes_disabled():
        models = [Tag, Organisation, Person, OrganisationRole, Interaction, CollaborationRelation, Membership]
        counts = {model.__name__: model.objects.count() for model in models}
        for relation in [
            Organisation.target_groups,
            Organisation.activity_areas,
            Interaction.organisations,
            Interaction.people,
            Interaction.topics,
        ]:
            counts[relation.through.__name__] = relation.through.objects.count()
    return counts


def in_tenant(model, slug: str, **filters):
    return model.objects.filter(tenant__slug=slug, **filters)


def test_demo_twice_gives_identical_crm_counts(demo):
    first = crm_counts()
    call_command("demo", force=True)

    assert crm_counts() == first
    assert all(count > 0 for count in first.values()), first


def test_demo_loaded_again_on_a_later_day_adds_nothing(demo, monkeypatch):
    first = crm_counts()
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2031, 5, 5))
    call_command("demo", force=True)

    assert crm_counts() == first


def test_demo_plan_is_the_same_every_time():
    def plan(slug):
        return build_plan(slug, representative_email="r@example.org", representative_name="R R", today=date(2024, 1, 1))

    assert plan("soroe") == plan("soroe")
    assert plan("soroe").organisations != plan("roedovre").organisations


def test_demo_has_about_forty_associations_per_tenant_and_the_other_kinds(demo):
    with scopes_disabled():
        for slug in ["soroe", "roedovre"]:
            kinds = list(in_tenant(Organisation, slug).values_list("kind", flat=True))
            assert kinds.count(OrganisationKind.ASSOCIATION) == ASSOCIATION_COUNT == 40
            for kind in [
                OrganisationKind.BUSINESS,
                OrganisationKind.SOCIAL_ENTERPRISE,
                OrganisationKind.MUNICIPAL_UNIT,
            ]:
                assert 1 <= kinds.count(kind) <= 5, (slug, kind)
            associations = in_tenant(Organisation, slug, kind=OrganisationKind.ASSOCIATION)
            members = associations.filter(member_since__isnull=False).count()
            assert 20 <= members <= 34, members
            assert associations.filter(is_public=True).count() >= 30
        assert Organisation.objects.filter(tenant__slug="soroe", name="Sorø Kommune, Socialafdelingen").exists()
        assert Organisation.objects.filter(tenant__slug="roedovre", name="Jobcenter Rødovre").exists()


def test_demo_spreads_associations_over_target_groups_and_activity_areas(demo):
    with scopes_disabled():
        for slug in ["soroe", "roedovre"]:
            associations = in_tenant(Organisation, slug, kind=OrganisationKind.ASSOCIATION)
            used_groups = set(associations.values_list("target_groups__slug", flat=True)) - {None}
            used_areas = set(associations.values_list("activity_areas__slug", flat=True)) - {None}
            assert len(used_groups) >= 12
            assert len(used_areas) >= 10
            assert not associations.filter(target_groups=None).exists()


def test_demo_data_is_valid_and_made_up(demo):
    with scopes_disabled():
        for slug in ["soroe", "roedovre"]:
            organisations = list(in_tenant(Organisation, slug))
            for organisation in organisations:
                organisation.full_clean()
                assert organisation.postcode in POSTCODES[slug], organisation
                assert organisation.email.endswith("@example.org")
                assert not organisation.phone or FAKE_PHONE.fullmatch(organisation.phone), organisation.phone
            cvrs = [o.cvr for o in organisations if o.cvr]
            assert len(cvrs) >= 10
            assert len(set(cvrs)) == len(cvrs)
            assert all(is_valid_cvr(cvr) for cvr in cvrs)
            people = list(in_tenant(Person, slug))
            for person in people:
                person.full_clean()
                assert person.email.endswith("@example.org")
                assert not person.phone or FAKE_PHONE.fullmatch(person.phone), person.phone
            assert len({person.email for person in people}) == len(people)
            assert sum(person.has_consent for person in people) >= 0.7 * len(people)


def test_demo_consents_are_in_the_ledger_with_the_text_shown(demo):
    from frivillig.core.consent import consent_current

    with scopes_disabled():
        for slug in ["soroe", "roedovre"]:
            for person in in_tenant(Person, slug):
                current = consent_current("crm.contact", person)
                if person.has_consent:
                    assert current is not None, person
                    assert current.given_at == person.consent_given_at
                    assert current.method == person.consent_method
                    assert "kontakt" in current.text.lower()
                else:
                    assert current is None, person


def test_demo_cvr_numbers_pass_the_modulus_11_check():
    import random

    rng = random.Random(1)
    assert all(is_valid_cvr(valid_cvr(rng)) for _ in range(500))


def test_demo_has_contact_people_with_roles_and_municipal_employees(demo):
    with scopes_disabled():
        for slug in ["soroe", "roedovre"]:
            associations = in_tenant(Organisation, slug, kind=OrganisationKind.ASSOCIATION)
            chaired = associations.filter(roles__role=OrganisationRoleKind.CHAIR, roles__ended_on=None).distinct()
            assert chaired.count() == ASSOCIATION_COUNT
            roles = set(in_tenant(OrganisationRole, slug).values_list("role", flat=True))
            assert {OrganisationRoleKind.TREASURER, OrganisationRoleKind.CONTACT_PERSON} <= roles
            employees = in_tenant(Person, slug, roles__organisation__kind=OrganisationKind.MUNICIPAL_UNIT)
            assert 4 <= employees.count() <= 10
            assert not employees.filter(Q(department="") | Q(job_title="")).exists()


def test_demo_interactions_spread_over_2016_to_2018_with_theme_topics(demo):
    with scopes_disabled():
        for slug in ["soroe", "roedovre"]:
            interactions = in_tenant(Interaction, slug)
            for year in [2016, 2017, 2018]:
                assert interactions.filter(happened_on__year=year).count() >= 10, (slug, year)
            assert set(interactions.values_list("topics__vocabulary", flat=True)) == {Vocabulary.THEME}
            assert not interactions.filter(organisations=None).exists()
            assert not interactions.filter(staff=None).exists()


def test_demo_staff_has_open_follow_ups_some_overdue(demo):
    today = timezone.localdate()
    with scopes_disabled():
        open_ones = in_tenant(
            Interaction,
            "soroe",
            staff__email="staff.soroe@example.org",
            follow_up_on__isnull=False,
            follow_up_done_at=None,
        )
        assert open_ones.count() >= 3
        assert open_ones.filter(follow_up_on__lt=today).count() >= 2
        assert open_ones.filter(follow_up_on__gte=today).count() >= 1


def test_demo_soroe_has_new_relations_with_municipal_employees_in_2017(demo):
    with scopes_disabled():
        relations = in_tenant(
            CollaborationRelation,
            "soroe",
            started_on__year=2017,
            person__roles__organisation__kind=OrganisationKind.MUNICIPAL_UNIT,
        ).distinct()
        assert relations.count() >= 2
        all_relations = in_tenant(CollaborationRelation, "soroe")
        assert {relation.started_on.year for relation in all_relations} == {2016, 2017, 2018}
        assert all_relations.filter(organisation__isnull=False).exists()


def test_demo_seeds_the_vocabularies(demo):
    expected = sum(len(words) for words in DEFAULT_TAGS.values())
    with scopes_disabled():
        for slug in ["soroe", "roedovre"]:
            assert in_tenant(Tag, slug).count() == expected


@pytest.mark.parametrize(
    ("slug", "association"), [("soroe", "Sorø Besøgsvenner"), ("roedovre", "Rødovre Besøgsvenner")]
)
def test_demo_association_representative_logs_in_and_represents_an_association(demo, client, slug, association):
    email = f"forening.{slug}@example.org"

    response = client.post(reverse("accounts:login"), {"email": email, "password": DEMO_PASSWORD})

    assert response.status_code == 302
    home = client.get(reverse("tenants:home", kwargs={"tenant_slug": slug}))
    assert Role.ASSOCIATION_REP in home.context["tenant_roles"]
    user = home.context["user"]
    with scopes_disabled():
        organisation = Organisation.objects.get(tenant__slug=slug, name=association)
        assert represented_organisation_ids(user, organisation.tenant) == {organisation.pk}
        person = Person.objects.get(tenant__slug=slug, email=email)
        assert person.user_id == user.pk
        assert person.roles.filter(organisation=organisation, role=OrganisationRoleKind.CHAIR).exists()
        assert organisation.is_public and organisation.is_member


def test_demo_lists_the_representatives_among_the_logins(db, capsys):
    call_command("demo", force=True)

    out = capsys.readouterr().out
    assert "forening.soroe@example.org" in out and "Sorø Besøgsvenner" in out
    assert "forening.roedovre@example.org" in out


def test_demo_several_associations_per_tenant_have_representatives_and_most_have_none(db):
    from frivillig.crm.models import Representative
    from frivillig.crm.selectors import organisations_without_representative

    call_command("demo", force=True)
    with scopes_disabled():
        for tenant in Tenant.objects.all():
            represented = set(Representative.objects.filter(tenant=tenant).values_list("organisation", flat=True))
            assert len(represented) == 4
            assert organisations_without_representative(tenant).count() > len(represented)
