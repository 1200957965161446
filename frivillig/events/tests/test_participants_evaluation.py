"""The evaluation: the day after an event ends (Danish time), its evaluation survey goes to those who attended,
once, with the event's name in the mail."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.events.enums import AttendanceStatus, EventStatus, RegistrationStatus
from frivillig.events.models import Attendance, Event, EventSession, Registration
from frivillig.events.services_evaluations import evaluations_send
from frivillig.events.tests.helpers import danish_time, make_event, make_registration, url
from frivillig.surveys.enums import QuestionKind, SurveyStatus
from frivillig.surveys.models import Invitation, Survey
from frivillig.surveys.tests.helpers import (
    choices_of,
    make_question,
    make_section,
    make_survey,
    respond,
    visible_text,
)


def evaluation_survey(tenant, **fields) -> Survey:
    survey = make_survey(tenant, title="Evaluering af kurset", **fields)
    make_question(make_section(survey), QuestionKind.LONG_TEXT, text="Hvad tager du med hjem?")
    return survey


def attend(registration, status=AttendanceStatus.ATTENDED):
    with scopes_disabled():
        for session in EventSession.objects.filter(event=registration.event):
            Attendance.objects.create(
                tenant=registration.tenant, registration=registration, session=session, status=status
            )


@pytest.fixture
def held(personas):
    """An evening course on 12 May 2026, 19-21 Danish time, with two who came, one who did not, one cancelled."""
    survey = evaluation_survey(personas.tenant)
    event = make_event(
        personas.tenant, title="Kursus i rekruttering", starts_at=danish_time(2026, 5, 12, 19), evaluation_survey=survey
    )
    came = [
        make_registration(event, email="anna@example.org", full_name="Anna Andersen", language="da"),
        make_registration(event, email="bob@example.org", full_name="Bob Brown", language="en"),
    ]
    for registration in came:
        attend(registration)
    absent = make_registration(event, email="ikke@example.org", full_name="Ikke Mødt")
    attend(absent, AttendanceStatus.ABSENT)
    cancelled = make_registration(event, email="afmeldt@example.org", status=RegistrationStatus.CANCELLED)
    attend(cancelled)
    make_registration(event, email="uregistreret@example.org")
    return event, survey


def invited(survey) -> list[str]:
    with scopes_disabled():
        return sorted(Invitation.objects.filter(survey=survey).values_list("email", flat=True))


def test_nothing_goes_on_the_day_of_the_event(held, mailoutbox, django_capture_on_commit_callbacks):
    _event, _survey = held
    with django_capture_on_commit_callbacks(execute=True):
        run = evaluations_send(now=danish_time(2026, 5, 12, 23, 59))
    assert run.sent == {}
    assert mailoutbox == []


def test_the_day_after_those_who_attended_are_invited_once_with_the_events_name(
    held, mailoutbox, django_capture_on_commit_callbacks
):
    event, survey = held
    morning = danish_time(2026, 5, 13, 0, 5)

    with django_capture_on_commit_callbacks(execute=True):
        run = evaluations_send(now=morning)

    assert run.sent == {event.pk: 2}
    assert invited(survey) == ["anna@example.org", "bob@example.org"]
    with scopes_disabled():
        # A draft survey chosen as the evaluation is opened to be answered.
        assert Survey.objects.get(pk=survey.pk).status == SurveyStatus.OPEN
        assert Event.objects.get(pk=event.pk).evaluation_sent_at == morning
        sent_to = Registration.objects.filter(evaluation_sent_at=morning).values_list("email", flat=True)
        assert sorted(sent_to) == ["anna@example.org", "bob@example.org"]
    assert len(mailoutbox) == 2
    anna = next(mail for mail in mailoutbox if mail.to == ["anna@example.org"])
    bob = next(mail for mail in mailoutbox if mail.to == ["bob@example.org"])
    assert "Den handler om “Kursus i rekruttering”." in anna.body
    assert "It is about “Kursus i rekruttering”." in bob.body
    assert "/alfa/" in anna.body

    with django_capture_on_commit_callbacks(execute=True):
        again = evaluations_send(now=danish_time(2026, 5, 14, 9))
    assert again.sent == {}
    assert len(mailoutbox) == 2


def test_the_command_sends_on_a_frozen_clock(held, mailoutbox, monkeypatch, django_capture_on_commit_callbacks):
    _event, survey = held
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 5, 13, 6, 0, tzinfo=UTC))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_evaluations", base_url="https://frivillig.example.dk")
        call_command("send_event_evaluations", base_url="https://frivillig.example.dk")
    assert invited(survey) == ["anna@example.org", "bob@example.org"]
    assert len(mailoutbox) == 2
    assert "https://frivillig.example.dk/alfa/" in mailoutbox[0].body


def test_a_cancelled_event_or_one_long_past_gets_no_evaluation(held, mailoutbox):
    event, survey = held
    assert evaluations_send(now=danish_time(2026, 5, 21, 9)).sent == {}
    with scopes_disabled():
        Event.objects.filter(pk=event.pk).update(status=EventStatus.CANCELLED)
    assert evaluations_send(now=danish_time(2026, 5, 13, 9)).sent == {}
    assert invited(survey) == []


def test_a_closed_survey_is_not_reopened_and_the_event_is_tried_again(held, mailoutbox):
    event, survey = held
    with scopes_disabled():
        Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.CLOSED)

    run = evaluations_send(now=danish_time(2026, 5, 13, 9))

    assert run.sent == {} and list(run.skipped) == [event.pk]
    with scopes_disabled():
        assert Event.objects.get(pk=event.pk).evaluation_sent_at is None
    assert invited(survey) == []


def test_the_day_after_is_danish_time_across_midnight_utc(personas, mailoutbox):
    # Ends 23:30 Danish time (21:30 UTC in summer): still "today" until Danish midnight.
    survey = evaluation_survey(personas.tenant, status=SurveyStatus.OPEN)
    event = make_event(personas.tenant, starts_at=danish_time(2026, 7, 1, 21), hours=2, evaluation_survey=survey)
    attend(make_registration(event))
    assert evaluations_send(now=datetime(2026, 7, 1, 21, 45, tzinfo=UTC)).sent == {}
    assert evaluations_send(now=datetime(2026, 7, 1, 22, 1, tzinfo=UTC)).sent == {event.pk: 1}


def test_the_events_staff_page_shows_the_evaluations_response_rate_and_links_its_results(
    held, client_for, django_capture_on_commit_callbacks
):
    event, survey = held
    staff = client_for("centre_staff")
    before = staff.get(url("event_manage", pk=event.pk)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        evaluations_send(now=danish_time(2026, 5, 13, 9))

    after = staff.get(url("event_manage", pk=event.pk)).content.decode()

    assert "sendes til dem, der deltog, dagen efter arrangementet" in before
    assert "Spørgeskemaet “Evaluering af kurset”:" in after
    assert "0 af 2 inviterede har svaret" in after
    assert reverse("surveys:survey_results", kwargs={"tenant_slug": "alfa", "pk": survey.pk}) in after
    # Municipal staff run events but not surveys: the rate, without a link they could not open.
    municipal = client_for("municipal_staff").get(url("event_manage", pk=event.pk)).content.decode()
    assert "0 af 2 inviterede har svaret" in municipal
    assert reverse("surveys:survey_results", kwargs={"tenant_slug": "alfa", "pk": survey.pk}) not in municipal


def evaluation_with_figures(tenant, *, anonymous: bool) -> tuple[Survey, dict]:
    survey = make_survey(tenant, title="Evaluering af kurset", is_anonymous=anonymous, status=SurveyStatus.OPEN)
    section = make_section(survey)
    questions = {
        "scale": make_question(
            section, QuestionKind.SCALE, text="Føler du dig bedre rustet til at rekruttere?", scale_points=5
        ),
        "yes": make_question(section, QuestionKind.YES_NO, text="Vil du anbefale kurset?"),
        "choice": make_question(
            section, QuestionKind.SINGLE_CHOICE, text="Hvor hørte du om kurset?", choices=["Nyhedsbrev", "Plakat"]
        ),
        "text": make_question(section, QuestionKind.LONG_TEXT, text="Hvad tager du med hjem?"),
    }
    return survey, questions


def test_the_events_staff_page_shows_the_evaluations_results_in_brief(personas, client_for):
    survey, asked = evaluation_with_figures(personas.tenant, anonymous=False)
    event = make_event(personas.tenant, title="Kursus i rekruttering", evaluation_survey=survey)
    newsletter, poster = choices_of(asked["choice"])
    for scale, yes, choice in [(5, True, newsletter), (4, True, newsletter), (3, False, poster)]:
        respond(survey, {asked["scale"]: scale, asked["yes"]: yes, asked["choice"]: choice, asked["text"]: "Hemmeligt"})

    page = visible_text(client_for("centre_staff").get(url("event_manage", pk=event.pk)))

    assert "Resultaterne kort (3 svar)" in page
    assert "Føler du dig bedre rustet til at rekruttere? gennemsnit 4 på en skala fra 1 til 5 3" in page
    assert "Vil du anbefale kurset? ja: 66,7 % 3" in page
    assert "Hvor hørte du om kurset? oftest valgt: “Nyhedsbrev” (66,7 %) 3" in page
    # Free texts are left to the results page.
    assert "Hemmeligt" not in page
    assert "Se alle resultaterne" in page


def test_an_anonymous_evaluation_with_too_few_answers_shows_no_figures(personas, client_for):
    survey, asked = evaluation_with_figures(personas.tenant, anonymous=True)
    event = make_event(personas.tenant, evaluation_survey=survey)
    for scale in (5, 4, 3, 5):
        respond(survey, {asked["scale"]: scale})
    client = client_for("centre_staff")

    page = visible_text(client.get(url("event_manage", pk=event.pk)))
    assert "For få svar til at vise endnu" in page and "fra 5 svar" in page
    assert "gennemsnit" not in page

    respond(survey, {asked["scale"]: 4})
    page = visible_text(client.get(url("event_manage", pk=event.pk)))
    assert "gennemsnit 4,2 på en skala fra 1 til 5 5" in page
    # The other questions were answered by nobody (a group too small): no line for them.
    assert "Vil du anbefale kurset?" not in page


def test_municipal_staff_see_the_rate_but_not_the_figures(personas, client_for):
    survey, asked = evaluation_with_figures(personas.tenant, anonymous=False)
    event = make_event(personas.tenant, evaluation_survey=survey)
    respond(survey, {asked["scale"]: 5})

    page = visible_text(client_for("municipal_staff").get(url("event_manage", pk=event.pk)))

    assert "Evaluering" in page and "Spørgeskemaet “Evaluering af kurset”" in page
    assert "gennemsnit" not in page and "Resultaterne kort" not in page
