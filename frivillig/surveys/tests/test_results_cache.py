"""The results page's body is kept per survey, results version, filter and language (surveys/caching.py): every
write that changes what the page shows is seen at once, and no entry is ever served for another filter, language
or tenant. Each test of a write path loads the page first (so its body is kept), writes, and loads it again: it
fails if that path stops renewing the version."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from frivillig.crm.models import Tag
from frivillig.surveys import services
from frivillig.surveys.enums import QuestionKind, SurveyStatus
from frivillig.surveys.models import Answer, Response, Survey
from frivillig.surveys.retention import RULES
from frivillig.surveys.selectors_invitations import Recipient
from frivillig.surveys.services_invitations import survey_invite
from frivillig.surveys.services_responses import response_submit
from frivillig.surveys.tests.helpers import (
    choices_of,
    make_invitation,
    make_question,
    make_section,
    make_survey,
    respond,
    url,
    visible_text,
)
from frivillig.tenants.enums import Role
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant, make_organisation, make_person

NBSP = "\u00a0"


@pytest.fixture
def staff(client_for):
    return client_for("centre_staff")


@pytest.fixture
def actor(personas):
    return personas.user("centre_staff")


def page(client, survey, query="") -> str:
    response = client.get(url("survey_results", pk=survey.pk) + query)
    assert response.status_code == 200
    return visible_text(response)


def named_survey(tenant):
    """A named survey with two questions and one response that answered neither (so the page lists them, and
    the builder may still delete and reorder them)."""
    survey = make_survey(tenant)
    section = make_section(survey)
    size = make_question(
        section, QuestionKind.SINGLE_CHOICE, text="Hvor stor er foreningen?", choices=["Lille", "Stor"]
    )
    say = make_question(section, QuestionKind.LONG_TEXT, text="Hvad kan centret gøre bedre?")
    respond(survey, {})
    return survey, section, size, say


# --- every write path that changes the page ----------------------------------------------------------------------


def test_a_submitted_response_is_seen_at_once(personas, staff):
    survey, _section, size, _say = named_survey(personas.tenant)
    small, _big = choices_of(size)
    respond(survey, {size: small})
    assert "Lille 1 (100,0 %)" in page(staff, survey)

    with scope(tenant=personas.tenant):
        response_submit(
            survey=survey, answers=[Answer(tenant_id=survey.tenant_id, question_id=size.pk, choice_id=small.pk)]
        )

    assert "Lille 2 (100,0 %)" in page(staff, survey)


def test_an_erased_persons_free_text_is_gone_at_once(personas, staff, django_capture_on_commit_callbacks):
    from frivillig.core.erasure import erase_person

    survey, _section, _size, say = named_survey(personas.tenant)
    person = make_person(personas.tenant)
    respond(survey, {say: "Min egen mening om centret"}, person=person, organisation=personas.organisation)
    assert "Min egen mening om centret" in page(staff, survey)

    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        erase_person(person=person, actor=None, reason="Personen bad om sletning.")

    text = page(staff, survey)
    assert "Min egen mening om centret" not in text and "Nobody has written" not in text


def test_retention_anonymising_named_responses_is_seen_at_once(personas, staff):
    survey, _section, _size, say = named_survey(personas.tenant)
    respond(survey, {say: "Tekst fra foreningen"}, organisation=personas.organisation)
    assert "Tekst fra foreningen" in page(staff, survey)

    rule = next(rule for rule in RULES if rule.key == "surveys.closed_named_responses")
    with scopes_disabled():
        rule.apply(Response.objects.filter(survey=survey), personas.tenant, timezone.now())

    assert "Tekst fra foreningen" not in page(staff, survey)


def test_retention_deleting_invitations_is_seen_at_once(personas, staff):
    survey, *_rest = named_survey(personas.tenant)
    sent = datetime.datetime(2017, 10, 2, tzinfo=datetime.UTC)
    make_invitation(survey, email="a@example.org", sent_at=sent)
    assert "Sendte invitationer 1" in page(staff, survey)

    rule = next(rule for rule in RULES if rule.key == "surveys.closed_invitations")
    with scopes_disabled():
        rule.apply(survey.invitations.all(), personas.tenant, timezone.now())

    assert "Sendte invitationer 0" in page(staff, survey)


def test_invitations_sent_are_seen_at_once(personas, staff, actor):
    survey, *_rest = named_survey(personas.tenant)
    with scopes_disabled():
        Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.OPEN)
        survey.refresh_from_db()
    assert "Sendte invitationer 0" in page(staff, survey)

    with scope(tenant=personas.tenant):
        survey_invite(survey=survey, actor=actor, recipients=[Recipient(email="ny@example.org", label="Ny")])

    assert "Sendte invitationer 1" in page(staff, survey)


def test_a_question_corrected_is_seen_at_once(personas, staff, actor):
    survey, _section, size, _say = named_survey(personas.tenant)
    assert "Hvor stor er foreningen?" in page(staff, survey)

    with scope(tenant=personas.tenant):
        size.text = "Hvor mange medlemmer har foreningen?"
        services.question_save(question=size, actor=actor, changed=["text"])

    assert "Hvor mange medlemmer har foreningen?" in page(staff, survey)


def test_a_question_deleted_is_seen_at_once(personas, staff, actor):
    survey, _section, _size, say = named_survey(personas.tenant)
    assert "Hvad kan centret gøre bedre?" in page(staff, survey)

    with scope(tenant=personas.tenant):
        services.question_delete(question=say, actor=actor)

    assert "Hvad kan centret gøre bedre?" not in page(staff, survey)


def test_a_question_moved_is_seen_at_once(personas, staff, actor):
    survey, _section, _size, say = named_survey(personas.tenant)
    assert "2. Hvad kan centret gøre bedre?" in page(staff, survey)

    with scope(tenant=personas.tenant):
        services.question_move(question=say, direction=services.UP, actor=actor)

    assert "1. Hvad kan centret gøre bedre?" in page(staff, survey)


def test_a_section_moved_is_seen_at_once(personas, staff, actor):
    survey, _section, _size, _say = named_survey(personas.tenant)
    later = make_section(survey, title="Til sidst")
    make_question(later, QuestionKind.YES_NO, text="Vil I deltage igen?")
    assert "3. Vil I deltage igen?" in page(staff, survey)

    with scope(tenant=personas.tenant):
        services.section_move(section=later, direction=services.UP, actor=actor)

    assert "1. Vil I deltage igen?" in page(staff, survey)


def test_a_section_deleted_is_seen_at_once(personas, staff, actor):
    survey, _section, _size, _say = named_survey(personas.tenant)
    later = make_section(survey, title="Til sidst")
    make_question(later, QuestionKind.YES_NO, text="Vil I deltage igen?")
    assert "Vil I deltage igen?" in page(staff, survey)

    with scope(tenant=personas.tenant):
        services.section_delete(section=later, actor=actor)

    assert "Vil I deltage igen?" not in page(staff, survey)


def test_an_option_moved_is_seen_at_once(personas, staff, actor):
    survey, _section, size, _say = named_survey(personas.tenant)
    text = page(staff, survey)
    assert text.index("Lille") < text.index("Stor")

    with scope(tenant=personas.tenant):
        services.choice_move(choice=choices_of(size)[1], direction=services.UP, actor=actor)

    text = page(staff, survey)
    assert text.index("Stor") < text.index("Lille")


def test_the_smallest_group_changed_is_seen_at_once(personas, staff, actor):
    survey = make_survey(personas.tenant, is_anonymous=True)
    question = make_question(make_section(survey), QuestionKind.YES_NO, text="Er I tilfredse?")
    for _ in range(5):
        respond(survey, {question: True})
    assert "Ja 5 (100,0 %)" in page(staff, survey)

    with scope(tenant=personas.tenant):
        survey.minimum_group_size = 6
        services.survey_save(survey=survey, actor=actor, changed=["minimum_group_size"])

    text = page(staff, survey)
    assert "Ja 5" not in text and "For få svar til at vise." in text


def test_an_organisation_renamed_in_the_register_is_seen_at_once(
    personas, staff, actor, django_capture_on_commit_callbacks
):
    from frivillig.crm.services.organisations import organisation_save

    survey, _section, _size, say = named_survey(personas.tenant)
    club = make_organisation(personas.tenant, name="Roklubben")
    respond(survey, {say: "Flere kurser"}, organisation=club)
    assert "Flere kurser – Roklubben" in page(staff, survey)

    with django_capture_on_commit_callbacks(execute=True), scope(tenant=personas.tenant):
        club.name = "Sorø Roklub"
        organisation_save(organisation=club, actor=actor, changed=["name"])

    assert "Flere kurser – Sorø Roklub" in page(staff, survey)


def test_a_tag_renamed_in_the_register_is_seen_at_once(personas, staff, actor, django_capture_on_commit_callbacks):
    from frivillig.crm.services.tags import tag_update

    survey, *_rest = named_survey(personas.tenant)
    with scopes_disabled():
        tag = Tag.objects.create(
            tenant=personas.tenant, vocabulary="activity_area", slug="leg-test", label_da="Leg", label_en="Play"
        )
    assert "Leg" in page(staff, survey)

    with django_capture_on_commit_callbacks(execute=True), scope(tenant=personas.tenant):
        tag.label_da = "Idræt og leg"
        tag_update(tag=tag, actor=actor, changed=["label_da"])

    assert "Idræt og leg" in page(staff, survey)


# --- what the key keeps apart -----------------------------------------------------------------------------------


def test_two_filters_never_share_an_entry(personas, staff):
    survey, _section, size, _say = named_survey(personas.tenant)
    small, big = choices_of(size)
    club = make_organisation(personas.tenant, name="Roklubben", kind="association")
    firm = make_organisation(personas.tenant, name="Firmaet", kind="business")
    respond(survey, {size: small}, organisation=club)
    respond(survey, {size: big}, organisation=firm)

    assert "Lille 1 (100,0 %)" in page(staff, survey, "?type=association")
    assert "Stor 1 (100,0 %)" in page(staff, survey, "?type=business")
    assert "Lille 1 (50,0 %)" in page(staff, survey)
    # The same filters again, now from the cache: each its own.
    assert "Lille 1 (100,0 %)" in page(staff, survey, "?type=association")
    assert "Stor 1 (100,0 %)" in page(staff, survey, "?type=business")
    assert "Lille 1 (100,0 %)" in page(staff, survey, f"?svar={size.pk}:{small.pk}")
    # Every value given counts, not only the one the form reads.
    assert "Stor 1 (100,0 %)" in page(staff, survey, "?type=association&type=business")


def test_an_anonymous_groups_suppression_holds_for_every_filter_from_the_cache(personas, staff):
    survey = make_survey(personas.tenant, is_anonymous=True)
    section = make_section(survey)
    size = make_question(section, QuestionKind.SINGLE_CHOICE, text="Størrelse?", choices=["Lille", "Stor"])
    small, big = choices_of(size)
    for _ in range(8):
        respond(survey, {size: big})
    for _ in range(2):
        respond(survey, {size: small})

    assert "Stor 8 (80,0 %)" in page(staff, survey)
    small_only = f"?svar={size.pk}:{small.pk}"
    for _ in range(2):
        text = page(staff, survey, small_only)
        assert "For få svar til at vise." in text and "Lille 2" not in text


def test_languages_never_share_an_entry(personas, staff):
    survey, _section, size, _say = named_survey(personas.tenant)
    respond(survey, {size: choices_of(size)[0]})

    danish = page(staff, survey)
    staff.cookies["frivillig_language"] = "en"
    english = page(staff, survey)

    assert "Modtagne besvarelser 2" in danish
    assert "Responses received 2" in english and "Modtagne besvarelser" not in english
    assert "1 (100.0 %)" in english and "1 (100,0 %)" in danish


def test_another_tenant_cannot_get_a_kept_page(personas, staff, client_for):
    survey, _section, size, _say = named_survey(personas.tenant)
    respond(survey, {size: choices_of(size)[0]})
    assert "Lille 1" in page(staff, survey)

    other = client_for("other_staff")
    address = reverse("surveys:survey_results", kwargs={"tenant_slug": personas.other_tenant.slug, "pk": survey.pk})
    assert other.get(address).status_code == 404


@pytest.mark.parametrize("size", [1, 3])
def test_a_kept_page_costs_few_queries_whatever_the_responses(db, client, django_assert_num_queries, size):
    tenant = TenantFactory(slug="maaling")
    staff = UserFactory()
    grant(staff, tenant, Role.CENTRE_STAFF)
    survey, _section, question, say = named_survey(tenant)
    for number in range(size):
        respond(survey, {question: choices_of(question)[0], say: f"Tekst {number}"})
    client.force_login(staff)
    address = reverse("surveys:survey_results", kwargs={"tenant_slug": tenant.slug, "pk": survey.pk})
    client.get(address)

    with django_assert_num_queries(5):
        response = client.get(address)

    assert f"Lille {size} (100,0 %)" in visible_text(response)
    assert f"Tekst {size - 1}" in visible_text(response)
    assert_rows_rendered(response, ["Tekst 0", f"Tekst {size - 1}"])


@override_settings(SURVEY_RESULTS_CACHE_SECONDS=0)
def test_with_the_cache_off_every_request_computes_the_page(personas, staff):
    survey, _section, size, _say = named_survey(personas.tenant)
    assert "Lille" in page(staff, survey)
    respond(survey, {size: choices_of(size)[0]})
    # Written behind the services' back (as only a test does): seen because nothing is kept.
    assert "Lille 1 (100,0 %)" in page(staff, survey)


# --- percentages ----------------------------------------------------------------------------------------------


def test_a_percentage_never_breaks_from_its_sign(personas, staff):
    survey, _section, size, _say = named_survey(personas.tenant)
    small, big = choices_of(size)
    make_invitation(survey, email="a@example.org", sent_at=timezone.now(), responded=True)
    make_invitation(survey, email="b@example.org", sent_at=timezone.now())
    respond(survey, {size: small})
    respond(survey, {size: small})
    respond(survey, {size: big})

    body = staff.get(url("survey_results", pk=survey.pk)).content.decode()

    assert f"2 (66,7{NBSP}%)" in body and f"1 (33,3{NBSP}%)" in body
    assert f"1 (50,0{NBSP}%)" in body  # the invitations answered
    assert "66,7 %" not in body and "50,0 %" not in body
