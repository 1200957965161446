"""Volunteering's indicators against hand-made data with known answers: the period's Danish days (both ends
included, 23:30 on 31 December belongs to that year), the parameters, and the records a person checks."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled

from frivillig.core.indicators import Shape, indicator, indicators
from frivillig.testing import assert_records_counted, make_opportunity, measure_both_ways
from frivillig.volunteering import indicators as volunteering_indicators
from frivillig.volunteering.enums import ApplicationStatus, OpportunityStatus
from frivillig.volunteering.indicators import ApplicationSource
from frivillig.volunteering.models import Application

DANISH = ZoneInfo("Europe/Copenhagen")
YEAR_2017 = {"starts_on": date(2017, 1, 1), "ends_on": date(2017, 12, 31)}


def danish(year, month, day, hour=12, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=DANISH)


def apply(opportunity, name: str, *, confirmed=None, status=ApplicationStatus.NEW, changed=None) -> Application:
    with scopes_disabled():
        return Application.objects.create(
            tenant=opportunity.tenant,
            opportunity=opportunity,
            full_name=name,
            email=f"{name.lower().replace(' ', '.')}@example.org",
            email_confirmed_at=confirmed,
            status=status,
            status_changed_at=changed,
        )


def measure(key: str, tenant, *, params=None, language="da", records=None, **period):
    """The measurement with its records (checked against the number alone); `records` True or False: that one
    measurement alone (to count its queries)."""
    period = period or YEAR_2017
    with translation.override(language), scope(tenant=tenant):
        if records is not None:
            return indicator(key).measure(tenant=tenant, params=params, records=records, **period)
        return measure_both_ways(indicator(key), tenant=tenant, params=params, **period)


def keys(measurement) -> list[str]:
    return [record.key for record in measurement.records]


def application_keys(*applications) -> list[str]:
    return [f"volunteering.application:{application.pk}" for application in applications]


@pytest.fixture
def opportunity(personas):
    return make_opportunity(personas.organisation, title="Besøgsven", published_at=danish(2017, 1, 2))


def test_the_indicators_are_registered_with_danish_labels_and_their_shapes():
    registered = indicators()

    shapes = {
        key: registered[key].shape
        for key in (
            "volunteering.applications",
            "volunteering.became_volunteers",
            "volunteering.open_places",
            "volunteering.fill_rate",
        )
    }
    assert shapes == {
        "volunteering.applications": Shape.COUNT,
        "volunteering.became_volunteers": Shape.COUNT,
        "volunteering.open_places": Shape.LEVEL,
        "volunteering.fill_rate": Shape.LEVEL,
    }
    assert registered["volunteering.became_volunteers"].label_da == "Ansøgere, der blev frivillige"


# --- applications ----------------------------------------------------------------------------------------------


def test_applications_are_counted_on_the_danish_day_they_were_received(personas, opportunity):
    first_minute = apply(opportunity, "Første Minut", confirmed=danish(2017, 1, 1, 0, 10))
    new_years_eve = apply(opportunity, "Nytårs Aften", confirmed=danish(2017, 12, 31, 23, 30))
    apply(opportunity, "Efter Midnat", confirmed=danish(2018, 1, 1, 0, 30))  # still 2017 in UTC
    apply(opportunity, "Året Før", confirmed=danish(2016, 12, 31, 23, 50))
    apply(opportunity, "Aldrig Bekræftet")  # a guest who never confirmed the address
    foreign = make_opportunity(personas.foreign_organisation, published_at=danish(2017, 1, 2))
    apply(foreign, "Anden Kommune", confirmed=danish(2017, 6, 1))

    measured = measure("volunteering.applications", personas.tenant)

    assert measured.value == Decimal(2)
    assert keys(measured) == application_keys(first_minute, new_years_eve)
    assert (
        measure(
            "volunteering.applications", personas.tenant, starts_on=date(2018, 1, 1), ends_on=date(2018, 12, 31)
        ).value
        == 1
    )


def test_an_application_record_names_the_opportunity_never_the_applicant(personas, opportunity):
    application = apply(opportunity, "Hemmelig Ansøger", confirmed=danish(2017, 12, 31, 23, 30))

    record = measure("volunteering.applications", personas.tenant, language="en").records[0]

    assert record.key == f"volunteering.application:{application.pk}"
    assert record.label == "Besøgsven – Alfa Besøgsvenner"
    assert "Hemmelig" not in record.label + record.detail
    assert record.url == reverse("volunteering:pipeline", kwargs={"tenant_slug": "alfa", "pk": opportunity.pk})
    assert record.detail == "Received 31.12.2017"
    assert measure("volunteering.applications", personas.tenant).records[0].detail == "Modtaget 31.12.2017"


# --- became volunteers -----------------------------------------------------------------------------------------


def test_became_volunteers_counts_the_step_to_started_by_its_danish_day(personas, opportunity):
    confirmed = danish(2017, 3, 1)
    new_years_eve = apply(
        opportunity,
        "Nytårs Aften",
        confirmed=confirmed,
        status=ApplicationStatus.STARTED,
        changed=danish(2017, 12, 31, 23, 30),
    )
    apply(
        opportunity,
        "Efter Midnat",
        confirmed=confirmed,
        status=ApplicationStatus.STARTED,
        changed=danish(2018, 1, 1, 0, 30),
    )
    apply(opportunity, "Kun Møde", confirmed=confirmed, status=ApplicationStatus.MEETING, changed=danish(2017, 6, 1))
    # Started in 2017 and the step undone since: no longer a volunteer.
    apply(opportunity, "Fortrudt", confirmed=confirmed, status=ApplicationStatus.CONTACTED, changed=danish(2017, 7, 1))
    apply(opportunity, "Sagde Nej", confirmed=confirmed, status=ApplicationStatus.DECLINED, changed=danish(2017, 7, 1))

    measured = measure("volunteering.became_volunteers", personas.tenant, language="en")

    assert measured.value == 1
    assert keys(measured) == application_keys(new_years_eve)
    assert measured.records[0].detail == "Became a volunteer 31.12.2017"
    assert (
        measure(
            "volunteering.became_volunteers", personas.tenant, starts_on=date(2018, 1, 1), ends_on=date(2018, 1, 1)
        ).value
        == 1
    )


@pytest.fixture
def campaign_source(monkeypatch, personas):
    """A source as an app above would offer it (events' campaigns): here "the applications to one opportunity made
    in March"; the registry is replaced at its edge."""

    def choices(tenant):
        return [("march", "Marts-kampagnen")] if tenant == personas.tenant else []

    def condition(tenant, value):
        if value != "march":
            return None
        return Q(opportunity__title="Kampagnejob", created_at__month=3)

    source = ApplicationSource(prefix="test", choices=choices, condition=condition)
    monkeypatch.setattr(volunteering_indicators, "application_sources", lambda: {"test": source})
    return source


def test_a_source_narrows_both_counts_and_an_unknown_source_has_no_data(personas, opportunity, campaign_source):
    campaign_job = make_opportunity(personas.organisation, title="Kampagnejob", published_at=danish(2017, 1, 2))
    started = danish(2017, 5, 1)
    from_campaign = apply(
        campaign_job, "Fra Kampagnen", confirmed=danish(2017, 3, 5), status=ApplicationStatus.STARTED, changed=started
    )
    later = apply(
        campaign_job, "Senere", confirmed=danish(2017, 4, 5), status=ApplicationStatus.STARTED, changed=started
    )
    apply(opportunity, "Andet Job", confirmed=danish(2017, 3, 5), status=ApplicationStatus.STARTED, changed=started)
    with scopes_disabled():
        Application.objects.filter(pk=from_campaign.pk).update(created_at=danish(2017, 3, 5))
        Application.objects.filter(pk=later.pk).update(created_at=danish(2017, 4, 5))

    assert measure("volunteering.applications", personas.tenant, params={"source": "test:march"}).value == 1
    became = measure("volunteering.became_volunteers", personas.tenant, params={"source": "test:march"})
    assert keys(became) == application_keys(from_campaign)
    assert measure("volunteering.became_volunteers", personas.tenant).value == 3
    assert measure("volunteering.became_volunteers", personas.tenant, params={"source": "test:april"}).value is None
    assert measure("volunteering.applications", personas.tenant, params={"source": "gone:1"}).value is None
    source = indicator("volunteering.became_volunteers").param("source")
    assert list(source.choices(personas.tenant)) == [("test:march", "Marts-kampagnen")]
    assert list(source.choices(personas.other_tenant)) == []


# --- open places and the fill rate --------------------------------------------------------------------------------


@pytest.fixture
def places(personas):
    """Opportunities around 2017 with places and applicants who became volunteers."""
    organisation = personas.organisation

    def job(title, needed, published, **fields):
        return make_opportunity(organisation, title=title, volunteers_needed=needed, published_at=published, **fields)

    jobs = {
        # 3 places; one volunteer in 2017, one in 2018: 2 open at the end of 2017.
        "half": job("Halvt besat", 3, danish(2017, 3, 1)),
        # Closed in October 2017 with one of two places filled.
        "closed": job("Lukket", 2, danish(2017, 5, 1), status=OpportunityStatus.CLOSED, closed_at=danish(2017, 10, 1)),
        # Published half an hour into 2018 (still 2017 in UTC).
        "next_year": job("Næste år", 4, danish(2018, 1, 1, 0, 30)),
        "draft": make_opportunity(organisation, title="Kladde", volunteers_needed=5, status=OpportunityStatus.DRAFT),
        # Marked filled by the association in 2018: open at the end of 2017, filled since.
        "marked": job(
            "Meldt besat", 2, danish(2017, 6, 1), status=OpportunityStatus.FILLED, closed_at=danish(2018, 3, 1)
        ),
        # Its one place filled in 2017.
        "full": job("Fuldt", 1, danish(2017, 2, 1)),
        # Closed before 2017 began.
        "old": job(
            "Gammelt", 6, danish(2016, 1, 1), status=OpportunityStatus.CLOSED, closed_at=danish(2016, 12, 31, 23, 30)
        ),
    }
    confirmed = danish(2017, 2, 1)
    for name, job_key, changed in [
        ("Anna", "half", danish(2017, 6, 1)),
        ("Bent", "half", danish(2018, 2, 1)),
        ("Carl", "closed", danish(2017, 8, 1)),
        ("Dora", "full", danish(2017, 12, 31, 23, 30)),
    ]:
        apply(jobs[job_key], name, confirmed=confirmed, status=ApplicationStatus.STARTED, changed=changed)
    apply(jobs["half"], "Erik", confirmed=confirmed, status=ApplicationStatus.MEETING, changed=danish(2017, 4, 1))
    foreign = make_opportunity(personas.foreign_organisation, volunteers_needed=9, published_at=danish(2017, 1, 2))
    apply(foreign, "Fremmed", confirmed=confirmed)
    return jobs


def opportunity_keys(*opportunities) -> list[str]:
    return [f"volunteering.opportunity:{opportunity.pk}" for opportunity in opportunities]


def test_open_places_are_read_as_of_the_periods_last_day(personas, places):
    measured = measure("volunteering.open_places", personas.tenant, language="en")

    assert measured.value == 4
    assert keys(measured) == opportunity_keys(places["half"], places["marked"])
    assert [record.detail for record in measured.records] == ["2 of 3 places open", "2 of 2 places open"]
    assert measured.records[0].label == "Halvt besat – Alfa Besøgsvenner"


def test_open_places_while_the_period_runs_are_todays(personas, places):
    today = timezone.localdate()

    measured = measure(
        "volunteering.open_places", personas.tenant, starts_on=date(2017, 1, 1), ends_on=today + timedelta(days=300)
    )

    # Today: "half" has 1 place left, "next_year" 4; the marked, closed and full ones have none.
    assert measured.value == 5
    assert keys(measured) == opportunity_keys(places["half"], places["next_year"])


def test_the_fill_rate_is_the_share_of_places_filled_in_the_periods_opportunities(personas, places):
    measured = measure("volunteering.fill_rate", personas.tenant, language="en")

    # Open at some time in 2017: half (1 of 3), closed (1 of 2), marked (0 of 2, filled only in 2018), full (1 of 1).
    assert measured.value == Decimal("37.5")
    assert sorted(keys(measured)) == sorted(
        opportunity_keys(places["half"], places["closed"], places["marked"], places["full"])
    )
    details = {record.label.split(" – ")[0]: record.detail for record in measured.records}
    assert details["Meldt besat"] == "0 of 2 places filled"
    in_2018 = measure("volunteering.fill_rate", personas.tenant, starts_on=date(2018, 1, 1), ends_on=date(2018, 12, 31))
    # half (2 of 3), next_year (0 of 4), marked (2 of 2: marked filled), full (1 of 1).
    assert in_2018.value == Decimal("50.0")


def test_the_fill_rate_without_opportunities_is_no_data(personas):
    measured = measure("volunteering.fill_rate", personas.tenant)

    assert measured.value is None
    assert measure("volunteering.open_places", personas.tenant).value == 0


# --- queries ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 3])
def test_each_indicator_reads_a_fixed_number_of_queries(personas, django_assert_num_queries, size):
    names = []
    for number in range(size):
        job = make_opportunity(
            personas.organisation, title=f"Job {number}", volunteers_needed=2, published_at=danish(2017, 1, 2)
        )
        names.append(f"Job {number} – Alfa Besøgsvenner")
        apply(
            job,
            f"Person {number}",
            confirmed=danish(2017, 2, 1),
            status=ApplicationStatus.STARTED,
            changed=danish(2017, 3, 1),
        )
    found = {}
    with django_assert_num_queries(1):
        found["applications"] = measure("volunteering.applications", personas.tenant, records=True)
    with django_assert_num_queries(1):
        found["became"] = measure("volunteering.became_volunteers", personas.tenant, records=True)
    with django_assert_num_queries(2):
        found["open"] = measure("volunteering.open_places", personas.tenant, records=True)
    with django_assert_num_queries(2):
        found["rate"] = measure("volunteering.fill_rate", personas.tenant, records=True)
    # The numbers alone: one query each, the places summed in the database.
    numbers = {}
    for name, key in [
        ("applications", "volunteering.applications"),
        ("became", "volunteering.became_volunteers"),
        ("open", "volunteering.open_places"),
        ("rate", "volunteering.fill_rate"),
    ]:
        with django_assert_num_queries(1):
            numbers[name] = measure(key, personas.tenant, records=False).value
    assert numbers == {name: measured.value for name, measured in found.items()}
    for measured in found.values():
        assert_records_counted(measured.records, names, label=lambda record: record.label)
