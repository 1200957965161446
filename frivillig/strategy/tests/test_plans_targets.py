"""The target form (its indicator's typed parameters as fields, shown again without JavaScript when another
indicator is chosen), a target's definition version, and copying a plan into the next one."""

from datetime import date
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from frivillig.core import indicators as registry
from frivillig.core.indicators import Indicator, Measurement, Param, ParamKind
from frivillig.core.models import AuditEntry
from frivillig.strategy.enums import InitiativeOrigin, PlanStatus, TargetKind
from frivillig.strategy.indicators import INDICATORS as STRATEGY_INDICATORS
from frivillig.strategy.models import Goal, Initiative, ManualValue, Plan, Target
from frivillig.strategy.tests.helpers import make_goal, make_initiative, make_plan, make_target, url
from frivillig.testing import make_organisation

FAKE_KEY = "events.fake_courses"


def fake_compute(*, tenant, starts_on, ends_on, kind=None, minimum=None, city="", online=False) -> Measurement:
    return Measurement(value=0)


FAKE = Indicator(
    key=FAKE_KEY,
    label_da="Foreninger på kursus (test)",
    label_en="Associations on a course (test)",
    compute=fake_compute,
    params=(
        Param(
            "kind",
            ParamKind.CHOICE,
            "Slags kursus",
            "Kind of course",
            choices=lambda tenant: [("course", "Kursus"), ("theme", "Temaaften")],
        ),
        Param("minimum", ParamKind.NUMBER, "Mindst antal deltagere", "Fewest participants", required=False),
        Param("city", ParamKind.TEXT, "By", "Town", required=False),
        Param("online", ParamKind.FLAG, "Kun online", "Online only", required=False),
        Param("hidden", ParamKind.TEXT, "Skjult", "Hidden", required=False, editable=False),
    ),
)


@pytest.fixture
def fake_indicator(monkeypatch):
    registered = {indicator.key: indicator for indicator in STRATEGY_INDICATORS}
    registered[FAKE_KEY] = FAKE
    monkeypatch.setattr(registry, "indicators", lambda: dict(registered))
    return FAKE


def target_data(**changes) -> dict:
    data = {
        "title": "Mindst 8 foreninger deltager i kurset",
        "initiative": "",
        "kind": "reach",
        "indicator_key": FAKE_KEY,
        "param_kind": "course",
        "param_minimum": "",
        "param_city": "",
        "comparator": "at_least",
        "target_value": "8",
        "baseline": "",
        "starts_on": "2017-01-01",
        "deadline": "2018-12-31",
        "evaluation": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_form_shows_the_chosen_indicators_parameters_as_fields(personas, client_for, fake_indicator):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    client = client_for("centre_staff")
    page = client.get(url("target_create", pk=plan.pk, goal_pk=goal.pk)).content.decode()
    # The indicators by label, grouped; no parameters before one is chosen.
    assert "Foreninger på kursus (test)" in page and "Værdi indtastet i hånden" in page
    assert 'name="param_kind"' not in page
    # The measured period defaults to the plan's.
    assert 'value="2017-01-01"' in page and 'value="2018-12-31"' in page
    response = client.post(
        url("target_create", pk=plan.pk, goal_pk=goal.pk),
        {"title": "Mindst 8 foreninger", "indicator_key": FAKE_KEY, "target_value": "8", "vis_valg": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Valg for “Foreninger på kursus (test)”" in page
    assert '<select name="param_kind"' in page and '<option value="course">Kursus</option>' in page
    assert 'name="param_minimum"' in page and 'name="param_city"' in page
    assert 'type="checkbox" class="form-checkbox" name="param_online"' in page
    assert 'name="param_hidden"' not in page
    # What was typed is kept, and nothing is judged or saved yet.
    assert "Mindst 8 foreninger" in page and 'value="8"' in page
    assert "Ret venligst følgende" not in page
    with scopes_disabled():
        assert not Target.objects.exists()


def test_the_manual_indicator_has_no_choices_to_make(personas, client_for, fake_indicator):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    response = client_for("centre_staff").post(
        url("target_create", pk=plan.pk, goal_pk=goal.pk), {"indicator_key": "strategy.manual", "vis_valg": "1"}
    )
    page = response.content.decode()
    assert "Valg for “Værdi indtastet i hånden”" in page
    assert "Der er ikke noget at vælge for denne indikator." in page
    assert 'name="param_target"' not in page


def test_a_target_is_saved_with_its_parameters(personas, client_for, fake_indicator):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    initiative = make_initiative(goal)
    data = target_data(initiative=str(initiative.pk), param_minimum="3", param_city="Sorø", param_online="on")
    response = client_for("centre_staff").post(url("target_create", pk=plan.pk, goal_pk=goal.pk), data)
    with scopes_disabled():
        target = Target.objects.get()
    assert response.headers["Location"].endswith(f"#succeskriterium-{target.pk}")
    assert target.params == {"kind": "course", "minimum": "3", "city": "Sorø", "online": True}
    assert (target.initiative, target.definition_version, target.target_value) == (initiative, 1, Decimal(8))
    assert FAKE.arguments(target.params) == {
        "kind": "course",
        "minimum": Decimal(3),
        "city": "Sorø",
        "online": True,
        "hidden": None,
    }
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="strategy.target.saved", target_id=str(target.pk)).exists()


def test_the_initiative_is_chosen_from_the_link(personas, client_for, fake_indicator):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    initiative = make_initiative(goal, title="Kursus i rekruttering")
    page = (
        client_for("centre_staff")
        .get(url("target_create", pk=plan.pk, goal_pk=goal.pk) + f"?indsats={initiative.pk}")
        .content.decode()
    )
    assert f'<option value="{initiative.pk}" selected>Kursus i rekruttering</option>' in page


def test_a_choice_that_is_not_offered_is_a_clear_error(personas, client_for, fake_indicator):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    response = client_for("centre_staff").post(
        url("target_create", pk=plan.pk, goal_pk=goal.pk), target_data(param_kind="konference")
    )
    page = response.content.decode()
    assert "“konference” er ikke en af de mulige valg. Vælg en af dem." in page
    assert 'value="Mindst 8 foreninger deltager i kurset"' in page or "Mindst 8 foreninger deltager i kurset" in page
    with scopes_disabled():
        assert not Target.objects.exists()


def test_a_required_parameter_must_be_given(personas, client_for, fake_indicator):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    response = client_for("centre_staff").post(
        url("target_create", pk=plan.pk, goal_pk=goal.pk), target_data(param_kind="")
    )
    assert "Slags kursus: Dette felt er påkrævet." in response.content.decode()


@pytest.mark.parametrize(
    ("indicator_key", "kind"), [("strategy.manual", "reach"), (FAKE_KEY, "manual")], ids=["manual-reach", "live-manual"]
)
def test_the_manual_indicator_and_the_manual_kind_go_together(
    personas, client_for, fake_indicator, indicator_key, kind
):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    response = client_for("centre_staff").post(
        url("target_create", pk=plan.pk, goal_pk=goal.pk), target_data(indicator_key=indicator_key, kind=kind)
    )
    assert "Indikatoren “Værdi indtastet i hånden” hører sammen med slagsen" in response.content.decode()
    with scopes_disabled():
        assert not Target.objects.exists()


def test_the_deadline_cannot_be_before_the_start(personas, client_for, fake_indicator):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    response = client_for("centre_staff").post(
        url("target_create", pk=plan.pk, goal_pk=goal.pk), target_data(starts_on="2018-01-01", deadline="2017-06-30")
    )
    page = response.content.decode()
    assert "Fristen kan ikke ligge før den dag, der måles fra." in page
    assert 'value="2017-06-30"' in page
    with scopes_disabled():
        assert not Target.objects.exists()


def test_an_unknown_indicator_is_refused(personas, client_for, fake_indicator):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    response = client_for("centre_staff").post(
        url("target_create", pk=plan.pk, goal_pk=goal.pk), target_data(indicator_key="events.gone")
    )
    assert response.status_code == 200
    with scopes_disabled():
        assert not Target.objects.exists()


# --- the definition's version -------------------------------------------------------------------------------------


def test_changing_the_words_keeps_the_definition(personas, client_for, fake_indicator):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    target = make_target(goal, indicator_key=FAKE_KEY, params={"kind": "course"}, kind=TargetKind.REACH)
    data = target_data(title="Otte foreninger på kursus", evaluation="Det gik godt.")
    client_for("centre_staff").post(url("target_edit", pk=plan.pk, target_pk=target.pk), data)
    with scopes_disabled():
        target.refresh_from_db()
        assert (target.title, target.evaluation, target.definition_version) == (
            "Otte foreninger på kursus",
            "Det gik godt.",
            1,
        )
        assert not AuditEntry.objects.filter(code="strategy.target.redefined").exists()
        assert AuditEntry.objects.filter(code="strategy.target.saved", target_id=str(target.pk)).exists()


@pytest.mark.parametrize(
    "change",
    [
        {"target_value": "10"},
        {"param_kind": "theme"},
        {"param_city": "Ringsted"},
        {"comparator": "at_most"},
        {"baseline": "2"},
        {"starts_on": "2017-03-01"},
        {"deadline": "2018-06-30"},
        {"kind": "level"},
        {"indicator_key": "strategy.manual", "kind": "manual"},
    ],
    ids=lambda change: "+".join(change),
)
def test_changing_what_is_measured_renews_the_definition(personas, client_for, fake_indicator, change):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    target = make_target(goal, indicator_key=FAKE_KEY, params={"kind": "course"}, kind=TargetKind.REACH)
    response = client_for("centre_staff").post(
        url("target_edit", pk=plan.pk, target_pk=target.pk), target_data(**change)
    )
    assert response.status_code == 302, response.content.decode()
    with scopes_disabled():
        target.refresh_from_db()
        assert target.definition_version == 2
        entry = AuditEntry.objects.get(code="strategy.target.redefined", target_id=str(target.pk))
    assert entry.data["version"] == 2 and entry.data["changed"]


def test_a_second_redefinition_is_version_three(personas, client_for, fake_indicator):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    target = make_target(goal, indicator_key=FAKE_KEY, params={"kind": "course"}, kind=TargetKind.REACH)
    client = client_for("centre_staff")
    client.post(url("target_edit", pk=plan.pk, target_pk=target.pk), target_data(target_value="9"))
    client.post(url("target_edit", pk=plan.pk, target_pk=target.pk), target_data(target_value="9"))
    client.post(url("target_edit", pk=plan.pk, target_pk=target.pk), target_data(target_value="10"))
    with scopes_disabled():
        target.refresh_from_db()
    assert target.definition_version == 3


def test_a_target_is_deleted_only_after_confirmation(personas, client_for):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan)
    target = make_target(goal, title="Mindst 1 dialogmøde")
    client = client_for("centre_staff")
    page = client.get(url("target_delete", pk=plan.pk, target_pk=target.pk)).content.decode()
    assert "Vil du slette succeskriteriet “Mindst 1 dialogmøde”?" in page
    response = client.post(url("target_delete", pk=plan.pk, target_pk=target.pk), follow=True)
    assert "Succeskriteriet er slettet." in response.content.decode()
    with scopes_disabled():
        assert not Target.objects.exists()


# --- copying a plan -----------------------------------------------------------------------------------------------


def test_the_copy_form_proposes_the_next_year(personas, client_for):
    plan = make_plan(personas.tenant, title="Strategi 2017-2018")
    page = client_for("centre_staff").get(url("plan_copy", pk=plan.pk)).content.decode()
    assert 'value="Strategi 2018-2019"' in page
    assert 'value="2018-01-01"' in page and 'value="2019-12-31"' in page


def test_a_plan_is_copied_into_the_next_with_links_to_its_predecessors(personas, client_for):
    plan = make_plan(personas.tenant, title="Strategi 2017-2018", status=PlanStatus.ACTIVE, is_public=True)
    partner = make_organisation(personas.tenant, name="Røde Kors Alfa")
    first, second = make_goal(plan, title="Gode rammer"), make_goal(plan, title="Synlighed")
    course = make_initiative(first, title="Kursus", background="Baggrund", origin=InitiativeOrigin.NEW)
    with scopes_disabled():
        course.partners.add(partner)
    meeting = make_initiative(second, title="Dialogmøde")
    live = make_target(
        first,
        initiative=course,
        indicator_key="events.organisations_attended",
        params={"kind": "course"},
        starts_on=date(2017, 3, 1),
        deadline=date(2018, 6, 30),
        evaluation="Nået i 2017",
        story="Otte foreninger kom.",
        definition_version=3,
    )
    manual = make_target(second, initiative=meeting, params={"target": "99"})
    make_target(first, title="Målets eget")
    with scopes_disabled():
        ManualValue.objects.create(
            tenant=personas.tenant, target=manual, value=1, measured_on=date(2017, 5, 1), note="Referat"
        )
    response = client_for("centre_staff").post(
        url("plan_copy", pk=plan.pk),
        {"title": "Strategi 2018-2019", "starts_on": "2018-01-01", "ends_on": "2019-12-31"},
        follow=True,
    )
    assert "Planen er kopieret til “Strategi 2018-2019”" in response.content.decode()
    with scopes_disabled():
        copy = Plan.objects.get(title="Strategi 2018-2019")
        assert (copy.continues, copy.status, copy.is_public) == (plan, PlanStatus.DRAFT, False)
        assert list(Goal.objects.filter(plan=copy).values_list("title", flat=True)) == ["Gode rammer", "Synlighed"]
        successors = {i.title: i for i in Initiative.objects.filter(goal__plan=copy)}
        assert successors["Kursus"].continues == course and successors["Dialogmøde"].continues == meeting
        assert {i.origin for i in successors.values()} == {InitiativeOrigin.CONTINUED}
        assert list(successors["Kursus"].partners.all()) == [partner]
        assert successors["Kursus"].background == "Baggrund"
        targets = Target.objects.filter(goal__plan=copy)
        assert targets.count() == 3
        copied = targets.get(indicator_key="events.organisations_attended")
        # The period moved 365 days (2017-01-01 to 2018-01-01): so do the target's dates.
        assert (copied.starts_on, copied.deadline) == (date(2018, 3, 1), date(2019, 6, 30))
        assert (copied.initiative, copied.params, copied.definition_version) == (
            successors["Kursus"],
            {"kind": "course"},
            1,
        )
        assert (copied.evaluation, copied.story) == ("", "")
        copied_manual = targets.get(title=manual.title, initiative=successors["Dialogmøde"])
        assert copied_manual.params == {} and not copied_manual.manual_values.exists()
        assert targets.get(title="Målets eget").initiative is None
        # The old plan is untouched.
        assert Target.objects.filter(goal__plan=plan).count() == 3 and live.manual_values.count() == 0
        entry = AuditEntry.objects.get(code="strategy.plan.copied", target_id=str(copy.pk))
    assert entry.data == {"from": plan.pk, "goals": 2, "initiatives": 2, "targets": 3}
    # The new plan's page links each continued initiative to its predecessor.
    page = client_for("centre_staff").get(url("plan_detail", pk=copy.pk)).content.decode()
    assert f'href="{url("plan_detail", pk=plan.pk)}#indsats-{course.pk}"' in page
    assert "Videreført fra “Kursus” (Strategi 2017-2018)" in page


def test_a_copy_period_ending_before_it_starts_copies_nothing(personas, client_for):
    plan = make_plan(personas.tenant)
    response = client_for("centre_staff").post(
        url("plan_copy", pk=plan.pk), {"title": "Baglæns", "starts_on": "2019-12-31", "ends_on": "2018-01-01"}
    )
    assert "Periodens sidste dag kan ikke ligge før dens første dag." in response.content.decode()
    with scopes_disabled():
        assert Plan.objects.count() == 1
