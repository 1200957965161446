"""A course's whole cycle, as the people involved live it: the centre's staff create a course with an evaluation
survey and publish it; an association's representative registers on behalf of the association (a colleague
too: two places); at the door the staff check them in; the day after, the evaluation command sends the survey and
the representative opens it from the mail. axe-core checks every page on the way (no serious or critical
violation), and no page scrolls sideways at 320 px. Screenshots in test-results/screenshots/ (events-journey-*)."""

import re
import time
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from frivillig.events.enums import AttendanceStatus, RegistrationStatus
from frivillig.events.models import Attendance, Event, Registration
from frivillig.surveys.enums import QuestionKind, SurveyKind, SurveyStatus
from frivillig.surveys.tests.helpers import make_question, make_section, make_survey
from tests.browser.support import link_in, log_in_directly, screenshot, ui, visit_checked, wait_for_mail

pytestmark = pytest.mark.browser

TITLE = "Kursus i effektiv rekruttering af frivillige"
EVALUATION = "Evaluering af rekrutteringskurset"


def _evaluation_survey(tenant):
    survey = make_survey(tenant, title=EVALUATION, kind=SurveyKind.EVALUATION)
    section = make_section(survey, title="Kurset")
    make_question(section, QuestionKind.LONG_TEXT, text="Hvad tager I med fra kurset?")
    return survey


def _fits_320(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, f"{page.url} scrolls sideways at 320 px"


def _url(site, name: str, **kwargs) -> str:
    return site(reverse(f"events:{name}", kwargs={"tenant_slug": "alfa", **kwargs}))


def _mail_with_link(to: str, fragment: str, *, timeout: float = 5.0):
    deadline = time.monotonic() + timeout
    while True:
        for message in reversed(mail.outbox):
            if to in message.to and fragment in message.body:
                return message
        if time.monotonic() > deadline:
            sent = [(message.to, message.subject) for message in mail.outbox]
            pytest.fail(f"No e-mail to {to} with {fragment!r} arrived within {timeout} s; the outbox holds {sent}")
        time.sleep(0.05)


def test_create_register_check_in_and_evaluate(site, new_context, monkeypatch):
    personas = site.personas
    _evaluation_survey(personas.tenant)
    representative = personas.user("association_rep")
    day = timezone.localdate() + timedelta(days=3)

    # The staff create the course and publish it.
    staff = new_context(viewport={"width": 1280, "height": 900})
    log_in_directly(staff, site, personas.user("centre_staff"))
    page = staff.new_page()
    page.goto(_url(site, "event_create"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    visit_checked(page, "events-journey-create-1280")
    page.get_by_label(ui("Kind", "Type")).select_option(value="course")
    page.get_by_label(ui("Title", "Titel")).fill(TITLE)
    page.locator("[name=description]").fill(
        "Tre aftener om at skrive opslag, der fanger, og tage godt imod nye frivillige."
    )
    page.locator("[name=starts_at]").fill(f"{day.isoformat()}T19:00")
    page.locator("[name=ends_at]").fill(f"{day.isoformat()}T21:30")
    page.locator("[name=place]").fill("Frivilligcentret, Torvet 1")
    page.locator("[name=capacity]").fill("20")
    page.get_by_label("Rekruttering af frivillige").check()
    page.get_by_label(ui("Evaluation survey", "Evalueringsskema", exact=False)).select_option(label=EVALUATION)
    page.get_by_role("button", name=ui("Create the event", "Opret arrangementet")).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.get_by_role("button", name=ui("Publish the event", "Offentliggør arrangementet")).click()
    page.wait_for_load_state("load")
    visit_checked(page, "events-journey-manage-1280")
    with scopes_disabled():
        event = Event.objects.get(tenant=personas.tenant, title=TITLE)
        assert event.status == "published" and event.evaluation_survey.title == EVALUATION
        session = event.sessions.get()
        assert timezone.localtime(session.starts_at).strftime("%H:%M") == "19:00"

    # The representative finds it and registers on behalf of the association, with a colleague: two places.
    rep_context = new_context(viewport={"width": 320, "height": 800})
    log_in_directly(rep_context, site, representative)
    rep = rep_context.new_page()
    rep.goto(_url(site, "event_detail", pk=event.pk))
    expect(rep.get_by_role("heading", level=1)).to_have_text(TITLE)
    visit_checked(rep, "events-journey-detail-320")
    _fits_320(rep)
    rep.get_by_role("link", name=ui("Register", "Tilmeld", exact=False)).first.click()
    rep.wait_for_load_state("load")
    visit_checked(rep, "events-journey-register-320")
    _fits_320(rep)
    rep.get_by_label(ui("On behalf of", "På vegne af", exact=False)).select_option(label="Alfa Besøgsvenner")
    rep.get_by_label(ui("Number of places", "Antal pladser")).fill("2")
    rep.get_by_role("button", name=ui("Register", "Tilmeld")).click()
    rep.wait_for_load_state("load")
    expect(
        rep.get_by_text(
            ui(
                f"{representative.full_name} is registered for the event.",
                f"{representative.full_name} er tilmeldt arrangementet.",
            )
        )
    ).to_be_visible()
    visit_checked(rep, "events-journey-registration-320")
    _fits_320(rep)
    with scopes_disabled():
        registration = Registration.objects.get(event=event)
        assert (registration.status, registration.group_size) == (RegistrationStatus.REGISTERED, 2)
        assert registration.organisation == personas.organisation and registration.user == representative
    confirmation = wait_for_mail(representative.email)
    assert TITLE in confirmation.subject or TITLE in confirmation.body

    # At the door the staff check them in, on a tablet-sized list and on a phone.
    page.goto(_url(site, "check_in", pk=event.pk))
    row = page.locator(f"#tilmelding-{registration.pk}")
    expect(row).to_contain_text(ui("Not checked in yet", "Ikke tjekket ind endnu", exact=False))
    visit_checked(page, "events-journey-check-in-1280")
    row.get_by_role("button", name=re.compile(r"^\s*(?:Arrived|Mødt)\s*:")).click()
    expect(page.locator(f"#tilmelding-{registration.pk} .check-in-row__status")).to_have_text(ui("Arrived", "Mødt"))
    check_in_phone = new_context(viewport={"width": 320, "height": 800})
    log_in_directly(check_in_phone, site, personas.user("centre_staff"))
    phone = check_in_phone.new_page()
    phone.goto(_url(site, "check_in", pk=event.pk))
    expect(phone.locator(f"#tilmelding-{registration.pk}")).to_contain_text(ui("Arrived", "Mødt", exact=False))
    visit_checked(phone, "events-journey-check-in-320")
    _fits_320(phone)
    with scopes_disabled():
        assert Attendance.objects.get(registration=registration, session=session).status == AttendanceStatus.ATTENDED

    # The day after the course the evaluation command sends the survey to those who came.
    after = timezone.make_aware(datetime.combine(day + timedelta(days=1), datetime.min.time())) + timedelta(hours=9)
    with monkeypatch.context() as patched:
        patched.setattr(timezone, "now", lambda: after)
        call_command("send_event_evaluations", base_url=site.url)
    evaluation = _mail_with_link(representative.email, "/alfa/svar/")
    assert TITLE in evaluation.body
    with scopes_disabled():
        event.refresh_from_db()
        assert event.evaluation_sent_at is not None
        assert event.evaluation_survey.status == SurveyStatus.OPEN
    rep.goto(link_in(evaluation, "/alfa/svar/"))
    expect(rep.get_by_role("heading", level=1)).to_have_text(EVALUATION)
    visit_checked(rep, "events-journey-evaluation-320")
    _fits_320(rep)
    screenshot(page, "events-journey-checked-in-1280")
