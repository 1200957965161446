"""The participants' pages in a browser: the staff's participant list and the QR code screen, and a participant
checking in on a 320 px phone by the code's link (the e-mail they registered with). axe-core checks every page
(no serious or critical violation); nothing scrolls sideways at 320 px. Screenshots in test-results/screenshots/
(events-participants-*)."""

import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from frivillig.events.enums import AttendanceStatus, CheckInMethod, EventKind
from frivillig.events.models import Attendance, EventSession
from frivillig.events.tests.helpers import make_event, make_registration
from tests.browser.support import log_in_directly, ui, visit_checked

pytestmark = pytest.mark.browser


def _url(site, name: str, **kwargs) -> str:
    return site(reverse(f"events:{name}", kwargs={"tenant_slug": "alfa", **kwargs}))


def _fits_320(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, f"{page.url} scrolls sideways at 320 px"


def test_staff_show_the_qr_code_and_a_participant_checks_in_on_a_phone(site, new_context):
    personas = site.personas
    event = make_event(personas.tenant, kind=EventKind.COURSE, sessions=2, title="Kursus i fundraising", asks_diet=True)
    registration = make_registration(
        event,
        email="karen@example.org",
        full_name="Karen Kursist",
        organisation=personas.organisation,
        group_size=2,
        diet="Vegetar",
    )
    with scopes_disabled():
        session = EventSession.objects.filter(event=event).order_by("starts_at").first()

    staff = new_context(viewport={"width": 320, "height": 800})
    log_in_directly(staff, site, personas.user("centre_staff"))
    page = staff.new_page()
    page.goto(_url(site, "participant_list", pk=event.pk))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kursus i fundraising")
    expect(page.locator("table")).to_contain_text("Karen Kursist")
    visit_checked(page, "events-participants-list-320")
    _fits_320(page)

    page.goto(_url(site, "check_in_screen", pk=event.pk) + f"?moedegang={session.pk}")
    qr = page.locator("svg.check-in-qr")
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] <= 320
    visit_checked(page, "events-participants-qr-320")
    _fits_320(page)
    link = page.locator(".check-in-qr-link").inner_text().strip()
    assert re.search(rf"/alfa/arrangementer/{event.pk}/tjek-ind/[^/]+/$", link)

    phone = new_context(viewport={"width": 320, "height": 700}).new_page()
    phone.goto(link)
    visit_checked(phone, "events-participants-self-check-in-320")
    _fits_320(phone)
    phone.get_by_label(ui("The e-mail address you registered with", "Den e-mailadresse, du tilmeldte dig med")).fill(
        "karen@example.org"
    )
    phone.get_by_role("button", name=ui("Check in", "Tjek ind")).click()
    expect(phone.locator(".alert-heading")).to_have_text(ui("You are checked in", "Du er tjekket ind"))
    visit_checked(phone, "events-participants-checked-in-320")
    with scopes_disabled():
        attendance = Attendance.objects.get(registration=registration, session=session)
    assert (attendance.status, attendance.method) == (AttendanceStatus.ATTENDED, CheckInMethod.SELF)
