import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from frivillig.core.tests.helpers import english
from frivillig.crm.enums import OrganisationKind, Vocabulary
from frivillig.crm.models import Organisation, Tag
from frivillig.crm.services import tags_seed_defaults
from frivillig.tenants.enums import Role
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant, make_organisation

HEADER = [
    "Name",
    "Kind",
    "CVR number",
    "E-mail",
    "Phone",
    "Address",
    "Postcode",
    "Town",
    "Website",
    "Target groups",
    "Activity areas",
    "Member since",
    "Public in the directory",
    "Archived",
]


def export_url(fmt: str, slug: str = "alfa") -> str:
    return reverse("crm:organisation_export", kwargs={"tenant_slug": slug, "fmt": fmt})


@pytest.fixture
def staff(client_for):
    return english(client_for("centre_staff"))


@pytest.fixture
def rich_organisation(personas):
    with scopes_disabled():
        Organisation.objects.filter(pk=personas.organisation.pk).update(
            phone="+45 12 34 56 78",
            address="Ærøvej 5",
            website="https://besoeg.example.org",
            member_since=date(2016, 4, 1),
            email="besøg@example.org",
        )
        personas.organisation.target_groups.add(
            Tag.objects.get(tenant=personas.tenant, vocabulary=Vocabulary.TARGET_GROUP, slug="aeldre"),
            Tag.objects.get(tenant=personas.tenant, vocabulary=Vocabulary.TARGET_GROUP, slug="ensomhed"),
        )
        personas.organisation.activity_areas.add(
            Tag.objects.get(tenant=personas.tenant, vocabulary=Vocabulary.ACTIVITY_AREA, slug="besoegsvenner")
        )
    return personas.organisation


def read_csv(response) -> list[list[str]]:
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_organisation_export_csv_is_danish_excel_with_every_column(staff, rich_organisation):
    response = staff.get(export_url("csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="organisationer-')
    assert b";" in response.content
    rows = read_csv(response)
    assert rows[0] == HEADER
    assert rows[1] == [
        "Alfa Besøgsvenner",
        "Association",
        "12345674",
        "besøg@example.org",
        "+45 12 34 56 78",
        "Ærøvej 5",
        "4180",
        "Sorø",
        "https://besoeg.example.org",
        "Older people, Loneliness",
        "Visiting friends",
        "01-04-2016",
        "ja",
        "",
    ]
    assert [row[0] for row in rows[1:]] == ["Alfa Besøgsvenner", "Alfa Lektiecafé"]


def test_organisation_export_xlsx_has_the_same_rows(staff, rich_organisation):
    response = staff.get(export_url("xlsx"))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    rows = read_xlsx(response)
    assert rows[0] == HEADER
    first = rows[1]
    assert first[0] == "Alfa Besøgsvenner"
    assert first[4] == "+45 12 34 56 78"  # typed cells: no formula guard needed for a leading +
    assert first[5] == "Ærøvej 5"
    assert first[9] == "Older people, Loneliness"
    assert first[11].date() == date(2016, 4, 1)
    assert first[12] == "ja"
    assert [row[0] for row in rows[1:]] == ["Alfa Besøgsvenner", "Alfa Lektiecafé"]


def test_organisation_export_follows_the_list_filter(staff, personas, rich_organisation):
    make_organisation(personas.tenant, name="Købmanden", kind=OrganisationKind.BUSINESS)
    make_organisation(personas.tenant, name="Gammel Forening", archived_at=timezone.now())

    assert [row[0] for row in read_csv(staff.get(export_url("csv"), {"type": "business"}))[1:]] == ["Købmanden"]
    assert [row[0] for row in read_csv(staff.get(export_url("csv"), {"medlem": "ja"}))[1:]] == ["Alfa Besøgsvenner"]
    archived = read_csv(staff.get(export_url("csv"), {"arkiverede": "on", "soeg": "gammel"}))
    assert archived[1][0] == "Gammel Forening" and archived[1][-1] != ""
    everything = read_xlsx(staff.get(export_url("xlsx")))
    assert "Gammel Forening" not in [row[0] for row in everything]
    assert "Charlie Idrætsforening" not in [row[0] for row in everything]


def test_organisation_export_unknown_format_is_404(staff):
    assert staff.get(export_url("pdf")).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("size", [1, 3])
def test_organisation_export_query_count_is_constant(client, db, django_assert_num_queries, fmt, size):
    tenant = TenantFactory(slug="maaling", name="Måling")
    staff_user = UserFactory(email="staff@maaling.example.org")
    grant(staff_user, tenant, Role.CENTRE_STAFF)
    with scopes_disabled():
        tags_seed_defaults(tenant=tenant)
        tags = list(Tag.objects.filter(tenant=tenant, vocabulary=Vocabulary.TARGET_GROUP)[:2])
    for number in range(size):
        organisation = make_organisation(tenant, name=f"Forening {number}")
        with scopes_disabled():
            organisation.target_groups.add(*tags)
    client.force_login(staff_user)

    with django_assert_num_queries(7):
        response = client.get(export_url(fmt, slug="maaling"))

    assert response.status_code == 200
    assert_rows_rendered(response, [f"Forening {number}" for number in range(size)])
