"""The public event pages in a browser: the list with its live filter, the month calendar (a table on a wide
screen, a day per row at 320 px), and an event's page; axe-core clean, no sideways scrolling. Screenshots in
test-results/screenshots/ (events-public-*)."""

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.events.enums import EventKind
from frivillig.events.tests.helpers import danish_time, make_event, make_registration
from tests.browser.support import ui, visit_checked

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 320])
def test_a_citizen_finds_an_event_in_the_list_and_the_calendar(site, new_context, width):
    tenant = site.personas.tenant
    today = timezone.localdate()
    with scopes_disabled():
        theme = Tag.objects.filter(tenant=tenant, vocabulary=Vocabulary.THEME).first()
    course = make_event(
        tenant,
        title="Kursus i effektiv rekruttering af frivillige",
        description="Tre aftener om at finde og fastholde frivillige.",
        sessions=3,
        starts_at=danish_time(today.year, today.month, min(today.day, 20), 19),
        place="Frivilligcenter Alfa, Torvet 1",
        capacity=12,
    )
    with scopes_disabled():
        course.themes.add(theme)
    make_registration(course, group_size=3)
    make_event(tenant, title="Dialogmøde med kommunen", kind=EventKind.DIALOGUE_MEETING, capacity=1)
    context = new_context(viewport={"width": width, "height": 900})
    page = context.new_page()

    page.goto(site("/alfa/arrangementer/"))
    expect(page.get_by_role("heading", name=ui("Events", "Arrangementer"))).to_be_visible()
    visit_checked(page, f"events-public-list-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if width < 600:
        page.get_by_text(ui("Show filters", "Vis filtre")).click()
    page.get_by_label(ui("Kind", "Type")).select_option(value=EventKind.DIALOGUE_MEETING.value)
    page.get_by_role("button", name=ui("Show events", "Vis arrangementer")).click()
    expect(page.get_by_role("link", name="Dialogmøde med kommunen")).to_be_visible()
    expect(page.get_by_role("link", name="Kursus i effektiv rekruttering af frivillige")).to_have_count(0)

    page.goto(site("/alfa/arrangementer/kalender/"))
    expect(page.get_by_role("table")).to_be_visible()
    expect(
        page.get_by_role("link", name="Kursus i effektiv rekruttering af frivillige", exact=False).first
    ).to_be_visible()
    visit_checked(page, f"events-public-calendar-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_role("link", name="Kursus i effektiv rekruttering af frivillige", exact=False).first.click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kursus i effektiv rekruttering af frivillige")
    expect(page.get_by_text(ui("9 places left", "9 ledige pladser"))).to_be_visible()
    expect(page.get_by_role("link", name=ui("Add to calendar", "Tilføj til kalender", exact=False))).to_be_visible()
    visit_checked(page, f"events-public-detail-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
