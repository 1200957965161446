"""Campaigns: staff create and edit them, make short links, read the figures before, during and after the period;
the public page; the short link counts an arrival without cookies and leads on."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.events.enums import AttendanceStatus, EventAudience, EventStatus, RegistrationStatus
from frivillig.events.models import Attendance, Campaign, CampaignArrival, CampaignLink, Registration
from frivillig.events.tests.helpers import danish_time, make_event, make_registration, url
from frivillig.testing import assert_rows_rendered, make_opportunity, run_in_parallel
from frivillig.volunteering.enums import OpportunityStatus
from frivillig.volunteering.models import Application


def make_campaign(tenant, **fields) -> Campaign:
    fields.setdefault("title", "Rekrutteringskampagne 2018")
    fields.setdefault("starts_on", date(2018, 3, 1))
    fields.setdefault("ends_on", date(2018, 4, 30))
    with scopes_disabled():
        return Campaign.objects.create(tenant=tenant, **fields)


def make_link(campaign, *, code: str = "forår", label: str = "Nyhedsbrev marts", target: str = "") -> CampaignLink:
    with scopes_disabled():
        return CampaignLink.objects.create(
            tenant=campaign.tenant,
            campaign=campaign,
            code=code,
            label=label,
            target_path=target or f"/{campaign.tenant.slug}/kampagner/{campaign.pk}/",
        )


def arrivals(link) -> dict:
    with scopes_disabled():
        return dict(CampaignArrival.objects.filter(link=link).values_list("day", "count"))


def theme(tenant, slug: str) -> Tag:
    with scopes_disabled():
        return Tag.objects.get(tenant=tenant, vocabulary=Vocabulary.THEME, slug=slug)


# --- staff ----------------------------------------------------------------------------------------------------


def test_staff_create_a_campaign_with_themes_and_opportunities(personas, client_for):
    opportunity = make_opportunity(personas.organisation, title="Besøgsven i foråret")
    response = client_for("centre_staff").post(
        url("campaign_create"),
        {
            "title": "Bliv frivillig i Alfa",
            "goal": "20 nye frivillige",
            "starts_on": "2018-03-01",
            "ends_on": "2018-04-30",
            "themes": [theme(personas.tenant, "rekruttering").pk],
            "opportunities": [opportunity.pk],
            "is_published": "on",
        },
        follow=True,
    )
    assert "Kampagnen er oprettet" in response.content.decode()
    with scopes_disabled():
        campaign = Campaign.objects.get(title="Bliv frivillig i Alfa")
        assert [tag.slug for tag in campaign.themes.all()] == ["rekruttering"]
        assert list(campaign.opportunities.all()) == [opportunity]
        assert AuditEntry.objects.filter(code="events.campaign.created", target_id=str(campaign.pk)).exists()
    assert campaign.created_by == personas.user("centre_staff") and campaign.is_published


def test_the_last_day_before_the_first_is_a_clear_form_error(personas, client_for):
    response = client_for("centre_staff").post(
        url("campaign_create"), {"title": "Baglæns", "starts_on": "2018-04-30", "ends_on": "2018-03-01"}
    )
    assert response.status_code == 200
    assert "Den sidste dag kan ikke ligge før den første dag." in response.content.decode()
    with scopes_disabled():
        assert not Campaign.objects.filter(title="Baglæns").exists()


def test_another_tenants_opportunity_cannot_be_linked(personas, client_for):
    campaign = make_campaign(personas.tenant)
    foreign = make_opportunity(personas.foreign_organisation, title="Charlies job")
    response = client_for("centre_staff").post(
        url("campaign_edit", pk=campaign.pk),
        {"title": campaign.title, "starts_on": "2018-03-01", "ends_on": "2018-04-30", "opportunities": [foreign.pk]},
    )
    assert response.status_code == 200
    with scopes_disabled():
        assert campaign.opportunities.count() == 0


def test_staff_edit_the_campaign(personas, client_for):
    campaign = make_campaign(personas.tenant)
    response = client_for("tenant_admin").post(
        url("campaign_edit", pk=campaign.pk),
        {"title": "Nyt navn", "goal": "Flere frivillige", "starts_on": "2018-03-01", "ends_on": "2018-05-31"},
        follow=True,
    )
    assert "Kampagnen er gemt." in response.content.decode()
    campaign.refresh_from_db()
    assert (campaign.title, campaign.ends_on) == ("Nyt navn", date(2018, 5, 31))


def test_a_short_link_is_made_for_one_of_the_campaigns_pages(personas, client_for):
    campaign = make_campaign(personas.tenant)
    event = make_event(personas.tenant, title="Kursus i rekruttering", campaign=campaign)
    opportunity = make_opportunity(personas.organisation, title="Lektiehjælper")
    with scopes_disabled():
        campaign.opportunities.add(opportunity)
    client = client_for("centre_staff")
    form = client.get(url("campaign_link_create", pk=campaign.pk))
    targets = [value for value, _label in form.context["form"].fields["target"].choices]
    opportunity_path = f"/alfa/frivilligjob/{opportunity.pk}/"
    assert targets[0] == f"/alfa/kampagner/{campaign.pk}/"
    assert f"/alfa/arrangementer/{event.pk}/" in targets and opportunity_path in targets

    response = client.post(
        url("campaign_link_create", pk=campaign.pk), {"label": "Plakat på biblioteket", "target": opportunity_path}
    )
    with scopes_disabled():
        link = CampaignLink.objects.get(campaign=campaign)
    assert link.target_path == opportunity_path and len(link.code) >= 6
    assert response.headers["Location"].endswith(f"#link-{link.pk}")
    page = client.get(url("campaign_manage", pk=campaign.pk)).content.decode()
    assert f"http://testserver/alfa/k/{link.code}/" in page
    assert "Plakat på biblioteket" in page and 'src="data:image/svg+xml' in page


def test_a_link_to_a_page_outside_the_campaign_is_refused(personas, client_for):
    campaign = make_campaign(personas.tenant)
    response = client_for("centre_staff").post(
        url("campaign_link_create", pk=campaign.pk), {"label": "Snyd", "target": "https://example.com/"}
    )
    assert response.status_code == 200
    with scopes_disabled():
        assert not CampaignLink.objects.exists()


# --- the short link -------------------------------------------------------------------------------------------


def test_a_short_link_counts_one_arrival_and_leads_on_without_a_cookie(personas, client_for):
    campaign = make_campaign(personas.tenant)
    link = make_link(campaign)
    for client in (Client(), Client(), client_for("citizen")):
        response = client.get(url("short_link", code=link.code))
        assert response.status_code == 302
        assert response.headers["Location"] == link.target_path
        assert "Set-Cookie" not in response.headers and not response.cookies
        assert "no-cache" in response.headers["Cache-Control"]
    assert arrivals(link) == {timezone.localdate(): 3}


def test_arrivals_are_counted_per_day_in_danish_time(personas, client, monkeypatch):
    link = make_link(make_campaign(personas.tenant))
    # 23:30 UTC on 31 March is already 1 April in Denmark (summer time).
    monkeypatch.setattr(timezone, "now", lambda: datetime(2018, 3, 31, 23, 30, tzinfo=UTC))
    client.get(url("short_link", code=link.code))
    assert arrivals(link) == {date(2018, 4, 1): 1}


def test_an_unknown_code_is_a_clear_404(personas, client):
    response = client.get(url("short_link", code="findes-ikke"))
    assert response.status_code == 404
    assert "Linket findes ikke" in response.content.decode()


def test_another_tenants_code_is_unknown_here(personas, client):
    foreign = make_link(make_campaign(personas.other_tenant), code="charlie")
    assert client.get(url("short_link", code="charlie")).status_code == 404
    assert arrivals(foreign) == {}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite serialises every write")
def test_concurrent_arrivals_are_counted_exactly(transactional_db):
    from frivillig.testing import build_personas

    personas = build_personas()
    link = make_link(make_campaign(personas.tenant))
    address = url("short_link", code=link.code)

    def arrive(number: int) -> int:
        return Client().get(address).status_code

    assert run_in_parallel(25, arrive) == [302] * 25
    assert arrivals(link) == {timezone.localdate(): 25}


# --- the figures ----------------------------------------------------------------------------------------------


def _made_at(model, pk: int, moment: datetime) -> None:
    with scopes_disabled():
        model.objects.filter(pk=pk).update(created_at=moment)


def test_the_figures_before_during_and_after_the_period(personas, client_for):
    campaign = make_campaign(personas.tenant)  # 1 March to 30 April 2018
    newsletter = make_link(campaign, code="nyhed", label="Nyhedsbrev")
    poster = make_link(campaign, code="plakat", label="Plakat")
    with scopes_disabled():
        for link, day, count in [
            (newsletter, date(2018, 2, 28), 3),
            (newsletter, date(2018, 3, 1), 5),
            (newsletter, date(2018, 4, 30), 2),
            (newsletter, date(2018, 5, 1), 4),
            (poster, date(2018, 3, 15), 7),
        ]:
            CampaignArrival.objects.create(tenant=personas.tenant, link=link, day=day, count=count)

    course = make_event(personas.tenant, campaign=campaign, starts_at=danish_time(2018, 4, 10, 19), sessions=2)
    make_event(personas.tenant, title="Uden for kampagnen", starts_at=danish_time(2018, 4, 10, 19))
    registered = {}
    for email, moment, status in [
        ("foer@example.org", danish_time(2018, 2, 28, 23, 59), RegistrationStatus.REGISTERED),
        ("start@example.org", danish_time(2018, 3, 1, 0, 0), RegistrationStatus.REGISTERED),
        ("afmeldt@example.org", danish_time(2018, 4, 30, 23, 59), RegistrationStatus.CANCELLED),
        ("efter@example.org", danish_time(2018, 5, 1, 0, 0), RegistrationStatus.WAITLISTED),
        ("ubekraeftet@example.org", danish_time(2018, 3, 5, 12), RegistrationStatus.UNCONFIRMED),
    ]:
        registered[email] = make_registration(course, email=email, status=status)
        _made_at(Registration, registered[email].pk, moment)
    with scopes_disabled():
        first, second = list(course.sessions.order_by("starts_at"))  # 10 April (during) and 17 April (during)
        for email, session, status in [
            ("foer@example.org", first, AttendanceStatus.ATTENDED),
            ("start@example.org", first, AttendanceStatus.ATTENDED),
            ("start@example.org", second, AttendanceStatus.ATTENDED),
            ("foer@example.org", second, AttendanceStatus.ABSENT),
        ]:
            Attendance.objects.create(
                tenant=personas.tenant, registration=registered[email], session=session, status=status
            )

    linked = make_opportunity(personas.organisation, title="Besøgsven")
    other = make_opportunity(personas.organisation, title="Ikke i kampagnen")
    with scopes_disabled():
        campaign.opportunities.add(linked)
        for email, opportunity, moment, confirmed in [
            ("a@example.org", linked, danish_time(2018, 2, 1, 12), True),
            ("b@example.org", linked, danish_time(2018, 3, 20, 12), True),
            ("c@example.org", linked, danish_time(2018, 3, 21, 12), True),
            ("d@example.org", linked, danish_time(2018, 3, 22, 12), False),
            ("e@example.org", other, danish_time(2018, 3, 22, 12), True),
            ("f@example.org", linked, danish_time(2018, 6, 1, 12), True),
        ]:
            application = Application.objects.create(
                tenant=personas.tenant,
                opportunity=opportunity,
                full_name="Ansøger",
                email=email,
                email_confirmed_at=timezone.now() if confirmed else None,
            )
            _made_at(Application, application.pk, moment)

    response = client_for("centre_staff").get(url("campaign_manage", pk=campaign.pk))
    figures = response.context["figures"]
    assert figures.arrivals == {"before": 3, "during": 14, "after": 4}
    assert figures.registrations == {"before": 1, "during": 2, "after": 1}
    assert figures.attendance == {"before": 0, "during": 3, "after": 0}
    assert figures.sign_ups == {"before": 1, "during": 2, "after": 1}
    assert [(item.link.label, item.before, item.during, item.after, item.total) for item in figures.links] == [
        ("Nyhedsbrev", 3, 7, 4, 14),
        ("Plakat", 0, 7, 0, 7),
    ]
    page = response.content.decode()
    assert "Besøg via linkene" in page and 'role="img"' in page  # the chart, with its data table
    assert "Besøg via linkene – under" in page


# --- the list and the public page -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 3])
def test_campaign_list_query_count_is_constant(personas, client_for, django_assert_num_queries, size):
    for number in range(size):
        campaign = make_campaign(personas.tenant, title=f"Kampagne nummer {number}")
        make_event(personas.tenant, title=f"Arrangement {number}", campaign=campaign)
        with scopes_disabled():
            CampaignArrival.objects.create(
                tenant=personas.tenant, link=make_link(campaign, code=f"k{number}"), day=date(2018, 3, 2), count=4
            )
    client = client_for("centre_staff")
    with django_assert_num_queries(6):
        response = client.get(url("campaign_list"))
    assert_rows_rendered(response, [f"Kampagne nummer {number}" for number in range(size)])
    assert [(c.event_count, c.arrival_count) for c in response.context["page"].object_list] == [(1, 4)] * size


def test_the_campaign_list_filters_on_the_public_page(personas, client_for):
    make_campaign(personas.tenant, title="Synlig", is_published=True)
    make_campaign(personas.tenant, title="Skjult")
    response = client_for("centre_staff").get(url("campaign_list"), {"synlig": "nej"})
    assert [campaign.title for campaign in response.context["page"].object_list] == ["Skjult"]


def test_the_public_page_shows_upcoming_public_events_and_open_opportunities(personas, client):
    today = timezone.localdate()
    campaign = make_campaign(
        personas.tenant, is_published=True, starts_on=today, ends_on=today + timedelta(days=30), goal="Flere unge"
    )
    make_event(personas.tenant, title="Kommende kursus", campaign=campaign)
    make_event(personas.tenant, title="Kladde-kursus", campaign=campaign, status=EventStatus.DRAFT)
    make_event(personas.tenant, title="Lukket møde", campaign=campaign, audience=EventAudience.INVITED)
    make_event(
        personas.tenant, title="Afholdt kursus", campaign=campaign, starts_at=timezone.now() - timedelta(days=30)
    )
    open_job = make_opportunity(personas.organisation, title="Åbent job")
    draft_job = make_opportunity(personas.organisation, title="Kladdejob", status=OpportunityStatus.DRAFT)
    with scopes_disabled():
        campaign.opportunities.add(open_job, draft_job)
    page = client.get(url("campaign_detail", pk=campaign.pk)).content.decode()
    assert "Flere unge" in page and "Kommende kursus" in page and "Åbent job" in page
    for hidden in ("Kladde-kursus", "Lukket møde", "Afholdt kursus", "Kladdejob"):
        assert hidden not in page


def test_an_unpublished_or_foreign_campaign_has_no_public_page(personas, client):
    hidden = make_campaign(personas.tenant)
    foreign = make_campaign(personas.other_tenant, is_published=True)
    assert client.get(url("campaign_detail", pk=hidden.pk)).status_code == 404
    assert client.get(url("campaign_detail", pk=foreign.pk)).status_code == 404


def test_the_events_area_of_the_menu_leads_to_the_campaigns(personas, client_for):
    page = client_for("municipal_staff").get(url("campaign_list")).content.decode()
    assert f'href="{url("campaign_list")}"' in page and "Kampagner" in page


def test_a_code_already_used_in_the_tenant_is_never_given_again(personas, monkeypatch):
    from frivillig.events import services_campaigns

    campaign = make_campaign(personas.tenant)
    make_link(campaign, code="optaget")
    make_link(make_campaign(personas.other_tenant), code="ledig")  # another tenant's code is free here
    codes = iter(["optaget", "ledig"])
    monkeypatch.setattr(services_campaigns, "new_short_code", lambda: next(codes))
    with scopes_disabled():
        link = services_campaigns.campaign_link_create(
            campaign=campaign, label="Facebook", target_path="/alfa/", actor=personas.user("centre_staff")
        )
    assert link.code == "ledig"
