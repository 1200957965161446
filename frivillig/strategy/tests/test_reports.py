"""The yearly status report: creating it for a year, writing its texts, reading it live and as a PDF, and publishing
it, which freezes everything it shows."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core import indicators as registry
from frivillig.core.indicators import CountedRecord, Indicator, Measurement, Param, ParamKind
from frivillig.core.tests.helpers import english, pdf_titles
from frivillig.crm.models import Organisation
from frivillig.strategy.enums import ReportStatus, TargetKind
from frivillig.strategy.models import ManualValue, ReportVersion, StatusReport, StatusText
from frivillig.strategy.services_reports import report_create, report_publish
from frivillig.strategy.tests.helpers import make_goal, make_initiative, make_plan, make_target, url
from frivillig.testing import assert_rows_rendered, make_organisation

FAKE_KEY = "tests.organisations"


def _organisations(*, tenant, starts_on, ends_on, town=None) -> Measurement:
    """A test indicator: the tenant's organisations (of a town), each a counted record."""
    organisations = Organisation.objects.filter(tenant=tenant).order_by("name")
    if town:
        organisations = organisations.filter(town=town)
    records = [CountedRecord(key=f"crm.organisation:{o.pk}", label=o.name) for o in organisations]
    return Measurement(value=Decimal(len(records)), records=records)


FAKE = Indicator(
    key=FAKE_KEY,
    label_da="Foreninger i testen",
    label_en="Associations in the test",
    compute=_organisations,
    params=(Param("town", ParamKind.TEXT, "By", "Town", required=False),),
)


@pytest.fixture
def fake_indicator(monkeypatch):
    real = registry.indicators

    def with_fake():
        return {**real(), FAKE_KEY: FAKE}

    monkeypatch.setattr(registry, "indicators", with_fake)
    return FAKE


@pytest.fixture
def plan_2017(personas):
    """A plan 2017-2018 with a goal, an initiative, a live target (the test indicator) and a manual one."""
    plan = make_plan(personas.tenant, title="Strategi 2017-2018", is_public=True)
    goal = make_goal(plan, title="Flere frivillige foreninger")
    initiative = make_initiative(goal, title="Kursus i rekruttering", background="Foreningerne mangler frivillige.")
    live = make_target(
        goal,
        initiative=initiative,
        indicator_key=FAKE_KEY,
        title="Mindst 8 foreninger er med",
        target_value=Decimal(8),
        story="Foreningerne kom især fra landsbyerne.",
    )
    manual = make_target(goal, title="Mindst 3 netværksmøder holdt", target_value=Decimal(3))
    with scopes_disabled():
        ManualValue.objects.create(
            tenant=plan.tenant,
            target=manual,
            value=Decimal(2),
            measured_on=date(2017, 11, 30),
            note="Referater fra to netværksmøder i mappen",
        )
    return plan, goal, initiative, live, manual


def _report(plan, year=2017) -> StatusReport:
    with scopes_disabled():
        return report_create(plan=plan, year=year, actor=None)


def test_report_is_created_for_a_year_within_the_plans_period(personas, client_for, plan_2017):
    plan = plan_2017[0]
    staff = english(client_for("centre_staff"))

    response = staff.post(url("report_create", pk=plan.pk), {"year": "2017"})

    with scopes_disabled():
        report = StatusReport.objects.get(plan=plan)
    assert response.status_code == 302
    assert response.headers["Location"] == url("report_detail", pk=report.pk)
    assert report.year == 2017 and report.status == ReportStatus.DRAFT


@pytest.mark.parametrize(
    ("year", "message"),
    [("2019", "The year must lie within the plan&#x27;s period, 2017–2018."), ("2017", "already has a status report")],
)
def test_second_report_for_a_year_or_a_year_outside_the_plan_is_refused(year, message, personas, client_for, plan_2017):
    plan = plan_2017[0]
    _report(plan, 2017)
    staff = english(client_for("centre_staff"))

    response = staff.post(url("report_create", pk=plan.pk), {"year": year})

    assert response.status_code == 400
    assert message in response.content.decode()
    with scopes_disabled():
        assert StatusReport.objects.filter(plan=plan).count() == 1


def test_texts_are_saved_per_goal_and_initiative_and_kept_on_an_error(personas, client_for, plan_2017):
    plan, goal, initiative, *_ = plan_2017
    report = _report(plan)
    staff = english(client_for("centre_staff"))
    page = staff.get(url("report_edit", pk=report.pk)).content.decode()
    # The plan's order: the goal before its initiative.
    assert page.index(f'name="goal-{goal.pk}"') < page.index(f'name="initiative-{initiative.pk}"')

    data = {"title": "", "introduction": "Året i korte træk.", f"goal-{goal.pk}": "Godt på vej."}
    refused = staff.post(url("report_edit", pk=report.pk), data)
    assert refused.status_code == 200
    assert "Godt på vej." in refused.content.decode() and "Please correct the following" in refused.content.decode()
    with scopes_disabled():
        assert not StatusText.objects.filter(report=report).exists()

    data.update({"title": "Status 2017", f"initiative-{initiative.pk}": "Kurset blev holdt to gange."})
    response = staff.post(url("report_edit", pk=report.pk), data)
    assert response.status_code == 302
    with scopes_disabled():
        texts = {(t.goal_id, t.initiative_id): t.text for t in StatusText.objects.filter(report=report)}
        report.refresh_from_db()
    assert texts == {(goal.pk, None): "Godt på vej.", (None, initiative.pk): "Kurset blev holdt to gange."}
    assert report.introduction == "Året i korte træk."


def test_another_plans_goal_is_not_written_through_the_report(personas, client_for, plan_2017):
    plan = plan_2017[0]
    other_goal = make_goal(make_plan(personas.tenant, title="Anden plan"), title="Fremmed mål")
    report = _report(plan)
    data = {"title": "Status 2017", f"goal-{other_goal.pk}": "Skrevet udefra"}
    english(client_for("centre_staff")).post(url("report_edit", pk=report.pk), data)
    with scopes_disabled():
        assert not StatusText.objects.filter(goal=other_goal).exists()


def test_live_report_shows_texts_figures_rule_story_chart_and_records(personas, client_for, plan_2017, fake_indicator):
    plan, _goal, initiative, _live, _manual = plan_2017
    report = _report(plan)
    with scopes_disabled():
        StatusText.objects.create(tenant=plan.tenant, report=report, initiative=initiative, text="Holdt i marts.")
    staff = english(client_for("centre_staff"))

    page = staff.get(url("report_detail", pk=report.pk)).content.decode()

    for shown in (
        "Kursus i rekruttering",
        "Foreningerne mangler frivillige.",
        "Holdt i marts.",
        "Mindst 8 foreninger er med",
        "Foreningerne kom især fra landsbyerne.",
        "Associations in the test",
        "A number to reach by a date",
        'id="maal-',
        "<svg",
        "Alfa Besøgsvenner",  # a counted record, for staff to check
        "Referater fra to netværksmøder i mappen",
        "31 December 2017",
    ):
        assert shown in page, shown


def _version_page(client, report, number=1) -> str:
    return client.get(url("report_version", pk=report.pk, number=number)).content.decode()


def test_published_version_does_not_change_when_the_data_or_the_definition_does(
    personas, client_for, plan_2017, fake_indicator, monkeypatch
):
    plan, _goal, _initiative, live, manual = plan_2017
    report = _report(plan)
    staff = english(client_for("centre_staff"))
    response = staff.post(url("report_publish", pk=report.pk), {"note": ""})
    assert response.status_code == 302
    assert response.headers["Location"] == url("report_version", pk=report.pk, number=1)
    _version_page(staff, report)  # shows the message "published" once
    before = _version_page(staff, report)
    assert "Associations in the test" in before and "Alfa Lektiecafé" in before

    # The data changes: another association, a new value entered by hand ...
    make_organisation(personas.tenant, name="Alfa Nye Spejdere")
    with scopes_disabled():
        ManualValue.objects.create(
            tenant=plan.tenant, target=manual, value=Decimal(3), measured_on=date(2017, 12, 15), note="Tredje møde"
        )
        # ... the target's parameters and the indicator's label change ...
        live.params = {"town": "Ringsted"}
        live.save()
    monkeypatch.setattr(registry, "indicators", lambda: {FAKE_KEY: replace(FAKE, label_en="Renamed indicator")})
    with scopes_disabled():
        version = ReportVersion.objects.get(report=report)
        report.refresh_from_db()

    after = _version_page(staff, report)
    assert _body(after) == _body(before)
    assert "Alfa Nye Spejdere" not in after and "Renamed indicator" not in after
    assert report.status == ReportStatus.PUBLISHED
    # ... while the draft reads the data as it is now.
    live_page = staff.get(url("report_detail", pk=report.pk)).content.decode()
    assert "Renamed indicator" in live_page
    # The frozen content holds the definitions, the records' keys and labels, the rules and the settings in force.
    target = version.content["goals"][0]["initiatives"][0]["targets"][0]
    assert target["indicator"]["label_en"] == "Associations in the test"
    assert target["indicator"]["params"] == {}
    assert {"key", "label"} <= set(target["records"][0])
    assert version.content["rules_version"] >= 1
    assert version.content["settings"] == {"on_track_percent": 95, "manual_stale_days": 180}
    assert version.content["as_of"] == "2017-12-31"


def _body(page: str) -> str:
    return page[page.index("<h1") : page.index("</main>")]


def test_new_version_needs_a_note_and_the_earlier_one_stays(personas, client_for, plan_2017, fake_indicator):
    plan = plan_2017[0]
    report = _report(plan)
    with scopes_disabled():
        report_publish(report=report, note="Til udvalgsmødet 1. marts", actor=None)
    staff = english(client_for("centre_staff"))

    refused = staff.post(url("report_publish", pk=report.pk), {"note": "  "})
    assert refused.status_code == 200
    assert "Write what has changed since the previous version." in refused.content.decode()

    make_organisation(personas.tenant, name="Alfa Nye Spejdere")
    response = staff.post(url("report_publish", pk=report.pk), {"note": "Rettet efter mødet"})
    assert response.headers["Location"] == url("report_version", pk=report.pk, number=2)
    first, second = _version_page(staff, report, 1), _version_page(staff, report, 2)
    assert "Alfa Nye Spejdere" not in first and "Alfa Nye Spejdere" in second
    assert "Version 2" in first and "Rettet efter mødet" in first  # the later version is listed with its note
    assert "Published" in second and "version 2" in second and "figures as of 31 December 2017" in second


def test_version_of_another_report_or_a_missing_number_answers_404(personas, client_for, plan_2017, fake_indicator):
    report = _report(plan_2017[0])
    staff = client_for("centre_staff")
    assert staff.get(url("report_version", pk=report.pk, number=1)).status_code == 404
    assert staff.get(url("report_version_pdf", pk=report.pk, number=1)).status_code == 404


def test_pdf_has_a_title_page_contents_and_the_targets(personas, client_for, plan_2017, fake_indicator):
    plan = plan_2017[0]
    report = _report(plan)
    with scopes_disabled():
        report_publish(report=report, note="", actor=None)
    staff = english(client_for("centre_staff"))

    for response in (
        staff.get(url("report_pdf", pk=report.pk)),
        staff.get(url("report_version_pdf", pk=report.pk, number=1)),
    ):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        titles = pdf_titles(response.content)
        assert "Status 2017 – Strategi 2017-2018" in titles  # the document's title
        assert "Contents" in titles
        assert "1. Flere frivillige foreninger" in titles
        assert "Mindst 8 foreninger er med" in titles
    assert response["Content-Disposition"] == 'attachment; filename="strategi-2017-2018-status-2017-version-1.pdf"'


def test_pdf_never_names_the_records_counted(personas, client_for, plan_2017, fake_indicator):
    report = _report(plan_2017[0])
    response = client_for("centre_staff").get(url("report_pdf", pk=report.pk))
    assert "Alfa Besøgsvenner" not in "\n".join(pdf_titles(response.content))
    html = _render_pdf_html(report)
    assert "Alfa Besøgsvenner" not in html and "Referater fra to netværksmøder" not in html


def _render_pdf_html(report) -> str:
    from django.template.loader import render_to_string
    from django_scopes import scope

    from frivillig.strategy.selectors_reports import present, report_content

    with scope(tenant=report.tenant):
        document = present(report_content(report))
        return render_to_string("strategy/report_pdf.html", {"report": report, "document": document, "version": None})


def test_another_tenants_report_answers_404(personas, client_for):
    foreign_plan = make_plan(personas.other_tenant, title="Charlies plan")
    report = _report(foreign_plan, 2018)
    staff = client_for("centre_staff")
    for name in ("report_detail", "report_edit", "report_pdf", "report_publish"):
        assert staff.get(url(name, pk=report.pk)).status_code == 404, name
    assert staff.get(url("report_list", pk=foreign_plan.pk)).status_code == 404


@pytest.mark.parametrize("size", [1, 3])
def test_report_list_query_count_is_constant(size, personas, client_for, django_assert_num_queries):
    plan = make_plan(personas.tenant, title="Plan 2017-2020", starts_on=date(2017, 1, 1), ends_on=date(2020, 12, 31))
    with scopes_disabled():
        for year in range(2017, 2017 + size):
            report = report_create(plan=plan, year=year, actor=None)
            for number in (1, 2):
                ReportVersion.objects.create(
                    tenant=plan.tenant,
                    report=report,
                    number=number,
                    note=f"Note {year}-{number}",
                    as_of=timezone.now(),
                    content={},
                )
    staff = english(client_for("centre_staff"))
    staff.get(url("report_list", pk=plan.pk))  # the session and the menu's caches are warm

    with django_assert_num_queries(8):
        response = staff.get(url("report_list", pk=plan.pk))

    assert_rows_rendered(response, [f"Note {year}-2" for year in range(2017, 2017 + size)])


def test_report_kind_labels_are_kept_in_both_languages(personas, plan_2017, fake_indicator):
    from django_scopes import scope

    from frivillig.strategy.selectors_reports import report_content

    report = _report(plan_2017[0])
    with scope(tenant=report.tenant):
        content = report_content(report)
    target = content["goals"][0]["targets"][0]
    assert target["kind"] == TargetKind.MANUAL
    assert set(target["rule"]) == {"da", "en"} and target["rule"]["da"] != target["rule"]["en"]


def _laid_out_pages(report) -> list[str]:
    """The report's PDF as WeasyPrint lays it out: the text of each page (header, body and footer), in order."""
    from urllib.parse import urljoin

    from django.conf import settings
    from django.template.loader import render_to_string
    from django.utils import translation
    from django_scopes import scope
    from weasyprint import HTML

    from frivillig.core.pdf import FALLBACK_BASE_URL, LocalStaticFetcher
    from frivillig.strategy.selectors_reports import present, report_content

    with scope(tenant=report.tenant), translation.override("en"):
        document = present(report_content(report))
        html = render_to_string("strategy/report_pdf.html", {"report": report, "document": document, "version": None})
    fetcher = LocalStaticFetcher(urljoin(FALLBACK_BASE_URL, settings.STATIC_URL))
    laid_out = HTML(string=html, base_url=FALLBACK_BASE_URL, url_fetcher=fetcher).render()

    def texts(box) -> list[str]:
        found = [box.text] if getattr(box, "text", None) else []
        for child in getattr(box, "children", None) or []:
            found += texts(child)
        return found

    return [" ".join(texts(page._page_box)) for page in laid_out.pages]


def test_pdf_has_a_title_page_then_contents_with_page_numbers_header_and_footer(personas, plan_2017, fake_indicator):
    report = _report(plan_2017[0])

    pages = _laid_out_pages(report)

    total = len(pages)
    title, contents = pages[0], pages[1]
    assert "Strategi 2017-2018" in title and "Status as of 31 December 2017" in title
    assert f"/ {total}" not in title  # the title page has no page number ...
    assert "Contents" in contents and f"2 / {total}" in contents  # ... the others do, and the tenant's name
    assert all("Frivilligcenter Alfa · Strategi 2017-2018" in page for page in pages[1:])
    # The contents name the page each part starts on (an initiative is named only there and on its page).
    heading = "1.1 Kursus i rekruttering"
    starts_on = next(number for number, page in enumerate(pages, start=1) if number > 2 and heading in page)
    assert contents.split(heading, 1)[1].replace(".", " ").split()[0] == str(starts_on)
    assert any("Mindst 8 foreninger er med" in page for page in pages[starts_on - 1 :])
