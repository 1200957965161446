from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english
from frivillig.crm.enums import ConsentMethod, InteractionKind, OrganisationRoleKind
from frivillig.crm.models import CollaborationRelation, Interaction, OrganisationRole, Person
from frivillig.tenants.enums import Role
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant, make_organisation, make_person


def url(name: str, **kwargs) -> str:
    return reverse(f"crm:{name}", kwargs={"tenant_slug": "alfa", **kwargs})


LIST_URL = reverse("crm:person_list", kwargs={"tenant_slug": "alfa"})
CREATE_URL = reverse("crm:person_create", kwargs={"tenant_slug": "alfa"})


@pytest.fixture
def staff(client_for):
    return english(client_for("centre_staff"))


@pytest.fixture
def people(personas):
    tenant = personas.tenant
    return {
        "anna": make_person(tenant, full_name="Anna Andersen", email="anna@example.org", phone="+45 11 22 33 44"),
        "bo": make_person(tenant, full_name="Bo Bæk", email="bo@example.org", consent_given_at=timezone.now()),
        "carl": make_person(tenant, full_name="Carl Øster", email="carl@kommune.example.org"),
    }


def add_role(person, organisation, role=OrganisationRoleKind.CONTACT_PERSON, **fields) -> OrganisationRole:
    with scopes_disabled():
        return OrganisationRole.objects.create(
            tenant=person.tenant, person=person, organisation=organisation, role=role, **fields
        )


def shown(response) -> list[str]:
    return [person.full_name for person in response.context["page"].object_list]


def audit_codes(code_prefix: str = "crm.") -> list[str]:
    with scopes_disabled():
        return list(
            AuditEntry.objects.filter(code__startswith=code_prefix).order_by("pk").values_list("code", flat=True)
        )


def person_data(**changes) -> dict:
    data = {
        "full_name": "Dorte Due",
        "email": "dorte@example.org",
        "phone": "0045 87654321",
        "department": "Sundhed og omsorg",
        "job_title": "Konsulent",
        "notes": "",
    }
    data.update(changes)
    return data


# --- the list ------------------------------------------------------------------------------------------


def test_person_list_shows_the_tenants_active_people(staff, personas, people):
    make_person(personas.tenant, full_name="Arkiveret Person", archived_at=timezone.now())
    make_person(personas.other_tenant, full_name="Charlie Person")

    response = staff.get(LIST_URL)

    assert response.status_code == 200
    assert shown(response) == ["Anna Andersen", "Bo Bæk", "Carl Øster"]
    assert "Charlie Person" not in response.content.decode()


def test_person_list_searches_name_email_and_phone(staff, people):
    assert shown(staff.get(LIST_URL, {"soeg": "bæk"})) == ["Bo Bæk"]
    assert shown(staff.get(LIST_URL, {"soeg": "kommune.example"})) == ["Carl Øster"]
    assert shown(staff.get(LIST_URL, {"soeg": "11223344"})) == ["Anna Andersen"]
    assert shown(staff.get(LIST_URL, {"soeg": "33 44"})) == ["Anna Andersen"]


def test_person_list_search_without_match_says_so(staff, people):
    response = staff.get(LIST_URL, {"soeg": "ingen her"})
    assert shown(response) == []
    assert "No people match the search." in response.content.decode()


def test_person_list_filters_by_organisation_and_consent(staff, personas, people):
    add_role(people["anna"], personas.organisation)
    add_role(people["anna"], personas.organisation, role=OrganisationRoleKind.CHAIR)
    add_role(people["carl"], personas.other_organisation)

    assert shown(staff.get(LIST_URL, {"organisation": personas.organisation.pk})) == ["Anna Andersen"]
    assert shown(staff.get(LIST_URL, {"samtykke": "ja"})) == ["Bo Bæk"]
    assert shown(staff.get(LIST_URL, {"samtykke": "nej"})) == ["Anna Andersen", "Carl Øster"]
    # Another tenant's organisation is no valid filter value.
    assert len(shown(staff.get(LIST_URL, {"organisation": personas.foreign_organisation.pk}))) == 3


def test_person_list_shows_current_roles(staff, personas, people):
    add_role(people["anna"], personas.organisation, role=OrganisationRoleKind.CHAIR)
    add_role(people["anna"], personas.other_organisation, ended_on=date(2017, 1, 1))
    content = staff.get(LIST_URL).content.decode()
    assert "Chair, Alfa Besøgsvenner" in content
    assert "Alfa Lektiecafé" not in content.split("<tbody>")[1]


def test_person_list_sorts_by_whitelisted_keys(staff, people):
    assert shown(staff.get(LIST_URL, {"sorter": "email"})) == ["Anna Andersen", "Bo Bæk", "Carl Øster"]
    assert shown(staff.get(LIST_URL, {"sorter": "nyeste"})) == ["Carl Øster", "Bo Bæk", "Anna Andersen"]
    assert shown(staff.get(LIST_URL, {"sorter": "notes"})) == ["Anna Andersen", "Bo Bæk", "Carl Øster"]


def test_person_list_shows_archived_only_when_asked(staff, personas, people):
    make_person(personas.tenant, full_name="Arkiveret Person", archived_at=timezone.now())
    assert "Arkiveret Person" in shown(staff.get(LIST_URL, {"arkiverede": "on"}))


def test_person_list_paginates_and_keeps_the_filter(staff, personas):
    for number in range(27):
        make_person(personas.tenant, full_name=f"Hansen {number:02d}")
    first = staff.get(LIST_URL, {"soeg": "hansen"})
    second = staff.get(LIST_URL, {"soeg": "hansen", "side": 2})
    assert len(shown(first)) == 25
    assert shown(second) == ["Hansen 25", "Hansen 26"]
    assert "soeg=hansen&amp;side=2" in first.content.decode()


def test_person_list_htmx_request_gets_only_the_results(staff, people):
    response = staff.get(LIST_URL, {"soeg": "anna"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="list-results"')
    assert "<html" not in content
    assert "Anna Andersen" in content and "Bo Bæk" not in content
    assert url("person_export", fmt="csv") + "?soeg=anna" in content


@pytest.mark.parametrize("size", [1, 3])
def test_person_list_query_count_is_constant(client, db, django_assert_num_queries, size):
    tenant = TenantFactory(slug="maaling", name="Måling")
    staff_user = UserFactory(email="staff@maaling.example.org")
    grant(staff_user, tenant, Role.CENTRE_STAFF)
    organisation = make_organisation(tenant, name="Målerne")
    for number in range(size):
        add_role(make_person(tenant, full_name=f"Person {number}"), organisation)
    client.force_login(staff_user)

    with django_assert_num_queries(8):
        response = client.get(reverse("crm:person_list", kwargs={"tenant_slug": tenant.slug}))

    assert len(response.context["page"].object_list) == size
    assert_rows_rendered(response, [f"Person {number}" for number in range(size)])


# --- the detail page -----------------------------------------------------------------------------------


def test_person_detail_shows_contact_roles_consent_interactions_and_relations(staff, personas, people):
    anna = people["anna"]
    with scopes_disabled():
        Person.objects.filter(pk=anna.pk).update(
            department="Børn og familie",
            job_title="Socialrådgiver",
            consent_given_at=timezone.now(),
            consent_method=ConsentMethod.ORAL,
            consent_recorded_by=personas.user("centre_staff"),
        )
        interaction = Interaction.objects.create(
            tenant=personas.tenant, kind=InteractionKind.PHONE_CALL, happened_on=date(2018, 2, 2), summary="Opkald"
        )
        interaction.people.add(anna)
        CollaborationRelation.objects.create(
            tenant=personas.tenant, person=anna, topic="Ensomhed blandt ældre", started_on=date(2017, 9, 1)
        )
    add_role(anna, personas.organisation, role=OrganisationRoleKind.BOARD_MEMBER)
    add_role(anna, personas.other_organisation, started_on=date(2015, 1, 1), ended_on=date(2016, 1, 1))

    response = staff.get(url("person_detail", pk=anna.pk))

    content = response.content.decode()
    for text in ("anna@example.org", "+45 11 22 33 44", "Børn og familie", "Socialrådgiver", "Opkald"):
        assert text in content
    assert "Ensomhed blandt ældre" in content
    assert "Consent was given orally" in content and "Alfa Centre Staff" in content
    assert [role.organisation.name for role in response.context["current_roles"]] == ["Alfa Besøgsvenner"]
    assert [role.organisation.name for role in response.context["former_roles"]] == ["Alfa Lektiecafé"]


def test_person_detail_links_to_logging_an_interaction_and_to_each_interaction(staff, personas, people):
    anna = people["anna"]
    with scopes_disabled():
        logged = Interaction.objects.create(
            tenant=personas.tenant, kind=InteractionKind.PHONE_CALL, happened_on=date(2018, 2, 2), summary="Opkald"
        )
        logged.people.add(anna)

    content = staff.get(url("person_detail", pk=anna.pk)).content.decode()

    # Both links are always there: a renamed page fails this test instead of silently losing the button.
    assert f'href="{url("interaction_create")}?person={anna.pk}"' in content
    assert f'href="{url("interaction_detail", pk=logged.pk)}"' in content


def test_person_detail_of_another_tenant_is_404(staff, personas):
    foreign = make_person(personas.other_tenant, full_name="Charlie Person")
    assert staff.get(url("person_detail", pk=foreign.pk)).status_code == 404
    assert staff.post(url("person_edit", pk=foreign.pk), person_data()).status_code == 404
    assert staff.post(url("person_consent", pk=foreign.pk), {"method": "oral"}).status_code == 404
    with scopes_disabled():
        foreign.refresh_from_db()
    assert (foreign.full_name, foreign.consent_given_at) == ("Charlie Person", None)


@pytest.mark.parametrize("persona", ["association_rep", "municipal_staff"])
def test_person_pages_are_forbidden_to_representatives_and_municipal_staff(client_for, people, persona):
    client = client_for(persona)
    assert client.get(LIST_URL).status_code == 403
    assert client.get(url("person_detail", pk=people["anna"].pk)).status_code == 403
    assert client.post(CREATE_URL, person_data()).status_code == 403
    with scopes_disabled():
        assert not Person.objects.filter(full_name="Dorte Due").exists()


# --- create, edit, archive -----------------------------------------------------------------------------


def test_person_create_saves_normalised_phone_and_logs(staff, personas):
    response = staff.post(CREATE_URL, person_data())

    with scopes_disabled():
        person = Person.objects.get(full_name="Dorte Due")
    assert response.status_code == 302
    assert response.url == url("person_detail", pk=person.pk)
    assert (person.tenant, person.phone, person.department) == (personas.tenant, "+45 87 65 43 21", "Sundhed og omsorg")
    assert audit_codes() == ["crm.person.created"]


def test_person_create_from_an_organisation_adds_the_role_at_once(staff, personas):
    organisation = personas.organisation
    form_page = staff.get(CREATE_URL, {"organisation": organisation.pk})
    assert "New person in Alfa Besøgsvenner" in form_page.content.decode()

    response = staff.post(
        f"{CREATE_URL}?organisation={organisation.pk}",
        person_data(role=OrganisationRoleKind.TREASURER, started_on="2018-01-01"),
    )

    assert response.status_code == 302
    assert response.url == url("organisation_detail", pk=organisation.pk)
    with scopes_disabled():
        role = OrganisationRole.objects.select_related("person").get(organisation=organisation)
    assert (role.person.full_name, role.role, role.started_on) == ("Dorte Due", "treasurer", date(2018, 1, 1))
    assert audit_codes() == ["crm.person.created", "crm.organisation.updated"]
    assert "Dorte Due" in staff.get(response.url).content.decode()


def test_person_create_from_another_tenants_organisation_is_404(staff, personas):
    response = staff.post(f"{CREATE_URL}?organisation={personas.foreign_organisation.pk}", person_data())
    assert response.status_code == 404
    with scopes_disabled():
        assert not Person.objects.filter(full_name="Dorte Due").exists()


def test_person_create_bad_input_keeps_typed_values_and_saves_nothing(staff, personas):
    response = staff.post(
        f"{CREATE_URL}?organisation={personas.organisation.pk}",
        person_data(full_name="", email="ikke@", phone="123", role="konge", started_on="i går"),
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"full_name", "email", "phone", "role", "started_on"}
    content = response.content.decode()
    assert 'value="ikke@"' in content and 'value="Sundhed og omsorg"' in content
    with scopes_disabled():
        assert not Person.objects.exists()
        assert not OrganisationRole.objects.exists()
    assert audit_codes() == []


def test_person_edit_saves_and_logs_the_changed_fields(staff, people):
    anna = people["anna"]
    response = staff.post(url("person_edit", pk=anna.pk), person_data(full_name="Anna Andersen-Holm"))

    assert response.status_code == 302
    with scopes_disabled():
        anna.refresh_from_db()
        entry = AuditEntry.objects.get(code="crm.person.updated")
    assert anna.full_name == "Anna Andersen-Holm"
    assert {"full_name", "email", "phone"} <= set(entry.data["fields"])


def test_person_edit_bad_input_keeps_the_saved_name_in_the_heading(staff, people):
    anna = people["anna"]
    response = staff.post(url("person_edit", pk=anna.pk), person_data(full_name="", email="x"))
    assert set(response.context["form"].errors) == {"full_name", "email"}
    assert "<h1>Edit Anna Andersen</h1>" in response.content.decode()
    with scopes_disabled():
        anna.refresh_from_db()
    assert anna.email == "anna@example.org"
    assert audit_codes() == []


def test_person_archive_asks_first_then_hides_the_person(staff, people):
    anna = people["anna"]
    assert "Do you want to archive Anna Andersen?" in staff.get(url("person_archive", pk=anna.pk)).content.decode()

    response = staff.post(url("person_archive", pk=anna.pk))

    assert response.status_code == 302
    assert response.url == LIST_URL
    with scopes_disabled():
        anna.refresh_from_db()
    assert anna.archived_at is not None
    assert "Anna Andersen" not in shown(staff.get(LIST_URL))
    assert audit_codes() == ["crm.person.archived"]
    staff.post(url("person_archive", pk=anna.pk))
    assert audit_codes() == ["crm.person.archived"]


# --- roles ---------------------------------------------------------------------------------------------


def test_role_create_adds_a_role_and_logs(staff, personas, people):
    anna = people["anna"]
    response = staff.post(
        url("role_create", pk=anna.pk),
        {"organisation": personas.organisation.pk, "role": "chair", "started_on": "2017-01-01", "ended_on": ""},
    )

    assert response.status_code == 302
    assert response.url == url("person_detail", pk=anna.pk)
    with scopes_disabled():
        role = OrganisationRole.objects.get(person=anna)
        entry = AuditEntry.objects.get(code="crm.organisation.updated")
    assert (role.organisation, role.role, role.started_on, role.tenant) == (
        personas.organisation,
        "chair",
        date(2017, 1, 1),
        personas.tenant,
    )
    assert entry.data == {"role": "chair", "person": anna.pk, "created": True}


def test_role_create_until_before_from_is_a_form_error(staff, personas, people):
    response = staff.post(
        url("role_create", pk=people["anna"].pk),
        {
            "organisation": personas.organisation.pk,
            "role": "chair",
            "started_on": "2018-05-01",
            "ended_on": "2018-04-30",
        },
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["ended_on"]
    content = response.content.decode()
    assert "The role cannot end before it starts." in content
    assert 'value="2018-05-01"' in content and 'value="2018-04-30"' in content
    with scopes_disabled():
        assert not OrganisationRole.objects.exists()


def test_role_create_refuses_another_tenants_organisation_and_duplicates(staff, personas, people):
    anna = people["anna"]
    foreign = staff.post(
        url("role_create", pk=anna.pk), {"organisation": personas.foreign_organisation.pk, "role": "chair"}
    )
    assert list(foreign.context["form"].errors) == ["organisation"]
    add_role(anna, personas.organisation, role=OrganisationRoleKind.CHAIR)
    duplicate = staff.post(url("role_create", pk=anna.pk), {"organisation": personas.organisation.pk, "role": "chair"})
    assert "Anna Andersen already has this role in Alfa Besøgsvenner." in duplicate.content.decode()
    with scopes_disabled():
        assert OrganisationRole.objects.count() == 1


def test_role_end_moves_it_to_former_roles_and_logs(staff, personas, people):
    anna = people["anna"]
    role = add_role(anna, personas.organisation, started_on=date(2016, 1, 1))
    detail = url("organisation_detail", pk=personas.organisation.pk)

    response = staff.post(url("role_end", pk=role.pk), {"next": detail})

    assert response.status_code == 302
    assert response.url == detail
    with scopes_disabled():
        role.refresh_from_db()
    assert role.ended_on == timezone.localdate()
    page = staff.get(detail)
    assert page.context["current_roles"] == []
    assert [former.pk for former in page.context["former_roles"]] == [role.pk]
    assert audit_codes() == ["crm.organisation.updated"]


def test_role_end_does_not_move_an_ended_role_and_ignores_foreign_next(staff, personas, people):
    ended = timezone.localdate() - timedelta(days=30)
    role = add_role(people["anna"], personas.organisation, ended_on=ended)

    response = staff.post(url("role_end", pk=role.pk), {"next": "https://evil.example.org/"})

    assert response.url == url("person_detail", pk=people["anna"].pk)
    with scopes_disabled():
        role.refresh_from_db()
    assert role.ended_on == ended
    assert audit_codes() == []


def test_role_end_of_another_tenant_is_404(staff, personas):
    foreign_person = make_person(personas.other_tenant)
    role = add_role(foreign_person, personas.foreign_organisation)
    assert staff.post(url("role_end", pk=role.pk)).status_code == 404


# --- consent -------------------------------------------------------------------------------------------


def test_person_consent_records_when_how_and_by_whom(staff, personas, people):
    carl = people["carl"]
    response = staff.post(url("person_consent", pk=carl.pk), {"method": ConsentMethod.EMAIL})

    assert response.status_code == 302
    assert response.url == url("person_detail", pk=carl.pk)
    with scopes_disabled():
        carl.refresh_from_db()
        entry = AuditEntry.objects.get(code="crm.person.updated")
    assert carl.consent_method == ConsentMethod.EMAIL
    assert carl.consent_recorded_by == personas.user("centre_staff")
    assert timezone.now() - carl.consent_given_at < timedelta(minutes=1)
    assert entry.data == {"consent": "email"}
    assert "Consent was given by e-mail" in staff.get(response.url).content.decode()


def test_person_consent_without_a_method_is_a_form_error(staff, people):
    response = staff.post(url("person_consent", pk=people["carl"].pk), {"method": "telepati"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["method"]
    with scopes_disabled():
        people["carl"].refresh_from_db()
    assert people["carl"].consent_given_at is None
