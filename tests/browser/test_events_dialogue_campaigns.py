"""Dialogue input and campaigns in a browser: a participant adds input on a phone (320 px), staff follow it up and
publish the summary, the public page shows it; staff make a campaign's short link, which a visitor follows to the
campaign's page. axe-core clean, no sideways scrolling. Screenshots in test-results/screenshots/ (events-dialogue-*,
events-campaign-*)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from frivillig.events.enums import EventKind, FollowUpStatus
from frivillig.events.models import Campaign, CampaignArrival, DialogueInput
from frivillig.events.tests.helpers import make_event
from tests.browser.support import log_in_directly, ui, visit_checked

pytestmark = pytest.mark.browser


def test_input_from_a_phone_is_followed_up_and_published(site, new_context):
    tenant = site.personas.tenant
    event = make_event(
        tenant,
        kind=EventKind.DIALOGUE_MEETING,
        title="Dialogmøde om foreningernes rolle",
        starts_at=timezone.now() - timedelta(hours=1),
        hours=3,
    )
    phone = new_context(viewport={"width": 320, "height": 800}).new_page()
    phone.goto(site(f"/alfa/arrangementer/{event.pk}/input/del/{event.input_token}/"))
    visit_checked(phone, "events-dialogue-participant-320")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    phone.get_by_label(ui("Concern", "Bekymring")).check()
    phone.get_by_label(ui("Your idea or concern", "Din idé eller bekymring", exact=False)).fill(
        "Det er svært at finde lokaler om aftenen"
    )
    phone.get_by_role("button", name=ui("Send the input", "Send inputtet")).click()
    expect(phone.get_by_text(ui("Thank you", "Tak", exact=False)).first).to_be_visible()

    for width in (1280, 320):
        context = new_context(viewport={"width": width, "height": 900})
        log_in_directly(context, site, site.personas.user("municipal_staff"))
        page = context.new_page()
        page.goto(site(f"/alfa/arrangementer/{event.pk}/input/"))
        expect(page.get_by_role("link", name="Det er svært at finde lokaler om aftenen")).to_be_visible()
        visit_checked(page, f"events-dialogue-list-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_role("link", name="Det er svært at finde lokaler om aftenen").click()
    page.get_by_label(ui("Follow-up", "Opfølgning")).select_option(FollowUpStatus.DONE.value)
    page.get_by_role("textbox", name=ui("Answer", "Svar", exact=False)).fill("Skolen åbner to lokaler om tirsdagen.")
    visit_checked(page, "events-dialogue-edit-320")
    page.get_by_role("button", name=ui("Save", "Gem")).click()
    expect(
        page.get_by_text(ui("follow-up has been saved", "Opfølgningen på inputtet er gemt", exact=False))
    ).to_be_visible()
    page.get_by_label(ui("Summary of the meeting", "Opsamling fra mødet", exact=False)).fill("Et godt møde.")
    page.get_by_label(ui("Show the summary", "Vis opsamlingen", exact=False)).check()
    page.get_by_role("button", name=ui("Save the summary", "Gem opsamlingen")).click()
    expect(page.get_by_text(ui("public page", "offentlige side", exact=False)).first).to_be_visible()

    phone.goto(site(f"/alfa/arrangementer/{event.pk}/"))
    expect(phone.get_by_text("Skolen åbner to lokaler om tirsdagen.")).to_be_visible()
    visit_checked(phone, "events-dialogue-public-320")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    with scopes_disabled():
        assert DialogueInput.objects.get(event=event).follow_up_status == FollowUpStatus.DONE


@pytest.mark.parametrize("width", [1280, 320])
def test_staff_make_a_short_link_that_a_visitor_follows(site, new_context, width):
    tenant = site.personas.tenant
    today = timezone.localdate()
    with scopes_disabled():
        campaign = Campaign.objects.create(
            tenant=tenant,
            title="Bliv frivillig i Alfa",
            goal="20 nye frivillige til besøgstjenesten",
            starts_on=today,
            ends_on=today + timedelta(days=30),
            is_published=True,
        )
    make_event(tenant, title="Kursus i rekruttering", campaign=campaign)
    context = new_context(viewport={"width": width, "height": 900})
    log_in_directly(context, site, site.personas.user("centre_staff"))
    page = context.new_page()
    page.goto(site("/alfa/kampagner/"))
    visit_checked(page, f"events-campaign-list-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("link", name="Bliv frivillig i Alfa").click()
    page.get_by_role("link", name=ui("Make a short link", "Lav et kort link")).click()
    page.get_by_label(ui("Where the link is used", "Hvor linket bruges")).fill("Plakat på biblioteket")
    visit_checked(page, f"events-campaign-link-{width}")
    page.get_by_role("button", name=ui("Create the link", "Opret linket")).click()
    short = page.get_by_label(ui("The short link to copy", "Det korte link, du kan kopiere")).input_value()
    assert short.startswith(site("/alfa/k/"))
    visit_checked(page, f"events-campaign-manage-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    visitor = new_context(viewport={"width": width, "height": 900}).new_page()
    visitor.goto(short)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Bliv frivillig i Alfa")
    expect(visitor.get_by_role("link", name="Kursus i rekruttering")).to_be_visible()
    visit_checked(visitor, f"events-campaign-public-{width}")
    assert visitor.evaluate("document.documentElement.scrollWidth") <= width
    with scopes_disabled():
        assert list(CampaignArrival.objects.values_list("count", flat=True)) == [1]
