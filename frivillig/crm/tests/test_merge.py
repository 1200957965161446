"""Merging duplicate organisations and people: everything moves, nothing is lost twice, all is logged."""

from datetime import date

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english
from frivillig.crm.enums import ConsentMethod, InteractionKind, OrganisationRoleKind, Vocabulary
from frivillig.crm.models import (
    CollaborationRelation,
    Interaction,
    Organisation,
    OrganisationRole,
    Person,
    Representative,
    RepresentativeInvitation,
    Tag,
)
from frivillig.crm.services.merge import MergeError, merge_relations, organisation_merge, person_merge
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Invitation, Membership
from frivillig.testing import UserFactory, assert_rows_rendered, grant, make_organisation, make_person

ORGANISATION_MERGE = reverse("crm:organisation_merge", kwargs={"tenant_slug": "alfa"})
PERSON_MERGE = reverse("crm:person_merge", kwargs={"tenant_slug": "alfa"})


def interaction(tenant, *, organisations=(), people=()) -> Interaction:
    with scopes_disabled():
        item = Interaction.objects.create(
            tenant=tenant, kind=InteractionKind.MEETING, happened_on=date(2017, 5, 1), summary="Møde"
        )
        item.organisations.set(organisations)
        item.people.set(people)
    return item


def relation(tenant, **party) -> CollaborationRelation:
    with scopes_disabled():
        return CollaborationRelation.objects.create(
            tenant=tenant, topic="Samarbejde", started_on=date(2017, 1, 1), **party
        )


def role(organisation, person, kind=OrganisationRoleKind.CONTACT_PERSON, **dates) -> OrganisationRole:
    with scopes_disabled():
        return OrganisationRole.objects.create(
            tenant=organisation.tenant, organisation=organisation, person=person, role=kind, **dates
        )


def tag(tenant, vocabulary, slug) -> Tag:
    with scopes_disabled():
        return Tag.objects.get(tenant=tenant, vocabulary=vocabulary, slug=slug)


@pytest.fixture
def duplicates(personas):
    """Two records of the same association, each with its own people, history and representatives."""
    tenant = personas.tenant
    keep = personas.organisation  # "Alfa Besøgsvenner", CVR 12345674, represented by the association_rep persona
    remove = make_organisation(
        tenant,
        name="Besøgsvennerne i Alfa",
        email="",
        phone="+45 11 22 33 44",
        purpose="Besøg hos ældre",
        internal_notes="Kontakt via Åse.",
        address="Torvet 2",
        postcode="4180",
        town="Sorø",
    )
    with scopes_disabled():
        Organisation.objects.filter(pk=keep.pk).update(email="", purpose="", address="", postcode="", town="")
        keep.refresh_from_db()
        keep.target_groups.add(tag(tenant, Vocabulary.TARGET_GROUP, "aeldre"))
        remove.target_groups.add(
            tag(tenant, Vocabulary.TARGET_GROUP, "aeldre"), tag(tenant, Vocabulary.TARGET_GROUP, "ensomhed")
        )
        remove.activity_areas.add(tag(tenant, Vocabulary.ACTIVITY_AREA, "besoegsvenner"))
    anna, bo, carl = (make_person(tenant, full_name=name) for name in ("Anna", "Bo", "Carl"))
    role(keep, anna)
    role(remove, bo, OrganisationRoleKind.CHAIR)
    role(remove, carl)
    role(remove, anna)  # the same role twice: one row stays
    shared = interaction(tenant, organisations=[keep, remove])
    interaction(tenant, organisations=[keep])
    interaction(tenant, organisations=[remove], people=[bo])
    relation(tenant, organisation=remove)
    relation(tenant, organisation=keep)
    second_rep = UserFactory(email="rep2@alfa.example.org")
    grant(second_rep, tenant, Role.ASSOCIATION_REP, organisation=remove)
    # The existing representative of the kept organisation represents the removed one too.
    grant(personas.user("association_rep"), tenant, Role.ASSOCIATION_REP, organisation=remove)
    with scopes_disabled():
        invitation = Invitation.objects.create(tenant=tenant, email="ny@example.org", role=Role.ASSOCIATION_REP)
        RepresentativeInvitation.objects.create(tenant=tenant, invitation=invitation, organisation=remove)
    return keep, remove, shared


def related_counts(organisation) -> dict[str, int]:
    with scopes_disabled():
        return {
            "roles": OrganisationRole.objects.filter(organisation=organisation).count(),
            "interactions": Interaction.objects.filter(organisations=organisation).count(),
            "relations": CollaborationRelation.objects.filter(organisation=organisation).count(),
            "representatives": Representative.objects.filter(organisation=organisation).count(),
            "invitations": RepresentativeInvitation.objects.filter(organisation=organisation).count(),
            "target_groups": organisation.target_groups.count(),
            "activity_areas": organisation.activity_areas.count(),
        }


def test_organisation_merge_keeps_every_related_row(duplicates, personas):
    keep, remove, shared = duplicates
    before = {"keep": related_counts(keep), "remove": related_counts(remove)}
    assert before == {
        "keep": {
            "roles": 1,
            "interactions": 2,
            "relations": 1,
            "representatives": 1,
            "invitations": 0,
            "target_groups": 1,
            "activity_areas": 0,
        },
        "remove": {
            "roles": 3,
            "interactions": 2,
            "relations": 1,
            "representatives": 2,
            "invitations": 1,
            "target_groups": 2,
            "activity_areas": 1,
        },
    }

    with scope(tenant=personas.tenant):
        organisation_merge(keep=keep, remove=remove, actor=personas.user("centre_staff"))

    # Shared rows (the same interaction, tag, representative or role on both) are kept once.
    assert related_counts(keep) == {
        "roles": 3,
        "interactions": 3,
        "relations": 2,
        "representatives": 2,
        "invitations": 1,
        "target_groups": 2,
        "activity_areas": 1,
    }
    with scopes_disabled():
        assert not Organisation.objects.filter(pk=remove.pk).exists()
        assert list(shared.organisations.all()) == [keep]
        assert Interaction.objects.filter(tenant=personas.tenant).count() == 3
        assert Membership.objects.filter(user=personas.user("association_rep")).count() == 1
        entry = AuditEntry.objects.get(code="crm.organisation.merged")
    assert (entry.tenant, entry.actor, entry.target_id) == (
        personas.tenant,
        personas.user("centre_staff"),
        str(keep.pk),
    )
    assert entry.data["kept"] == {"id": keep.pk, "name": "Alfa Besøgsvenner"}
    assert entry.data["removed"] == {"id": remove.pk, "name": "Besøgsvennerne i Alfa", "cvr": ""}
    assert entry.data["moved"]["duplicate_roles_removed"] == 1


def test_organisation_merge_fills_empty_fields_and_keeps_both_notes(duplicates, personas):
    keep, remove, _shared = duplicates
    with scopes_disabled():
        Organisation.objects.filter(pk=keep.pk).update(internal_notes="Ringer om tirsdagen.", phone="+45 99 88 77 66")
        keep.refresh_from_db()

    with scope(tenant=personas.tenant):
        organisation_merge(keep=keep, remove=remove, actor=personas.user("centre_staff"))

    with scopes_disabled():
        keep.refresh_from_db()
    assert (keep.name, keep.cvr, keep.phone) == ("Alfa Besøgsvenner", "12345674", "+45 99 88 77 66")
    assert (keep.purpose, keep.address, keep.postcode, keep.town) == ("Besøg hos ældre", "Torvet 2", "4180", "Sorø")
    assert keep.internal_notes == "Ringer om tirsdagen.\n\nKontakt via Åse."


def test_organisation_merge_moves_the_cvr_only_when_the_kept_has_none(personas):
    with_cvr = personas.organisation
    without = personas.other_organisation

    with scope(tenant=personas.tenant):
        organisation_merge(keep=without, remove=with_cvr, actor=personas.user("centre_staff"))

    with scopes_disabled():
        without.refresh_from_db()
        entry = AuditEntry.objects.get(code="crm.organisation.merged")
    assert without.cvr == "12345674"
    assert entry.data["removed"]["cvr"] == "12345674"

    other = make_organisation(personas.tenant, name="Med andet CVR", cvr="29403473")
    with scope(tenant=personas.tenant):
        organisation_merge(keep=without, remove=other, actor=personas.user("centre_staff"))
    with scopes_disabled():
        without.refresh_from_db()
    assert without.cvr == "12345674"


def test_organisation_merge_with_itself_or_across_tenants_is_refused(personas):
    with scope(tenant=personas.tenant), pytest.raises(MergeError):
        organisation_merge(keep=personas.organisation, remove=personas.organisation, actor=None)
    with scope(tenant=personas.tenant), pytest.raises(MergeError):
        organisation_merge(keep=personas.organisation, remove=personas.foreign_organisation, actor=None)
    with scopes_disabled():
        assert Organisation.objects.filter(pk=personas.foreign_organisation.pk).exists()


def test_organisation_merge_of_an_archived_duplicate_keeps_the_kept_ones_state(personas):
    archived = make_organisation(personas.tenant, name="Gammel kopi", archived_at=timezone.now())

    with scope(tenant=personas.tenant):
        organisation_merge(keep=personas.other_organisation, remove=archived, actor=None)
        organisation_merge(
            keep=make_organisation(personas.tenant, archived_at=timezone.now()),
            remove=personas.other_organisation,
            actor=None,
        )

    with scopes_disabled():
        assert Organisation.objects.filter(tenant=personas.tenant, archived_at__isnull=False).count() == 1


def test_merge_moves_every_relation_to_organisations_and_people():
    # Read from the models independently of the merge: every row elsewhere that points at the model.
    def pointing_at(model) -> set[tuple[str, str]]:
        return {
            (relation.related_model._meta.label_lower, relation.field.name)
            for relation in model._meta.get_fields(include_hidden=True)
            if relation.auto_created and not relation.concrete and not relation.many_to_many
        }

    for model in (Organisation, Person):
        handled = merge_relations(model).values()
        assert {(r.related_model._meta.label_lower, r.field.name) for r in handled} == pointing_at(model)
    # Spelled out once, so that a reader sees what that means today (the higher apps' relations included).
    assert set(merge_relations(Organisation)) >= {
        "crm.organisationrole.organisation",
        "crm.interaction.organisations",
        "crm.organisation.target_groups",
        "crm.organisation.activity_areas",
        "crm.collaborationrelation.organisation",
        "crm.representative.organisation",
        "crm.representativeinvitation.organisation",
        "volunteering.opportunity.organisation",
    }
    assert set(merge_relations(Person)) >= {
        "crm.organisationrole.person",
        "crm.interaction.people",
        "crm.collaborationrelation.person",
        "volunteering.opportunity.contact_person",
    }


def test_merge_finds_a_relation_declared_later_without_being_told():
    from django.db import models
    from django.test.utils import isolate_apps

    with isolate_apps("frivillig.crm"):

        class Club(models.Model):  # noqa: DJ008
            tags = models.ManyToManyField("Badge")

            class Meta:
                app_label = "crm"

        class Badge(models.Model):  # noqa: DJ008
            class Meta:
                app_label = "crm"

        class Meeting(models.Model):  # noqa: DJ008
            club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="+")
            chair = models.OneToOneField(Club, null=True, on_delete=models.SET_NULL, related_name="chaired")
            guests = models.ManyToManyField(Club, related_name="visits")

            class Meta:
                app_label = "crm"

        assert set(merge_relations(Club)) == {
            "crm.meeting.club",
            "crm.meeting.chair",
            "crm.meeting.guests",
            "crm.club.tags",
        }


def test_merge_asks_the_apps_hooks_to_resolve_a_unique_clash(duplicates, personas, monkeypatch):
    """The association_rep persona represents both organisations: one membership per user, role and organisation."""
    keep, remove, _shared = duplicates
    rep = personas.user("association_rep")

    from frivillig.crm.services import merge

    monkeypatch.setattr(merge, "collect", lambda name, attribute: [])
    with scope(tenant=personas.tenant), pytest.raises(IntegrityError):
        organisation_merge(keep=keep, remove=remove, actor=None)
    with scopes_disabled():
        assert Membership.objects.filter(user=rep).count() == 2
        assert Organisation.objects.filter(pk=remove.pk).exists()
    monkeypatch.undo()

    with scope(tenant=personas.tenant):
        organisation_merge(keep=keep, remove=remove, actor=None)

    with scopes_disabled():
        assert list(Membership.objects.filter(user=rep).values_list("representative__organisation_id", flat=True)) == [
            keep.pk
        ]
        entry = AuditEntry.objects.get(code="crm.organisation.merged")
    assert entry.data["moved"]["duplicate_memberships_removed"] == 1
    assert entry.data["moved"]["crm.representative.organisation"] == 1  # the other representative's


def test_merge_service_names_no_app_above_crm():
    import ast
    from pathlib import Path

    from frivillig.crm.services import merge

    tree = ast.parse(Path(merge.__file__).read_text())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert {name for name in imported if name.startswith("frivillig.")} <= {
        "frivillig.accounts.models",  # the actor's type, read by the type checker only
        "frivillig.core.consent",  # the kernel's consent ledger, whose rows name their subject generically
        "frivillig.core.events",
        "frivillig.core.registry",
        "frivillig.core.services",
        "frivillig.crm.events",
        "frivillig.crm.models",
    }


def test_person_merge_keeps_every_related_row(personas):
    tenant = personas.tenant
    login = UserFactory(email="aase@example.org")
    keep = make_person(tenant, full_name="Åse Ærø", email="aase@example.org", phone="", notes="")
    remove = make_person(
        tenant,
        full_name="Aase Aeroe",
        email="aase.aeroe@example.org",
        phone="+45 12 34 56 78",
        job_title="Formand",
        notes="Foretrækker telefon.",
        user=login,
        consent_given_at=timezone.now(),
        consent_method=ConsentMethod.ORAL,
        consent_recorded_by=personas.user("centre_staff"),
    )
    role(personas.organisation, keep, started_on=date(2016, 1, 1))
    role(personas.organisation, remove, started_on=date(2016, 1, 1))  # the same role: kept once
    role(personas.other_organisation, remove, OrganisationRoleKind.TREASURER)
    shared = interaction(tenant, people=[keep, remove])
    interaction(tenant, people=[remove], organisations=[personas.organisation])
    relation(tenant, person=remove)

    with scope(tenant=tenant):
        person_merge(keep=keep, remove=remove, actor=personas.user("centre_staff"))

    with scopes_disabled():
        keep.refresh_from_db()
        assert not Person.objects.filter(pk=remove.pk).exists()
        assert OrganisationRole.objects.filter(person=keep).count() == 2
        assert Interaction.objects.filter(people=keep).count() == 2
        assert list(shared.people.all()) == [keep]
        assert CollaborationRelation.objects.filter(person=keep).count() == 1
        entry = AuditEntry.objects.get(code="crm.person.merged")
    assert (keep.email, keep.phone, keep.job_title, keep.user) == (
        "aase@example.org",
        "+45 12 34 56 78",
        "Formand",
        login,
    )
    assert (keep.consent_method, keep.consent_recorded_by) == (ConsentMethod.ORAL, personas.user("centre_staff"))
    assert keep.notes == "Foretrækker telefon."
    assert entry.data["kept"] == {"id": keep.pk, "name": "Åse Ærø"}
    assert entry.data["removed"] == {
        "id": remove.pk,
        "name": "Aase Aeroe",
        "email": "aase.aeroe@example.org",
        "user": login.pk,
    }


# --- the pages ---------------------------------------------------------------------------------------------


@pytest.fixture
def staff(client_for):
    return english(client_for("centre_staff"))


def test_organisation_merge_page_compares_and_merges(staff, duplicates, personas):
    keep, remove, _shared = duplicates

    page = staff.get(ORGANISATION_MERGE, {"a": remove.pk, "b": keep.pk})

    content = page.content.decode()
    assert page.status_code == 200
    assert "Besøgsvennerne i Alfa" in content and "Alfa Besøgsvenner" in content
    assert "12345674" in content
    response = staff.post(ORGANISATION_MERGE, {"a": remove.pk, "b": keep.pk, "keep": keep.pk}, follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "crm:organisation_detail", kwargs={"tenant_slug": "alfa", "pk": keep.pk}
    )
    assert "Besøgsvennerne i Alfa has been merged into Alfa Besøgsvenner." in response.content.decode()
    with scopes_disabled():
        assert not Organisation.objects.filter(pk=remove.pk).exists()


def test_person_merge_page_compares_and_merges(staff, personas):
    first = make_person(personas.tenant, full_name="Jens Jensen", email="jens@example.org")
    second = make_person(personas.tenant, full_name="Jens Jensen", email="", phone="+45 12 34 56 78")

    assert "jens@example.org" in staff.get(PERSON_MERGE, {"a": first.pk, "b": second.pk}).content.decode()
    response = staff.post(PERSON_MERGE, {"a": first.pk, "b": second.pk, "keep": second.pk})

    assert response.status_code == 302
    with scopes_disabled():
        second.refresh_from_db()
        assert not Person.objects.filter(pk=first.pk).exists()
    assert (second.email, second.phone) == ("jens@example.org", "+45 12 34 56 78")


def test_merge_page_preselects_one_record(staff, personas):
    response = staff.get(ORGANISATION_MERGE, {"a": personas.other_organisation.pk})

    assert response.status_code == 200
    assert f'<option value="{personas.other_organisation.pk}" selected>' in response.content.decode()
    assert response.context["confirm"] is None


def test_merge_page_with_the_same_record_twice_says_so(staff, personas):
    pk = personas.organisation.pk

    for response in (
        staff.get(ORGANISATION_MERGE, {"a": pk, "b": pk}),
        staff.post(ORGANISATION_MERGE, {"a": pk, "b": pk, "keep": pk}),
    ):
        assert response.status_code == 200
        assert "An organisation cannot be merged with itself." in response.content.decode()
    with scopes_disabled():
        assert Organisation.objects.filter(pk=pk).exists()


def test_merge_page_without_a_choice_of_which_to_keep_merges_nothing(staff, personas):
    a, b = personas.organisation.pk, personas.other_organisation.pk

    response = staff.post(ORGANISATION_MERGE, {"a": a, "b": b, "keep": ""})
    assert response.status_code == 200
    assert response.context["confirm"].errors["keep"]
    response = staff.post(ORGANISATION_MERGE, {"a": a, "b": b, "keep": personas.foreign_organisation.pk})
    assert response.status_code == 200
    with scopes_disabled():
        assert Organisation.objects.filter(pk__in=[a, b]).count() == 2


@pytest.mark.parametrize("method", ["get", "post"])
def test_merge_across_tenants_is_404(staff, personas, method):
    foreign = personas.foreign_organisation.pk
    with scopes_disabled():
        foreign_person = make_person(personas.other_tenant).pk
    alfa_person = make_person(personas.tenant).pk

    requests = [
        (ORGANISATION_MERGE, {"a": personas.organisation.pk, "b": foreign, "keep": personas.organisation.pk}),
        (ORGANISATION_MERGE, {"a": foreign, "b": personas.organisation.pk}),
        (ORGANISATION_MERGE, {"a": "not-a-number", "b": personas.organisation.pk}),
        (PERSON_MERGE, {"a": alfa_person, "b": foreign_person, "keep": alfa_person}),
    ]
    for url, data in requests:
        assert getattr(staff, method)(url, data).status_code == 404, data
    with scopes_disabled():
        assert Organisation.objects.filter(pk=foreign).exists()
        assert Person.objects.filter(pk=foreign_person).exists()


def test_merge_pages_are_for_centre_staff_only(client_for, personas):
    data = {"a": personas.organisation.pk, "b": personas.other_organisation.pk, "keep": personas.organisation.pk}
    for persona in ("association_rep", "municipal_staff", "tenant_admin"):
        assert client_for(persona).post(ORGANISATION_MERGE, data).status_code == 403
    with scopes_disabled():
        assert Organisation.objects.filter(pk__in=[data["a"], data["b"]]).count() == 2


@pytest.mark.parametrize("extra", [1, 3])
def test_organisation_merge_picker_query_count(staff, personas, extra, django_assert_num_queries):
    for number in range(extra):
        make_organisation(personas.tenant, name=f"Ekstra {number}")

    # tenant, session, user, memberships, and the organisations for both lists
    with django_assert_num_queries(5):
        response = staff.get(ORGANISATION_MERGE)
    assert response.status_code == 200
    assert_rows_rendered(response, [f"Ekstra {number}" for number in range(extra)])


@pytest.mark.parametrize("extra", [1, 3])
def test_person_merge_picker_query_count(staff, personas, extra, django_assert_num_queries):
    for number in range(extra):
        make_person(personas.tenant, full_name=f"Ekstra {number}")

    with django_assert_num_queries(5):
        response = staff.get(PERSON_MERGE)
    assert response.status_code == 200
    assert_rows_rendered(response, [f"Ekstra {number}" for number in range(extra)])


@pytest.mark.parametrize("extra", [1, 3])
def test_organisation_merge_comparison_query_count(staff, duplicates, extra, django_assert_num_queries):
    keep, remove, _shared = duplicates
    for number in range(extra):
        interaction(keep.tenant, organisations=[keep, remove])
        make_organisation(keep.tenant, name=f"Ekstra {number}")

    # the picker's 5, the two organisations with their counts, their tags (2), their invitations
    with django_assert_num_queries(9):
        response = staff.get(ORGANISATION_MERGE, {"a": keep.pk, "b": remove.pk})
    assert response.status_code == 200
    assert_rows_rendered(response, [keep.name, remove.name, *(f"Ekstra {number}" for number in range(extra))])
