"""What the sign-up pages say is true: a guest is thanked only once the address is confirmed, the confirmation pages
carry the centre's name and offer a way on from a link that cannot be used, and after a withdrawal the sign-up page
says so and lets the person sign up again."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english, link_path
from frivillig.testing import FrozenClock, make_opportunity
from frivillig.volunteering.enums import ApplicationStatus, OpportunityStatus
from frivillig.volunteering.models import Application, ApplicationEvent


@pytest.fixture
def opportunity(personas):
    return make_opportunity(personas.organisation, title="Besøgsven i Sorø")


def apply_url(opportunity) -> str:
    return reverse("volunteering:apply", kwargs={"tenant_slug": opportunity.tenant.slug, "pk": opportunity.pk})


def guest_data(**overrides) -> dict:
    return {
        "full_name": "Gitte Gæst",
        "email": "gitte@example.org",
        "phone": "",
        "message": "",
        "website": "",
    } | overrides


def main_text(response) -> str:
    page = response.content.decode()
    return page[page.index("<main") :]


def header_text(response) -> str:
    page = response.content.decode()
    return page[page.index("<header") : page.index("</header>")]


# --- the guest's pages before and after confirming ---------------------------------------------------------


def test_guest_sign_up_answers_check_your_mail_without_thanks_or_success(
    client, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = english(client).post(apply_url(opportunity), guest_data())

    main = main_text(response)
    assert "<h1>Check your e-mail</h1>" in main
    assert "alert-info" in main and "alert-success" not in main
    assert "Thank you for signing up" not in response.content.decode()
    assert "Alfa" in header_text(response)

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = english(client).get(link_path(mailoutbox[0].body))

    main = main_text(confirmed)
    assert "<h1>Thank you for signing up</h1>" in main
    assert "alert-success" in main and "Your sign-up is confirmed" in main
    # The confirmation page has no tenant in its address, yet it is the centre's page.
    assert "Alfa" in header_text(confirmed) and "Alfa" in confirmed.content.decode().split("<title>")[1][:100]


def test_danish_guest_pages_say_tjek_din_email_then_tak(
    client, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    client.cookies["frivillig_language"] = "da"
    with django_capture_on_commit_callbacks(execute=True):
        waiting = client.post(apply_url(opportunity), guest_data())
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.get(link_path(mailoutbox[0].body))

    assert "<h1>Tjek din e-mail</h1>" in main_text(waiting) and "Tak for din tilmelding" not in main_text(waiting)
    assert "<h1>Tak for din tilmelding</h1>" in main_text(confirmed)


def test_an_expired_link_offers_to_sign_up_again_on_the_centres_page(
    client, opportunity, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    clock = FrozenClock(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        english(client).post(apply_url(opportunity), guest_data())
    clock.advance(days=4)

    response = english(client).get(link_path(mailoutbox[0].body))

    assert response.status_code == 400
    main = main_text(response)
    assert "The confirmation link has expired" in main
    assert f'href="{apply_url(opportunity)}"' in main and "Sign up again for “Besøgsven i Sorø”" in main
    assert "Alfa" in header_text(response)


def test_an_expired_link_to_a_closed_opportunity_points_to_the_other_opportunities(
    client, opportunity, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    clock = FrozenClock(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        english(client).post(apply_url(opportunity), guest_data())
    with scopes_disabled():
        opportunity.status = OpportunityStatus.CLOSED
        opportunity.save()
    clock.advance(days=4)

    main = main_text(english(client).get(link_path(mailoutbox[0].body)))

    assert "“Besøgsven i Sorø” is no longer open for sign-up." in main
    assert reverse("volunteering:board", kwargs={"tenant_slug": "alfa"}) in main
    assert apply_url(opportunity) not in main


def test_an_invalid_link_offers_a_way_on(db, client):
    response = english(client).get(reverse("national:confirm_application", kwargs={"token": "noget-vrøvl"}))

    main = main_text(response)
    assert response.status_code == 400
    assert "The confirmation link is not valid" in main
    assert reverse("national:board") in main and reverse("national:my_applications") in main


# --- withdrawing and signing up again ------------------------------------------------------------------------


def make_own_application(personas, opportunity, **fields) -> Application:
    citizen = personas.user("citizen")
    with scopes_disabled():
        return Application.objects.create(
            tenant=opportunity.tenant,
            opportunity=opportunity,
            user=citizen,
            full_name=citizen.full_name,
            email=citizen.email,
            email_confirmed_at=timezone.now(),
            **fields,
        )


def test_withdraw_page_promises_that_signing_up_again_is_possible(personas, client_for, opportunity):
    application = make_own_application(personas, opportunity)

    page = english(client_for("citizen")).get(reverse("national:withdraw_application", kwargs={"pk": application.pk}))

    text = page.content.decode()
    assert "you can sign up again as long as the volunteer opportunity is open" in text
    assert "This cannot be undone" not in text


def test_after_withdrawing_the_pages_say_when_and_offer_to_sign_up_again(
    personas, client_for, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    citizen = personas.user("citizen")
    citizen.preferred_language = "en"
    citizen.save()
    application = make_own_application(personas, opportunity)
    client = english(client_for("citizen"))
    withdraw_url = reverse("national:withdraw_application", kwargs={"pk": application.pk})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(withdraw_url)
    with translation.override("en"):
        day = date_format(timezone.localtime(refreshed(application).status_changed_at), "DATE_FORMAT")

    sign_up_page = main_text(client.get(apply_url(opportunity)))
    withdraw_page = main_text(client.get(withdraw_url))
    my_list = main_text(client.get(reverse("national:my_applications")))

    assert "You have already signed up" not in sign_up_page
    assert "You have withdrawn your application" in sign_up_page and day in sign_up_page
    assert "You can sign up again below" in sign_up_page and "Sign up again</button>" in sign_up_page
    assert f"You withdrew your application for “Besøgsven i Sorø” on {day}." in withdraw_page
    assert "so you can sign up again" in withdraw_page and apply_url(opportunity) in withdraw_page
    assert apply_url(opportunity) in my_list
    # The volunteer's own receipt of the withdrawal says the same.
    receipt = next(mail for mail in mailoutbox if mail.to == [citizen.email])
    assert receipt.subject == "You have withdrawn your application: Besøgsven i Sorø"
    assert "you can sign up again" in receipt.body and apply_url(opportunity) in receipt.body


def refreshed(application) -> Application:
    with scopes_disabled():
        return Application.objects.get(pk=application.pk)


def test_signing_up_again_after_withdrawing_reopens_the_application(
    personas, client_for, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    application = make_own_application(personas, opportunity, reminder_sent_at=timezone.now())
    client = english(client_for("citizen"))
    client.post(reverse("national:withdraw_application", kwargs={"pk": application.pk}))
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url(opportunity), {"phone": "", "message": "Jeg har fået tid igen"})

    assert "Thank you for signing up" in response.content.decode()
    application = refreshed(application)
    assert (application.status, application.message, application.reminder_sent_at) == (
        "new",
        "Jeg har fået tid igen",
        None,
    )
    with scopes_disabled():
        assert Application.objects.count() == 1
        assert list(ApplicationEvent.objects.values_list("from_status", "to_status")) == [
            ("new", "withdrawn"),
            ("withdrawn", "new"),
        ]
        assert AuditEntry.objects.filter(code="volunteering.application.reapplied").count() == 1
    # The association hears of it as of a new sign-up; the volunteer gets a receipt.
    assert personas.organisation.email in [mail.to[0] for mail in mailoutbox]
    assert "citizen@example.org" in [mail.to[0] for mail in mailoutbox]
    assert "You have already signed up" in client.get(apply_url(opportunity)).content.decode()


def test_a_guest_signing_up_over_a_withdrawn_application_is_told_by_mail_how_to_sign_up_again(
    client, personas, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    application = make_own_application(
        personas, opportunity, status=ApplicationStatus.WITHDRAWN, status_changed_at=timezone.now()
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = english(client).post(apply_url(opportunity), guest_data(email="citizen@example.org"))

    assert "Check your e-mail" in response.content.decode()
    [mail] = mailoutbox
    assert "You withdrew your earlier application on" in mail.body and "log in" in mail.body
    assert refreshed(application).status == ApplicationStatus.WITHDRAWN
