import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.crm.enums import InteractionKind, Vocabulary
from frivillig.crm.models import Interaction, Tag
from frivillig.tenants.enums import Role
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant, make_organisation, make_person


def url(name: str, **kwargs) -> str:
    return reverse(f"crm:{name}", kwargs={"tenant_slug": "alfa", **kwargs})


def english(client):
    client.cookies["frivillig_language"] = "en"
    return client


def theme(tenant, slug: str) -> Tag:
    with scopes_disabled():
        return Tag.objects.get(tenant=tenant, vocabulary=Vocabulary.THEME, slug=slug)


def make_interaction(tenant, *, organisations=(), people=(), topics=(), **fields) -> Interaction:
    fields.setdefault("kind", InteractionKind.MEETING)
    fields.setdefault("happened_on", date(2018, 5, 1))
    fields.setdefault("summary", "Et møde")
    with scopes_disabled():
        interaction = Interaction.objects.create(tenant=tenant, **fields)
        interaction.organisations.set(organisations)
        interaction.people.set(people)
        interaction.topics.set(topics)
    return interaction


def audit(code: str) -> list[AuditEntry]:
    with scopes_disabled():
        return list(AuditEntry.objects.filter(code=code).select_related("actor"))


def valid_data(personas, **overrides) -> dict:
    data = {
        "kind": InteractionKind.ADVICE_SESSION,
        "happened_on": "2018-04-10",
        "organisations": [personas.organisation.pk],
        "people": [],
        "staff": personas.user("centre_staff").pk,
        "topics": [theme(personas.tenant, "fundraising").pk],
        "summary": "Rådgivning om fondsansøgninger",
        "follow_up_on": "2018-04-24",
    }
    data.update(overrides)
    return data


# --- create ----------------------------------------------------------------------------------------------


def test_interaction_create_saves_the_interaction_with_its_parties_and_topics(personas, client_for):
    person = make_person(personas.tenant, full_name="Bente Bestyrelse")
    client = client_for("centre_staff")

    response = client.post(url("interaction_create"), valid_data(personas, people=[person.pk]))

    with scopes_disabled():
        interaction = Interaction.objects.get()
        assert response.status_code == 302
        assert response.headers["Location"] == url("interaction_detail", pk=interaction.pk)
        assert interaction.tenant == personas.tenant
        assert interaction.kind == InteractionKind.ADVICE_SESSION
        assert interaction.happened_on == date(2018, 4, 10)
        assert interaction.follow_up_on == date(2018, 4, 24)
        assert interaction.staff == personas.user("centre_staff")
        assert list(interaction.organisations.all()) == [personas.organisation]
        assert list(interaction.people.all()) == [person]
        assert [tag.slug for tag in interaction.topics.all()] == ["fundraising"]
    [entry] = audit("crm.interaction.created")
    assert entry.actor == personas.user("centre_staff")
    assert entry.target_id == str(interaction.pk)


def test_interaction_create_defaults_to_today_and_the_current_user(personas, client_for):
    response = client_for("centre_staff").get(url("interaction_create"))

    form = response.context["form"]
    assert form["happened_on"].value() == timezone.localdate()
    assert form["staff"].value() == personas.user("centre_staff").pk
    topics = [label for _, label in form.fields["topics"].choices]
    assert len(topics) == 7
    content = response.content.decode()
    assert 'type="checkbox"' in content and 'name="topics"' in content


def test_interaction_create_preselects_the_organisation_and_person_from_the_address(personas, client_for):
    person = make_person(personas.tenant, full_name="Preben Valgt")

    response = client_for("centre_staff").get(
        url("interaction_create") + f"?organisation={personas.organisation.pk}&person={person.pk}"
    )

    form = response.context["form"]
    assert form["organisations"].value() == [personas.organisation.pk]
    assert form["people"].value() == [person.pk]


def test_interaction_create_ignores_a_preselection_from_another_tenant(personas, client_for):
    foreign = personas.foreign_organisation.pk
    response = client_for("centre_staff").get(url("interaction_create") + f"?organisation={foreign}&person=abc")

    assert response.status_code == 200
    assert not response.context["form"]["organisations"].value()


def test_interaction_form_follow_up_before_the_date_is_an_error_and_nothing_is_saved(personas, client_for):
    client = english(client_for("centre_staff"))

    response = client.post(
        url("interaction_create"), valid_data(personas, happened_on="2018-04-10", follow_up_on="2018-04-09")
    )

    assert response.status_code == 200
    assert "The follow-up date cannot be before the date of the interaction." in response.content.decode()
    assert "Rådgivning om fondsansøgninger" in response.content.decode()  # the typed text is kept
    with scopes_disabled():
        assert not Interaction.objects.exists()
    assert audit("crm.interaction.created") == []


def test_interaction_form_organisation_of_another_tenant_is_an_error_and_nothing_is_saved(personas, client_for):
    client = english(client_for("centre_staff"))

    response = client.post(
        url("interaction_create"), valid_data(personas, organisations=[personas.foreign_organisation.pk])
    )

    assert response.status_code == 200
    assert response.context["form"].errors["organisations"]
    assert "Charlie Idrætsforening" not in response.content.decode()
    with scopes_disabled():
        assert not Interaction.objects.exists()


def test_interaction_form_person_of_another_tenant_is_an_error(personas, client_for):
    foreign_person = make_person(personas.other_tenant, full_name="Fremmed Person")

    response = client_for("centre_staff").post(
        url("interaction_create"), valid_data(personas, people=[foreign_person.pk])
    )

    assert response.context["form"].errors["people"]
    with scopes_disabled():
        assert not Interaction.objects.exists()


def test_interaction_form_archived_organisations_are_not_choices(personas, client_for):
    archived = make_organisation(personas.tenant, name="Lukket Forening", archived_at=timezone.now())

    response = client_for("centre_staff").post(
        url("interaction_create"), valid_data(personas, organisations=[archived.pk])
    )

    assert response.context["form"].errors["organisations"]
    with scopes_disabled():
        assert not Interaction.objects.exists()


def test_interaction_form_staff_member_must_be_centre_staff_of_the_tenant(personas, client_for):
    response = client_for("centre_staff").post(
        url("interaction_create"), valid_data(personas, staff=personas.user("other_staff").pk)
    )

    assert response.context["form"].errors["staff"]
    staff_names = [label for _, label in response.context["form"].fields["staff"].choices]
    assert staff_names == ["Alfa Centre Staff"]


def test_interaction_form_missing_fields_and_bad_dates_are_errors(personas, client_for):
    client = english(client_for("centre_staff"))

    response = client.post(url("interaction_create"), {"kind": "nonsense", "happened_on": "31-31-2018", "summary": ""})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"kind", "happened_on", "summary"} <= set(errors)
    assert "Please correct the following" in response.content.decode()
    with scopes_disabled():
        assert not Interaction.objects.exists()


# --- detail, edit, follow-up --------------------------------------------------------------------------


def test_interaction_detail_shows_the_interaction(personas, client_for):
    interaction = make_interaction(
        personas.tenant,
        organisations=[personas.organisation],
        topics=[theme(personas.tenant, "lokaler")],
        staff=personas.user("centre_staff"),
        summary="Snak om lokaler i kulturhuset",
    )

    content = english(client_for("centre_staff")).get(url("interaction_detail", pk=interaction.pk)).content.decode()

    assert "Snak om lokaler i kulturhuset" in content
    assert "Alfa Besøgsvenner" in content
    assert "Premises" in content
    assert "Alfa Centre Staff" in content


def test_interaction_edit_saves_changes_and_logs_them(personas, client_for):
    interaction = make_interaction(personas.tenant, organisations=[personas.organisation])

    response = client_for("centre_staff").post(
        url("interaction_edit", pk=interaction.pk),
        valid_data(personas, organisations=[personas.other_organisation.pk], summary="Ny tekst"),
    )

    assert response.status_code == 302
    with scopes_disabled():
        interaction.refresh_from_db()
        assert interaction.summary == "Ny tekst"
        assert list(interaction.organisations.all()) == [personas.other_organisation]
    [entry] = audit("crm.interaction.updated")
    assert "summary" in entry.data["fields"]


def test_interaction_edit_keeps_an_organisation_archived_since(personas, client_for):
    archived = make_organisation(personas.tenant, name="Senere Lukket")
    interaction = make_interaction(personas.tenant, organisations=[archived])
    with scopes_disabled():
        archived.archived_at = timezone.now()
        archived.save()

    response = client_for("centre_staff").post(
        url("interaction_edit", pk=interaction.pk), valid_data(personas, organisations=[archived.pk])
    )

    assert response.status_code == 302
    with scopes_disabled():
        assert list(interaction.organisations.all()) == [archived]


def test_interaction_edit_bad_input_changes_nothing(personas, client_for):
    interaction = make_interaction(personas.tenant, summary="Original", happened_on=date(2018, 5, 1))

    response = client_for("centre_staff").post(
        url("interaction_edit", pk=interaction.pk),
        valid_data(personas, summary="Ændret", happened_on="2018-05-01", follow_up_on="2018-04-01"),
    )

    assert response.status_code == 200
    with scopes_disabled():
        interaction.refresh_from_db()
    assert interaction.summary == "Original"
    assert interaction.follow_up_on is None


def test_interaction_edit_with_a_new_follow_up_date_opens_the_follow_up_again(personas, client_for):
    interaction = make_interaction(
        personas.tenant,
        happened_on=date(2018, 4, 10),
        follow_up_on=date(2018, 4, 20),
        follow_up_done_at=timezone.now(),
        staff=personas.user("centre_staff"),
    )

    client_for("centre_staff").post(
        url("interaction_edit", pk=interaction.pk), valid_data(personas, follow_up_on="2018-06-01")
    )

    with scopes_disabled():
        interaction.refresh_from_db()
    assert interaction.follow_up_on == date(2018, 6, 1)
    assert interaction.follow_up_done_at is None


def test_interaction_follow_up_marks_it_done_and_records_who_and_when(personas, client_for):
    interaction = make_interaction(personas.tenant, follow_up_on=date(2018, 5, 15))

    response = client_for("centre_staff").post(url("interaction_follow_up", pk=interaction.pk))

    assert response.status_code == 302
    assert response.headers["Location"] == url("interaction_detail", pk=interaction.pk)
    with scopes_disabled():
        interaction.refresh_from_db()
    assert interaction.follow_up_done_at is not None
    [entry] = audit("crm.interaction.followed_up")
    assert entry.actor == personas.user("centre_staff")
    assert entry.target_id == str(interaction.pk)


def test_interaction_follow_up_done_twice_is_logged_once(personas, client_for):
    interaction = make_interaction(personas.tenant, follow_up_on=date(2018, 5, 15))
    client = client_for("centre_staff")

    client.post(url("interaction_follow_up", pk=interaction.pk))
    client.post(url("interaction_follow_up", pk=interaction.pk))

    assert len(audit("crm.interaction.followed_up")) == 1


def test_interaction_follow_up_without_a_date_says_so(personas, client_for):
    interaction = make_interaction(personas.tenant)
    client = english(client_for("centre_staff"))

    response = client.post(url("interaction_follow_up", pk=interaction.pk), follow=True)

    assert "This interaction has no follow-up to mark as done." in response.content.decode()
    with scopes_disabled():
        interaction.refresh_from_db()
    assert interaction.follow_up_done_at is None


def test_interaction_follow_up_needs_a_post(personas, client_for):
    interaction = make_interaction(personas.tenant, follow_up_on=date(2018, 5, 15))

    assert client_for("centre_staff").get(url("interaction_follow_up", pk=interaction.pk)).status_code == 405


def test_interaction_of_another_tenant_answers_404(personas, client_for):
    foreign = make_interaction(personas.other_tenant, follow_up_on=date(2018, 5, 15))
    client = client_for("centre_staff")

    assert client.get(url("interaction_detail", pk=foreign.pk)).status_code == 404
    assert client.get(url("interaction_edit", pk=foreign.pk)).status_code == 404
    assert client.post(url("interaction_follow_up", pk=foreign.pk)).status_code == 404
    with scopes_disabled():
        foreign.refresh_from_db()
    assert foreign.follow_up_done_at is None


@pytest.mark.parametrize("persona", ["association_rep", "municipal_staff", "tenant_admin"])
def test_interaction_pages_are_closed_to_everyone_but_centre_staff(persona, personas, client_for):
    interaction = make_interaction(
        personas.tenant, organisations=[personas.organisation], follow_up_on=date(2018, 6, 1)
    )
    client = client_for(persona)

    for address in [
        url("interaction_list"),
        url("interaction_export", fmt="csv"),
        url("interaction_export", fmt="xlsx"),
        url("interaction_create"),
        url("interaction_detail", pk=interaction.pk),
        url("interaction_edit", pk=interaction.pk),
        url("dashboard"),
    ]:
        assert client.get(address).status_code == 403, address
    assert client.post(url("interaction_create"), valid_data(personas)).status_code == 403
    assert client.post(url("interaction_follow_up", pk=interaction.pk)).status_code == 403
    with scopes_disabled():
        assert Interaction.objects.count() == 1
        interaction.refresh_from_db()
    assert interaction.follow_up_done_at is None


# --- the list ---------------------------------------------------------------------------------------------


@pytest.fixture
def logged(personas):
    """Four interactions that differ in one respect each, for the filters."""
    colleague = UserFactory(full_name="Kollega Karlsen")
    grant(colleague, personas.tenant, Role.CENTRE_STAFF)
    staff = personas.user("centre_staff")
    return {
        "meeting": make_interaction(
            personas.tenant,
            kind=InteractionKind.MEETING,
            happened_on=date(2017, 2, 1),
            organisations=[personas.organisation],
            topics=[theme(personas.tenant, "rekruttering")],
            staff=staff,
            summary="Rekruttering af unge frivillige",
        ),
        "call": make_interaction(
            personas.tenant,
            kind=InteractionKind.PHONE_CALL,
            happened_on=date(2017, 6, 1),
            organisations=[personas.other_organisation],
            topics=[theme(personas.tenant, "fundraising")],
            staff=colleague,
            summary="Opkald om fonde",
            follow_up_on=date(2017, 6, 15),
        ),
        "advice": make_interaction(
            personas.tenant,
            kind=InteractionKind.ADVICE_SESSION,
            happened_on=date(2018, 1, 10),
            staff=staff,
            summary="Rådgivning om vedtægter",
            follow_up_on=date(2018, 2, 1),
            follow_up_done_at=timezone.now(),
        ),
        "foreign": make_interaction(
            personas.other_tenant, happened_on=date(2018, 1, 1), summary="Charlies hemmelige møde"
        ),
        "colleague": colleague,
    }


def summaries(response) -> list[str]:
    return [interaction.summary for interaction in response.context["page"].object_list]


def test_interaction_list_shows_the_tenants_interactions_newest_first(personas, client_for, logged):
    response = client_for("centre_staff").get(url("interaction_list"))

    assert summaries(response) == ["Rådgivning om vedtægter", "Opkald om fonde", "Rekruttering af unge frivillige"]
    assert "Charlies hemmelige møde" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=phone_call", ["Opkald om fonde"]),
        ("soeg=Vedtægter", ["Rådgivning om vedtægter"]),
        ("fra=2017-06-01&til=2018-01-09", ["Opkald om fonde"]),
        ("fra=2018-01-10", ["Rådgivning om vedtægter"]),
        ("til=2017-02-01", ["Rekruttering af unge frivillige"]),
        ("aabne=on", ["Opkald om fonde"]),
        ("sorter=aeldste", ["Rekruttering af unge frivillige", "Opkald om fonde", "Rådgivning om vedtægter"]),
    ],
)
def test_interaction_list_filters(query, expected, client_for, logged):
    response = client_for("centre_staff").get(url("interaction_list") + "?" + query)

    assert summaries(response) == expected


def test_interaction_list_filters_by_topic_staff_and_organisation(personas, client_for, logged):
    client = client_for("centre_staff")
    topic = theme(personas.tenant, "rekruttering")

    assert summaries(client.get(url("interaction_list") + f"?emne={topic.pk}")) == ["Rekruttering af unge frivillige"]
    assert summaries(client.get(url("interaction_list") + f"?medarbejder={logged['colleague'].pk}")) == [
        "Opkald om fonde"
    ]
    assert summaries(client.get(url("interaction_list") + f"?organisation={personas.organisation.pk}")) == [
        "Rekruttering af unge frivillige"
    ]


def test_interaction_list_ignores_filter_values_that_make_no_sense(personas, client_for, logged):
    query = f"?fra=i-går&type=bogus&organisation={personas.foreign_organisation.pk}&emne=x&sorter=hack&side=99"

    response = client_for("centre_staff").get(url("interaction_list") + query)

    assert response.status_code == 200
    assert len(summaries(response)) == 3


def test_interaction_list_answers_htmx_with_the_results_only(client_for, logged):
    response = client_for("centre_staff").get(url("interaction_list") + "?type=meeting", HTTP_HX_REQUEST="true")

    content = response.content.decode()
    assert content.lstrip().startswith('<div id="list-results"')
    assert "<html" not in content
    assert "Rekruttering af unge frivillige" in content


def test_interaction_list_marks_overdue_follow_ups_in_words(personas, client_for):
    make_interaction(personas.tenant, follow_up_on=timezone.localdate() - timedelta(days=1), summary="Forsinket")

    content = english(client_for("centre_staff")).get(url("interaction_list")).content.decode()

    assert "Overdue" in content


def test_interaction_list_empty_states(personas, client_for):
    client = english(client_for("centre_staff"))

    assert "No interactions have been logged yet." in client.get(url("interaction_list")).content.decode()
    make_interaction(personas.tenant, kind=InteractionKind.MEETING)
    assert "No interactions match the filter." in client.get(url("interaction_list") + "?type=visit").content.decode()


def _measurement_tenant(size: int):
    tenant = TenantFactory(slug="maaling", name="Måling")
    staff = UserFactory(email="staff@maaling.example.org")
    grant(staff, tenant, Role.CENTRE_STAFF)
    with scopes_disabled():
        from frivillig.crm.services import tags_seed_defaults

        tags_seed_defaults(tenant=tenant)
        topics = list(Tag.objects.filter(tenant=tenant, vocabulary=Vocabulary.THEME)[:2])
    for index in range(size):
        make_interaction(
            tenant,
            organisations=[make_organisation(tenant), make_organisation(tenant)],
            people=[make_person(tenant)],
            topics=topics,
            staff=staff,
            follow_up_on=date(2018, 6, index + 1),
            summary=f"Møde nummer {index}",
        )
    return tenant, staff


@pytest.mark.parametrize("size", [1, 3])
def test_interaction_list_query_count_is_constant(db, client, django_assert_num_queries, size):
    tenant, staff = _measurement_tenant(size)
    client.force_login(staff)
    address = reverse("crm:interaction_list", kwargs={"tenant_slug": tenant.slug})

    with django_assert_num_queries(12):
        response = client.get(address)

    assert response.status_code == 200
    assert len(response.context["page"].object_list) == size
    assert_rows_rendered(response, [f"Møde nummer {index}" for index in range(size)])


# --- the export -------------------------------------------------------------------------------------------


def test_interaction_export_csv_has_the_filtered_rows_in_danish_excel_form(personas, client_for, logged):
    response = client_for("centre_staff").get(url("interaction_export", fmt="csv") + "?type=meeting")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 2
    assert rows[1][0] == "01-02-2017"
    assert rows[1][2] == "Alfa Besøgsvenner"
    assert rows[1][6] == "Rekruttering af unge frivillige"


def test_interaction_export_xlsx_is_a_workbook(client_for, logged):
    from openpyxl import load_workbook

    response = client_for("centre_staff").get(url("interaction_export", fmt="xlsx"))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 4
    assert "Charlies hemmelige møde" not in [cell.value for cell in sheet["G"]]


def test_interaction_export_unknown_format_is_404(client_for):
    assert client_for("centre_staff").get(url("interaction_export", fmt="pdf")).status_code == 404


@pytest.mark.parametrize("size", [1, 3])
def test_interaction_export_query_count_is_constant(db, client, django_assert_num_queries, size):
    tenant, staff = _measurement_tenant(size)
    client.force_login(staff)
    address = reverse("crm:interaction_export", kwargs={"tenant_slug": tenant.slug, "fmt": "csv"})

    with django_assert_num_queries(8):
        response = client.get(address)

    assert response.content.decode("utf-8").count("Møde nummer") == size
    assert_rows_rendered(response, [f"Møde nummer {index}" for index in range(size)])
