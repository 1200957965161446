"""The pipeline treats people decently: declining asks why and tells the volunteer kindly in their language, the
last status change can be undone, notes stay with the association and the centre, and every final step reaches the
volunteer by mail."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english
from frivillig.testing import UserFactory, make_opportunity
from frivillig.volunteering.enums import ApplicationEventKind, ApplicationStatus, DeclineReason
from frivillig.volunteering.models import Application, ApplicationEvent, ApplicationNote
from frivillig.volunteering.services.applications import application_change_status

NOTE = "Ringede tirsdag, ingen svar; prøver igen fredag"
REASON_TEXT = "Holdet er fuldt til efteråret"


def make_application(opportunity, **fields) -> Application:
    fields.setdefault("full_name", "Vera Frivillig")
    fields.setdefault("email", "vera@example.org")
    fields.setdefault("email_confirmed_at", timezone.now())
    with scopes_disabled():
        return Application.objects.create(tenant=opportunity.tenant, opportunity=opportunity, **fields)


def url(name: str, application, tenant_slug: str = "alfa") -> str:
    return reverse(f"volunteering:{name}", kwargs={"tenant_slug": tenant_slug, "pk": application.pk})


def refreshed(application) -> Application:
    with scopes_disabled():
        return Application.objects.get(pk=application.pk)


def events(application) -> list[tuple[str, str, str]]:
    with scopes_disabled():
        return list(
            ApplicationEvent.objects.filter(application=application)
            .order_by("pk")
            .values_list("kind", "from_status", "to_status")
        )


def audit(code: str) -> list[AuditEntry]:
    with scopes_disabled():
        return list(AuditEntry.objects.filter(code=code).order_by("pk"))


@pytest.fixture
def opportunity(personas):
    return make_opportunity(personas.organisation, title="Besøgsven")


# --- declining -------------------------------------------------------------------------------------------


def test_decline_page_offers_a_kind_message_in_the_volunteers_language(client_for, opportunity):
    guest = make_application(opportunity, language="en")
    member = make_application(opportunity, email="citizen@example.org", user=UserFactory(preferred_language="da"))
    client = english(client_for("association_rep"))

    guest_page = client.get(url("application_decline", guest)).content.decode()
    member_page = client.get(url("application_decline", member)).content.decode()

    assert "Unfortunately we cannot offer you a place this time." in guest_page
    assert "We have written a kind message in English" in guest_page
    assert "Desværre kan vi ikke tilbyde dig en plads denne gang." in member_page
    assert "We have written a kind message in Danish" in member_page
    with translation.override("en"):
        assert all(str(reason.label) in guest_page for reason in DeclineReason)
    danish_staff = client_for("association_rep")
    danish_staff.cookies["frivillig_language"] = "da"
    assert "en venlig besked på engelsk" in danish_staff.get(url("application_decline", guest)).content.decode()


@pytest.mark.parametrize(
    ("who", "language", "subject", "frame"),
    [
        ("guest", "en", "Answer to your application: Besøgsven", "has answered your application"),
        ("guest", "da", "Svar på din tilmelding: Besøgsven", "har svaret på din tilmelding"),
        ("user", "en", "Answer to your application: Besøgsven", "has answered your application"),
        ("user", "da", "Svar på din tilmelding: Besøgsven", "har svaret på din tilmelding"),
    ],
)
def test_decline_with_reason_sends_the_message_in_the_volunteers_language(
    personas, client_for, opportunity, mailoutbox, django_capture_on_commit_callbacks, who, language, subject, frame
):
    if who == "guest":
        application = make_application(opportunity, language=language)
    else:
        # The account's choice wins over the language the sign-up was made in.
        user = UserFactory(email="konto@example.org", preferred_language=language)
        application = make_application(
            opportunity, email=user.email, user=user, language="da" if language == "en" else "en"
        )
    client = english(client_for("association_rep"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("application_decline", application),
            {"reason": "filled", "note": REASON_TEXT, "message": "Kære Vera, tak for din interesse."},
            follow=True,
        )

    assert "has been declined, and the message has been sent" in response.content.decode()
    assert refreshed(application).status == ApplicationStatus.DECLINED
    [mail] = mailoutbox
    assert mail.to == [application.email]
    assert mail.subject == subject
    assert frame in mail.body and "Kære Vera, tak for din interesse." in mail.body
    # The reason is for the association and the centre.
    assert REASON_TEXT not in mail.body and "filled" not in mail.body
    with scopes_disabled():
        event = ApplicationEvent.objects.get(application=application)
    assert (event.from_status, event.to_status, event.reason, event.note) == ("new", "declined", "filled", REASON_TEXT)
    assert event.message == "Kære Vera, tak for din interesse."
    [entry] = audit("volunteering.application.declined")
    assert entry.data == {"from": "new", "to": "declined", "reason": "filled"}
    assert entry.actor == personas.user("association_rep")


def test_declined_application_shows_the_reason_and_the_message_to_the_association(client_for, opportunity):
    application = make_application(opportunity)
    client = english(client_for("centre_staff"))
    client.post(url("application_decline", application), {"reason": "other", "note": REASON_TEXT, "message": "Tak!"})

    page = client.get(url("application_detail", application)).content.decode()

    assert "Reason: Another reason" in page and REASON_TEXT in page and "Tak!" in page
    assert "Decline the application" not in page


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"note": "", "message": "Tak"}, "Choose why the application is declined."),
        ({"reason": "other", "note": " ", "message": "Tak"}, "when you choose “Another reason”"),
        ({"reason": "filled", "note": "Fuldt hold", "message": "  "}, "They are always told the outcome."),
        ({"reason": "bogus", "note": "Fuldt hold", "message": "Tak"}, "Select a valid choice."),
    ],
)
def test_decline_with_bad_input_keeps_what_was_typed_and_saves_nothing(
    client_for, opportunity, mailoutbox, django_capture_on_commit_callbacks, data, error
):
    application = make_application(opportunity)

    with django_capture_on_commit_callbacks(execute=True):
        response = english(client_for("association_rep")).post(url("application_decline", application), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Please correct the following" in page and error in page
    if data["note"].strip():
        assert f"{data['note']}</textarea>" in page
    assert refreshed(application).status == ApplicationStatus.NEW
    assert events(application) == [] and audit("volunteering.application.declined") == []
    assert mailoutbox == []


def test_decline_page_of_a_closed_application_says_it_is_closed(client_for, opportunity):
    application = make_application(opportunity, status=ApplicationStatus.STARTED)

    response = english(client_for("association_rep")).get(url("application_decline", application), follow=True)

    assert "its status cannot be changed any more" in response.content.decode()
    assert refreshed(application).status == ApplicationStatus.STARTED


def test_status_form_no_longer_declines_without_the_decline_page(client_for, opportunity):
    application = make_application(opportunity)

    response = english(client_for("association_rep")).post(
        url("application_status", application), {"status": "declined"}
    )

    assert "Please correct the following" in response.content.decode()
    assert refreshed(application).status == ApplicationStatus.NEW


def test_a_decline_through_the_plain_status_service_still_tells_the_volunteer(
    personas, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    """Another way in (e.g. the association's link without a login) that sets "declined" without the form: the
    volunteer still hears the outcome, with the standard kind words in their language."""
    application = make_application(opportunity, language="en")

    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        application_change_status(application=application, to_status="declined", actor=None)

    [mail] = mailoutbox
    assert "Unfortunately we cannot offer you a place this time." in mail.body
    assert refreshed(application).status == ApplicationStatus.DECLINED


def test_becoming_a_volunteer_is_told_to_the_volunteer(
    client_for, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    application = make_application(opportunity, status=ApplicationStatus.MEETING, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        english(client_for("association_rep")).post(url("application_status", application), {"status": "started"})

    [mail] = mailoutbox
    assert mail.to == ["vera@example.org"]
    assert mail.subject == "Welcome as a volunteer: Besøgsven"


def test_contacted_and_meeting_send_the_volunteer_nothing(
    client_for, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    application = make_application(opportunity)
    client = client_for("association_rep")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("application_status", application), {"status": "contacted"})
        client.post(url("application_status", application), {"status": "meeting"})

    assert mailoutbox == []


# --- undo ------------------------------------------------------------------------------------------------


def test_undo_restores_the_previous_status_and_logs_both_steps(personas, client_for, opportunity):
    application = make_application(opportunity)
    client = english(client_for("association_rep"))
    client.post(url("application_status", application), {"status": "contacted"})
    client.post(url("application_status", application), {"status": "meeting"})

    response = client.post(url("application_undo", application), {"note": "Forkert person"}, follow=True)

    page = response.content.decode()
    assert "The last change has been undone. Vera Frivillig is “Contacted” again." in page
    assert refreshed(application).status == ApplicationStatus.CONTACTED
    assert events(application) == [
        ("status", "new", "contacted"),
        ("status", "contacted", "meeting"),
        ("undo", "meeting", "contacted"),
    ]
    with scopes_disabled():
        undo = ApplicationEvent.objects.get(application=application, kind=ApplicationEventKind.UNDO)
    assert undo.note == "Forkert person" and undo.actor == personas.user("association_rep")
    assert [entry.data for entry in audit("volunteering.application.status_changed")] == [
        {"from": "new", "to": "contacted"},
        {"from": "contacted", "to": "meeting"},
    ]
    [entry] = audit("volunteering.application.undone")
    assert entry.data == {"from": "meeting", "to": "contacted"} and entry.actor == personas.user("association_rep")
    assert "Undone: back from Meeting agreed to Contacted" in page and "Forkert person" in page
    # Only the latest step, once: the undo itself cannot be undone, and the page says why.
    assert "The last change has already been undone." in page
    again = client.post(url("application_undo", application), {"note": "Igen"}, follow=True)
    assert "The last change has already been undone." in again.content.decode()
    assert refreshed(application).status == ApplicationStatus.CONTACTED
    assert len(events(application)) == 3


def test_undoing_a_decline_reopens_the_application_and_tells_the_volunteer(
    client_for, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    application = make_application(opportunity, status=ApplicationStatus.CONTACTED, language="en")
    client = english(client_for("centre_staff"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("application_decline", application), {"reason": "filled", "note": "", "message": "Beklager"})

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("application_undo", application), {"note": "En plads blev ledig"})

    assert refreshed(application).status == ApplicationStatus.CONTACTED
    assert [mail.subject for mail in mailoutbox] == [
        "Answer to your application: Besøgsven",
        "Your application is open again: Besøgsven",
    ]
    assert "“Contacted”" in mailoutbox[1].body and "En plads blev ledig" not in mailoutbox[1].body


def test_nothing_to_undo_is_explained(client_for, opportunity, personas):
    fresh = make_application(opportunity)
    withdrawn = make_application(opportunity, email="citizen@example.org", user=personas.user("citizen"))
    english(client_for("citizen")).post(reverse("national:withdraw_application", kwargs={"pk": withdrawn.pk}))
    client = english(client_for("association_rep"))

    fresh_page = client.get(url("application_detail", fresh)).content.decode()
    refused = client.post(url("application_undo", withdrawn), {"note": "Fejl"}, follow=True).content.decode()

    assert "There is nothing to undo: the status has not been changed since the application came in." in fresh_page
    assert "The last change was made by the volunteer (“Withdrawn”). Only the volunteer can change that." in refused
    assert refreshed(withdrawn).status == ApplicationStatus.WITHDRAWN
    assert audit("volunteering.application.undone") == []


def test_undo_without_a_note_keeps_the_status_and_says_why(client_for, opportunity):
    application = make_application(opportunity)
    client = english(client_for("association_rep"))
    client.post(url("application_status", application), {"status": "contacted"})

    response = client.post(url("application_undo", application), {"note": ""})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Write why the change is undone" in page
    assert refreshed(application).status == ApplicationStatus.CONTACTED
    assert audit("volunteering.application.undone") == []


# --- notes -----------------------------------------------------------------------------------------------


def test_notes_are_kept_for_the_association_and_the_centre(personas, client_for, opportunity):
    application = make_application(opportunity)
    rep = english(client_for("association_rep"))

    response = rep.post(url("application_note", application), {"text": NOTE}, follow=True)

    assert "The note has been saved." in response.content.decode() and NOTE in response.content.decode()
    assert NOTE in english(client_for("centre_staff")).get(url("application_detail", application)).content.decode()
    with scopes_disabled():
        note = ApplicationNote.objects.get()
    assert (note.application, note.author, note.text) == (application, personas.user("association_rep"), NOTE)
    [entry] = audit("volunteering.application.note_added")
    # The audit log records that a note was written, not its words.
    assert entry.data == {"note": note.pk}


def test_an_empty_or_too_long_note_is_refused_and_nothing_is_saved(client_for, opportunity):
    application = make_application(opportunity)
    client = english(client_for("association_rep"))

    empty = client.post(url("application_note", application), {"text": "   "}).content.decode()
    too_long = client.post(url("application_note", application), {"text": "x" * 4001}).content.decode()

    assert "Write the note before you save it." in empty
    assert "Ensure this value has at most 4000 characters" in too_long and "x" * 4001 + "</textarea>" in too_long
    with scopes_disabled():
        assert ApplicationNote.objects.count() == 0


def test_notes_and_reasons_never_reach_the_volunteer(
    personas, client_for, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    citizen = personas.user("citizen")
    citizen.preferred_language = "en"
    citizen.save()
    application = make_application(opportunity, email=citizen.email, user=citizen, status=ApplicationStatus.CONTACTED)
    rep = english(client_for("association_rep"))
    with django_capture_on_commit_callbacks(execute=True):
        rep.post(url("application_note", application), {"text": NOTE})
        rep.post(url("application_status", application), {"status": "started"})
        rep.post(url("application_undo", application), {"note": f"Undo: {NOTE}"})
        rep.post(url("application_decline", application), {"reason": "other", "note": REASON_TEXT, "message": "Tak"})

    volunteer = english(client_for("citizen"))
    pages = [
        volunteer.get(reverse("national:my_applications")),
        volunteer.get(reverse("national:withdraw_application", kwargs={"pk": application.pk})),
        volunteer.get(reverse("volunteering:apply", kwargs={"tenant_slug": "alfa", "pk": opportunity.pk})),
    ]
    assert all(page.status_code == 200 for page in pages)
    assert "Besøgsven" in pages[0].content.decode()
    seen = [page.content.decode() for page in pages] + [mail.subject + mail.body for mail in mailoutbox]
    assert len(mailoutbox) == 3  # welcome, open again, the answer
    for text in seen:
        assert NOTE not in text and REASON_TEXT not in text and "Another reason" not in text
    # The volunteer cannot open the association's page of the application.
    assert volunteer.get(url("application_detail", application)).status_code in (403, 404)


# --- the follow-up pages answer only those who follow the application up --------------------------------


@pytest.mark.parametrize(
    ("name", "method", "data"),
    [
        ("application_decline", "get", None),
        ("application_decline", "post", {"reason": "filled", "message": "Tak"}),
        ("application_undo", "post", {"note": "Fejl"}),
        ("application_note", "post", {"text": NOTE}),
    ],
)
def test_another_associations_or_tenants_application_gives_404(personas, client_for, name, method, data):
    neighbour = make_application(make_opportunity(personas.other_organisation), status=ApplicationStatus.CONTACTED)
    foreign = make_application(make_opportunity(personas.foreign_organisation), email="f@example.org")

    rep = getattr(client_for("association_rep"), method)(url(name, neighbour), data)
    staff = getattr(client_for("centre_staff"), method)(url(name, foreign), data)

    assert (rep.status_code, staff.status_code) == (404, 404)
    assert refreshed(neighbour).status == ApplicationStatus.CONTACTED
    assert refreshed(foreign).status == ApplicationStatus.NEW
    with scopes_disabled():
        assert ApplicationNote.objects.count() == 0
