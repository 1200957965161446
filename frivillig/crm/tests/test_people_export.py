import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from frivillig.core.tests.helpers import english
from frivillig.crm.enums import ConsentMethod, OrganisationRoleKind
from frivillig.crm.models import OrganisationRole
from frivillig.tenants.enums import Role
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant, make_organisation, make_person

HEADER = [
    "Name",
    "E-mail",
    "Phone",
    "Department",
    "Job title",
    "Roles in organisations",
    "Consent to be contacted given",
    "Consent given",
    "Archived",
]


def export_url(fmt: str, slug: str = "alfa") -> str:
    return reverse("crm:person_export", kwargs={"tenant_slug": slug, "fmt": fmt})


@pytest.fixture
def staff(client_for):
    return english(client_for("centre_staff"))


@pytest.fixture
def soeren(personas):
    person = make_person(
        personas.tenant,
        full_name="Søren Ærbødig",
        email="soeren@example.org",
        phone="+45 20 30 40 50",
        department="Ældre og sundhed",
        job_title="Områdeleder",
        consent_given_at=timezone.make_aware(timezone.datetime(2018, 3, 4, 10, 30)),
        consent_method=ConsentMethod.WRITTEN,
    )
    with scopes_disabled():
        OrganisationRole.objects.create(
            tenant=personas.tenant, person=person, organisation=personas.organisation, role=OrganisationRoleKind.CHAIR
        )
        OrganisationRole.objects.create(
            tenant=personas.tenant,
            person=person,
            organisation=personas.other_organisation,
            role=OrganisationRoleKind.TREASURER,
            ended_on=date(2017, 1, 1),
        )
    make_person(personas.tenant, full_name="Åse Åby")
    make_person(personas.other_tenant, full_name="Charlie Person")
    return person


def read_csv(response) -> list[list[str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_person_export_csv_has_bom_semicolons_and_danish_letters(staff, soeren):
    response = staff.get(export_url("csv"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="personer-')
    rows = read_csv(response)
    assert rows[0] == HEADER
    assert rows[1] == [
        "Søren Ærbødig",
        "soeren@example.org",
        "+45 20 30 40 50",
        "Ældre og sundhed",
        "Områdeleder",
        "Chair, Alfa Besøgsvenner",
        "04-03-2018 10:30",
        "In writing",
        "",
    ]
    assert [row[0] for row in rows[1:]] == ["Søren Ærbødig", "Åse Åby"]
    assert "Søren Ærbødig;soeren@example.org".encode() in response.content


def test_person_export_xlsx_has_the_same_rows(staff, soeren):
    response = staff.get(export_url("xlsx"))

    rows = [list(row) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    assert rows[1][:6] == [
        "Søren Ærbødig",
        "soeren@example.org",
        "+45 20 30 40 50",
        "Ældre og sundhed",
        "Områdeleder",
        "Chair, Alfa Besøgsvenner",
    ]
    assert rows[1][6] == timezone.datetime(2018, 3, 4, 10, 30)
    assert [row[0] for row in rows[1:]] == ["Søren Ærbødig", "Åse Åby"]


def test_person_export_follows_the_list_filter(staff, personas, soeren):
    with_consent = read_csv(staff.get(export_url("csv"), {"samtykke": "ja"}))
    in_organisation = read_csv(staff.get(export_url("csv"), {"organisation": personas.organisation.pk}))
    searched = read_csv(staff.get(export_url("csv"), {"soeg": "åby"}))
    assert [row[0] for row in with_consent[1:]] == ["Søren Ærbødig"]
    assert [row[0] for row in in_organisation[1:]] == ["Søren Ærbødig"]
    assert [row[0] for row in searched[1:]] == ["Åse Åby"]


def test_person_export_unknown_format_is_404(staff):
    assert staff.get(export_url("json")).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("size", [1, 3])
def test_person_export_query_count_is_constant(client, db, django_assert_num_queries, fmt, size):
    tenant = TenantFactory(slug="maaling", name="Måling")
    staff_user = UserFactory(email="staff@maaling.example.org")
    grant(staff_user, tenant, Role.CENTRE_STAFF)
    organisation = make_organisation(tenant, name="Målerne")
    for number in range(size):
        person = make_person(tenant, full_name=f"Person {number}")
        with scopes_disabled():
            OrganisationRole.objects.create(
                tenant=tenant, person=person, organisation=organisation, role=OrganisationRoleKind.CONTACT_PERSON
            )
    client.force_login(staff_user)

    with django_assert_num_queries(6):
        response = client.get(export_url(fmt, slug="maaling"))

    assert response.status_code == 200
    assert_rows_rendered(response, [f"Person {number}" for number in range(size)])
