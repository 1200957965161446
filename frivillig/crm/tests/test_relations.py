import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.crm.enums import OrganisationKind, OrganisationRoleKind
from frivillig.crm.models import CollaborationRelation, OrganisationRole
from frivillig.tenants.enums import Role
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant, make_organisation, make_person


def url(name: str, **kwargs) -> str:
    return reverse(f"crm:{name}", kwargs={"tenant_slug": "alfa", **kwargs})


def english(client):
    client.cookies["frivillig_language"] = "en"
    return client


def audit(code: str) -> list[AuditEntry]:
    with scopes_disabled():
        return list(AuditEntry.objects.filter(code=code).select_related("actor"))


def make_relation(tenant, **fields) -> CollaborationRelation:
    fields.setdefault("topic", "Samarbejde")
    fields.setdefault("started_on", date(2017, 5, 1))
    with scopes_disabled():
        return CollaborationRelation.objects.create(tenant=tenant, **fields)


def topics(response) -> list[str]:
    return [relation.topic for relation in response.context["page"].object_list]


# --- the list of new relations in a period ---------------------------------------------------------------


def test_relation_list_counts_new_relations_in_the_period_boundaries_included(personas, client_for):
    person = make_person(personas.tenant)
    for topic, started_on in [
        ("Dagen før", date(2016, 12, 31)),
        ("Første dag", date(2017, 1, 1)),
        ("Midt i året", date(2017, 7, 1)),
        ("Sidste dag", date(2017, 12, 31)),
        ("Dagen efter", date(2018, 1, 1)),
    ]:
        make_relation(personas.tenant, person=person, topic=topic, started_on=started_on)
    make_relation(personas.other_tenant, organisation=personas.foreign_organisation, started_on=date(2017, 6, 1))
    client = english(client_for("centre_staff"))

    response = client.get(url("relation_list") + "?fra=2017-01-01&til=2017-12-31")

    assert response.status_code == 200
    assert topics(response) == ["Sidste dag", "Midt i året", "Første dag"]
    assert "3 new collaboration relations in the period" in " ".join(response.content.decode().split())


def test_relation_list_without_a_period_shows_the_current_calendar_year(personas, client_for):
    this_year = timezone.localdate().year
    make_relation(personas.tenant, organisation=personas.organisation, topic="I år", started_on=date(this_year, 1, 1))
    make_relation(
        personas.tenant, organisation=personas.organisation, topic="Sidste år", started_on=date(this_year - 1, 12, 31)
    )

    response = client_for("centre_staff").get(url("relation_list"))

    assert topics(response) == ["I år"]
    form = response.context["filter_form"]
    assert form["fra"].value() == f"{this_year}-01-01"
    assert form["til"].value() == f"{this_year}-12-31"


def test_relation_list_with_an_empty_period_shows_every_relation(personas, client_for):
    make_relation(personas.tenant, organisation=personas.organisation, topic="Gammel", started_on=date(2010, 1, 1))
    make_relation(personas.tenant, organisation=personas.organisation, topic="Ny", started_on=date(2018, 1, 1))

    response = english(client_for("centre_staff")).get(url("relation_list") + "?fra=&til=")

    assert topics(response) == ["Ny", "Gammel"]
    assert "2 collaboration relations in all" in " ".join(response.content.decode().split())


@pytest.fixture
def sorø_2017(personas):
    """The Sorø strategy's count: new relations with municipal employees in 2017, and some that are not."""
    municipal_unit = make_organisation(
        personas.tenant, name="Sorø Kommune, Ældreområdet", kind=OrganisationKind.MUNICIPAL_UNIT
    )
    in_unit = make_person(personas.tenant, full_name="Mette Kommunal")
    with scopes_disabled():
        OrganisationRole.objects.create(
            tenant=personas.tenant, organisation=municipal_unit, person=in_unit, role=OrganisationRoleKind.EMPLOYEE
        )
    with_department = make_person(personas.tenant, full_name="Jens Jobcenter", department="Jobcenter Sorø")
    volunteer = make_person(personas.tenant, full_name="Frida Frivillig")
    return {
        "unit": make_relation(personas.tenant, person=in_unit, topic="Besøgsvenner", started_on=date(2017, 3, 1)),
        "department": make_relation(
            personas.tenant, person=with_department, topic="Frivilligjob", started_on=date(2017, 9, 1)
        ),
        "volunteer": make_relation(
            personas.tenant,
            person=volunteer,
            topic="Foreningsnetværk",
            started_on=date(2017, 4, 1),
            ended_on=date(2017, 10, 1),
        ),
        "organisation": make_relation(
            personas.tenant, organisation=municipal_unit, topic="Kommunal aftale", started_on=date(2017, 5, 1)
        ),
        "earlier": make_relation(
            personas.tenant, person=with_department, topic="Før 2017", started_on=date(2016, 5, 1)
        ),
    }


def test_relation_list_counts_new_municipal_employees_in_2017(personas, client_for, sorø_2017):
    response = english(client_for("centre_staff")).get(
        url("relation_list") + "?fra=2017-01-01&til=2017-12-31&kommunale=on"
    )

    assert topics(response) == ["Frivilligjob", "Besøgsvenner"]
    assert response.context["page"].paginator.count >= 2
    content = " ".join(response.content.decode().split())
    assert "2 new collaboration relations in the period" in content
    assert "Municipal employee" in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("parti=person", ["Frivilligjob", "Foreningsnetværk", "Besøgsvenner"]),
        ("parti=organisation", ["Kommunal aftale"]),
        ("status=afsluttede", ["Foreningsnetværk"]),
        ("status=aktive", ["Frivilligjob", "Kommunal aftale", "Besøgsvenner"]),
        ("soeg=jobcenter", ["Frivilligjob"]),
        ("sorter=aeldste", ["Besøgsvenner", "Foreningsnetværk", "Kommunal aftale", "Frivilligjob"]),
    ],
)
def test_relation_list_filters(query, expected, client_for, sorø_2017):
    response = client_for("centre_staff").get(url("relation_list") + "?fra=2017-01-01&til=2017-12-31&" + query)

    assert topics(response) == expected


def test_relation_list_ignores_filter_values_that_make_no_sense(client_for, sorø_2017):
    response = client_for("centre_staff").get(url("relation_list") + "?fra=2017-13-45&til=x&parti=alle&status=?&side=x")

    assert response.status_code == 200
    assert len(topics(response)) == 5


def test_relation_list_answers_htmx_with_the_results_only(client_for, sorø_2017):
    response = client_for("centre_staff").get(
        url("relation_list") + "?fra=2017-01-01&til=2017-12-31&parti=organisation", HTTP_HX_REQUEST="true"
    )

    content = response.content.decode()
    assert content.lstrip().startswith('<div id="list-results"')
    assert "<html" not in content
    assert "Kommunal aftale" in content


def test_relation_list_empty_state(client_for, personas):
    content = english(client_for("centre_staff")).get(url("relation_list")).content.decode()

    assert "No collaboration relations match the filter." in content
    assert "0 new collaboration relations in the period" in " ".join(content.split())


def _measurement_tenant(size: int):
    tenant = TenantFactory(slug="maaling", name="Måling")
    staff = UserFactory(email="staff@maaling.example.org")
    grant(staff, tenant, Role.CENTRE_STAFF)
    for index in range(size):
        make_relation(tenant, person=make_person(tenant, department="Forvaltningen"), topic=f"Person {index}")
        make_relation(tenant, organisation=make_organisation(tenant), topic=f"Organisation {index}")
    return tenant, staff


@pytest.mark.parametrize("size", [1, 3])
def test_relation_list_query_count_is_constant(db, client, django_assert_num_queries, size):
    tenant, staff = _measurement_tenant(size)
    client.force_login(staff)
    address = reverse("crm:relation_list", kwargs={"tenant_slug": tenant.slug}) + "?fra=2017-01-01&til=2017-12-31"

    with django_assert_num_queries(6):
        response = client.get(address)

    assert len(response.context["page"].object_list) == 2 * size
    assert_rows_rendered(
        response, [f"{party} {index}" for index in range(size) for party in ("Person", "Organisation")]
    )


# --- export -------------------------------------------------------------------------------------------


def test_relation_export_csv_has_the_filtered_rows(client_for, sorø_2017):
    response = client_for("centre_staff").get(
        url("relation_export", fmt="csv") + "?fra=2017-01-01&til=2017-12-31&kommunale=on"
    )

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff")), delimiter=";"))
    assert [row[4] for row in rows[1:]] == ["Frivilligjob", "Besøgsvenner"]
    assert rows[1][1] == "Jobcenter Sorø"
    assert rows[1][3] == "ja"
    assert rows[1][5] == "01-09-2017"


def test_relation_export_xlsx_defaults_to_the_current_year(personas, client_for):
    from openpyxl import load_workbook

    this_year = timezone.localdate().year
    make_relation(personas.tenant, organisation=personas.organisation, topic="I år", started_on=date(this_year, 2, 1))
    make_relation(personas.tenant, organisation=personas.organisation, topic="Før", started_on=date(2000, 2, 1))

    response = client_for("centre_staff").get(url("relation_export", fmt="xlsx"))

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet["E"]][1:] == ["I år"]


def test_relation_export_unknown_format_is_404(client_for):
    assert client_for("centre_staff").get(url("relation_export", fmt="ods")).status_code == 404


@pytest.mark.parametrize("size", [1, 3])
def test_relation_export_query_count_is_constant(db, client, django_assert_num_queries, size):
    tenant, staff = _measurement_tenant(size)
    client.force_login(staff)
    address = reverse("crm:relation_export", kwargs={"tenant_slug": tenant.slug, "fmt": "csv"}) + "?fra=&til="

    with django_assert_num_queries(5):
        response = client.get(address)

    assert response.content.decode("utf-8").count("Forvaltningen") == size
    assert_rows_rendered(
        response, [f"{party} {index}" for index in range(size) for party in ("Person", "Organisation")]
    )


# --- create, edit, end ----------------------------------------------------------------------------------


def test_relation_create_with_a_person_saves_and_logs_it(personas, client_for):
    person = make_person(personas.tenant, full_name="Karin Kommune", department="Socialforvaltningen")

    response = client_for("centre_staff").post(
        url("relation_create"),
        {
            "person": person.pk,
            "organisation": "",
            "topic": "Besøgsvenner",
            "started_on": "2017-03-01",
            "note": "Aftalt",
        },
    )

    assert response.status_code == 302
    assert response.headers["Location"] == url("relation_list") + "?fra=2017-01-01&til=2017-12-31"
    with scopes_disabled():
        relation = CollaborationRelation.objects.get()
    assert (relation.tenant, relation.person, relation.organisation) == (personas.tenant, person, None)
    assert (relation.topic, relation.started_on, relation.ended_on) == ("Besøgsvenner", date(2017, 3, 1), None)
    [entry] = audit("crm.relation.created")
    assert entry.actor == personas.user("centre_staff")


def test_relation_create_with_an_organisation(personas, client_for):
    response = client_for("centre_staff").post(
        url("relation_create"),
        {"organisation": personas.organisation.pk, "topic": "Fælles arrangement", "started_on": "2018-02-01"},
    )

    assert response.status_code == 302
    with scopes_disabled():
        assert CollaborationRelation.objects.get().organisation == personas.organisation


@pytest.mark.parametrize(
    ("party", "message"),
    [
        ({}, "Choose the person or the organisation the centre collaborates with."),
        ("both", "Choose either a person or an organisation, not both."),
    ],
)
def test_relation_form_needs_exactly_one_party(party, message, personas, client_for):
    person = make_person(personas.tenant)
    data = {"topic": "Samarbejde", "started_on": "2018-01-01"}
    if party == "both":
        data |= {"person": person.pk, "organisation": personas.organisation.pk}

    response = english(client_for("centre_staff")).post(url("relation_create"), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'value="Samarbejde"' in response.content.decode()
    with scopes_disabled():
        assert not CollaborationRelation.objects.exists()


def test_relation_form_end_before_start_is_an_error(personas, client_for):
    response = english(client_for("centre_staff")).post(
        url("relation_create"),
        {"organisation": personas.organisation.pk, "topic": "X", "started_on": "2018-01-10", "ended_on": "2018-01-09"},
    )

    assert "The end date cannot be before the start date." in response.content.decode()
    with scopes_disabled():
        assert not CollaborationRelation.objects.exists()


def test_relation_form_party_of_another_tenant_is_an_error(personas, client_for):
    foreign_person = make_person(personas.other_tenant)

    response = client_for("centre_staff").post(
        url("relation_create"),
        {
            "person": foreign_person.pk,
            "organisation": personas.foreign_organisation.pk,
            "topic": "X",
            "started_on": "2018-01-01",
        },
    )

    errors = response.context["form"].errors
    assert "person" in errors and "organisation" in errors
    with scopes_disabled():
        assert not CollaborationRelation.objects.exists()


def test_relation_form_missing_fields_are_errors(personas, client_for):
    response = client_for("centre_staff").post(url("relation_create"), {"started_on": "i morgen"})

    assert {"topic", "started_on", "person"} <= set(response.context["form"].errors)


def test_relation_create_preselects_the_person_or_organisation(personas, client_for):
    person = make_person(personas.tenant)
    client = client_for("centre_staff")

    assert client.get(url("relation_create") + f"?person={person.pk}").context["form"]["person"].value() == person.pk
    form = client.get(url("relation_create") + f"?organisation={personas.organisation.pk}").context["form"]
    assert form["organisation"].value() == personas.organisation.pk
    form = client.get(url("relation_create") + f"?organisation={personas.foreign_organisation.pk}").context["form"]
    assert form["organisation"].value() is None


def test_relation_edit_saves_and_logs_the_change(personas, client_for):
    relation = make_relation(personas.tenant, organisation=personas.organisation, topic="Gammelt emne")

    response = client_for("centre_staff").post(
        url("relation_edit", pk=relation.pk),
        {
            "organisation": personas.organisation.pk,
            "topic": "Nyt emne",
            "started_on": "2017-05-01",
            "ended_on": "2018-01-31",
        },
    )

    assert response.status_code == 302
    with scopes_disabled():
        relation.refresh_from_db()
    assert (relation.topic, relation.ended_on) == ("Nyt emne", date(2018, 1, 31))
    [entry] = audit("crm.relation.updated")
    assert set(entry.data["fields"]) == {"topic", "ended_on"}


def test_relation_end_asks_first_then_ends_the_relation(personas, client_for):
    relation = make_relation(personas.tenant, organisation=personas.organisation, started_on=date(2017, 5, 1))
    client = english(client_for("centre_staff"))

    page = client.get(url("relation_end", pk=relation.pk))
    assert page.status_code == 200
    assert "On which date did it end?" in page.content.decode()
    with scopes_disabled():
        relation.refresh_from_db()
    assert relation.ended_on is None

    response = client.post(url("relation_end", pk=relation.pk), {"ended_on": "2018-06-30"})

    assert response.status_code == 302
    with scopes_disabled():
        relation.refresh_from_db()
    assert relation.ended_on == date(2018, 6, 30)
    [entry] = audit("crm.relation.updated")
    assert entry.data == {"ended_on": "2018-06-30"}


def test_relation_end_before_the_start_is_an_error(personas, client_for):
    relation = make_relation(personas.tenant, organisation=personas.organisation, started_on=date(2017, 5, 1))

    response = english(client_for("centre_staff")).post(url("relation_end", pk=relation.pk), {"ended_on": "2017-04-30"})

    assert response.status_code == 200
    assert "The end date cannot be before the start date" in response.content.decode()
    with scopes_disabled():
        relation.refresh_from_db()
    assert relation.ended_on is None


def test_relation_of_another_tenant_answers_404(personas, client_for):
    foreign = make_relation(personas.other_tenant, organisation=personas.foreign_organisation)
    client = client_for("centre_staff")

    assert client.get(url("relation_edit", pk=foreign.pk)).status_code == 404
    assert client.post(url("relation_end", pk=foreign.pk), {"ended_on": "2018-01-01"}).status_code == 404
    with scopes_disabled():
        foreign.refresh_from_db()
    assert foreign.ended_on is None


@pytest.mark.parametrize("persona", ["association_rep", "municipal_staff", "tenant_admin"])
def test_relation_pages_are_closed_to_everyone_but_centre_staff(persona, personas, client_for):
    relation = make_relation(personas.tenant, organisation=personas.organisation)
    client = client_for(persona)

    # Municipal staff read the list of relations (and keep nothing in it).
    assert client.get(url("relation_list")).status_code == (200 if persona == "municipal_staff" else 403)
    for address in [
        url("relation_export", fmt="csv"),
        url("relation_create"),
        url("relation_edit", pk=relation.pk),
        url("relation_end", pk=relation.pk),
    ]:
        assert client.get(address).status_code == 403, address
    assert (
        client.post(
            url("relation_end", pk=relation.pk), {"ended_on": timezone.localdate() + timedelta(days=1)}
        ).status_code
        == 403
    )
    with scopes_disabled():
        relation.refresh_from_db()
    assert relation.ended_on is None
