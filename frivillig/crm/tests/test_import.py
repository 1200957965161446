"""Importing organisations and people: upload, preview with row errors, confirm, re-import."""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from openpyxl import Workbook

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english
from frivillig.crm.enums import OrganisationKind, OrganisationRoleKind
from frivillig.crm.models import Organisation, OrganisationRole, Person
from frivillig.testing import make_organisation, make_person

START = reverse("crm:import_start", kwargs={"tenant_slug": "alfa"})
PREVIEW = reverse("crm:import_preview", kwargs={"tenant_slug": "alfa"})
CONFIRM = reverse("crm:import_confirm", kwargs={"tenant_slug": "alfa"})

HEADER = ["Navn", "Type", "CVR", "Formål", "Telefon", "Postnummer", "By", "Målgrupper", "Medlem siden", "Offentlig"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def staff(client_for):
    return english(client_for("centre_staff"))


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8-sig", delimiter: str = ";") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, content: bytes, name: str = "organisationer.csv", kind: str = "organisations"):
    return client.post(START, {"kind": kind, "file": SimpleUploadedFile(name, content)})


def preview(client, content: bytes, **options):
    response = upload(client, content, **options)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return client.get(response.url)


def import_file(client, content: bytes, **options):
    """Upload, look at the preview, confirm; returns the confirmation's response (followed)."""
    response = preview(client, content, **options)
    assert response.context["plan"].is_valid, response.context["plan"].errors
    return client.post(CONFIRM, {"fil": response.context["token"]}, follow=True)


def organisations(tenant) -> list[Organisation]:
    with scopes_disabled():
        return list(Organisation.objects.filter(tenant=tenant).prefetch_related("target_groups").order_by("pk"))


def test_import_start_page_shows_form_and_templates(staff):
    response = staff.get(START)

    content = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in content
    assert reverse("crm:import_template", kwargs={"tenant_slug": "alfa", "kind": "personer"}) in content


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_import_danish_letters_survive_the_encoding(staff, personas, encoding):
    content = csv_bytes(
        [HEADER, ["Ældre Sagen Søllested", "Forening", "", "Åbne fællesskaber", "", "4180", "Sorø", "", "", ""]],
        encoding=encoding,
    )

    response = import_file(staff, content)

    assert response.status_code == 200
    assert "The import is done: 1 created and 0 updated." in response.content.decode()
    created = organisations(personas.tenant)[-1]
    assert (created.name, created.purpose, created.town) == ("Ældre Sagen Søllested", "Åbne fællesskaber", "Sorø")


def test_import_xlsx_keeps_danish_letters_and_reads_numbers_and_dates(staff, personas):
    content = xlsx_bytes(
        [HEADER, ["Øens Lektiecafé", "Socialøkonomisk virksomhed", 29403473, "", 12345678, 4180, "Ærø", "", None, "ja"]]
    )

    import_file(staff, content, name="organisationer.xlsx")

    created = organisations(personas.tenant)[-1]
    assert (created.name, created.town, created.cvr) == ("Øens Lektiecafé", "Ærø", "29403473")
    assert created.kind == OrganisationKind.SOCIAL_ENTERPRISE
    assert (created.phone, created.postcode, created.is_public) == ("+45 12 34 56 78", "4180", True)


def test_import_normalises_and_links_tags(staff, personas):
    content = csv_bytes(
        [
            HEADER,
            [
                "Røde Kors Alfa",
                "",
                "DK 29 40 34 73",
                "",
                "0045 87654321",
                "4180",
                "Sorø",
                "Ældre, ensomhed",
                "01-03-2017",
                "nej",
            ],
        ]
    )

    import_file(staff, content)

    created = organisations(personas.tenant)[-1]
    assert created.kind == OrganisationKind.ASSOCIATION
    assert (created.cvr, created.phone, created.member_since) == ("29403473", "+45 87 65 43 21", date(2017, 3, 1))
    assert sorted(tag.slug for tag in created.target_groups.all()) == ["aeldre", "ensomhed"]


def test_import_one_bad_row_imports_nothing_and_names_row_and_column(staff, personas):
    before = len(organisations(personas.tenant))
    content = csv_bytes(
        [
            HEADER,
            ["Første", "", "", "", "", "", "", "", "", ""],
            ["Anden", "", "", "", "", "", "", "", "", ""],
            ["Tredje", "", "12345678", "", "", "", "", "", "", ""],
            ["Fjerde", "", "", "", "", "41800", "", "", "", ""],
        ]
    )

    response = preview(staff, content)

    page = response.content.decode()
    assert "Row 4, column CVR: The CVR number 12345678 is not valid: the check digit does not match." in page
    assert "Row 5, column Postnummer: A postcode has four digits." in page
    assert "Nothing has been imported: 2 rows have errors" in page
    assert "Upload a corrected file" in page
    assert 'action="' + CONFIRM not in page
    # A confirmation sent anyway (an old tab, a crafted request) checks again and imports nothing.
    confirmed = staff.post(CONFIRM, {"fil": response.context["token"]})
    assert confirmed.status_code == 200
    assert len(organisations(personas.tenant)) == before
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="crm.import.completed").exists()


def test_import_unknown_tag_kind_date_and_flag_are_row_errors(staff):
    content = csv_bytes([HEADER, ["Alfa Nord", "Klub", "", "", "", "", "", "Ældre, Rumvæsner", "31-02-2017", "måske"]])

    page = preview(staff, content).content.decode()

    assert "Row 2, column Type: Klub is not a kind of organisation we know." in page
    assert "Row 2, column Målgrupper: We do not know Rumvæsner." in page
    assert "Row 2, column Medlem siden: Write the date as dd-mm-yyyy" in page
    assert "Row 2, column Offentlig: Write ja or nej." in page


def test_import_duplicates_inside_the_file_are_errors(staff):
    content = csv_bytes(
        [
            ["Navn", "CVR"],
            ["Alfa Nord", "29403473"],
            ["Alfa Syd", "29 40 34 73"],
            ["Uden CVR", ""],
            ["uden cvr", ""],
        ]
    )

    page = preview(staff, content).content.decode()

    assert "Row 3, column CVR: The same CVR number is also in row 2." in page
    assert "Row 5, column Navn: An organisation with the same name and no CVR number is also in row 4." in page


def test_import_again_updates_by_cvr_instead_of_duplicating(staff, personas):
    first = csv_bytes([["Navn", "CVR", "Telefon", "By"], ["Alfa Nord", "29403473", "12345678", "Sorø"]])
    import_file(staff, first)
    count = len(organisations(personas.tenant))
    second = csv_bytes([["Name", "CVR", "Phone", "Town"], ["Alfa Nord og Syd", "29403473", "87654321", ""]])

    response = preview(staff, second)
    assert "Updates Alfa Nord" in response.content.decode()
    staff.post(CONFIRM, {"fil": response.context["token"]})

    assert len(organisations(personas.tenant)) == count
    with scopes_disabled():
        updated = Organisation.objects.get(cvr="29403473")
        entries = list(AuditEntry.objects.filter(code="crm.import.completed").order_by("pk"))
    assert (updated.name, updated.phone) == ("Alfa Nord og Syd", "+45 87 65 43 21")
    assert updated.town == "Sorø", "an empty cell never erases"
    assert [(e.data["created"], e.data["updated"]) for e in entries] == [(1, 0), (0, 1)]
    assert entries[1].data["updated_ids"] == [updated.pk]
    assert (entries[1].actor, entries[1].tenant) == (personas.user("centre_staff"), personas.tenant)


def test_import_updates_an_organisation_by_name_when_it_has_no_cvr(staff, personas):
    content = csv_bytes([["Navn", "CVR", "By"], ["alfa lektiecafé", "29403473", "Ringsted"]])

    import_file(staff, content)

    with scopes_disabled():
        personas.other_organisation.refresh_from_db()
    assert (personas.other_organisation.cvr, personas.other_organisation.town) == ("29403473", "Ringsted")


def test_import_name_shared_by_two_organisations_is_an_error(staff, personas):
    make_organisation(personas.tenant, name="Alfa Lektiecafé")

    page = preview(staff, csv_bytes([["Navn"], ["Alfa Lektiecafé"]])).content.decode()

    assert "Row 2, column Navn: 2 organisations in the register are called Alfa Lektiecafé." in page


PEOPLE_HEADER = ["Navn", "E-mail", "Telefon", "Afdeling", "Stilling", "Organisation", "Rolle"]


def test_import_people_with_roles_and_reimport_by_email(staff, personas):
    content = csv_bytes(
        [
            PEOPLE_HEADER,
            ["Søren Ågård", "Soren@Example.org", "12345678", "", "", "12345674", "Formand"],
            ["Bente Ørum", "bente@example.org", "", "Ældreområdet", "Konsulent", "Alfa Lektiecafé", ""],
            ["Ib Uden", "", "", "", "", "", ""],
        ],
        encoding="cp1252",
    )
    import_file(staff, content, name="personer.csv", kind="people")

    with scope(tenant=personas.tenant):
        soren = Person.objects.get(full_name="Søren Ågård")
        roles = {(r.person.full_name, r.organisation.name, r.role) for r in OrganisationRole.objects.all()}
    assert soren.phone == "+45 12 34 56 78"
    assert roles == {
        ("Søren Ågård", "Alfa Besøgsvenner", OrganisationRoleKind.CHAIR),
        ("Bente Ørum", "Alfa Lektiecafé", OrganisationRoleKind.CONTACT_PERSON),
    }

    again = csv_bytes([PEOPLE_HEADER, ["Søren Aagaard", "soren@example.ORG", "", "", "", "12345674", "formand"]])
    response = preview(staff, again, name="personer.csv", kind="people")
    assert "Updates Søren Ågård" in response.content.decode()
    staff.post(CONFIRM, {"fil": response.context["token"]})

    with scope(tenant=personas.tenant):
        assert Person.objects.count() == 3
        assert OrganisationRole.objects.filter(person=soren).count() == 1
        soren.refresh_from_db()
    assert (soren.full_name, soren.phone) == ("Søren Aagaard", "+45 12 34 56 78")


def test_import_people_row_errors(staff, personas):
    make_person(personas.tenant, full_name="Dobbelt 1", email="dobbelt@example.org")
    make_person(personas.tenant, full_name="Dobbelt 2", email="DOBBELT@example.org")
    content = csv_bytes(
        [
            PEOPLE_HEADER,
            ["Uden organisation", "", "", "", "", "", "Kasserer"],
            ["Ukendt", "", "", "", "", "Findes Ikke", "Formand"],
            ["Forkert rolle", "", "", "", "", "Alfa Lektiecafé", "Kejser"],
            ["Forkert mail", "ikke-en-mail", "", "", "", "", ""],
            ["Dobbelt", "dobbelt@example.org", "", "", "", "", ""],
            ["Ny", "ny@example.org", "", "", "", "", ""],
            ["Ny igen", "NY@example.org", "", "", "", "", ""],
            ["Udenlandsk", "", "12", "", "", "", ""],
            ["Fremmed forening", "", "", "", "", "Charlie Idrætsforening", ""],
        ]
    )

    page = preview(staff, content, kind="people").content.decode()

    assert "Row 2, column Rolle: A role needs an organisation." in page
    assert "Row 3, column Organisation: There is no organisation Findes Ikke in the register." in page
    assert "Row 4, column Rolle: Kejser is not a role we know." in page
    assert "Row 5, column E-mail: Enter a valid email address." in page
    assert "Row 6, column E-mail: 2 people in the register have this e-mail address." in page
    assert "Row 8, column E-mail: The same e-mail address is also in row 7." in page
    assert "Row 9, column Telefon: Write a Danish phone number" in page
    assert "Row 10, column Organisation: There is no organisation Charlie Idrætsforening" in page


def test_import_file_too_large_is_a_form_error(staff):
    content = b"Navn\r\n" + b"x" * (5 * 1024 * 1024)

    response = upload(staff, content)

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["The file is too large. It may be at most 5 MB."]


def test_import_too_many_rows_is_a_form_error(staff, personas):
    content = csv_bytes([["Navn"]] + [[f"Forening {n}"] for n in range(5001)])

    response = upload(staff, content)

    assert response.status_code == 200
    assert "more than 5,000 rows" in response.context["form"].errors["file"][0]
    assert len(organisations(personas.tenant)) == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tom.csv", b"", "The submitted file is empty."),
        ("uden-navn.csv", "By;Formål\r\nSorø;x\r\n".encode(), "The file has no column Navn."),
        ("billede.png", b"\x89PNG\r\n", "Upload a CSV file (.csv) or an Excel workbook (.xlsx)."),
        ("gammel.xlsx", b"Navn\r\nAlfa\r\n", "We could not read the file as an Excel workbook"),
    ],
)
def test_import_unusable_file_is_a_form_error_with_the_choice_kept(staff, name, content, message):
    response = staff.post(START, {"kind": "people", "file": SimpleUploadedFile(name, content)})

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'value="people" checked' in page


def test_import_without_file_or_kind_is_a_form_error(staff):
    response = staff.post(START, {})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"kind", "file"}


def test_import_preview_with_a_forged_token_goes_back_to_the_form(staff):
    response = staff.get(PREVIEW, {"fil": "not-a-token"}, follow=True)

    assert response.redirect_chain == [(START, 302)]
    assert "The file is no longer waiting to be imported" in response.content.decode()


def test_import_token_of_another_person_does_not_work(staff, client_for, personas):
    from frivillig.tenants.enums import Role
    from frivillig.testing import UserFactory, grant

    token = preview(staff, csv_bytes([["Navn"], ["Alfa Nord"]])).context["token"]
    colleague = UserFactory()
    grant(colleague, personas.tenant, Role.CENTRE_STAFF)
    other = client_for("anonymous")
    other.force_login(colleague)

    assert other.get(PREVIEW, {"fil": token}).status_code == 302
    assert other.post(CONFIRM, {"fil": token}).status_code == 302
    assert len(organisations(personas.tenant)) == 2


def test_import_confirmed_twice_imports_once(staff, personas):
    token = preview(staff, csv_bytes([["Navn"], ["Alfa Nord"]])).context["token"]

    staff.post(CONFIRM, {"fil": token})
    second = staff.post(CONFIRM, {"fil": token}, follow=True)

    assert "The file is no longer waiting to be imported" in second.content.decode()
    assert [o.name for o in organisations(personas.tenant)].count("Alfa Nord") == 1
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="crm.import.completed").count() == 1


def test_import_preview_checks_again_against_the_register(staff, personas):
    token = preview(staff, csv_bytes([["Navn"], ["Nyt Navn"]])).context["token"]
    # Meanwhile a colleague registers two organisations with that name.
    make_organisation(personas.tenant, name="Nyt Navn")
    make_organisation(personas.tenant, name="Nyt navn")

    response = staff.post(CONFIRM, {"fil": token})

    assert response.status_code == 200
    assert "2 organisations in the register are called Nyt Navn" in response.content.decode()
    assert len(organisations(personas.tenant)) == 4


@pytest.mark.parametrize(("kind", "first_column"), [("organisationer", "Navn;Type;CVR"), ("personer", "Navn;E-mail")])
def test_import_template_has_the_danish_headings(staff, kind, first_column):
    response = staff.get(reverse("crm:import_template", kwargs={"tenant_slug": "alfa", "kind": kind}))

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="import-{kind}.csv"'
    assert response.content.decode("utf-8").startswith("\ufeff" + first_column)


def test_import_template_round_trips(staff, personas):
    template = staff.get(reverse("crm:import_template", kwargs={"tenant_slug": "alfa", "kind": "organisationer"}))
    content = template.content + b"Skabelonforeningen;Fond;;;;;;;;;;;;;\r\n"

    import_file(staff, content)

    assert organisations(personas.tenant)[-1].kind == OrganisationKind.FOUNDATION


def test_import_template_of_unknown_kind_is_404(staff):
    assert staff.get(reverse("crm:import_template", kwargs={"tenant_slug": "alfa", "kind": "x"})).status_code == 404


def test_import_file_is_removed_after_the_import(staff, settings):
    import_file(staff, csv_bytes([["Navn"], ["Alfa Nord"]]))

    assert list((settings.PRIVATE_ROOT / "imports").iterdir()) == []
