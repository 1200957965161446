import pytest
from django.db import IntegrityError, transaction
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.surveys.enums import QuestionKind
from frivillig.surveys.models import Answer, Choice, Question, Section, Survey
from frivillig.surveys.services import SurveyEditRefused, question_save
from frivillig.surveys.tests.helpers import (
    answer,
    choices_of,
    make_question,
    make_section,
    make_survey,
    url,
)
from frivillig.surveys.tests.helpers import (
    make_question as question_in,
)
from frivillig.tenants.enums import Role
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant


def audit_codes() -> list[str]:
    with scopes_disabled():
        return list(AuditEntry.objects.filter(code__startswith="surveys.").values_list("code", flat=True))


def reload(model, pk):
    with scopes_disabled():
        return model.objects.get(pk=pk)


# --- models ---------------------------------------------------------------------------------------------------


def test_survey_minimum_group_size_below_five_is_refused_by_the_database(personas):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_survey(personas.tenant, minimum_group_size=4)


def test_survey_closing_before_it_opens_is_refused_by_the_database(personas):
    from datetime import UTC, datetime

    with pytest.raises(IntegrityError), transaction.atomic():
        make_survey(
            personas.tenant, opens_at=datetime(2017, 10, 2, tzinfo=UTC), closes_at=datetime(2017, 10, 1, tzinfo=UTC)
        )


def test_response_and_answer_have_random_ids_and_no_time(personas):
    from frivillig.surveys.models import Response

    for model in (Response, Answer):
        names = {field.name for field in model._meta.concrete_fields}
        assert not any(name.endswith(("_at", "_on")) or name in {"created", "date"} for name in names)
        assert model._meta.pk.get_internal_type() == "UUIDField"
        assert model._meta.ordering == ["id"]


# --- the survey's settings ------------------------------------------------------------------------------------


def test_survey_create_saves_and_logs(personas, client_for):
    response = client_for("centre_staff").post(
        url("survey_create"),
        {
            "title": "Behovsanalyse 2017",
            "kind": "needs_analysis",
            "introduction": "Hjælp os med at blive klogere.",
            "minimum_group_size": "5",
            "opens_at": "2017-10-02T09:00",
            "closes_at": "2017-11-01T12:00",
            "max_reminders": "2",
        },
    )
    with scopes_disabled():
        survey = Survey.objects.get(title="Behovsanalyse 2017")
    assert response.status_code == 302
    assert survey.created_by == personas.user("centre_staff")
    # Danish time (summer time in October: UTC+2) stored as UTC.
    assert survey.opens_at.isoformat() == "2017-10-02T07:00:00+00:00"
    assert "surveys.survey.created" in audit_codes()


def test_survey_create_refuses_a_group_below_five_and_a_time_that_does_not_exist(personas, client_for):
    response = client_for("centre_staff").post(
        url("survey_create"),
        {
            "title": "Evaluering af kurset",
            "kind": "evaluation",
            "minimum_group_size": "3",
            # The clocks jump from 02:00 to 03:00 on 26 March 2017: 02:30 never happened.
            "opens_at": "2017-03-26T02:30",
            "max_reminders": "1",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Den mindste gruppe skal være på mindst 5 svar." in content
    assert "2017-03-26T02:30" in content
    assert "opens_at" in response.context["form"].errors
    assert 'value="Evaluering af kurset"' in content
    with scopes_disabled():
        assert not Survey.objects.exists()


def test_survey_edit_refuses_to_change_anonymity_once_fixed(personas):
    from django.utils import timezone

    from frivillig.surveys.services import survey_save

    survey = make_survey(personas.tenant, is_anonymous=True, anonymity_locked_at=timezone.now())
    with scopes_disabled():
        survey.is_anonymous = False
        with pytest.raises(SurveyEditRefused):
            survey_save(survey=survey, actor=None)
    assert reload(Survey, survey.pk).is_anonymous is True


def test_survey_edit_page_disables_anonymity_once_fixed(personas, client_for):
    from django.utils import timezone

    survey = make_survey(personas.tenant, is_anonymous=True, anonymity_locked_at=timezone.now())
    response = client_for("centre_staff").get(url("survey_edit", pk=survey.pk))
    assert response.context["form"].fields["is_anonymous"].disabled
    assert "Låst, da den første invitation blev sendt." in response.content.decode()


def test_an_anonymous_survey_cannot_ask_which_association_answers(personas, client_for):
    client = client_for("centre_staff")
    survey = make_survey(personas.tenant, is_anonymous=True)
    section = make_section(survey)

    kinds = client.get(url("question_create", pk=survey.pk, section_pk=section.pk)).content.decode()
    assert "Valg af en forening" not in kinds
    response = client.post(
        url("question_create", pk=survey.pk, section_pk=section.pk) + "?type=organisation",
        {"text": "Hvilken forening svarer du for?"},
    )
    assert response.status_code == 200
    assert "En anonym undersøgelse kan ikke have et spørgsmål" in response.content.decode()
    assert 'value="Hvilken forening svarer du for?"' in response.content.decode()
    with scopes_disabled():
        assert not Question.objects.filter(section=section).exists()


def test_a_named_survey_with_an_association_question_cannot_become_anonymous(personas, client_for):
    survey = make_survey(personas.tenant, title="Evaluering")
    make_question(make_section(survey), QuestionKind.ORGANISATION, text="Hvilken forening svarer du for?")
    response = client_for("centre_staff").post(
        url("survey_edit", pk=survey.pk),
        {
            "title": "Evaluering",
            "kind": "evaluation",
            "is_anonymous": "on",
            "minimum_group_size": 5,
            "max_reminders": 2,
        },
    )
    assert "En anonym undersøgelse kan ikke have et spørgsmål" in response.content.decode()
    assert reload(Survey, survey.pk).is_anonymous is False


# --- the list -------------------------------------------------------------------------------------------------


def test_survey_list_shows_the_tenants_surveys_only(personas, client_for):
    make_survey(personas.tenant, title="Behovsanalyse 2017")
    make_survey(personas.other_tenant, title="Charlies undersøgelse")
    content = client_for("centre_staff").get(url("survey_list")).content.decode()
    assert "Behovsanalyse 2017" in content
    assert "Charlies undersøgelse" not in content


def test_survey_list_filters_by_kind(personas, client_for):
    make_survey(personas.tenant, title="Behovsanalyse 2017", kind="needs_analysis")
    make_survey(personas.tenant, title="Kursusevaluering", kind="evaluation")
    content = client_for("centre_staff").get(url("survey_list") + "?type=evaluation").content.decode()
    assert "Kursusevaluering" in content
    assert "Behovsanalyse 2017" not in content


@pytest.mark.parametrize("size", [1, 3])
def test_survey_list_query_count_is_constant(db, client, django_assert_num_queries, size):
    tenant = TenantFactory(slug="maaling")
    staff = UserFactory()
    grant(staff, tenant, Role.CENTRE_STAFF)
    for index in range(size):
        survey = make_survey(tenant, title=f"Undersøgelse nummer {index}")
        section = make_section(survey)
        make_question(section, QuestionKind.YES_NO)
    client.force_login(staff)
    from django.urls import reverse

    with django_assert_num_queries(6):
        response = client.get(reverse("surveys:survey_list", kwargs={"tenant_slug": tenant.slug}))
    assert len(response.context["page"].object_list) == size
    assert_rows_rendered(response, [f"Undersøgelse nummer {index}" for index in range(size)])


# --- sections and questions -----------------------------------------------------------------------------------


def test_section_create_adds_it_at_the_end(personas, client_for):
    survey = make_survey(personas.tenant)
    make_section(survey, title="Først")
    response = client_for("centre_staff").post(url("section_create", pk=survey.pk), {"title": "Rekruttering"})
    assert response.status_code == 302
    with scopes_disabled():
        assert [section.title for section in Section.objects.filter(survey=survey)] == ["Først", "Rekruttering"]


def test_question_create_asks_for_the_type_first(personas, client_for):
    survey = make_survey(personas.tenant)
    section = make_section(survey)
    content = client_for("centre_staff").get(url("question_create", pk=survey.pk, section_pk=section.pk)).content
    content = content.decode()
    assert 'type="radio"' in content
    assert "Vurderingsskala" in content
    assert "Valg af en forening" in content


def test_question_form_shows_only_the_fields_of_its_type(personas, client_for):
    survey = make_survey(personas.tenant)
    section = make_section(survey)
    response = client_for("centre_staff").get(
        url("question_create", pk=survey.pk, section_pk=section.pk) + "?type=scale"
    )
    fields = set(response.context["form"].fields)
    assert {"scale_points", "scale_low_label", "scale_high_label", "allow_dont_know"} <= fields
    assert not fields & {"number_min", "number_max", "allow_other", "new_options"}


QUESTION_DATA = {
    QuestionKind.SINGLE_CHOICE: {"new_options": "Under 10\n10-50\nOver 50"},
    QuestionKind.MULTIPLE_CHOICE: {"new_options": "Rekruttering\nFundraising", "allow_other": "on"},
    QuestionKind.SCALE: {"scale_points": "7", "scale_low_label": "Slet ikke", "scale_high_label": "I meget høj grad"},
    QuestionKind.YES_NO: {},
    QuestionKind.NUMBER: {"number_min": "0", "number_max": "500", "number_unit": "frivillige"},
    QuestionKind.SHORT_TEXT: {},
    QuestionKind.LONG_TEXT: {},
    QuestionKind.ORGANISATION: {},
}


@pytest.mark.parametrize("kind", list(QuestionKind))
def test_question_create_of_each_kind(kind, personas, client_for):
    survey = make_survey(personas.tenant)
    section = make_section(survey)
    address = url("question_create", pk=survey.pk, section_pk=section.pk) + f"?type={kind}"
    data = {"text": f"Et spørgsmål af typen {kind}", "help_text": "", "required": "on", **QUESTION_DATA[kind]}
    response = client_for("centre_staff").post(address, data)
    assert response.status_code == 302, response.context["form"].errors
    with scopes_disabled():
        question = Question.objects.get(section=section)
        labels = list(question.choices.values_list("label", flat=True))
    assert question.kind == kind
    assert question.required
    if kind == QuestionKind.SINGLE_CHOICE:
        assert labels == ["Under 10", "10-50", "Over 50"]
    if kind == QuestionKind.SCALE:
        assert (question.scale_points, question.scale_high_label) == (7, "I meget høj grad")
    if kind == QuestionKind.NUMBER:
        assert (question.number_min, question.number_max, question.number_unit) == (0, 500, "frivillige")
    assert "surveys.question.created" in audit_codes()


def test_question_create_with_one_option_is_refused_with_the_text_kept(personas, client_for):
    survey = make_survey(personas.tenant)
    section = make_section(survey)
    address = url("question_create", pk=survey.pk, section_pk=section.pk) + "?type=single_choice"
    response = client_for("centre_staff").post(address, {"text": "Hvor stor er foreningen?", "new_options": "Lille"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Skriv mindst to svarmuligheder." in content
    assert "Hvor stor er foreningen?" in content


def test_question_condition_offers_only_earlier_choice_and_yes_no_questions(personas, client_for):
    survey = make_survey(personas.tenant)
    section = make_section(survey)
    first = make_question(section, QuestionKind.YES_NO, text="Har I brug for hjælp?")
    middle = make_question(section, QuestionKind.SHORT_TEXT, text="Fritekst")
    make_question(section, QuestionKind.YES_NO, text="Et senere spørgsmål")
    response = client_for("centre_staff").get(url("question_edit", pk=survey.pk, question_pk=middle.pk))
    values = [value for value, _label in response.context["form"].fields["condition"].choices]
    assert values == ["", f"{first.pk}:yes", f"{first.pk}:no"]


def test_question_condition_on_a_later_question_is_refused(personas):
    survey = make_survey(personas.tenant)
    section = make_section(survey)
    first = make_question(section, QuestionKind.SHORT_TEXT)
    later = make_question(section, QuestionKind.YES_NO)
    with scopes_disabled():
        first.show_if_question = later
        first.show_if_value = "yes"
        with pytest.raises(SurveyEditRefused, match="tidligere"):
            question_save(question=first, actor=None)


def test_question_condition_is_saved_from_the_form(personas, client_for):
    survey = make_survey(personas.tenant)
    section = make_section(survey)
    condition = make_question(section, QuestionKind.SINGLE_CHOICE, choices=["Ja, meget", "Lidt", "Nej"])
    follow = make_question(section, QuestionKind.LONG_TEXT, text="Hvad har I brug for?")
    choice = choices_of(condition)[0]
    response = client_for("centre_staff").post(
        url("question_edit", pk=survey.pk, question_pk=follow.pk),
        {"text": "Hvad har I brug for?", "condition": f"{condition.pk}:{choice.pk}"},
    )
    assert response.status_code == 302
    follow = reload(Question, follow.pk)
    assert (follow.show_if_question_id, follow.show_if_value) == (condition.pk, str(choice.pk))


def test_move_buttons_reorder_sections_questions_and_choices(personas, client_for):
    client = client_for("centre_staff")
    survey = make_survey(personas.tenant)
    first, second = make_section(survey, title="Første"), make_section(survey, title="Anden")
    one = make_question(first, QuestionKind.SINGLE_CHOICE, text="Hvor mange frivillige har I?", choices=["A", "B"])
    two = make_question(first, QuestionKind.YES_NO, text="Har I en bestyrelse?")

    page = client.get(url("survey_detail", pk=survey.pk)).content.decode()
    assert "Flyt “Hvor mange frivillige har I?” </span>ned" in page
    assert "Flyt “Anden” </span>op" in page

    client.post(url("section_move", pk=survey.pk, section_pk=second.pk), {"retning": "up"})
    client.post(url("question_move", pk=survey.pk, question_pk=one.pk), {"retning": "down"})
    client.post(url("choice_move", pk=survey.pk, choice_pk=choices_of(one)[1].pk), {"retning": "up"})

    with scopes_disabled():
        assert [section.title for section in Section.objects.filter(survey=survey)] == ["Anden", "Første"]
        assert list(Question.objects.filter(section=first).values_list("pk", flat=True)) == [two.pk, one.pk]
    assert [choice.label for choice in choices_of(one)] == ["B", "A"]


def test_a_move_that_would_put_a_question_before_its_condition_is_refused(personas, client_for):
    client = client_for("centre_staff")
    survey = make_survey(personas.tenant)
    first, second = make_section(survey, title="Første"), make_section(survey, title="Anden")
    source = make_question(first, QuestionKind.YES_NO, text="Har I brug for hjælp?")
    follow = make_question(first, QuestionKind.LONG_TEXT, text="Hvilken hjælp?", show_if_question=source)
    with scopes_disabled():
        Question.objects.filter(pk=follow.pk).update(show_if_value="yes")
    later = make_question(second, QuestionKind.LONG_TEXT, text="Noget andet?", show_if_question=source)
    with scopes_disabled():
        Question.objects.filter(pk=later.pk).update(show_if_value="yes")

    response = client.post(url("question_move", pk=survey.pk, question_pk=follow.pk), {"retning": "up"}, follow=True)
    assert "a question would come before" not in response.content.decode()
    assert "Flytningen blev ikke foretaget" in response.content.decode()
    client.post(url("section_move", pk=survey.pk, section_pk=second.pk), {"retning": "up"})

    with scopes_disabled():
        assert list(Question.objects.filter(section=first).values_list("pk", flat=True)) == [source.pk, follow.pk]
        assert [section.title for section in Section.objects.filter(survey=survey)] == ["Første", "Anden"]


def test_move_without_a_direction_is_not_found(personas, client_for):
    survey = make_survey(personas.tenant)
    section = make_section(survey)
    response = client_for("centre_staff").post(url("section_move", pk=survey.pk, section_pk=section.pk), {})
    assert response.status_code == 404


def test_question_delete_asks_first_then_deletes(personas, client_for):
    client = client_for("centre_staff")
    survey = make_survey(personas.tenant)
    question = make_question(make_section(survey), text="Hvad synes I om kurset?")
    address = url("question_delete", pk=survey.pk, question_pk=question.pk)
    page = client.get(address).content.decode()
    assert "Vil du slette spørgsmålet “Hvad synes I om kurset?”?" in page
    assert client.post(address).status_code == 302
    with scopes_disabled():
        assert not Question.objects.filter(pk=question.pk).exists()
    assert "surveys.question.deleted" in audit_codes()


def test_section_delete_asks_first_then_deletes_its_questions(personas, client_for):
    client = client_for("centre_staff")
    survey = make_survey(personas.tenant)
    section = make_section(survey, title="Om kurset")
    make_question(section)
    address = url("section_delete", pk=survey.pk, section_pk=section.pk)
    assert "Vil du slette afsnittet “Om kurset” og dets 1 spørgsmål?" in client.get(address).content.decode()
    assert client.post(address).status_code == 302
    with scopes_disabled():
        assert not Section.objects.filter(pk=section.pk).exists()
        assert not Question.objects.filter(section_id=section.pk).exists()


# --- copies ---------------------------------------------------------------------------------------------------


def test_survey_copy_copies_everything_and_repoints_conditions(personas, client_for):
    survey = make_survey(personas.tenant, title="Behovsanalyse 2017", is_anonymous=True)
    section = make_section(survey)
    condition = make_question(section, QuestionKind.SINGLE_CHOICE, choices=["Ja", "Nej"])
    follow = make_question(section, QuestionKind.LONG_TEXT, text="Hvorfor?")
    with scopes_disabled():
        follow.show_if_question = condition
        follow.show_if_value = str(choices_of(condition)[1].pk)
        follow.save()
    answer(condition, choice=choices_of(condition)[0])

    response = client_for("centre_staff").post(url("survey_copy", pk=survey.pk))

    with scopes_disabled():
        copy = Survey.objects.exclude(pk=survey.pk).get()
        new_condition = Question.objects.get(section__survey=copy, kind=QuestionKind.SINGLE_CHOICE)
        new_follow = Question.objects.get(section__survey=copy, text="Hvorfor?")
        assert not Answer.objects.filter(question__section__survey=copy).exists()
    assert response.status_code == 302
    assert copy.title == "Behovsanalyse 2017 (kopi)"
    assert (copy.status, copy.copied_from_id, copy.is_anonymous) == ("draft", survey.pk, True)
    assert [choice.label for choice in choices_of(new_condition)] == ["Ja", "Nej"]
    assert new_follow.show_if_question_id == new_condition.pk
    assert new_follow.show_if_value == str(choices_of(new_condition)[1].pk)
    assert "surveys.survey.copied" in audit_codes()


# --- refusals once a question has answers ---------------------------------------------------------------------


@pytest.fixture
def answered(personas):
    survey = make_survey(personas.tenant)
    section = make_section(survey)
    question = make_question(
        section, QuestionKind.SINGLE_CHOICE, text="Hvor stor er foreningen?", choices=["Lille", "Stor"]
    )
    small, big = choices_of(question)
    answer(question, choice=small)
    return survey, section, question, small, big


def _answers() -> list:
    with scopes_disabled():
        return sorted(Answer.objects.values_list("question_id", "choice_id"))


def test_answered_question_cannot_be_deleted(answered, client_for):
    survey, _section, question, *_ = answered
    before = _answers()
    response = client_for("centre_staff").post(url("question_delete", pk=survey.pk, question_pk=question.pk))
    assert response.status_code == 409
    assert "Spørgsmålet kan ikke slettes: det har svar" in response.content.decode()
    assert _answers() == before


def test_section_with_answers_cannot_be_deleted(answered, client_for):
    survey, section, *_ = answered
    before = _answers()
    response = client_for("centre_staff").post(url("section_delete", pk=survey.pk, section_pk=section.pk))
    assert response.status_code == 409
    assert "Afsnittet kan ikke slettes" in response.content.decode()
    assert _answers() == before


def test_answered_question_cannot_change_its_kind(answered, client_for):
    survey, _section, question, *_ = answered
    before = _answers()
    response = client_for("centre_staff").post(
        url("question_edit", pk=survey.pk, question_pk=question.pk) + "?type=yes_no", {"text": question.text}
    )
    assert response.status_code == 200
    assert "Spørgsmålets type kan ikke ændres" in response.content.decode()
    assert reload(Question, question.pk).kind == QuestionKind.SINGLE_CHOICE
    assert [choice.label for choice in choices_of(question)] == ["Lille", "Stor"]
    assert _answers() == before


def test_answered_choice_cannot_be_removed(answered, client_for):
    survey, _section, question, small, big = answered
    before = _answers()
    response = client_for("centre_staff").post(
        url("question_edit", pk=survey.pk, question_pk=question.pk),
        {
            "text": question.text,
            f"option_{small.pk}": "Lille",
            f"remove_{small.pk}": "on",
            f"option_{big.pk}": "Stor",
            "new_options": "Mellem",
        },
    )
    assert response.status_code == 200
    assert "Disse svarmuligheder er valgt i svar og kan ikke fjernes: “Lille”." in response.content.decode()
    assert [choice.label for choice in choices_of(question)] == ["Lille", "Stor"]
    assert _answers() == before


def test_answered_choice_cannot_be_moved(answered, client_for):
    survey, _section, question, small, _big = answered
    client = client_for("centre_staff")
    response = client.post(url("choice_move", pk=survey.pk, choice_pk=small.pk), {"retning": "down"}, follow=True)
    assert "Svarmuligheder, der er valgt i svar, kan ikke flyttes" in response.content.decode()
    assert [choice.label for choice in choices_of(question)] == ["Lille", "Stor"]


def test_answered_question_takes_a_typo_fix_and_a_new_choice(answered, client_for):
    survey, section, question, small, big = answered
    before = _answers()
    response = client_for("centre_staff").post(
        url("question_edit", pk=survey.pk, question_pk=question.pk),
        {
            "text": "Hvor stor er foreningen nu?",
            f"option_{small.pk}": "Lille forening",
            f"option_{big.pk}": "Stor",
            "new_options": "Mellem",
        },
    )
    assert response.status_code == 302
    assert reload(Question, question.pk).text == "Hvor stor er foreningen nu?"
    assert [choice.label for choice in choices_of(question)] == ["Lille forening", "Stor", "Mellem"]
    assert _answers() == before
    # Adding a question to the answered survey is fine too.
    question_in(section, QuestionKind.YES_NO)


def test_answered_scale_cannot_change_its_points(personas):
    survey = make_survey(personas.tenant)
    question = make_question(make_section(survey), QuestionKind.SCALE, scale_points=5)
    answer(question, number=4)
    with scopes_disabled():
        question.scale_points = 7
        with pytest.raises(SurveyEditRefused):
            question_save(question=question, actor=None)
    assert reload(Question, question.pk).scale_points == 5


def test_protected_answers_block_a_direct_delete(answered):
    from django.db.models import ProtectedError

    _survey, _section, _question, small, _big = answered
    with scopes_disabled(), pytest.raises(ProtectedError):
        Choice.objects.filter(pk=small.pk).delete()


# --- isolation ------------------------------------------------------------------------------------------------


def test_another_tenants_survey_is_not_found(personas, client_for):
    foreign = make_survey(personas.other_tenant, title="Charlies undersøgelse")
    section = make_section(foreign)
    question = make_question(section)
    client = client_for("centre_staff")
    assert client.get(url("survey_detail", pk=foreign.pk)).status_code == 404
    assert client.get(url("survey_preview", pk=foreign.pk)).status_code == 404
    assert client.get(url("question_edit", pk=foreign.pk, question_pk=question.pk)).status_code == 404
    own = make_survey(personas.tenant)
    # Another survey's question under one's own survey's address is not found either.
    assert client.get(url("question_edit", pk=own.pk, question_pk=question.pk)).status_code == 404


def test_changing_a_questions_type_drops_the_conditions_that_wait_for_its_old_answers(personas, client_for):
    survey = make_survey(personas.tenant)
    section = make_section(survey)
    condition = make_question(section, QuestionKind.YES_NO, text="Har I brug for hjælp?")
    follow = make_question(section, QuestionKind.LONG_TEXT, show_if_question=condition, show_if_value="yes")
    response = client_for("centre_staff").post(
        url("question_edit", pk=survey.pk, question_pk=condition.pk) + "?type=short_text",
        {"text": "Hvad har I brug for hjælp til?"},
    )
    assert response.status_code == 302
    assert reload(Question, condition.pk).kind == QuestionKind.SHORT_TEXT
    follow = reload(Question, follow.pk)
    assert (follow.show_if_question_id, follow.show_if_value) == (None, "")
