"""A guest's sign-up and the accounts: a confirmed guest sign-up with an account's address is that account's (at
confirmation, or when the account is confirmed later); the answer to a visitor never tells whether an address has
signed up; and a sign-up whose link ran out can be made again."""

import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.accounts.models import User
from frivillig.accounts.services import user_create_verified
from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english, link_path
from frivillig.testing import PASSWORD, FrozenClock, UserFactory, make_opportunity, make_person
from frivillig.volunteering.models import Application

MY_APPLICATIONS = reverse("national:my_applications")
# The guest's link works for 3 days: written out here, never read from the code.
THREE_DAYS = 3 * 24 * 60 * 60


@pytest.fixture
def opportunity(personas):
    contact = make_person(personas.tenant, full_name="Karen Kontakt", email="karen@besoegsvenner.example.org")
    return make_opportunity(personas.organisation, title="Besøgsven i Sorø", contact_person=contact)


def apply_url(opportunity) -> str:
    return reverse("volunteering:apply", kwargs={"tenant_slug": opportunity.tenant.slug, "pk": opportunity.pk})


def sign_up_as_guest(client, opportunity, capture, **overrides):
    data = {"full_name": "Gitte Gæst", "email": "gitte@example.org", "phone": "", "message": "", "website": ""}
    with capture(execute=True):
        return english(client).post(apply_url(opportunity), data | overrides)


def confirm(client, mail, capture):
    with capture(execute=True):
        return english(client).get(link_path(mail.body))


def applications() -> list[Application]:
    with scopes_disabled():
        return list(Application.objects.order_by("pk"))


def main_content(response) -> str:
    """The page's answer without what differs on every request (the CSRF token)."""
    page = response.content.decode()
    page = page[page.index("<main") : page.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


# --- the answer never tells whether an address has signed up ----------------------------------------------


def test_a_guest_gets_the_same_answer_whether_or_not_the_address_has_signed_up(
    client, personas, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks)
    confirm(client, mailoutbox[0], django_capture_on_commit_callbacks)
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks, email="venter@example.org")
    mailoutbox.clear()

    fresh = sign_up_as_guest(client.__class__(), opportunity, django_capture_on_commit_callbacks, email="ny@ex.org")
    confirmed = sign_up_as_guest(
        client.__class__(), opportunity, django_capture_on_commit_callbacks, email="GITTE@example.org"
    )
    waiting = sign_up_as_guest(
        client.__class__(), opportunity, django_capture_on_commit_callbacks, email="venter@example.org"
    )

    assert fresh.status_code == confirmed.status_code == waiting.status_code == 200
    assert "Check your e-mail" in main_content(fresh)
    assert main_content(fresh) == main_content(confirmed) == main_content(waiting)
    # Each address got one mail; only the owner of the confirmed address reads that they had signed up already.
    assert [mail.to for mail in mailoutbox] == [["ny@ex.org"], ["gitte@example.org"], ["venter@example.org"]]
    already = mailoutbox[1]
    assert already.subject == "You have already signed up for Besøgsven i Sorø"
    assert "You had already signed up, so nothing has been changed" in " ".join(already.body.split())
    assert link_path(already.body) == MY_APPLICATIONS
    assert "/frivilligjob/bekraeft/" not in already.body


def test_signing_up_again_as_a_guest_changes_nothing_in_a_confirmed_application(
    client, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks, message="Første gang")
    confirm(client, mailoutbox[0], django_capture_on_commit_callbacks)
    mails_before = len(mailoutbox)

    sign_up_as_guest(
        client.__class__(), opportunity, django_capture_on_commit_callbacks, full_name="Falsk Navn", message="Hack"
    )

    [application] = applications()
    assert (application.full_name, application.message) == ("Gitte Gæst", "Første gang")
    assert application.email_confirmed_at is not None
    # The association is not told again; only the address's owner gets a mail.
    assert [mail.to for mail in mailoutbox[mails_before:]] == [["gitte@example.org"]]


def test_a_guest_sign_up_whose_link_ran_out_can_be_made_again(
    client, opportunity, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    clock = FrozenClock(monkeypatch)
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks, message="Først")
    clock.advance(seconds=THREE_DAYS + 1)
    expired = english(client).get(link_path(mailoutbox[0].body))
    assert "sign up again to get a new one" in expired.content.decode()

    again = sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks, message="Igen")

    assert "Check your e-mail" in again.content.decode()
    [application] = applications()
    assert (application.message, application.email_confirmed_at) == ("Igen", None)
    assert english(client).get(link_path(mailoutbox[0].body)).status_code == 400
    assert (
        "Your sign-up is confirmed"
        in confirm(client, mailoutbox[1], django_capture_on_commit_callbacks).content.decode()
    )
    assert applications()[0].email_confirmed_at is not None
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="volunteering.application.replaced").count() == 1


# --- a confirmed guest sign-up with an account's address is the account's ----------------------------------


def test_guest_sign_up_with_an_accounts_address_is_the_accounts_once_confirmed(
    client, personas, opportunity, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    citizen = personas.user("citizen")
    citizen.preferred_language = "en"
    citizen.save()
    member = english(client_for("citizen"))
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks, email="Citizen@Example.org")

    # Not confirmed yet: not theirs, so the page offers to sign up (which would replace it) and the list is empty.
    assert "You have already signed up" not in member.get(apply_url(opportunity)).content.decode()
    assert "Besøgsven i Sorø" not in member.get(MY_APPLICATIONS).content.decode()

    confirm(client, mailoutbox[0], django_capture_on_commit_callbacks)

    [application] = applications()
    assert application.user == citizen
    assert "You have already signed up" in member.get(apply_url(opportunity)).content.decode()
    assert "Besøgsven i Sorø" in member.get(MY_APPLICATIONS).content.decode()
    receipt = next(mail for mail in mailoutbox if mail.to == ["Citizen@Example.org"] and "Receipt" in mail.subject)
    assert receipt.subject == "Receipt: you have signed up for Besøgsven i Sorø"


def test_a_guest_sign_up_is_not_given_to_an_unconfirmed_account_with_the_address(
    client, personas, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="gitte@example.org", is_active=False, email_verified_at=None)
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks)

    confirm(client, mailoutbox[0], django_capture_on_commit_callbacks)

    assert applications()[0].user is None


def test_confirmed_guest_sign_ups_become_the_accounts_when_it_is_confirmed_later(
    client, personas, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    other = make_opportunity(personas.foreign_organisation, title="Lektiehjælp i Charlie")
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks)
    sign_up_as_guest(client, other, django_capture_on_commit_callbacks, email="GITTE@example.org")
    unconfirmed = make_opportunity(personas.organisation, title="Aldrig bekræftet")
    sign_up_as_guest(client, unconfirmed, django_capture_on_commit_callbacks)
    confirm(client, mailoutbox[0], django_capture_on_commit_callbacks)
    confirm(client, mailoutbox[1], django_capture_on_commit_callbacks)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        english(client).post(
            reverse("accounts:signup"),
            {"full_name": "Gitte Gæst", "email": "gitte@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert {application.user for application in applications()} == {None}
    client.get(link_path(mailoutbox[0].body))

    gitte = User.objects.get(email="gitte@example.org")
    owned = {application.opportunity.title: application.user for application in applications()}
    assert owned == {"Besøgsven i Sorø": gitte, "Lektiehjælp i Charlie": gitte, "Aldrig bekræftet": None}
    client.force_login(gitte)
    page = english(client).get(MY_APPLICATIONS).content.decode()
    assert "Besøgsven i Sorø" in page and "Lektiehjælp i Charlie" in page and "Aldrig bekræftet" not in page
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="volunteering.application.linked_to_account").count() == 2


def test_a_password_reset_that_confirms_the_address_gives_the_guest_sign_ups_to_the_account(
    client, personas, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    # Someone else created an account with Gitte's address and never confirmed it.
    UserFactory(email="gitte@example.org", full_name="Ulla Uvedkommende", is_active=False, email_verified_at=None)
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks)
    confirm(client, mailoutbox[0], django_capture_on_commit_callbacks)
    mailoutbox.clear()

    english(client).post(reverse("accounts:password_reset"), {"email": "gitte@example.org"})
    form_page = client.get(link_path(mailoutbox[0].body), follow=True)
    new_password = "gittes egen nye adgangskode"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})

    gitte = User.objects.get(email="gitte@example.org")
    assert gitte.email_verified_at is not None
    assert applications()[0].user == gitte


def test_an_account_created_from_an_invitation_gets_the_guest_sign_ups_with_its_address(
    client, personas, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks)
    confirm(client, mailoutbox[0], django_capture_on_commit_callbacks)

    user = user_create_verified(email="gitte@example.org", full_name="Gitte Gæst", password=PASSWORD, language="da")

    assert applications()[0].user == user
