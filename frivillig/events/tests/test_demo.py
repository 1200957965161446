"""The events part of `manage.py demo`: the events the two centres held and a few coming up, with registrations,
attendance, evaluation, dialogue input and a campaign, such that the plans' figures are true; loaded only once."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.accounts.models import User
from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.events.demo_data import COURSE_EVALUATION, EVENTS, RECRUITMENT_CAMPAIGN
from frivillig.events.enums import (
    HOLDING_STATUSES,
    AttendanceStatus,
    EventAudience,
    EventKind,
    EventStatus,
    FollowUpStatus,
    RegistrationStatus,
)
from frivillig.events.models import (
    Attendance,
    Campaign,
    CampaignArrival,
    CampaignLink,
    DialogueInput,
    Event,
    EventSession,
    Registration,
)
from frivillig.events.selectors_strategy import Stage, attendance_rate, events_held, organisations_taking_part
from frivillig.surveys.models import Invitation
from frivillig.tenants.models import Tenant

COURSE = "Kursus i effektiv rekruttering af frivillige"
MODELS = [Event, EventSession, Registration, Attendance, DialogueInput, Campaign, CampaignLink, CampaignArrival]


@pytest.fixture
def demo(db):
    call_command("demo", force=True)


def event_counts() -> dict[str, int]:
    with scopes_disabled():
        return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_the_recruitment_course_had_at_least_8_associations(demo):
    with scopes_disabled():
        soroe = Tenant.objects.get(slug="soroe")
        recruitment = Tag.objects.get(tenant=soroe, vocabulary=Vocabulary.THEME, slug="rekruttering")
        spring = {"starts_on": date(2018, 1, 1), "ends_on": date(2018, 6, 30)}
        came = organisations_taking_part(
            tenant=soroe, stage=Stage.ATTENDED, kind=EventKind.COURSE, theme=recruitment, **spring
        )
        completed = organisations_taking_part(
            tenant=soroe, stage=Stage.COMPLETED, kind=EventKind.COURSE, theme=recruitment, **spring
        )
        course = Event.objects.get(tenant=soroe, title=COURSE)
        # 15 associations came (the 15 the evaluation went to), 13 of them to at least 2 of the 3 evenings.
        assert came.number == 15 >= 8
        assert completed.number == 13
        assert (course.sessions.count(), course.sessions_required) == (3, 2)
        assert timezone.localdate(course.starts_at) == date(2018, 4, 5)
        # The evaluation is the surveys demo's, sent to exactly those who came.
        assert course.evaluation_survey.title == COURSE_EVALUATION
        invited = set(Invitation.objects.filter(survey=course.evaluation_survey).values_list("organisation", flat=True))
        assert invited == {organisation.pk for organisation in came.records}
        sent = Registration.objects.filter(event=course).exclude(evaluation_sent_at=None)
        assert set(sent.values_list("organisation", flat=True)) == invited
        assert course.evaluation_sent_at is not None
        # A no-show and two cancellations beside them; the capacity held.
        assert Registration.objects.filter(event=course, status=RegistrationStatus.CANCELLED).count() == 2
        places = Registration.objects.filter(event=course, status__in=HOLDING_STATUSES).aggregate(n=Sum("group_size"))
        assert places["n"] <= course.capacity
        # The course belongs to the campaign, whose links had arrivals and whose newsletters lead to the course.
        campaign = Campaign.objects.get(tenant=soroe, title=RECRUITMENT_CAMPAIGN.title)
        assert course.campaign == campaign and campaign.is_published
        assert campaign.links.count() == 4
        assert CampaignArrival.objects.filter(link__campaign=campaign).aggregate(n=Sum("count"))["n"] > 100
        assert campaign.links.filter(target_path__endswith=f"/{course.pk}/").count() == 2
        assert campaign.opportunities.exists()
        # Most registered while the campaign ran.
        in_campaign = Registration.objects.filter(
            event=course, registered_at__date__gte=campaign.starts_on, registered_at__date__lte=campaign.ends_on
        )
        assert in_campaign.count() >= 10


def test_demo_held_a_network_building_dialogue_meeting_in_2017_with_followed_up_input(demo):
    with scopes_disabled():
        soroe = Tenant.objects.get(slug="soroe")
        year = {"starts_on": date(2017, 1, 1), "ends_on": date(2017, 12, 31)}
        meetings = events_held(tenant=soroe, kind=EventKind.DIALOGUE_MEETING, **year)
        assert meetings.number == 1
        meeting = meetings.records[0]
        assert meeting.summary_published and meeting.summary
        inputs = DialogueInput.objects.filter(event=meeting)
        assert inputs.count() == 8
        statuses = set(inputs.values_list("follow_up_status", flat=True))
        assert statuses == set(FollowUpStatus.values)
        assert not inputs.filter(follow_up_status=FollowUpStatus.DONE, answer="").exists()
        assert inputs.filter(from_participant=True).exists() and inputs.exclude(responsible=None).exists()
        # Municipal staff and associations took part.
        registrations = Registration.objects.filter(event=meeting, status=RegistrationStatus.REGISTERED)
        assert registrations.filter(organisation=None).count() == 6
        assert organisations_taking_part(tenant=soroe, stage=Stage.ATTENDED, **year).number >= 10


def test_demo_roedovre_held_its_conference_forum_evening_and_integration_meeting(demo):
    with scopes_disabled():
        roedovre = Tenant.objects.get(slug="roedovre")
        year = {"starts_on": date(2017, 1, 1), "ends_on": date(2018, 12, 31)}
        held = events_held(tenant=roedovre, **year)
        kinds = {event.kind for event in held.records}
        assert {
            EventKind.CONFERENCE,
            EventKind.THEME_EVENING,
            EventKind.COLLABORATION_FORUM,
            EventKind.DIALOGUE_MEETING,
        } <= kinds
        assert held.number == 4
        conference = Event.objects.get(tenant=roedovre, kind=EventKind.CONFERENCE)
        rate = attendance_rate(tenant=roedovre, kind=EventKind.CONFERENCE, **year)
        assert rate.registered_places > 50
        assert 0.7 < rate.rate < 1
        assert Registration.objects.filter(event=conference, group_size=2).exists()
        assert Registration.objects.filter(event=conference).exclude(diet="").exists()
        integration = Event.objects.get(tenant=roedovre, kind=EventKind.DIALOGUE_MEETING)
        assert integration.summary_published and integration.inputs.count() == 6


def test_demo_every_past_registration_has_its_attendance_recorded(demo):
    with scopes_disabled():
        past = Registration.objects.filter(event__ends_at__lt=timezone.now(), status=RegistrationStatus.REGISTERED)
        assert past.count() > 150
        for registration in past.select_related("event").prefetch_related("attendances", "event__sessions"):
            assert len(registration.attendances.all()) == len(registration.event.sessions.all())
        assert Attendance.objects.filter(status=AttendanceStatus.ABSENT).exists()
        # Never more places than the event has.
        for event in Event.objects.exclude(capacity=None):
            places = event.registrations.filter(status__in=HOLDING_STATUSES).aggregate(n=Sum("group_size"))["n"]
            assert (places or 0) <= event.capacity, event.title


def test_demo_has_upcoming_events_with_places_and_one_full_with_a_waiting_list(demo):
    now = timezone.now()
    with scopes_disabled():
        for slug in ("soroe", "roedovre"):
            upcoming = Event.objects.filter(tenant__slug=slug, status=EventStatus.PUBLISHED, starts_at__gt=now).exclude(
                audience=EventAudience.INVITED
            )
            assert upcoming.count() >= 3, slug
            full = [
                event
                for event in upcoming.exclude(capacity=None)
                if event.registrations.filter(status__in=HOLDING_STATUSES).aggregate(n=Sum("group_size"))["n"]
                == event.capacity
            ]
            assert len(full) == 1, slug
            waiting = full[0].registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("queue_rank")
            assert waiting.count() >= 3
            assert list(waiting.values_list("queue_rank", flat=True)) == list(range(1, waiting.count() + 1))
            assert all(event.registration_closes_at > now for event in upcoming)
        # The demo users have registrations to look at: the citizen waits for a place in Sorø and has one in Rødovre.
        citizen = Registration.objects.filter(email="borger@example.org")
        assert set(citizen.values_list("event__tenant__slug", "status")) == {
            ("soroe", RegistrationStatus.WAITLISTED),
            ("roedovre", RegistrationStatus.REGISTERED),
        }
        representative = Registration.objects.get(email="forening.soroe@example.org", event__starts_at__gt=now)
        assert representative.organisation.name == "Sorø Besøgsvenner" and representative.user is not None


def test_demo_loaded_again_adds_nothing_and_on_a_later_day_only_new_upcoming_events(demo, monkeypatch):
    first = event_counts()
    assert all(count > 0 for count in first.values()), first
    call_command("demo", force=True)
    assert event_counts() == first
    # A year on, the upcoming events are past: new ones are made so the public list is never empty.
    later = timezone.now() + timedelta(days=365)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr(timezone, "localdate", lambda *args: timezone.localtime(later).date())
    call_command("demo", force=True)
    upcoming = [spec for spec in EVENTS if spec.upcoming]
    with scopes_disabled():
        assert Event.objects.count() == first["Event"] + len(upcoming)
        assert Campaign.objects.count() == first["Campaign"]


STAFF_PAGES = ["event_manage", "event_edit", "participant_list", "check_in", "waitlist", "input_list"]
PUBLIC_PAGES = ["event_list", "event_calendar", "feed"]


def _get_if_wired(client, name: str, **kwargs):
    """The page's answer, or None while the page is not wired yet (the events app is built in parts)."""
    try:
        path = reverse(f"events:{name}", kwargs=kwargs)
    except NoReverseMatch:
        return None
    return client.get(path)


def test_demo_pages_of_every_event_and_the_campaign_show(demo, client):
    client.force_login(User.objects.get(email="staff.soroe@example.org"))
    with scopes_disabled():
        events = list(Event.objects.filter(tenant__slug="soroe").order_by("starts_at"))
        campaign = Campaign.objects.get(tenant__slug="soroe")
    for name in PUBLIC_PAGES:
        response = _get_if_wired(client, name, tenant_slug="soroe")
        assert response is None or response.status_code == 200, name
    for event in events:
        for name in ["event_detail", *STAFF_PAGES]:
            response = _get_if_wired(client, name, tenant_slug="soroe", pk=event.pk)
            assert response is None or response.status_code == 200, (name, event.title)
    for name in ["campaign_detail", "campaign_manage"]:
        response = _get_if_wired(client, name, tenant_slug="soroe", pk=campaign.pk)
        assert response is None or response.status_code == 200, name
    listing = _get_if_wired(client, "event_list", tenant_slug="soroe")
    if listing is not None:
        # The upcoming events are on the public list.
        assert "Introduktion til frivilligcentret for nye foreninger" in listing.content.decode()
