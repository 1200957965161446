"""Where volunteers are lacking: the figures on a hand-made data set, the public and staff versions, export."""

import csv
import io
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled

from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.crm.services import tags_seed_defaults
from frivillig.tenants.enums import Role
from frivillig.testing import (
    TenantFactory,
    UserFactory,
    assert_rows_rendered,
    grant,
    make_opportunity,
    make_organisation,
)
from frivillig.volunteering.enums import ApplicationStatus, OpportunityStatus
from frivillig.volunteering.models import Application
from frivillig.volunteering.search import refresh_search_fields
from frivillig.volunteering.selectors.needs import Period, needs_overview


def days_ago(days: int) -> datetime:
    # Noon, so a change of daylight saving time never moves the day.
    return datetime.combine(
        timezone.localdate() - timedelta(days=days), time(12), tzinfo=timezone.get_current_timezone()
    )


def tag(tenant, vocabulary, slug):
    with scopes_disabled():
        return Tag.objects.get(tenant=tenant, vocabulary=vocabulary, slug=slug)


def apply(opportunity, status=ApplicationStatus.NEW, *, confirmed=True):
    number = Application.objects.with_scopes_disabled().count()
    with scopes_disabled():
        return Application.objects.create(
            tenant=opportunity.tenant,
            opportunity=opportunity,
            full_name=f"Ansøger {number}",
            email=f"ansoeger{number}@example.org",
            status=status,
            email_confirmed_at=timezone.now() if confirmed else None,
        )


def opportunity(organisation, *, target_group=None, activity_area=None, **fields):
    made = make_opportunity(organisation, **fields)
    with scopes_disabled():
        if target_group:
            made.target_groups.add(tag(organisation.tenant, Vocabulary.TARGET_GROUP, target_group))
        if activity_area:
            made.activity_areas.add(tag(organisation.tenant, Vocabulary.ACTIVITY_AREA, activity_area))
        refresh_search_fields(made)  # what opportunity_save does after writing the words
    return made


@pytest.fixture
def data(personas):
    """Three opportunities of the last 12 months, and some that must not count."""
    visiting = opportunity(
        personas.organisation,
        title="Besøgsven",
        target_group="aeldre",
        activity_area="besoegsvenner",
        volunteers_needed=3,
        published_at=days_ago(30),
        postcode="4180",
        town="Sorø",
    )
    apply(visiting, ApplicationStatus.STARTED)
    apply(visiting, ApplicationStatus.NEW)
    apply(visiting, ApplicationStatus.NEW, confirmed=False)  # invisible until confirmed
    homework = opportunity(
        personas.other_organisation,
        title="Lektiehjælper",
        target_group="boern-og-unge",
        activity_area="lektiehjaelp",
        volunteers_needed=2,
        status=OpportunityStatus.CLOSED,
        published_at=days_ago(20),
        closed_at=days_ago(10),
        postcode="4100",
        town="Ringsted",
    )
    apply(homework, ApplicationStatus.DECLINED)
    cooking = opportunity(
        personas.organisation,
        title="Kok",
        target_group="aeldre",
        volunteers_needed=1,
        status=OpportunityStatus.FILLED,
        published_at=days_ago(50),
        closed_at=days_ago(30),
        is_remote=True,
    )
    apply(cooking, ApplicationStatus.STARTED)
    # Not counted: a draft, one that closed long before the period, and one in another tenant.
    opportunity(personas.organisation, title="Kladde", status=OpportunityStatus.DRAFT, volunteers_needed=5)
    opportunity(
        personas.organisation,
        title="Gammel",
        status=OpportunityStatus.CLOSED,
        published_at=days_ago(800),
        closed_at=days_ago(700),
        volunteers_needed=4,
        target_group="aeldre",
    )
    apply(opportunity(personas.foreign_organisation, volunteers_needed=7, target_group="aeldre"))
    return personas


def overview(tenant, **options):
    today = timezone.localdate()
    with scope(tenant=tenant):
        return needs_overview(tenant, Period.last_twelve_months(today), today=today, **options)


def figures(row):
    return (row.label, row.opportunities, row.open_places, row.unfilled_places, row.applications, row.started)


def test_needs_figures_on_a_hand_made_data_set(data):
    result = overview(data.tenant, with_associations=True)

    assert figures(result.totals)[1:] == (3, 2, 2, 4, 2)
    assert result.median_days_open == 20  # 30 (still open), 10 and 20 days
    assert result.fill_rate == 0.5  # 2 of 4 confirmed applications became volunteers
    assert result.applications_per_opportunity == pytest.approx(4 / 3)


def test_needs_by_target_group_activity_area_association_and_area(data):
    result = overview(data.tenant, with_associations=True)
    with translation.override("en"):
        by_area = overview(data.tenant, with_associations=False).by_area

    assert [figures(row) for row in result.by_target_group] == [
        ("Ældre", 2, 2, 0, 3, 2),
        ("Børn og unge", 1, 0, 2, 1, 0),
    ]
    assert [figures(row) for row in result.by_activity_area] == [
        ("Besøgsvenner", 1, 2, 0, 2, 1),
        ("Lektiehjælp", 1, 0, 2, 1, 0),
    ]
    assert [figures(row) for row in result.by_association] == [
        ("Alfa Besøgsvenner", 2, 2, 0, 3, 2),
        ("Alfa Lektiecafé", 1, 0, 2, 1, 0),
    ]
    assert [figures(row) for row in by_area] == [
        ("4180 Sorø", 1, 2, 0, 2, 1),
        ("From home, or no place given", 1, 0, 0, 1, 1),
        ("4100 Ringsted", 1, 0, 2, 1, 0),
    ]


def test_needs_period_leaves_out_what_was_closed_before_it(data):
    today = timezone.localdate()
    with scope(tenant=data.tenant):
        old = needs_overview(
            data.tenant,
            Period(start=today - timedelta(days=900), end=today - timedelta(days=600)),
            today=today,
            with_associations=False,
        )
    assert figures(old.totals)[1:] == (1, 0, 4, 0, 0)


def test_needs_page_shows_the_numbers_and_hides_associations(data, client_for):
    client = client_for("anonymous")
    client.cookies["frivillig_language"] = "en"
    response = client.get(reverse("volunteering:needs", kwargs={"tenant_slug": "alfa"}))

    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["overview"].by_association is None
    assert "Alfa Lektiecafé" not in page and "By association" not in page
    assert "Older people" in page
    assert "Volunteers still wanted, by target group" in page
    assert 'id="needs-chart-target-groups" type="application/json"' in page
    assert 'data-chart="needs-chart-target-groups" aria-hidden="true"' in page
    assert "frivillig/charts.js" in page
    assert reverse("volunteering:needs_export", kwargs={"tenant_slug": "alfa", "fmt": "csv"}) not in page
    assert reverse("volunteering:needs_details", kwargs={"tenant_slug": "alfa"}) not in page


def test_needs_page_links_staff_to_the_details(data, client_for):
    page = client_for("centre_staff").get(reverse("volunteering:needs", kwargs={"tenant_slug": "alfa"})).content
    assert reverse("volunteering:needs_details", kwargs={"tenant_slug": "alfa"}).encode() in page


def test_needs_details_show_associations_and_export_links(data, client_for):
    client = client_for("centre_staff")
    client.cookies["frivillig_language"] = "en"
    response = client.get(reverse("volunteering:needs_details", kwargs={"tenant_slug": "alfa"}))

    page = response.content.decode()
    assert "Alfa Lektiecafé" in page and "Alfa Besøgsvenner" in page
    assert reverse("volunteering:needs_export", kwargs={"tenant_slug": "alfa", "fmt": "xlsx"}) in page


def test_needs_chart_island_holds_the_tables_numbers(data, client_for):
    client = client_for("anonymous")
    client.cookies["frivillig_language"] = "en"
    response = client.get(reverse("volunteering:needs", kwargs={"tenant_slug": "alfa"}))
    assert response.context["target_group_chart"] == {"rows": [{"label": "Older people", "value": 2}]}


def test_needs_period_from_the_address(data, client_for):
    today = timezone.localdate()
    start = today - timedelta(days=900)
    end = today - timedelta(days=600)
    response = client_for("anonymous").get(
        reverse("volunteering:needs", kwargs={"tenant_slug": "alfa"}),
        {"fra": start.isoformat(), "til": end.isoformat()},
    )
    assert response.context["overview"].period == Period(start=start, end=end)
    assert response.context["overview"].totals.opportunities == 1


@pytest.mark.parametrize(
    "params", [{"fra": "i går"}, {"fra": "2024-13-01"}, {"fra": "2024-06-01", "til": "2024-01-01"}]
)
def test_needs_period_with_bad_input_shows_an_error_and_the_default(data, client_for, params):
    client = client_for("anonymous")
    client.cookies["frivillig_language"] = "en"
    response = client.get(reverse("volunteering:needs", kwargs={"tenant_slug": "alfa"}), params)

    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()
    assert response.context["overview"].period == Period.last_twelve_months(timezone.localdate())
    assert response.context["overview"].totals.opportunities == 3


def test_needs_export_csv_has_every_table(data, client_for):
    response = client_for("centre_staff").get(
        reverse("volunteering:needs_export", kwargs={"tenant_slug": "alfa", "fmt": "csv"})
    )

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Alfa Lektiecafé"][2:7] == ["1", "0", "2", "1", "0"]
    assert by_name["Ældre"][2:7] == ["2", "2", "0", "3", "2"]
    total = rows[1]
    assert total[2:] == ["3", "2", "2", "4", "2", "1.3", "50", "20"]


def test_needs_export_xlsx_opens(data, client_for):
    from openpyxl import load_workbook

    response = client_for("centre_staff").get(
        reverse("volunteering:needs_export", kwargs={"tenant_slug": "alfa", "fmt": "xlsx"})
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [cell.value for cell in sheet["B"]]
    assert "Alfa Besøgsvenner" in names and "Ældre" in names


def test_needs_export_unknown_format_is_404(personas, client_for):
    url = reverse("volunteering:needs_export", kwargs={"tenant_slug": "alfa", "fmt": "pdf"})
    assert client_for("centre_staff").get(url).status_code == 404


def test_needs_follow_a_started_volunteer(data, client_for):
    """When an association moves an application to "started", the open places go down."""
    url = reverse("volunteering:needs", kwargs={"tenant_slug": "alfa"})
    assert client_for("anonymous").get(url).context["overview"].totals.open_places == 2
    with scopes_disabled():
        Application.objects.filter(status=ApplicationStatus.NEW, email_confirmed_at__isnull=False).update(
            status=ApplicationStatus.STARTED
        )
    assert client_for("anonymous").get(url).context["overview"].totals.open_places == 1


def _measurement_tenant(size: int):
    tenant = TenantFactory(slug="maaling")
    with scopes_disabled():
        tags_seed_defaults(tenant=tenant)
    staff = UserFactory()
    grant(staff, tenant, Role.CENTRE_STAFF)
    for number in range(size):
        made = opportunity(
            make_organisation(tenant, name=f"Forening {number}"),
            title=f"Opslag {number}",
            target_group="aeldre",
            activity_area="besoegsvenner",
            postcode=f"41{number:02d}",
            published_at=days_ago(10),
        )
        apply(made, ApplicationStatus.STARTED)
    return tenant, staff


@pytest.mark.parametrize("size", [1, 3])
def test_needs_query_count_is_constant(db, client, django_assert_num_queries, size):
    tenant, _staff = _measurement_tenant(size)

    with django_assert_num_queries(6):
        response = client.get(reverse("volunteering:needs", kwargs={"tenant_slug": tenant.slug}))

    assert response.context["overview"].totals.opportunities == size
    # One row per postcode in the table of areas.
    assert_rows_rendered(response, [f"41{number:02d}" for number in range(size)])


@pytest.mark.parametrize("size", [1, 3])
def test_needs_details_query_count_is_constant(db, client, django_assert_num_queries, size):
    tenant, staff = _measurement_tenant(size)
    client.force_login(staff)

    with django_assert_num_queries(10):
        response = client.get(reverse("volunteering:needs_details", kwargs={"tenant_slug": tenant.slug}))

    assert len(response.context["overview"].by_association) == size
    assert_rows_rendered(response, [f"Forening {number}" for number in range(size)])


@pytest.mark.parametrize("size", [1, 3])
def test_needs_export_query_count_is_constant(db, client, django_assert_num_queries, size):
    tenant, staff = _measurement_tenant(size)
    client.force_login(staff)

    with django_assert_num_queries(10):
        response = client.get(reverse("volunteering:needs_export", kwargs={"tenant_slug": tenant.slug, "fmt": "csv"}))

    # Header, total, one target group, one activity area, then an association and a postcode per opportunity.
    assert len(response.content.decode("utf-8-sig").splitlines()) == 4 + size + size
    assert_rows_rendered(response, [f"Forening {number}" for number in range(size)])
    assert_rows_rendered(response, [f"41{number:02d}" for number in range(size)])
