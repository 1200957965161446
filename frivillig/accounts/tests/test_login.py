from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.accounts.models import User
from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english, link_path
from frivillig.tenants.enums import Role
from frivillig.testing import PASSWORD, UserFactory, grant

LOGIN_URL = reverse("accounts:login")
WRONG = "helt forkert kodeord"


def log_in(client, email: str, password: str, address: str = "10.0.0.1", **data):
    return client.post(LOGIN_URL, {"email": email, "password": password, **data}, REMOTE_ADDR=address)


def logged_in_user_id(client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value is not None else None


def test_login_page_renders(client, db):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    assert set(response.context["form"].fields) == {"email", "password"}


def test_login_right_password_logs_in_and_redirects_to_my_page(client, personas):
    response = log_in(client, "citizen@example.org", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("my_home")
    assert logged_in_user_id(client) == personas.user("citizen").pk


def test_login_email_in_other_case_logs_in(client, personas):
    response = log_in(client, "CITIZEN@Example.ORG", PASSWORD)
    assert response.status_code == 302
    assert logged_in_user_id(client) == personas.user("citizen").pk


def test_login_sets_the_language_cookie_from_the_profile(client, personas):
    user = personas.user("citizen")
    user.preferred_language = "en"
    user.save()
    response = log_in(client, "citizen@example.org", PASSWORD)
    assert response.cookies["frivillig_language"].value == "en"


def test_login_follows_a_safe_next(client, personas):
    response = log_in(client, "citizen@example.org", PASSWORD, next="/alfa/")
    assert response.url == "/alfa/"


def test_login_ignores_a_next_to_another_site(client, personas):
    response = log_in(client, "citizen@example.org", PASSWORD, next="https://evil.example.com/")
    assert response.url == reverse("my_home")


def test_login_wrong_password_shows_message(client, personas):
    response = log_in(english(client), "citizen@example.org", WRONG)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors().as_data()[0].code == "invalid_login"
    assert "The e-mail or the password is wrong" in response.content.decode()
    assert 'value="citizen@example.org"' in response.content.decode()
    assert logged_in_user_id(client) is None


def test_login_unknown_email_shows_same_message(client, db):
    response = log_in(english(client), "nobody@example.org", WRONG)
    assert response.status_code == 200
    assert "The e-mail or the password is wrong" in response.content.decode()


def test_login_failure_is_audit_logged_without_tenant(client, personas):
    log_in(client, "citizen@example.org", WRONG, address="10.9.8.7")
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="accounts.user.login_failed")
    assert entry.tenant is None
    assert entry.data == {"email": "citizen@example.org", "address": "10.9.8.7"}


def test_login_before_verification_shows_not_confirmed_and_resends_mail(client, db, mailoutbox):
    User.objects.create_user(email="ny@example.org", password=PASSWORD, full_name="Ny Person", is_active=False)

    response = log_in(english(client), "ny@example.org", PASSWORD)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors().as_data()[0].code == "unverified"
    assert "You have not confirmed your e-mail address yet" in response.content.decode()
    assert logged_in_user_id(client) is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ny@example.org"]
    # The new link works.
    assert client.get(link_path(mailoutbox[0].body)).status_code == 200
    assert User.objects.get(email="ny@example.org").is_active is True


def test_login_before_verification_with_wrong_password_sends_nothing(client, db, mailoutbox):
    User.objects.create_user(email="ny@example.org", password=PASSWORD, full_name="Ny Person", is_active=False)

    response = log_in(english(client), "ny@example.org", WRONG)

    assert "The e-mail or the password is wrong" in response.content.decode()
    assert mailoutbox == []


def test_login_deactivated_verified_account_is_refused_without_mail(client, personas, mailoutbox):
    user = personas.user("citizen")
    user.is_active = False
    user.save()

    response = log_in(client, "citizen@example.org", PASSWORD)

    assert response.context["form"].non_field_errors().as_data()[0].code == "invalid_login"
    assert mailoutbox == []


def test_login_blocked_after_five_failures_even_with_right_password(client, personas):
    for _ in range(5):
        assert log_in(client, "citizen@example.org", WRONG).status_code == 200

    response = log_in(english(client), "citizen@example.org", PASSWORD)

    assert response.status_code == 429
    assert response.context["form"].non_field_errors().as_data()[0].code == "blocked"
    assert "Too many failed attempts" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_login_block_counts_the_account_in_any_letter_case(client, personas):
    for index in range(5):
        log_in(client, "Citizen@Example.org" if index % 2 else "citizen@example.org", WRONG, address=f"10.0.1.{index}")

    assert log_in(client, "CITIZEN@EXAMPLE.ORG", PASSWORD, address="10.0.2.1").status_code == 429


def test_login_four_failures_then_right_password_works_and_resets_count(client, personas, client_for):
    for _ in range(4):
        log_in(client, "citizen@example.org", WRONG)
    assert log_in(client, "citizen@example.org", PASSWORD).status_code == 302

    other = client_for("anonymous")
    for _ in range(4):
        log_in(other, "citizen@example.org", WRONG)
    assert log_in(other, "citizen@example.org", PASSWORD).status_code == 302


def test_login_block_of_one_account_leaves_other_accounts_alone(client, personas, client_for):
    for _ in range(5):
        log_in(client, "citizen@example.org", WRONG, address="10.0.0.1")

    from_elsewhere = client_for("anonymous")
    assert log_in(from_elsewhere, "centre_staff@alfa.example.org", PASSWORD, address="10.0.0.2").status_code == 302
    same_address = client_for("anonymous")
    assert log_in(same_address, "tenant_admin@alfa.example.org", PASSWORD, address="10.0.0.1").status_code == 302


def test_login_block_lifts_after_block_time(client, personas, clock):
    for _ in range(5):
        log_in(client, "citizen@example.org", WRONG)
    assert log_in(client, "citizen@example.org", PASSWORD).status_code == 429

    clock.advance(900)

    response = log_in(client, "citizen@example.org", PASSWORD)
    assert response.status_code == 302
    assert logged_in_user_id(client) == personas.user("citizen").pk


def test_login_blocked_attempts_do_not_extend_the_block(client, personas, clock):
    for _ in range(5):
        log_in(client, "citizen@example.org", WRONG)
    clock.advance(890)
    for _ in range(3):
        assert log_in(client, "citizen@example.org", WRONG).status_code == 429

    clock.advance(10)

    assert log_in(client, "citizen@example.org", PASSWORD).status_code == 302


def test_login_twenty_failures_from_one_address_block_the_address(client, personas, client_for):
    # Four tries each on five accounts: no single account reaches its limit.
    for index in range(20):
        log_in(client, f"guess{index % 5}@example.org", WRONG, address="10.6.6.6")

    blocked = log_in(client_for("anonymous"), "citizen@example.org", PASSWORD, address="10.6.6.6")
    assert blocked.status_code == 429

    elsewhere = log_in(client_for("anonymous"), "citizen@example.org", PASSWORD, address="10.7.7.7")
    assert elsewhere.status_code == 302


def test_login_nineteen_failures_from_one_address_do_not_block_it(client, personas):
    for index in range(19):
        log_in(client, f"guess{index % 5}@example.org", WRONG, address="10.6.6.6")

    assert log_in(client, "citizen@example.org", PASSWORD, address="10.6.6.6").status_code == 302


def test_login_when_logged_in_redirects(client_for):
    response = client_for("citizen").get(LOGIN_URL)
    assert response.status_code == 302
    assert response.url == reverse("my_home")


def test_login_citizen_writes_one_entry_without_tenant(client, personas):
    log_in(client, "citizen@example.org", PASSWORD)
    with scopes_disabled():
        entries = list(AuditEntry.objects.filter(code="accounts.user.logged_in"))
    assert len(entries) == 1
    assert entries[0].tenant is None
    assert entries[0].actor == personas.user("citizen")


def test_login_staff_writes_one_entry_in_their_tenant(client, personas):
    log_in(client, "staff@charlie.example.org", PASSWORD)
    with scopes_disabled():
        entries = list(AuditEntry.objects.filter(code="accounts.user.logged_in"))
    # Three roles in Charlie, one tenant: one entry.
    assert [entry.tenant for entry in entries] == [personas.other_tenant]


def test_login_person_in_two_tenants_writes_one_entry_per_tenant(client, personas):
    user = UserFactory(email="begge@example.org")
    grant(user, personas.tenant, Role.CENTRE_STAFF, Role.TENANT_ADMIN)
    grant(user, personas.other_tenant, Role.MUNICIPAL_STAFF)

    log_in(client, "begge@example.org", PASSWORD)

    with scopes_disabled():
        entries = AuditEntry.objects.filter(code="accounts.user.logged_in", actor=user)
        assert sorted(entry.tenant.slug for entry in entries) == ["alfa", "charlie"]
        assert not AuditEntry.objects.filter(code="accounts.user.logged_in", tenant=None).exists()


def test_logout_get_is_not_allowed(client_for, personas):
    client = client_for("citizen")
    response = client.get(reverse("accounts:logout"))
    assert response.status_code == 405
    assert logged_in_user_id(client) == personas.user("citizen").pk


def test_logout_post_logs_out(client_for):
    client = client_for("citizen")
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response.url == reverse("front_page")
    assert logged_in_user_id(client) is None
    assert client.get(reverse("accounts:profile")).status_code == 302
