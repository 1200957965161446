"""Creating and changing events and their sessions: every refusal re-renders with the values kept and a Danish
message; the event's times follow its sessions."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.events.enums import EventStatus, RegistrationStatus
from frivillig.events.models import Event, EventSession, Registration
from frivillig.events.services_events import EventEditRefused, event_sync_times, session_delete
from frivillig.events.tests.helpers import danish_time, make_event, make_registration, url, waitlisted
from frivillig.surveys.enums import SurveyKind
from frivillig.surveys.models import Survey
from frivillig.testing import rendered_text


def form_data(**changes) -> dict:
    data = {
        "kind": "course",
        "title": "Kursus i fundraising",
        "description": "Lær at skrive en god ansøgning.",
        "starts_at": "2027-04-13T19:00",
        "ends_at": "2027-04-13T21:30",
        "place": "Frivilligcentret, Storgade 1",
        "capacity": "20",
        "registration_closes_at": "2027-04-12T12:00",
        "audience": "associations",
        "organised_by_centre": "on",
        "price_note": "Gratis",
        "asks_diet": "on",
        "extra_question": "Hvad vil du gerne blive klogere på?",
        "offer_hold_hours": "48",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def codes() -> list[str]:
    with scopes_disabled():
        return list(AuditEntry.objects.filter(code__startswith="events.").values_list("code", flat=True))


def reload(event) -> Event:
    with scopes_disabled():
        return Event.objects.get(pk=event.pk)


def sessions_of(event) -> list[EventSession]:
    with scopes_disabled():
        return list(EventSession.objects.filter(event=event).order_by("starts_at"))


# --- create ---------------------------------------------------------------------------------------------------


def test_create_makes_a_draft_with_its_first_session_in_danish_time(personas, client_for):
    with scopes_disabled():
        theme = Tag.objects.create(
            tenant=personas.tenant, vocabulary=Vocabulary.THEME, slug="fundraising-t", label_da="Fundraising-tema"
        )
        survey = Survey.objects.create(tenant=personas.tenant, title="Evaluering", kind=SurveyKind.EVALUATION)
    response = client_for("centre_staff").post(
        url("event_create"),
        form_data(
            themes=[theme.pk],
            partners=[personas.organisation.pk],
            evaluation_survey=survey.pk,
            sessions_required="1",
        ),
    )
    with scopes_disabled():
        event = Event.objects.get(title="Kursus i fundraising")
        assert list(event.themes.all()) == [theme]
        assert list(event.partners.all()) == [personas.organisation]
    assert response.status_code == 302
    assert response["Location"] == url("event_manage", pk=event.pk)
    assert event.status == EventStatus.DRAFT
    assert event.created_by == personas.user("centre_staff")
    assert event.evaluation_survey == survey and event.asks_diet and event.capacity == 20
    # Summer time in April: 19:00 Danish time is 17:00 UTC.
    assert event.starts_at == datetime(2027, 4, 13, 17, 0, tzinfo=UTC)
    [session] = sessions_of(event)
    assert (session.starts_at, session.ends_at) == (event.starts_at, event.ends_at)
    assert codes() == ["events.event.created"]


def test_create_refuses_a_time_the_clocks_skip_with_a_clear_message(personas, client_for):
    # The clocks jump from 02:00 to 03:00 on 28 March 2027: 02:30 never happens.
    response = client_for("centre_staff").post(
        url("event_create"), form_data(starts_at="2027-03-28T02:30", ends_at="2027-03-28T04:00")
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "starts_at" in response.context["form"].errors
    assert "Tidspunktet findes ikke eller forekommer to gange i dansk tid" in text
    assert 'value="2027-03-28T02:30"' in text
    assert 'value="Kursus i fundraising"' in text
    with scopes_disabled():
        assert not Event.objects.exists()


def test_create_refuses_a_time_that_occurs_twice(personas, client_for):
    # The clocks go back from 03:00 to 02:00 on 31 October 2027: 02:30 happens twice.
    response = client_for("centre_staff").post(
        url("event_create"), form_data(starts_at="2027-10-31T02:30", ends_at="2027-10-31T05:00")
    )
    assert "Tidspunktet findes ikke eller forekommer to gange" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_at": "2027-04-13T18:00"}, "ends_at", "Arrangementet skal slutte, efter det begynder."),
        ({"ends_at": "2027-04-13T19:00"}, "ends_at", "Arrangementet skal slutte, efter det begynder."),
        (
            {"registration_closes_at": "2027-04-14T12:00"},
            "registration_closes_at",
            "Tilmeldingen skal lukke, før arrangementet slutter.",
        ),
        (
            {"registration_opens_at": "2027-04-12T13:00"},
            "registration_closes_at",
            "Tilmeldingen skal lukke, efter den åbner.",
        ),
        ({"capacity": "0"}, "capacity", "Et arrangement skal have mindst 1 plads."),
        ({"sessions_required": "2"}, "sessions_required", "så der kan højst kræves 1 for at gennemføre"),
        ({"offer_hold_hours": "0"}, "offer_hold_hours", "En ledig plads kan holdes fra 1 til 336 timer."),
        ({"title": ""}, "title", "Dette felt er påkrævet."),
    ],
)
def test_create_refusals_keep_the_values_and_say_why_in_danish(changes, field, message, personas, client_for):
    response = client_for("centre_staff").post(url("event_create"), form_data(**changes))
    text = response.content.decode()
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in text
    assert 'value="Frivilligcentret, Storgade 1"' in text
    assert "Ret venligst følgende" in text or "alert-error" in text
    with scopes_disabled():
        assert not Event.objects.exists()


def test_create_refuses_another_tenants_partner_and_a_survey_that_is_no_evaluation(personas, client_for):
    with scopes_disabled():
        needs = Survey.objects.create(tenant=personas.tenant, title="Behovsanalyse", kind=SurveyKind.NEEDS_ANALYSIS)
    form = client_for("centre_staff").get(url("event_create")).context["form"]
    assert needs not in form.fields["evaluation_survey"].queryset
    response = client_for("centre_staff").post(
        url("event_create"),
        form_data(partners=[personas.foreign_organisation.pk], evaluation_survey=needs.pk),
    )
    assert set(response.context["form"].errors) == {"partners", "evaluation_survey"}


# --- edit -----------------------------------------------------------------------------------------------------


def test_edit_moves_the_only_session_and_logs(personas, client_for):
    event = make_event(personas.tenant, title="Netværksaften", starts_at=danish_time(2027, 4, 13, 19))
    response = client_for("municipal_staff").post(
        url("event_edit", pk=event.pk),
        form_data(title="Netværksaften for foreninger", starts_at="2027-04-20T18:00", ends_at="2027-04-20T20:00"),
    )
    assert response.status_code == 302
    event = reload(event)
    assert event.title == "Netværksaften for foreninger"
    [session] = sessions_of(event)
    assert session.starts_at == danish_time(2027, 4, 20, 18) == event.starts_at
    assert event.ends_at == danish_time(2027, 4, 20, 20)
    assert "events.event.updated" in codes()


def test_edit_refuses_fewer_places_than_are_held_and_explains(personas, client_for):
    event = make_event(personas.tenant, capacity=10, starts_at=danish_time(2027, 4, 13, 19))
    make_registration(event, email="a@example.org", group_size=3)
    make_registration(event, email="b@example.org", group_size=2, status=RegistrationStatus.OFFERED)
    make_registration(event, email="c@example.org", group_size=4, status=RegistrationStatus.WAITLISTED)
    response = client_for("centre_staff").post(
        url("event_edit", pk=event.pk),
        form_data(capacity="4", starts_at="2027-04-13T19:00", ends_at="2027-04-13T21:00"),
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "De tilmeldte har allerede 5 pladser" in text
    assert 'value="4"' in text
    assert reload(event).capacity == 10


def test_raising_the_capacity_offers_the_new_place_to_the_first_in_line_at_once(
    personas, client_for, django_capture_on_commit_callbacks
):
    event = make_event(personas.tenant, capacity=1, starts_at=danish_time(2027, 4, 13, 19))
    make_registration(event, email="a@example.org")
    waitlisted(event, email="first@example.org", rank=1)
    waitlisted(event, email="second@example.org", rank=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("centre_staff").post(
            url("event_edit", pk=event.pk),
            form_data(capacity="2", starts_at="2027-04-13T19:00", ends_at="2027-04-13T21:00"),
        )
    assert response.status_code == 302
    with scopes_disabled():
        status = dict(Registration.objects.filter(event=event).values_list("email", "status"))
    assert status["first@example.org"] == RegistrationStatus.OFFERED
    assert status["second@example.org"] == RegistrationStatus.WAITLISTED
    assert [message.to for message in mail.outbox] == [["first@example.org"]]


def test_an_edit_that_leaves_the_capacity_offers_nothing(personas, client_for, django_capture_on_commit_callbacks):
    event = make_event(personas.tenant, capacity=1, starts_at=danish_time(2027, 4, 13, 19))
    make_registration(event, email="a@example.org")
    waitlisted(event, email="first@example.org", rank=1)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("centre_staff").post(
            url("event_edit", pk=event.pk),
            form_data(capacity="1", title="Nyt navn", starts_at="2027-04-13T19:00", ends_at="2027-04-13T21:00"),
        )
    assert reload(event).title == "Nyt navn"
    with scopes_disabled():
        assert Registration.objects.get(email="first@example.org").status == RegistrationStatus.WAITLISTED
    assert mail.outbox == []


def test_edit_of_an_event_with_several_sessions_leaves_the_times_to_the_sessions(personas, client_for):
    event = make_event(personas.tenant, sessions=3, starts_at=danish_time(2027, 4, 13, 19))
    client = client_for("centre_staff")
    response = client.get(url("event_edit", pk=event.pk))
    assert "starts_at" not in response.context["form"].fields
    assert "ret deres tidspunkter på arrangementets side" in rendered_text(response)
    response = client.post(
        url("event_edit", pk=event.pk), form_data(starts_at=None, ends_at=None, sessions_required="4")
    )
    assert "Arrangementet har 3 mødegange, så der kan højst kræves 3" in response.content.decode()
    response = client.post(
        url("event_edit", pk=event.pk), form_data(starts_at=None, ends_at=None, sessions_required="2")
    )
    assert response.status_code == 302
    assert reload(event).sessions_required == 2


def test_a_cancelled_event_cannot_be_edited_and_says_so(personas, client_for):
    event = make_event(personas.tenant, status=EventStatus.CANCELLED, title="Aflyst konference")
    client = client_for("centre_staff")
    response = client.post(url("event_edit", pk=event.pk), form_data(title="Ændret"), follow=True)
    assert reload(event).title == "Aflyst konference"
    assert "Arrangementet er aflyst, så det kan ikke længere ændres." in rendered_text(response)
    response = client.post(url("session_create", pk=event.pk), {}, follow=True)
    assert "Arrangementet er aflyst" in rendered_text(response)


def test_another_tenants_event_answers_404(personas, client_for):
    foreign = make_event(personas.other_tenant, title="Charlies kursus")
    client = client_for("centre_staff")
    for name in ("event_manage", "event_edit", "event_cancel", "session_create"):
        assert client.get(url(name, pk=foreign.pk)).status_code == 404
    assert client.post(url("event_copy", pk=foreign.pk)).status_code == 404
    assert client.post(url("event_status", pk=foreign.pk), {"handling": "offentliggoer"}).status_code == 404
    with scopes_disabled():
        session = foreign.sessions.first()
    own = make_event(personas.tenant)
    assert client.get(url("session_edit", pk=own.pk, session_pk=session.pk)).status_code == 404
    assert client.post(url("session_delete", pk=own.pk, session_pk=session.pk)).status_code == 404


# --- sessions -------------------------------------------------------------------------------------------------


def test_adding_a_session_moves_the_events_end(personas, client_for):
    event = make_event(personas.tenant, starts_at=danish_time(2027, 4, 13, 19))
    response = client_for("centre_staff").post(
        url("session_create", pk=event.pk),
        {"title": "Aften 2", "starts_at": "2027-04-20T19:00", "ends_at": "2027-04-20T21:30"},
    )
    assert response.status_code == 302
    event = reload(event)
    assert event.starts_at == danish_time(2027, 4, 13, 19)
    assert event.ends_at == danish_time(2027, 4, 20, 21, 30)
    assert "events.session.created" in codes()


def test_editing_the_first_session_moves_the_events_start(personas, client_for):
    event = make_event(personas.tenant, sessions=2, starts_at=danish_time(2027, 4, 13, 19))
    first = sessions_of(event)[0]
    response = client_for("centre_staff").post(
        url("session_edit", pk=event.pk, session_pk=first.pk),
        {"title": "Aften 1", "starts_at": "2027-04-06T19:00", "ends_at": "2027-04-06T21:00"},
    )
    assert response.status_code == 302
    assert reload(event).starts_at == danish_time(2027, 4, 6, 19)


def test_session_form_refusals_keep_the_values(personas, client_for):
    event = make_event(personas.tenant)
    client = client_for("centre_staff")
    response = client.post(
        url("session_create", pk=event.pk),
        {"title": "Aften 2", "starts_at": "2027-03-28T02:30", "ends_at": "2027-03-28T04:00"},
    )
    text = response.content.decode()
    assert "Tidspunktet findes ikke" in text and 'value="Aften 2"' in text
    response = client.post(
        url("session_create", pk=event.pk),
        {"title": "Aften 2", "starts_at": "2027-04-20T19:00", "ends_at": "2027-04-20T18:00"},
    )
    assert "Mødegangen skal slutte, efter den begynder." in response.content.decode()
    assert len(sessions_of(event)) == 1


def test_a_session_that_would_end_the_event_before_registration_closes_is_refused(personas, client_for):
    event = make_event(
        personas.tenant,
        sessions=2,
        starts_at=danish_time(2027, 4, 13, 19),
        registration_closes_at=danish_time(2027, 4, 19, 12),
    )
    second = sessions_of(event)[1]
    response = client_for("centre_staff").post(url("session_delete", pk=event.pk, session_pk=second.pk))
    assert response.status_code == 409
    assert "Tilmeldingen skal lukke, før arrangementet slutter." in rendered_text(response)
    assert len(sessions_of(event)) == 2


def test_deleting_a_session_moves_the_events_end(personas, client_for):
    event = make_event(personas.tenant, sessions=3, starts_at=danish_time(2027, 4, 13, 19))
    last = sessions_of(event)[2]
    client = client_for("centre_staff")
    assert "Vil du slette mødegangen" in rendered_text(
        client.get(url("session_delete", pk=event.pk, session_pk=last.pk))
    )
    response = client.post(url("session_delete", pk=event.pk, session_pk=last.pk))
    assert response.status_code == 302
    assert reload(event).ends_at == danish_time(2027, 4, 20, 21)
    assert "events.session.deleted" in codes()


def test_the_last_session_cannot_be_deleted(personas, client_for):
    event = make_event(personas.tenant)
    [only] = sessions_of(event)
    client = client_for("centre_staff")
    assert "eneste mødegang" in rendered_text(client.get(url("session_delete", pk=event.pk, session_pk=only.pk)))
    response = client.post(url("session_delete", pk=event.pk, session_pk=only.pk))
    assert response.status_code == 409
    assert "så den sidste kan ikke slettes" in rendered_text(response)
    assert len(sessions_of(event)) == 1


def test_a_session_the_completion_rule_needs_cannot_be_deleted(personas):
    event = make_event(personas.tenant, sessions=2, sessions_required=2)
    with scopes_disabled(), pytest.raises(EventEditRefused):
        session_delete(session=sessions_of(event)[1], actor=None)
    assert len(sessions_of(event)) == 2


def test_sync_sets_the_event_times_from_its_sessions(personas):
    event = make_event(personas.tenant, sessions=2, starts_at=danish_time(2027, 4, 13, 19))
    with scopes_disabled():
        EventSession.objects.filter(event=event).update(ends_at=danish_time(2027, 5, 1, 22))
        event_sync_times(event)
    assert reload(event).ends_at == danish_time(2027, 5, 1, 22)


def test_the_hub_shows_the_events_figures_sessions_and_tools(personas, client_for):
    event = make_event(personas.tenant, sessions=2, capacity=12, starts_at=danish_time(2027, 4, 13, 19))
    make_registration(event, email="a@example.org", group_size=2)
    make_registration(event, email="b@example.org", status=RegistrationStatus.WAITLISTED)
    text = rendered_text(client_for("tenant_admin").get(url("event_manage", pk=event.pk)))
    assert "2 af 12 taget" in text
    assert "1 tilmelding" in text
    assert "13. april 2027 kl. 19.00" in text and "20. april 2027 kl. 19.00" in text
    assert 'class="event-tools"' in text
    assert reverse("events:event_edit", kwargs={"tenant_slug": "alfa", "pk": event.pk}) in text
