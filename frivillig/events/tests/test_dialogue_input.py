"""Dialogue meetings' input: staff register and follow up, participants add from the meeting's link (only while
the meeting is on), the summary as PDF, and the published summary on the public page."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import pdf_titles
from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.events.enums import DialogueInputKind, EventKind, EventStatus, FollowUpStatus
from frivillig.events.models import DialogueInput
from frivillig.events.selectors_dialogue import INPUT_CLOSES_AFTER, INPUT_OPENS_BEFORE
from frivillig.events.tests.helpers import make_event, url
from frivillig.events.views_dialogue import INPUTS_PER_ADDRESS_PER_HOUR
from frivillig.tenants.enums import Role
from frivillig.testing import FrozenClock, UserFactory, assert_rows_rendered, grant


def meeting(tenant, *, starts_in: timedelta = timedelta(hours=-1), **fields):
    fields.setdefault("title", "Dialogmøde med kommunens medarbejdere")
    return make_event(tenant, kind=EventKind.DIALOGUE_MEETING, starts_at=timezone.now() + starts_in, hours=3, **fields)


def theme(tenant, slug: str = "samarbejde-kommune") -> Tag:
    with scopes_disabled():
        return Tag.objects.get(tenant=tenant, vocabulary=Vocabulary.THEME, slug=slug)


def add_input(event, text: str, **fields) -> DialogueInput:
    with scopes_disabled():
        return DialogueInput.objects.create(tenant=event.tenant, event=event, text=text, **fields)


def inputs_of(event) -> list[DialogueInput]:
    with scopes_disabled():
        return list(DialogueInput.objects.filter(event=event).order_by("pk"))


def participant_url(event, token: str | None = None) -> str:
    return url("input_participant", pk=event.pk, token=token or event.input_token)


# --- participants --------------------------------------------------------------------------------------------


def test_a_participant_adds_an_input_from_the_link_and_no_name_is_kept(personas, client):
    event = meeting(personas.tenant)
    page = client.get(participant_url(event))
    assert page.status_code == 200
    assert "Dit navn gemmes ikke" in page.content.decode()

    response = client.post(
        participant_url(event),
        {"kind": DialogueInputKind.CONCERN, "theme": theme(personas.tenant).pk, "text": "  Svært at finde lokaler  "},
        follow=True,
    )

    assert "Tak. Dit input er føjet til mødet" in response.content.decode()
    [added] = inputs_of(event)
    assert (added.text, added.kind, added.from_participant) == ("Svært at finde lokaler", "concern", True)
    assert added.created_by is None and added.follow_up_status == FollowUpStatus.NEW
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="events.input.added_by_participant")
    assert entry.actor is None and entry.actor_label == ""


def test_the_link_is_open_from_two_hours_before_until_four_hours_after(personas, client, monkeypatch):
    clock = FrozenClock(monkeypatch)
    event = meeting(personas.tenant, starts_in=INPUT_OPENS_BEFORE + timedelta(seconds=1))
    closed = client.get(participant_url(event))
    assert closed.status_code == 200
    assert "Mødet er ikke åbent for input" in closed.content.decode()
    assert client.post(participant_url(event), {"kind": "idea", "text": "For tidligt"}).status_code == 200
    assert inputs_of(event) == []

    clock.advance(seconds=1)
    assert "Mødet er ikke åbent for input" not in client.get(participant_url(event)).content.decode()
    client.post(participant_url(event), {"kind": "idea", "text": "Lige til tiden"})
    assert [item.text for item in inputs_of(event)] == ["Lige til tiden"]

    # The meeting lasts three hours; four hours after its end the link closes.
    clock.advance(seconds=(INPUT_OPENS_BEFORE + timedelta(hours=3) + INPUT_CLOSES_AFTER).total_seconds())
    assert "Mødet er ikke åbent for input" not in client.get(participant_url(event)).content.decode()
    clock.advance(seconds=1)
    assert "Mødet er ikke åbent for input" in client.get(participant_url(event)).content.decode()


def test_a_cancelled_meeting_takes_no_input(personas, client):
    event = meeting(personas.tenant, status=EventStatus.CANCELLED)
    client.post(participant_url(event), {"kind": "idea", "text": "Noget"})
    assert "Mødet er ikke åbent for input" in client.get(participant_url(event)).content.decode()
    assert inputs_of(event) == []


def test_a_wrong_token_or_another_tenants_meeting_is_a_clear_404(personas, client):
    event = meeting(personas.tenant)
    response = client.get(participant_url(event, token="forkert-token"))
    assert response.status_code == 404
    assert "Linket virker ikke" in response.content.decode()
    assert client.post(participant_url(event, token="forkert-token"), {"kind": "idea", "text": "x"}).status_code == 404
    foreign = meeting(personas.other_tenant)
    assert client.get(participant_url(foreign)).status_code == 404
    assert inputs_of(event) == [] and inputs_of(foreign) == []


def test_the_honeypot_answers_as_if_it_worked_and_stores_nothing(personas, client):
    event = meeting(personas.tenant)
    response = client.post(participant_url(event), {"kind": "idea", "text": "Køb billigt", "website": "spam"})
    assert response.status_code == 302
    assert inputs_of(event) == []


def test_the_throttle_stops_a_flood_from_one_address(personas, client):
    event = meeting(personas.tenant)
    for number in range(INPUTS_PER_ADDRESS_PER_HOUR):
        client.post(participant_url(event), {"kind": "idea", "text": f"Idé {number}"})
    response = client.post(participant_url(event), {"kind": "idea", "text": "En for meget"})
    assert response.status_code == 429
    assert "Vent et øjeblik" in response.content.decode()
    assert len(inputs_of(event)) == INPUTS_PER_ADDRESS_PER_HOUR


def test_an_empty_input_is_a_clear_form_error(personas, client):
    event = meeting(personas.tenant)
    response = client.post(participant_url(event), {"kind": "idea", "text": "   "})
    assert response.status_code == 200
    assert "Ret følgende" in response.content.decode()
    assert inputs_of(event) == []


# --- staff -----------------------------------------------------------------------------------------------------


def test_staff_register_an_input_with_a_theme(personas, client_for):
    event = meeting(personas.tenant)
    response = client_for("municipal_staff").post(
        url("input_create", pk=event.pk),
        {"kind": "idea", "theme": theme(personas.tenant, "inklusion").pk, "text": "Fælles introforløb"},
        follow=True,
    )
    assert "Inputtet er tilføjet" in response.content.decode()
    [added] = inputs_of(event)
    assert added.theme.slug == "inklusion" and added.created_by == personas.user("municipal_staff")
    assert not added.from_participant


def test_a_theme_of_another_tenant_is_refused(personas, client_for):
    event = meeting(personas.tenant)
    response = client_for("centre_staff").post(
        url("input_create", pk=event.pk), {"kind": "idea", "theme": theme(personas.other_tenant).pk, "text": "x"}
    )
    assert response.status_code == 200
    assert inputs_of(event) == []


def test_follow_up_sets_responsible_status_and_answer(personas, client_for):
    event = meeting(personas.tenant)
    item = add_input(event, "Flere lokaler om aftenen", from_participant=True)
    responsible = personas.user("municipal_staff")
    response = client_for("centre_staff").post(
        url("input_edit", pk=event.pk, input_pk=item.pk),
        {
            "kind": "concern",
            "theme": theme(personas.tenant, "lokaler").pk,
            "text": item.text,
            "responsible": responsible.pk,
            "follow_up_status": FollowUpStatus.DONE,
            "answer": "Skolen åbner to lokaler om tirsdagen.",
        },
        follow=True,
    )
    assert "Opfølgningen på inputtet er gemt" in response.content.decode()
    item.refresh_from_db()
    assert (item.responsible, item.follow_up_status, item.answer) == (
        responsible,
        FollowUpStatus.DONE,
        "Skolen åbner to lokaler om tirsdagen.",
    )
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="events.input.followed_up")
    assert entry.data["status"] == ["new", "done"]


def test_only_the_tenants_staff_can_be_responsible(personas, client_for):
    event = meeting(personas.tenant)
    item = add_input(event, "Idé")
    outsider = UserFactory(full_name="Udefra")
    grant(outsider, personas.other_tenant, Role.CENTRE_STAFF)
    for refused in (outsider, personas.user("association_rep"), personas.user("citizen")):
        response = client_for("centre_staff").post(
            url("input_edit", pk=event.pk, input_pk=item.pk),
            {"kind": "idea", "text": "Idé", "responsible": refused.pk, "follow_up_status": "looking", "answer": ""},
        )
        assert response.status_code == 200
    item.refresh_from_db()
    assert item.responsible is None and item.follow_up_status == FollowUpStatus.NEW


def test_an_input_of_another_event_answers_404(personas, client_for):
    event = meeting(personas.tenant)
    other = meeting(personas.tenant, title="Et andet møde")
    item = add_input(other, "Andet møde")
    assert client_for("centre_staff").get(url("input_edit", pk=event.pk, input_pk=item.pk)).status_code == 404


def test_the_list_filters_and_counts_per_status(personas, client_for):
    event = meeting(personas.tenant)
    add_input(event, "Ny idé om rekruttering", theme=theme(personas.tenant, "rekruttering"))
    add_input(event, "Bekymring om lokaler", kind="concern", follow_up_status=FollowUpStatus.LOOKING)
    add_input(event, "Færdig idé", follow_up_status=FollowUpStatus.DONE)
    client = client_for("centre_staff")

    page = client.get(url("input_list", pk=event.pk))
    counts = page.context["counts"]
    assert [(status, number) for status, _label, number in counts] == [
        ("new", 1),
        ("looking", 1),
        ("done", 1),
        ("wont_do", 0),
    ]
    filtered = client.get(url("input_list", pk=event.pk), {"status": "looking"})
    assert [item.text for item in filtered.context["page"].object_list] == ["Bekymring om lokaler"]
    by_theme = client.get(url("input_list", pk=event.pk), {"tema": theme(personas.tenant, "rekruttering").pk})
    assert [item.text for item in by_theme.context["page"].object_list] == ["Ny idé om rekruttering"]
    by_kind = client.get(url("input_list", pk=event.pk), {"type": "concern", "status": "nonsens"})
    assert len(by_kind.context["page"].object_list) == 3  # an invalid value ignores the whole filter, no error page


def test_the_list_shows_the_participants_link(personas, client_for):
    event = meeting(personas.tenant)
    text = client_for("centre_staff").get(url("input_list", pk=event.pk)).content.decode()
    assert f"http://testserver{participant_url(event)}" in text
    assert 'src="data:image/svg+xml' in text


@pytest.mark.parametrize("size", [1, 3])
def test_input_list_query_count_is_constant(personas, client_for, django_assert_num_queries, size):
    event = meeting(personas.tenant)
    for number in range(size):
        add_input(
            event,
            f"Input nummer {number}",
            theme=theme(personas.tenant),
            responsible=personas.user("municipal_staff"),
        )
    client = client_for("centre_staff")
    with django_assert_num_queries(9):
        response = client.get(url("input_list", pk=event.pk))
    assert_rows_rendered(response, [f"Input nummer {number}" for number in range(size)])


# --- the summary ----------------------------------------------------------------------------------------------


def test_the_summary_pdf_has_the_summary_and_every_input(personas, client_for):
    event = meeting(personas.tenant, summary="Et godt møde med mange idéer.")
    add_input(event, "Fælles frivilligdag", follow_up_status=FollowUpStatus.DONE, answer="Holdes 1. maj.")
    add_input(event, "For lidt information", kind="concern")
    response = client_for("centre_staff").get(url("input_summary_pdf", pk=event.pk))
    assert response["Content-Type"] == "application/pdf"
    titles = pdf_titles(response.content)
    assert "Opsamling på »Dialogmøde med kommunens medarbejdere«" in titles or any(
        "Dialogmøde med kommunens medarbejdere" in title for title in titles
    )
    assert any("1. Idé: Fælles frivilligdag" in title for title in titles), titles
    assert any("2. Bekymring: For lidt information" in title for title in titles), titles


def test_staff_publish_the_summary_and_the_public_page_shows_what_became_of_each_input(personas, client_for):
    event = meeting(personas.tenant)
    add_input(
        event,
        "Fælles frivilligdag",
        follow_up_status=FollowUpStatus.DONE,
        answer="Holdes 1. maj.",
        responsible=personas.user("centre_staff"),
    )

    def public_text() -> str:
        response = Client().get(url("event_detail", pk=event.pk))
        assert response.status_code == 200
        return response.content.decode()

    assert "Fælles frivilligdag" not in public_text()
    response = client_for("centre_staff").post(
        url("input_list", pk=event.pk),
        {"summary": "Tak for et godt møde.", "summary_published": "on"},
        follow=True,
    )
    assert "Opsamlingen er gemt og vises på arrangementets offentlige side" in response.content.decode()
    shown = public_text()
    assert "Tak for et godt møde." in shown and "Fælles frivilligdag" in shown and "Holdes 1. maj." in shown
    assert "Alfa Centre Staff" not in shown  # who is responsible is the staff's business

    client_for("centre_staff").post(url("input_list", pk=event.pk), {"summary": "Tak for et godt møde."})
    assert "Fælles frivilligdag" not in public_text()
    with scopes_disabled():
        codes = list(AuditEntry.objects.filter(code__startswith="events.summary").values_list("code", flat=True))
    assert sorted(codes) == sorted(
        ["events.summary.updated", "events.summary.published", "events.summary.updated", "events.summary.unpublished"]
    )


def test_the_events_staff_page_leads_to_the_input(personas, client_for):
    event = meeting(personas.tenant)
    page = client_for("centre_staff").get(url("event_manage", pk=event.pk)).content.decode()
    assert f'href="{url("input_list", pk=event.pk)}"' in page
    assert "Input fra mødet og opsamling" in page
