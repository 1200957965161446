"""Reminders to those who have not answered: by the button and by the cron command."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.surveys.enums import QuestionKind, SurveyStatus
from frivillig.surveys.models import Invitation
from frivillig.surveys.services_invitations import survey_send_reminders
from frivillig.surveys.tests.helpers import make_invitation, make_question, make_section, make_survey, url


def open_survey(tenant, **fields):
    fields.setdefault("status", SurveyStatus.OPEN)
    survey = make_survey(tenant, **fields)
    make_question(make_section(survey), QuestionKind.YES_NO, text="Har foreningen brug for flere frivillige?")
    return survey


def reminders_of(invitation) -> int:
    with scopes_disabled():
        return Invitation.objects.get(pk=invitation.pk).reminders_sent


def remind(survey, now=None, **options) -> int:
    with scopes_disabled():
        return survey_send_reminders(survey=survey, actor=None, now=now or timezone.now(), **options)


def test_reminders_skip_the_answered_and_the_declined_and_stop_at_the_limit(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    survey = open_survey(personas.tenant, max_reminders=2, title="Behovsanalyse 2017")
    sent = timezone.now() - timedelta(days=10)
    waiting = make_invitation(survey, email="venter@example.org", sent_at=sent)
    answered = make_invitation(survey, email="svarede@example.org", sent_at=sent, responded=True)
    declined = make_invitation(survey, email="nej@example.org", sent_at=sent, declined=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind(survey) == 1
        assert remind(survey) == 1
        assert remind(survey) == 0
    assert reminders_of(waiting) == 2
    assert reminders_of(answered) == 0
    assert reminders_of(declined) == 0
    assert [message.to for message in mailoutbox] == [["venter@example.org"], ["venter@example.org"]]
    assert "Behovsanalyse 2017" in mailoutbox[0].subject
    assert "En kort påmindelse" in mailoutbox[0].body
    with scopes_disabled():
        assert Invitation.objects.get(pk=waiting.pk).last_reminded_at is not None
        assert AuditEntry.objects.filter(code="surveys.reminders.sent").count() == 2


def test_a_closed_survey_or_one_past_its_closing_time_sends_no_reminders(personas, mailoutbox):
    sent = timezone.now() - timedelta(days=10)
    closed = open_survey(personas.tenant, status=SurveyStatus.CLOSED)
    past = open_survey(personas.tenant, closes_at=timezone.now() - timedelta(hours=1), opens_at=sent)
    first = make_invitation(closed, email="venter@example.org", sent_at=sent)
    second = make_invitation(past, email="venter@example.org", sent_at=sent)
    assert remind(closed) == 0
    assert remind(past) == 0
    assert reminders_of(first) == reminders_of(second) == 0
    assert mailoutbox == []


def test_the_button_shows_the_count_and_confirms(personas, client_for, mailoutbox, django_capture_on_commit_callbacks):
    survey = open_survey(personas.tenant, max_reminders=1)
    sent = timezone.now() - timedelta(days=1)
    make_invitation(survey, email="anna@example.org", sent_at=sent, language="en")
    make_invitation(survey, email="bo@example.org", sent_at=sent)
    make_invitation(survey, email="svarede@example.org", sent_at=sent, responded=True)
    client = client_for("centre_staff")
    page = client.get(url("invitation_list", pk=survey.pk)).content.decode()
    assert "2 påmindelser vil blive sendt til dem, der ikke har svaret endnu." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("survey_remind", pk=survey.pk), follow=True)
    page = response.content.decode()
    assert "2 påmindelser er sendt." in page
    # The survey allows one reminder: nobody is waiting for another, and the button says so.
    assert "0 påmindelser vil blive sendt til dem, der ikke har svaret endnu." in page
    english = next(message for message in mailoutbox if message.to == ["anna@example.org"])
    assert "A short reminder" in english.body


def test_the_button_when_nobody_waits_says_so(personas, client_for):
    survey = open_survey(personas.tenant)
    page = client_for("centre_staff").post(url("survey_remind", pk=survey.pk), follow=True).content.decode()
    assert "Der blev ikke sendt nogen påmindelser: ingen venter på en." in page


def test_the_button_of_another_tenants_survey_is_not_found(personas, client_for):
    survey = open_survey(personas.other_tenant)
    invitation = make_invitation(survey, email="anna@example.org", sent_at=timezone.now() - timedelta(days=9))
    assert client_for("centre_staff").post(url("survey_remind", pk=survey.pk)).status_code == 404
    assert client_for("municipal_staff").post(url("survey_remind", pk=survey.pk)).status_code in (403, 404)
    assert reminders_of(invitation) == 0


def test_municipal_staff_cannot_send_reminders(personas, client_for):
    survey = open_survey(personas.tenant)
    invitation = make_invitation(survey, email="anna@example.org", sent_at=timezone.now() - timedelta(days=9))
    assert client_for("municipal_staff").post(url("survey_remind", pk=survey.pk)).status_code == 403
    assert reminders_of(invitation) == 0


def test_the_command_reminds_only_after_the_days_in_all_tenants(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    alfa = open_survey(personas.tenant)
    charlie = open_survey(personas.other_tenant)
    old = make_invitation(alfa, email="gammel@example.org", sent_at=now - timedelta(days=8))
    fresh = make_invitation(alfa, email="ny@example.org", sent_at=now - timedelta(days=2))
    reminded = make_invitation(
        alfa,
        email="mindet@example.org",
        sent_at=now - timedelta(days=20),
        reminders_sent=1,
        last_reminded_at=now - timedelta(days=3),
    )
    other = make_invitation(charlie, email="charlie@example.org", sent_at=now - timedelta(days=30))

    out = StringIO()
    call_command("send_survey_reminders", "--dry-run", stdout=out)
    assert "Survey reminders: 2 due (dry run, nothing sent) for 2 survey(s)." in out.getvalue()
    assert reminders_of(old) == 0

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_survey_reminders", stdout=out)
    assert "Survey reminders: 2 sent for 2 survey(s)." in out.getvalue()
    assert (reminders_of(old), reminders_of(fresh), reminders_of(reminded), reminders_of(other)) == (1, 0, 1, 1)
    assert sorted(message.to[0] for message in mailoutbox) == ["charlie@example.org", "gammel@example.org"]

    out = StringIO()
    call_command("send_survey_reminders", "--days", "2", stdout=out)
    assert "Survey reminders: 2 sent for 1 survey(s)." in out.getvalue()
    assert (reminders_of(fresh), reminders_of(reminded)) == (1, 2)


def test_no_reminder_to_a_person_who_withdrew_consent_to_contact_after_the_invitation(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    from frivillig.core.consent import consent_give, consent_withdraw
    from frivillig.testing import make_person

    survey = open_survey(personas.tenant, max_reminders=2)
    sent = timezone.now() - timedelta(days=10)
    withdrew = make_person(personas.tenant, full_name="Trak Tilbage", email="trak@example.org")
    changed_mind = make_person(personas.tenant, full_name="Gav Igen", email="igen@example.org")
    stays = make_person(personas.tenant, full_name="Har Sagt Ja", email="ja@example.org")
    with scopes_disabled():
        for person in (withdrew, changed_mind, stays):
            consent_give(purpose="crm.contact", subject=person, method="email", actor=None)
        for person in (withdrew, changed_mind):
            consent_withdraw(purpose="crm.contact", subject=person, method="email", actor=None)
        consent_give(purpose="crm.contact", subject=changed_mind, method="email", actor=None)
    for person in (withdrew, changed_mind, stays):
        make_invitation(survey, email=person.email, person=person, sent_at=sent)
    make_invitation(survey, email="indsat@example.org", sent_at=sent)  # a pasted address: no person, no ledger

    with django_capture_on_commit_callbacks(execute=True):
        assert remind(survey) == 3

    assert sorted(message.to[0] for message in mailoutbox) == [
        "igen@example.org",
        "indsat@example.org",
        "ja@example.org",
    ]
    with scopes_disabled():
        assert Invitation.objects.get(person=withdrew).reminders_sent == 0
