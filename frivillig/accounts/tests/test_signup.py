from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.accounts.models import User
from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english, link_path
from frivillig.testing import PASSWORD, FrozenClock

SIGNUP_URL = reverse("accounts:signup")
PASSPHRASE = "Blåbærgrød på øen smager af sommer, søde minder og lyse nætter!!"


def signup_data(**changes) -> dict:
    data = {
        "full_name": "Nanna Nyborg",
        "email": "nanna@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(changes)
    return data


def sign_up(client, django_capture_on_commit_callbacks, **changes):
    # The verification mail leaves after the commit; the test's transaction never commits, so run the callbacks.
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(SIGNUP_URL, signup_data(**changes))


def test_signup_page_renders_for_anonymous(client, db):
    response = client.get(SIGNUP_URL)
    assert response.status_code == 200
    assert "password1" in response.context["form"].fields


def test_signup_page_redirects_when_logged_in(client_for):
    response = client_for("citizen").get(SIGNUP_URL)
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")


def test_signup_valid_creates_inactive_user_and_sends_mail(client, db, mailoutbox, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response.url == reverse("accounts:signup_done")
    user = User.objects.get(email="nanna@example.org")
    assert user.full_name == "Nanna Nyborg"
    assert user.is_active is False
    assert user.email_verified_at is None
    assert user.check_password(PASSWORD)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nanna@example.org"]
    assert "/konto/bekraeft/" in mailoutbox[0].body
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="accounts.user.signed_up", target_id=str(user.pk)).count() == 1


def test_signup_done_shows_the_address(client, db, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    response = client.get(reverse("accounts:signup_done"))
    assert response.status_code == 200
    assert "nanna@example.org" in response.content.decode()


def test_signup_in_english_sends_the_mail_in_english(client, db, mailoutbox, django_capture_on_commit_callbacks):
    english(client)
    sign_up(client, django_capture_on_commit_callbacks)

    assert User.objects.get(email="nanna@example.org").preferred_language == "en"
    assert mailoutbox[0].subject == "Confirm your e-mail address for Frivillig"
    assert "Hello Nanna Nyborg" in mailoutbox[0].body


def test_verify_link_activates_the_account(client, db, mailoutbox, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)

    response = client.get(link_path(mailoutbox[0].body))

    assert response.status_code == 200
    assert "nanna@example.org" in response.content.decode()
    user = User.objects.get(email="nanna@example.org")
    assert user.is_active is True
    assert user.email_verified_at is not None
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="accounts.user.email_verified", actor=user).count() == 1


def test_verify_link_then_login_works(client, db, mailoutbox, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    client.get(link_path(mailoutbox[0].body))

    response = client.post(reverse("accounts:login"), {"email": "nanna@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == User.objects.get(email="nanna@example.org").pk


def test_verify_link_opened_twice_stays_verified(client, db, mailoutbox, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    path = link_path(mailoutbox[0].body)
    client.get(path)
    first = User.objects.get(email="nanna@example.org").email_verified_at

    response = client.get(path)

    assert response.status_code == 200
    assert User.objects.get(email="nanna@example.org").email_verified_at == first
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="accounts.user.email_verified").count() == 1


def test_verify_tampered_link_gives_400(client, db, mailoutbox, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    path = link_path(mailoutbox[0].body)
    token = path.rstrip("/").rsplit("/", 1)[1]
    tampered = reverse("accounts:verify", kwargs={"token": token[:-3] + ("abc" if token[-3:] != "abc" else "xyz")})

    response = english(client).get(tampered)

    assert response.status_code == 400
    assert "The confirmation link is not valid" in response.content.decode()
    assert User.objects.get(email="nanna@example.org").is_active is False


def test_verify_garbage_token_gives_400(client, db):
    response = english(client).get(reverse("accounts:verify", kwargs={"token": "not-a-token"}))
    assert response.status_code == 400
    assert "The confirmation link is not valid" in response.content.decode()


def test_verify_expired_link_gives_400(client, db, monkeypatch, mailoutbox, django_capture_on_commit_callbacks):
    clock = FrozenClock(monkeypatch)
    sign_up(client, django_capture_on_commit_callbacks)
    path = link_path(mailoutbox[0].body)
    # The page and the mail promise 3 days: the first second after them is too late.
    clock.advance(days=3, seconds=1)

    response = english(client).get(path)

    assert response.status_code == 400
    assert "The confirmation link has expired" in response.content.decode()
    assert User.objects.get(email="nanna@example.org").is_active is False


def test_verify_link_just_within_max_age_works(client, db, monkeypatch, mailoutbox, django_capture_on_commit_callbacks):
    clock = FrozenClock(monkeypatch)
    sign_up(client, django_capture_on_commit_callbacks)
    assert "3 dage" in mailoutbox[0].body or "3 days" in mailoutbox[0].body
    # The last second of the promised 3 days.
    clock.advance(days=3)

    response = client.get(link_path(mailoutbox[0].body))

    assert response.status_code == 200
    assert User.objects.get(email="nanna@example.org").is_active is True


def test_verify_link_of_deleted_account_gives_400(client, db, mailoutbox, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    User.objects.filter(email="nanna@example.org").delete()

    response = client.get(link_path(mailoutbox[0].body))

    assert response.status_code == 400


def test_signup_existing_email_other_case_refused(client, personas, mailoutbox, django_capture_on_commit_callbacks):
    english(client)
    response = sign_up(
        client, django_capture_on_commit_callbacks, full_name="Anden Person", email="CITIZEN@Example.ORG"
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["email"]
    content = response.content.decode()
    assert "An account with this e-mail address already exists" in content
    assert 'value="Anden Person"' in content
    assert 'value="CITIZEN@Example.ORG"' in content
    assert User.objects.filter(email__iexact="citizen@example.org").count() == 1
    assert not User.objects.filter(full_name="Anden Person").exists()
    assert mailoutbox == []


def test_signup_weak_password_refused_with_djangos_danish_message(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    response = sign_up(client, django_capture_on_commit_callbacks, password1="12345", password2="12345")

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["password1"]
    assert "Denne adgangskode er for kort. Den skal indeholde mindst 10 tegn." in errors["password1"]
    assert "Denne adgangskode er udelukkende numerisk." in errors["password1"]
    assert "Denne adgangskode er for kort." in response.content.decode()
    assert 'value="Nanna Nyborg"' in response.content.decode()
    assert not User.objects.exists()
    assert mailoutbox == []


def test_signup_password_like_the_name_refused(client, db, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks, password1="nanna nyborg", password2="nanna nyborg")
    assert "password1" in response.context["form"].errors
    assert not User.objects.exists()


def test_signup_different_passwords_refused(client, db, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks, password2=PASSWORD + "x")
    assert "password2" in response.context["form"].errors
    assert not User.objects.exists()


def test_signup_missing_fields_refused_without_crash(client, db):
    response = client.post(SIGNUP_URL, {"full_name": "", "email": "ikke-en-adresse"})
    assert response.status_code == 200
    assert {"full_name", "email", "password1", "password2"} <= set(response.context["form"].errors)
    assert 'value="ikke-en-adresse"' in response.content.decode()
    assert not User.objects.exists()


def test_signup_long_passphrase_with_danish_letters_accepted(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    assert len(PASSPHRASE) == 64
    response = sign_up(client, django_capture_on_commit_callbacks, password1=PASSPHRASE, password2=PASSPHRASE)

    assert response.status_code == 302
    user = User.objects.get(email="nanna@example.org")
    assert user.check_password(PASSPHRASE)
    client.get(link_path(mailoutbox[0].body))
    login = client.post(reverse("accounts:login"), {"email": "nanna@example.org", "password": PASSPHRASE})
    assert login.status_code == 302
