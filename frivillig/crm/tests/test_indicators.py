"""The CRM's indicators against hand-made data with known answers: the period's days (both ends included), the
parameters, and the records a person checks (never a person's name or an interaction's summary)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scope, scopes_disabled

from frivillig.core.indicators import Shape, indicator, indicators
from frivillig.crm.enums import InteractionKind, OrganisationKind, OrganisationRoleKind, Vocabulary
from frivillig.crm.models import CollaborationRelation, Interaction, OrganisationRole, Tag
from frivillig.testing import assert_records_counted, make_organisation, make_person, measure_both_ways

YEAR_2017 = {"starts_on": date(2017, 1, 1), "ends_on": date(2017, 12, 31)}


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


def relate(tenant, topic: str, started_on: date, **party) -> CollaborationRelation:
    with scopes_disabled():
        return CollaborationRelation.objects.create(tenant=tenant, topic=topic, started_on=started_on, **party)


def relation_keys(*relations) -> list[str]:
    return [f"crm.relation:{relation.pk}" for relation in relations]


def test_the_indicators_are_registered_with_danish_labels():
    registered = indicators()

    assert registered["crm.new_relations"].label_da == "Nye samarbejdsrelationer"
    assert registered["crm.interactions"].shape == Shape.COUNT
    assert [param.name for param in registered["crm.interactions"].params] == ["topic", "kind"]


# --- new collaboration relations --------------------------------------------------------------------------------


@pytest.fixture
def relations(personas):
    """The Sorø strategy's count: new relations with municipal employees and units in 2017, and some that are not."""
    tenant = personas.tenant
    unit = make_organisation(tenant, name="Sorø Kommune, Ældreområdet", kind=OrganisationKind.MUNICIPAL_UNIT)
    in_unit = make_person(tenant, full_name="Mette Kommunal")
    with scopes_disabled():
        OrganisationRole.objects.create(
            tenant=tenant, organisation=unit, person=in_unit, role=OrganisationRoleKind.EMPLOYEE
        )
    with_department = make_person(tenant, full_name="Jens Jobcenter", department="Jobcenter Sorø")
    volunteer = make_person(tenant, full_name="Frida Frivillig")
    other = personas.other_tenant
    return {
        "unit_person": relate(tenant, "Besøgsvenner", date(2017, 1, 1), person=in_unit),
        "association": relate(tenant, "Lektiehjælp", date(2017, 2, 1), organisation=personas.organisation),
        "volunteer": relate(tenant, "Foreningsnetværk", date(2017, 4, 1), person=volunteer),
        "unit": relate(tenant, "Kommunal aftale", date(2017, 5, 1), organisation=unit),
        "department": relate(tenant, "Frivilligjob", date(2017, 12, 31), person=with_department),
        "earlier": relate(tenant, "Før 2017", date(2016, 12, 31), person=with_department),
        "later": relate(tenant, "Efter 2017", date(2018, 1, 1), organisation=unit),
        "foreign": relate(other, "Anden kommune", date(2017, 6, 1), organisation=personas.foreign_organisation),
    }


def test_new_relations_are_those_started_in_the_period_both_ends_included(personas, relations):
    measured = measure("crm.new_relations", personas.tenant)

    assert measured.value == 5
    assert keys(measured) == relation_keys(
        relations["unit_person"],
        relations["association"],
        relations["volunteer"],
        relations["unit"],
        relations["department"],
    )


def test_new_relations_with_municipal_units_and_employees_only(personas, relations):
    measured = measure("crm.new_relations", personas.tenant, params={"municipal_only": True})

    assert measured.value == 3
    assert keys(measured) == relation_keys(relations["unit_person"], relations["unit"], relations["department"])
    assert measure("crm.new_relations", personas.tenant, params={"municipal_only": False}).value == 5


def test_a_relation_record_names_its_topic_and_party_never_the_person(personas, relations):
    measured = measure("crm.new_relations", personas.tenant, language="en")
    by_key = {record.key: record for record in measured.records}

    unit_person = by_key[relation_keys(relations["unit_person"])[0]]
    association = by_key[relation_keys(relations["association"])[0]]
    volunteer = by_key[relation_keys(relations["volunteer"])[0]]
    department = by_key[relation_keys(relations["department"])[0]]
    assert unit_person.label == "Besøgsvenner – Sorø Kommune, Ældreområdet"
    assert association.label == "Lektiehjælp – Alfa Besøgsvenner"
    assert volunteer.label == "Foreningsnetværk – a contact person"
    assert department.label == "Frivilligjob – Jobcenter Sorø"
    assert department.detail == "Started 31.12.2017"
    labels = " ".join(record.label for record in measured.records)
    assert "Mette" not in labels and "Jens" not in labels and "Frida" not in labels
    assert association.url == reverse(
        "crm:organisation_detail", kwargs={"tenant_slug": "alfa", "pk": personas.organisation.pk}
    )
    assert department.url == reverse("crm:relation_list", kwargs={"tenant_slug": "alfa"}) + (
        "?fra=2017-12-31&til=2017-12-31"
    )
    assert measure("crm.new_relations", personas.tenant).records[2].label == "Foreningsnetværk – en kontaktperson"


# --- interactions -----------------------------------------------------------------------------------------------


def theme(tenant, label: str, **fields) -> Tag:
    with scopes_disabled():
        return Tag.objects.create(
            tenant=tenant,
            vocabulary=Vocabulary.THEME,
            slug=f"test-{label.lower()}",
            label_da=label,
            label_en=label,
            **fields,
        )


def interaction(tenant, kind, happened_on, *, topics=(), organisations=(), summary="Talte om Hanne Hansens ansøgning"):
    with scopes_disabled():
        made = Interaction.objects.create(tenant=tenant, kind=kind, happened_on=happened_on, summary=summary)
        made.topics.set(topics)
        made.organisations.set(organisations)
    return made


def interaction_keys(*interactions) -> list[str]:
    return [f"crm.interaction:{made.pk}" for made in interactions]


@pytest.fixture
def log(personas):
    tenant = personas.tenant
    fundraising = theme(tenant, "Fondsrådgivning")
    recruiting = theme(tenant, "Rekruttering")
    advice = InteractionKind.ADVICE_SESSION
    return {
        "fundraising": fundraising,
        "recruiting": recruiting,
        "first_day": interaction(
            tenant, advice, date(2017, 1, 1), topics=[fundraising], organisations=[personas.organisation]
        ),
        "call": interaction(tenant, InteractionKind.PHONE_CALL, date(2017, 6, 1), topics=[fundraising]),
        "both": interaction(
            tenant,
            advice,
            date(2017, 9, 1),
            topics=[fundraising, recruiting],
            organisations=[personas.other_organisation, personas.organisation],
        ),
        "last_day": interaction(tenant, advice, date(2017, 12, 31), topics=[recruiting]),
        "no_topic": interaction(tenant, InteractionKind.MEETING, date(2017, 3, 1)),
        "before": interaction(tenant, advice, date(2016, 12, 31), topics=[fundraising]),
        "after": interaction(tenant, advice, date(2018, 1, 1), topics=[fundraising]),
        "foreign": interaction(
            personas.other_tenant, advice, date(2017, 5, 1), organisations=[personas.foreign_organisation]
        ),
    }


def test_interactions_in_the_period_both_ends_included(personas, log):
    measured = measure("crm.interactions", personas.tenant)

    assert measured.value == 5
    assert keys(measured) == interaction_keys(
        log["first_day"], log["no_topic"], log["call"], log["both"], log["last_day"]
    )


def test_interactions_of_a_topic_and_of_a_kind(personas, log):
    fundraising = str(log["fundraising"].pk)

    of_topic = measure("crm.interactions", personas.tenant, params={"topic": fundraising})
    of_kind = measure("crm.interactions", personas.tenant, params={"kind": InteractionKind.ADVICE_SESSION})
    both = measure("crm.interactions", personas.tenant, params={"topic": fundraising, "kind": "advice_session"})

    assert keys(of_topic) == interaction_keys(log["first_day"], log["call"], log["both"])
    assert keys(of_kind) == interaction_keys(log["first_day"], log["both"], log["last_day"])
    assert keys(both) == interaction_keys(log["first_day"], log["both"])


def test_an_unknown_topic_or_kind_has_no_data(personas, log):
    foreign_topic = theme(personas.other_tenant, "Fremmed")

    assert measure("crm.interactions", personas.tenant, params={"topic": str(foreign_topic.pk)}).value is None
    assert measure("crm.interactions", personas.tenant, params={"topic": "999999"}).value is None
    assert measure("crm.interactions", personas.tenant, params={"kind": "telegram"}).value is None


def test_an_interaction_record_names_its_kind_date_and_organisations_not_its_summary(personas, log):
    measured = measure("crm.interactions", personas.tenant, language="en")
    record = {record.key: record for record in measured.records}[interaction_keys(log["both"])[0]]

    assert record.label == "Advice session 01.09.2017, Alfa Besøgsvenner, Alfa Lektiecafé"
    assert "Hanne" not in " ".join(record.label + record.detail for record in measured.records)
    assert record.url == reverse("crm:interaction_detail", kwargs={"tenant_slug": "alfa", "pk": log["both"].pk})
    danish = measure("crm.interactions", personas.tenant).records[0]
    assert danish.label == "Rådgivningssamtale 01.01.2017, Alfa Besøgsvenner"


def test_the_choices_are_the_tenants_topics_and_the_kinds(personas, log):
    theme(personas.other_tenant, "Fremmed")
    retired = theme(personas.tenant, "Gammelt emne", is_active=False)
    found = indicator("crm.interactions")

    with translation.override("da"), scope(tenant=personas.tenant):
        topics = dict(found.param("topic").choices(personas.tenant))
        kinds = dict(found.param("kind").choices(personas.tenant))

    assert topics[str(log["fundraising"].pk)] == "Fondsrådgivning"
    assert str(retired.pk) in topics
    assert "Fremmed" not in topics.values()
    assert kinds["advice_session"] == "Rådgivningssamtale"


# --- queries ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 3])
def test_each_indicator_reads_a_fixed_number_of_queries(personas, django_assert_num_queries, size):
    unit = make_organisation(personas.tenant, name="Kommunal enhed", kind=OrganisationKind.MUNICIPAL_UNIT)
    names = []
    for number in range(size):
        organisation = make_organisation(personas.tenant, name=f"Forening {number}")
        person = make_person(personas.tenant, full_name=f"Person {number}")
        with scopes_disabled():
            OrganisationRole.objects.create(
                tenant=personas.tenant, organisation=unit, person=person, role=OrganisationRoleKind.EMPLOYEE
            )
        relate(personas.tenant, f"Emne {number}", date(2017, 3, 1), organisation=organisation)
        relate(personas.tenant, f"Kommunalt {number}", date(2017, 3, 1), person=person)
        interaction(personas.tenant, InteractionKind.MEETING, date(2017, 3, 1), organisations=[organisation])
        names.append(f"Forening {number}")

    with django_assert_num_queries(2):
        relations = measure("crm.new_relations", personas.tenant, records=True)
    with django_assert_num_queries(2):
        logged = measure("crm.interactions", personas.tenant, records=True)
    # The numbers alone: one count each.
    for key, measured in (("crm.new_relations", relations), ("crm.interactions", logged)):
        with django_assert_num_queries(1):
            assert measure(key, personas.tenant, records=False).value == measured.value

    assert_records_counted(relations.records, names, label=lambda record: record.label.split(" – ")[1])
    assert_records_counted(logged.records, names, label=lambda record: record.label.split(", ")[1])
    assert "Kommunalt 0 – Kommunal enhed" in [record.label for record in relations.records]
