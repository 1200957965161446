"""An unconfirmed account never keeps the address's owner out: signing up again replaces it, a password reset
reaches it and confirms the address, and nobody's unconfirmed account outlives 7 days."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.accounts.models import User
from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english, link_path
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Membership
from frivillig.testing import FrozenClock, UserFactory, make_person

SIGNUP_URL = reverse("accounts:signup")
LOGIN_URL = reverse("accounts:login")
STRANGERS_PASSWORD = "en fremmeds kodeord til en andens adresse"
OWNERS_PASSWORD = "ejerens helt egen og lange adgangskode"
RESET_PASSWORD = "et nulstillet kodeord som ejeren valgte"
# The promised days, written out here and never read from the code.
SEVEN_DAYS = 7 * 24 * 60 * 60


def sign_up(client, capture, *, full_name: str, password: str, email: str = "nanna@example.org"):
    with capture(execute=True):
        return english(client).post(
            SIGNUP_URL, {"full_name": full_name, "email": email, "password1": password, "password2": password}
        )


def stranger_signs_up(client_factory, capture, **changes):
    """Someone else signs up with Nanna's address and never confirms it."""
    values = {"full_name": "Ulla Uvedkommende", "password": STRANGERS_PASSWORD} | changes
    return sign_up(client_factory(), capture, **values)


def log_in(client, password: str, email: str = "nanna@example.org"):
    return english(client).post(LOGIN_URL, {"email": email, "password": password})


def audit(code: str) -> list[dict]:
    with scopes_disabled():
        return list(AuditEntry.objects.filter(code=code).order_by("pk").values_list("data", flat=True))


# --- signing up again -------------------------------------------------------------------------------------


def test_signing_up_with_the_address_of_an_unconfirmed_account_replaces_it(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    stranger_signs_up(client.__class__, django_capture_on_commit_callbacks)

    response = sign_up(client, django_capture_on_commit_callbacks, full_name="Nanna Nyborg", password=OWNERS_PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("accounts:signup_done")
    [user] = User.objects.filter(email__iexact="nanna@example.org")
    assert (user.full_name, user.preferred_language) == ("Nanna Nyborg", "en")
    assert (user.is_active, user.email_verified_at) == (False, None)
    assert [mail.to for mail in mailoutbox] == [["nanna@example.org"], ["nanna@example.org"]]
    assert audit("accounts.user.signed_up") == [{}, {"replaced_unconfirmed": True}]


def test_no_password_works_before_the_address_is_confirmed(client, db, django_capture_on_commit_callbacks):
    stranger_signs_up(client.__class__, django_capture_on_commit_callbacks)
    sign_up(client, django_capture_on_commit_callbacks, full_name="Nanna Nyborg", password=OWNERS_PASSWORD)

    for password in (STRANGERS_PASSWORD, OWNERS_PASSWORD):
        visitor = client.__class__()
        with django_capture_on_commit_callbacks(execute=True):
            response = log_in(visitor, password)
        assert response.status_code == 200
        assert "_auth_user_id" not in visitor.session


def test_the_newest_sign_up_wins_once_confirmed_and_earlier_links_stop_working(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    stranger_signs_up(client.__class__, django_capture_on_commit_callbacks)
    sign_up(client, django_capture_on_commit_callbacks, full_name="Nanna Nyborg", password=OWNERS_PASSWORD)
    strangers_link, owners_link = (link_path(mail.body) for mail in mailoutbox)

    old = english(client).get(strangers_link)

    assert old.status_code == 400
    assert "This confirmation link belongs to an earlier sign-up with this e-mail address" in old.content.decode()
    assert User.objects.get(email="nanna@example.org").is_active is False

    confirmed = client.get(owners_link)

    assert confirmed.status_code == 200
    user = User.objects.get(email="nanna@example.org")
    assert user.is_active is True and user.email_verified_at is not None
    assert user.check_password(OWNERS_PASSWORD) and not user.check_password(STRANGERS_PASSWORD)
    assert log_in(client.__class__(), STRANGERS_PASSWORD).status_code == 200
    assert log_in(client.__class__(), OWNERS_PASSWORD).status_code == 302


def test_a_confirmed_account_still_refuses_a_new_sign_up_with_its_address(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="nanna@example.org", full_name="Nanna Nyborg")

    response = stranger_signs_up(lambda: client, django_capture_on_commit_callbacks, email="NANNA@example.org")

    assert response.status_code == 200
    assert "An account with this e-mail address already exists" in response.content.decode()
    assert User.objects.get(email="nanna@example.org").full_name == "Nanna Nyborg"
    assert mailoutbox == []


def test_an_account_switched_off_after_confirmation_is_not_replaced(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="nanna@example.org", full_name="Nanna Nyborg", is_active=False)

    response = stranger_signs_up(lambda: client, django_capture_on_commit_callbacks)

    assert "An account with this e-mail address already exists" in response.content.decode()
    assert User.objects.get(email="nanna@example.org").full_name == "Nanna Nyborg"
    assert mailoutbox == []


# --- the password reset confirms the address --------------------------------------------------------------


def request_reset(client, email: str = "nanna@example.org"):
    return english(client).post(reverse("accounts:password_reset"), {"email": email})


def complete_reset(client, mail, password: str = RESET_PASSWORD):
    form_page = client.get(link_path(mail.body), follow=True)
    assert form_page.context["validlink"] is True
    return client.post(form_page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})


def test_password_reset_reaches_an_unconfirmed_account_and_confirms_the_address(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    stranger_signs_up(client.__class__, django_capture_on_commit_callbacks)

    response = request_reset(client, "Nanna@Example.org")

    assert response.url == reverse("accounts:password_reset_done")
    assert [mail.to for mail in mailoutbox] == [["nanna@example.org"], ["nanna@example.org"]]
    assert mailoutbox[1].subject == "Choose a new password for Frivillig"

    done = complete_reset(client, mailoutbox[1])

    assert done.status_code == 302
    assert done.url == reverse("accounts:password_reset_complete")
    user = User.objects.get(email="nanna@example.org")
    assert user.is_active is True and user.email_verified_at is not None
    assert user.check_password(RESET_PASSWORD) and not user.check_password(STRANGERS_PASSWORD)
    assert audit("accounts.user.email_verified") == [{"via": "password_reset"}]
    assert len(audit("accounts.user.password_reset")) == 1
    assert log_in(client.__class__(), STRANGERS_PASSWORD).status_code == 200
    assert log_in(client.__class__(), RESET_PASSWORD).status_code == 302


def test_password_reset_of_a_confirmed_account_keeps_its_confirmation_date(client, personas, mailoutbox):
    confirmed_at = personas.user("citizen").email_verified_at

    request_reset(client, "citizen@example.org")
    complete_reset(client, mailoutbox[0])

    user = User.objects.get(email="citizen@example.org")
    assert user.email_verified_at == confirmed_at
    assert user.check_password(RESET_PASSWORD)
    assert audit("accounts.user.email_verified") == []


def test_password_reset_sends_nothing_to_an_account_switched_off_after_confirmation(client, db, mailoutbox):
    UserFactory(email="nanna@example.org", is_active=False)

    response = request_reset(client)

    assert response.url == reverse("accounts:password_reset_done")
    assert mailoutbox == []


# --- unconfirmed accounts expire after 7 days -------------------------------------------------------------


def expire() -> str:
    """The nightly retention run; what its unconfirmed-accounts rule did, e.g. "1 deleted"."""
    out = StringIO()
    call_command("apply_retention", stdout=out)
    line = next(line for line in out.getvalue().splitlines() if "accounts.unconfirmed_accounts:" in line)
    return line.replace("removed", "deleted")


def test_an_unconfirmed_account_is_kept_for_7_days_and_deleted_one_second_later(
    client, db, monkeypatch, django_capture_on_commit_callbacks
):
    clock = FrozenClock(monkeypatch)
    stranger_signs_up(lambda: client, django_capture_on_commit_callbacks)
    clock.advance(seconds=SEVEN_DAYS)

    assert "0 deleted" in expire()
    assert User.objects.filter(email="nanna@example.org").exists()

    clock.advance(seconds=1)

    assert "1 deleted" in expire()
    assert not User.objects.filter(email="nanna@example.org").exists()
    assert len(audit("accounts.user.expired")) == 1


def test_signing_up_again_starts_the_7_days_again(client, db, monkeypatch, django_capture_on_commit_callbacks):
    clock = FrozenClock(monkeypatch)
    stranger_signs_up(client.__class__, django_capture_on_commit_callbacks)
    clock.advance(days=5)
    sign_up(client, django_capture_on_commit_callbacks, full_name="Nanna Nyborg", password=OWNERS_PASSWORD)
    clock.advance(seconds=SEVEN_DAYS)

    expire()
    assert User.objects.filter(email="nanna@example.org").exists()

    clock.advance(seconds=1)
    expire()
    assert not User.objects.filter(email="nanna@example.org").exists()


def test_expiry_leaves_confirmed_switched_off_and_operator_accounts_alone(db, monkeypatch):
    clock = FrozenClock(monkeypatch)
    kept = [
        UserFactory(email="bekraeftet@example.org"),
        UserFactory(email="slukket@example.org", is_active=False),
        UserFactory(email="drift@example.org", is_active=False, email_verified_at=None, is_staff=True),
    ]
    clock.advance(days=30)

    expire()

    assert sorted(User.objects.values_list("pk", flat=True)) == sorted(user.pk for user in kept)


def test_expiry_keeps_an_unconfirmed_account_that_was_given_a_role_and_unlinks_a_contact(personas, monkeypatch):
    clock = FrozenClock(monkeypatch)
    with_role = UserFactory(email="rolle@example.org", is_active=False, email_verified_at=None)
    with scopes_disabled():
        Membership.objects.create(tenant=personas.tenant, user=with_role, role=Role.CENTRE_STAFF)
    linked = UserFactory(email="kontakt@example.org", is_active=False, email_verified_at=None)
    contact = make_person(personas.tenant, full_name="Kim Kontakt", email="kontakt@example.org", user=linked)
    clock.advance(seconds=SEVEN_DAYS + 1)

    assert "1 deleted" in expire()

    assert User.objects.filter(pk=with_role.pk).exists()
    assert not User.objects.filter(pk=linked.pk).exists()
    with scopes_disabled():
        contact.refresh_from_db()
        assert (contact.full_name, contact.user) == ("Kim Kontakt", None)
