import json
from datetime import UTC, datetime, timedelta

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.erasure import erase_person
from frivillig.core.models import AuditEntry
from frivillig.core.personal_data import person_data_export, personal_data_export
from frivillig.core.retention import apply_rules
from frivillig.crm.models import Person
from frivillig.surveys.enums import QuestionKind, SurveyStatus
from frivillig.surveys.models import Answer, Invitation, Response
from frivillig.surveys.tests.helpers import (
    answer,
    choices_of,
    make_invitation,
    make_question,
    make_section,
    make_survey,
)
from frivillig.testing import make_person, rendered_text


def _named_answers(personas, **survey_fields):
    person = make_person(personas.tenant, full_name="Bente Hansen", email="bente@example.org")
    survey = make_survey(personas.tenant, **survey_fields)
    section = make_section(survey)
    size = make_question(section, QuestionKind.SINGLE_CHOICE, choices=["Lille", "Stor"])
    comment = make_question(section, QuestionKind.LONG_TEXT)
    chosen = answer(size, choice=choices_of(size)[1], organisation=personas.organisation, person=person)
    with scopes_disabled():
        written = Answer.objects.create(
            tenant=personas.tenant, response=chosen.response, question=comment, text="Bente vil gerne ringes op"
        )
    return person, chosen, written


def test_erasing_a_person_anonymises_their_named_answers_and_keeps_the_figures(personas):
    person, chosen, written = _named_answers(personas)

    with scopes_disabled():
        erase_person(person=person, actor=None, reason="The person asked to be erased")
        response = Response.objects.get(pk=chosen.response_id)
        assert (response.person_id, response.organisation_id) == (None, None)
        assert Answer.objects.get(pk=written.pk).text == ""
        # The closed answer still counts.
        assert Answer.objects.get(pk=chosen.pk).choice_id == chosen.choice_id


def test_retention_anonymises_named_responses_of_a_survey_closed_long_ago(personas):
    long_ago = datetime(2018, 2, 1, tzinfo=UTC)
    _person, old, old_text = _named_answers(
        personas, status=SurveyStatus.CLOSED, opens_at=long_ago - timedelta(days=60), closes_at=long_ago
    )
    _person2, recent, _text = _named_answers(personas, status=SurveyStatus.OPEN)

    apply_rules(now=long_ago + timedelta(days=3 * 365), tenants=[personas.tenant])

    with scopes_disabled():
        assert Response.objects.get(pk=old.response_id).person_id is None
        assert Answer.objects.get(pk=old_text.pk).text == ""
        assert Answer.objects.get(pk=old.pk).choice_id == old.choice_id
        assert Response.objects.get(pk=recent.response_id).person_id is not None


QUESTION = "Hvor mange medlemmer har foreningen?"
WISH = "Hvad ønsker I jer af frivilligcentret?"
SECRET_QUESTION = "Hvordan fungerer samarbejdet med kommunen?"


def _answered(personas, person, *, title, anonymous=False, text="Et kursus i rekruttering, tak", **fields):
    """A survey the person was invited to and answered: named (the response is theirs) or anonymous (no link)."""
    survey = make_survey(personas.tenant, title=title, is_anonymous=anonymous, **fields)
    section = make_section(survey)
    size = make_question(
        section,
        QuestionKind.SINGLE_CHOICE,
        text=SECRET_QUESTION if anonymous else QUESTION,
        choices=["Under 25", "25 eller flere"],
    )
    wish = make_question(section, QuestionKind.LONG_TEXT, text=WISH)
    invitation = make_invitation(
        survey,
        email=person.email,
        person=person,
        organisation=personas.organisation,
        sent_at=datetime(2017, 10, 2, 9, tzinfo=UTC),
        responded=True,
    )
    with scopes_disabled():
        response = Response.objects.create(
            tenant=personas.tenant,
            survey=survey,
            person=None if anonymous else person,
            organisation=None if anonymous else personas.organisation,
            submitted=True,
        )
        Answer.objects.create(tenant=personas.tenant, response=response, question=size, choice=choices_of(size)[1])
        Answer.objects.create(tenant=personas.tenant, response=response, question=wish, text=text)
    return survey, invitation, response


def _statistics():
    with scopes_disabled():
        return sorted(
            Answer.objects.values_list("question__text", "choice__label", "number").annotate(count=Count("pk"))
        )


def test_staff_export_of_a_contact_holds_their_invitations_and_named_answers_but_no_anonymous_answer(
    personas, client_for
):
    person = make_person(personas.tenant, full_name="Bente Hansen", email="bente@example.org")
    _answered(personas, person, title="Behovsanalyse 2017")
    _answered(personas, person, title="Samarbejdet 2017", anonymous=True, text="HEMMELIGT-SVAR")
    url = reverse("crm:person_data_download", kwargs={"tenant_slug": "alfa", "pk": person.pk})

    text = client_for("centre_staff").post(url).content.decode()

    export = json.loads(text)
    surveys = next(section for section in export["sections"] if section["app"] == "surveys")
    kinds = [record["kind"] for record in surveys["records"]]
    assert kinds.count("surveys.invitation") == 2
    assert kinds.count("surveys.response") == 1
    assert kinds.count("surveys.answer") == 2
    # The answers read as what was asked and answered, in the named survey.
    fields = {
        field["label"]: field["value"] for record in surveys["records"] for field in record["fields"] if field["value"]
    }
    assert fields["Spørgeundersøgelse"] in {"Behovsanalyse 2017", "Samarbejdet 2017"}
    for shown in [QUESTION, WISH, "25 eller flere", "Et kursus i rekruttering, tak", "Behovsanalyse 2017"]:
        assert shown in text
    # The anonymous survey's answers are nobody's: not even the question they answered is named.
    assert "HEMMELIGT-SVAR" not in text and SECRET_QUESTION not in text


def test_an_anonymous_response_is_in_nobodys_export(personas):
    person = make_person(personas.tenant, full_name="Bente Hansen", email="bente@example.org")
    _answered(personas, person, title="Samarbejdet 2017", anonymous=True, text="HEMMELIGT-SVAR")

    with scopes_disabled():
        people = list(Person.objects.all())
    exports = [person_data_export(person=someone) for someone in people]
    exports += [personal_data_export(user=user) for user in personas.users.values()]

    for export in exports:
        text = json.dumps(export, ensure_ascii=False)
        assert "HEMMELIGT-SVAR" not in text and SECRET_QUESTION not in text
        assert "surveys.response" not in text and "surveys.answer" not in text


def test_your_data_shows_the_account_holders_named_answers_readably(personas, client_for):
    citizen = personas.user("citizen")
    person = make_person(personas.tenant, full_name=citizen.full_name, email="kontakt@example.org", user=citizen)
    _answered(personas, person, title="Behovsanalyse 2017")

    text = rendered_text(client_for("citizen").get(reverse("accounts:my_data_print")))

    assert "Spørgeundersøgelser" in text
    assert "Behovsanalyse 2017" in text
    assert QUESTION in text and "25 eller flere" in text and "Et kursus i rekruttering, tak" in text


def test_erasing_a_person_deletes_their_invitations_and_keeps_every_answer_counted(personas):
    person = make_person(personas.tenant, full_name="Bente Hansen", email="bente@example.org")
    named, named_invitation, response = _answered(personas, person, title="Behovsanalyse 2017")
    _anonymous, anonymous_invitation, anonymous_response = _answered(
        personas, person, title="Samarbejdet 2017", anonymous=True, text="Fint samarbejde"
    )
    with scopes_disabled():
        # An answer begun: the draft goes with the invitation.
        Invitation.objects.filter(pk=named_invitation.pk).update(responded=False, draft={"1": ["Bente svarer"]})
        bystander = make_invitation(named, email="erik@example.org")
    before = _statistics()

    report = erase_person(person=person, actor=None, reason="The person asked to be erased")

    assert report.count("surveys.Invitation") == 2
    with scopes_disabled():
        assert list(Invitation.objects.values_list("pk", flat=True)) == [bystander.pk]
        response.refresh_from_db()
        assert (response.person_id, response.organisation_id, response.survey_id) == (None, None, named.pk)
        assert not Answer.objects.filter(response=response).exclude(text="").exists()
        # The anonymous response was never the person's: it stays as it was.
        assert Answer.objects.filter(response=anonymous_response, text="Fint samarbejde").exists()
        assert not Invitation.objects.filter(pk=anonymous_invitation.pk).exists()
    assert _statistics() == before


def test_retention_deletes_invitations_of_a_survey_closed_longer_than_the_centre_chose(personas):
    closed_at = datetime(2018, 1, 19, 23, tzinfo=UTC)
    personas.tenant.retention_settings = {"surveys_closed_invitation_days": 60}
    personas.tenant.save(update_fields=["retention_settings"])
    person = make_person(personas.tenant, full_name="Bente Hansen", email="bente@example.org")
    old, old_invitation, _response = _answered(
        personas,
        person,
        title="Samarbejdet 2017",
        anonymous=True,
        status=SurveyStatus.CLOSED,
        opens_at=closed_at - timedelta(days=45),
        closes_at=closed_at,
    )
    unanswered = make_invitation(old, email="erik@example.org")
    later = make_survey(
        personas.tenant,
        title="Evaluering 2018",
        status=SurveyStatus.CLOSED,
        opens_at=closed_at,
        closes_at=closed_at + timedelta(days=30),
    )
    still_open = make_survey(personas.tenant, title="Ønsker 2018", status=SurveyStatus.OPEN, opens_at=closed_at)
    kept = [make_invitation(later).pk, make_invitation(still_open).pk]

    # Not yet: the period runs from the survey's closing.
    apply_rules(now=closed_at + timedelta(days=59), tenants=[personas.tenant])
    with scopes_disabled():
        assert Invitation.objects.count() == 4

    now = closed_at + timedelta(days=61)
    runs = apply_rules(now=now, dry_run=True, tenants=[personas.tenant])
    run = next(run for run in runs if run.rule.key == "surveys.closed_invitations")
    assert run.count == 2
    assert sorted(run.lines) == sorted(
        f"surveys.Invitation #{pk} ({timezone.localdate():%Y-%m-%d})" for pk in [old_invitation.pk, unanswered.pk]
    )
    with scopes_disabled():
        assert Invitation.objects.count() == 4

    apply_rules(now=now, tenants=[personas.tenant])

    with scopes_disabled():
        assert sorted(Invitation.objects.values_list("pk", flat=True)) == sorted(kept)
        # The responses stay: an anonymous survey's answers are nobody's to delete.
        assert Response.objects.filter(survey=old).count() == 1
        entry = AuditEntry.objects.get(code="core.retention.applied", data__rule="surveys.closed_invitations")
    assert entry.data["count"] == 2


def test_retention_counts_from_when_a_survey_stopped_taking_answers_closed_by_hand_or_past_its_closing_time(
    personas,
):
    """A survey closed by hand without a closing time, and one left open past its closing time, both end: their
    invitations go the centre's period after that, not never."""
    from frivillig.surveys.models import Survey
    from frivillig.surveys.services_invitations import survey_close, survey_reopen

    ended = datetime(2018, 1, 19, 23, tzinfo=UTC)
    personas.tenant.retention_settings = {"surveys_closed_invitation_days": 60}
    personas.tenant.save(update_fields=["retention_settings"])
    by_hand = make_survey(personas.tenant, title="Lukket i hånden", status=SurveyStatus.OPEN)
    left_open = make_survey(personas.tenant, title="Glemt åben", status=SurveyStatus.OPEN, closes_at=ended)
    reopened = make_survey(personas.tenant, title="Åbnet igen", status=SurveyStatus.OPEN)
    never_opened = make_survey(personas.tenant, title="Kladde", status=SurveyStatus.DRAFT, closes_at=ended)
    invitations = {survey.pk: make_invitation(survey).pk for survey in (by_hand, left_open, reopened, never_opened)}
    with scopes_disabled():
        for survey in (by_hand, reopened):
            survey_close(survey=survey, actor=personas.user("centre_staff"))
        survey_reopen(survey=Survey.objects.get(pk=reopened.pk), actor=personas.user("centre_staff"))
        assert Survey.objects.get(pk=reopened.pk).closed_at is None
        Survey.objects.filter(pk=by_hand.pk).update(closed_at=ended)

    apply_rules(now=ended + timedelta(days=59), tenants=[personas.tenant])
    with scopes_disabled():
        assert Invitation.objects.count() == 4

    apply_rules(now=ended + timedelta(days=61), tenants=[personas.tenant])

    with scopes_disabled():
        assert set(Invitation.objects.values_list("pk", flat=True)) == {
            invitations[reopened.pk],
            invitations[never_opened.pk],
        }
