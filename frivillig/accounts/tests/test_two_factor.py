"""Two-factor login: set-up, the code step after the password, recovery codes, throttling, turning off, the setting.

These tests log in with the password (the login form, or `force_login` under `password_only`), as a person would
before the second step."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from frivillig.accounts.tests.test_login import log_in
from frivillig.core.models import AuditEntry
from frivillig.testing import PASSWORD, give_second_factor, totp_code

pytestmark = pytest.mark.password_only

SETUP_URL = reverse("accounts:two_factor_setup")
VERIFY_URL = reverse("accounts:two_factor_verify")
CODES_URL = reverse("accounts:two_factor_codes")
STAFF_PAGE = reverse("tenants:members", kwargs={"tenant_slug": "alfa"})


def audit_entries(**lookups):
    with scopes_disabled():
        return list(AuditEntry.objects.filter(**lookups))


def set_up(client, user) -> list[str]:
    """Go through set-up as the person would, reading the secret on the page; returns the recovery codes shown."""
    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP_URL, {"code": totp_code(device)})
    assert response.status_code == 302, response.content.decode()
    page = client.get(response.url).content.decode()
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)


def test_staff_login_with_the_password_goes_on_to_set_up(client, personas):
    response = log_in(client, "tenant_admin@alfa.example.org", PASSWORD, next=STAFF_PAGE)

    assert response.status_code == 302
    assert response.url == f"{SETUP_URL}?next={STAFF_PAGE.replace('/', '%2F')}"
    assert client.get(STAFF_PAGE).url.startswith(SETUP_URL + "?next=")


def test_set_up_page_shows_the_qr_code_as_inline_svg_and_the_secret_in_groups(client, personas):
    user = personas.user("centre_staff")
    client.force_login(user)

    page = client.get(SETUP_URL).content.decode()

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    assert grouped in page
    assert '<svg role="img"' in page and "<title>" in page
    assert "style=" not in page.split('<svg role="img"')[1].split("</svg>")[0]
    assert "data:image" not in page
    # Reloading keeps the same secret: the app the person scanned stays right.
    assert grouped in client.get(SETUP_URL).content.decode()


def test_set_up_with_the_right_code_shows_ten_recovery_codes_once_and_verifies_the_session(client, personas):
    user = personas.user("tenant_admin")
    client.force_login(user)

    codes = set_up(client, user)

    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=user).confirmed
    assert sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == sorted(codes)
    assert client.session[DEVICE_ID_SESSION_KEY]
    assert client.get(STAFF_PAGE).status_code == 200
    download = client.get(reverse("accounts:two_factor_codes_download"))
    assert download["Content-Disposition"].startswith("attachment")
    assert all(code in download.content.decode() for code in codes)
    assert client.post(CODES_URL).status_code == 302
    assert client.get(CODES_URL).url == reverse("accounts:two_factor")
    assert len(audit_entries(code="accounts.two_factor.set_up", target_id=str(user.pk))) == 1


def test_set_up_with_a_wrong_code_is_refused_with_a_message_and_saves_nothing(client, personas):
    user = personas.user("centre_staff")
    client.force_login(user)
    client.get(SETUP_URL)

    response = client.post(SETUP_URL, {"code": "000000"})

    assert response.status_code == 200
    assert "The code is not correct" in response.content.decode() or "Koden er ikke rigtig" in response.content.decode()
    assert 'value="000000"' in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_login_with_a_device_asks_for_the_code_and_refuses_a_wrong_one(client, personas):
    user = personas.user("tenant_admin")
    device = give_second_factor(user)

    response = log_in(client, user.email, PASSWORD)
    assert response.url.startswith(VERIFY_URL)
    assert client.get(STAFF_PAGE).url.startswith(VERIFY_URL + "?next=")
    wrong = client.post(VERIFY_URL, {"code": "123456" if totp_code(device) != "123456" else "654321"})
    assert wrong.status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session

    right = client.post(VERIFY_URL, {"code": totp_code(device), "next": STAFF_PAGE})
    assert right.url == STAFF_PAGE
    assert client.get(STAFF_PAGE).status_code == 200


def test_a_totp_code_is_accepted_once_only(client, personas):
    user = personas.user("municipal_staff")
    device = give_second_factor(user)
    code = totp_code(device)
    log_in(client, user.email, PASSWORD)
    assert client.post(VERIFY_URL, {"code": code}).status_code == 302
    client.post(reverse("accounts:logout"))

    log_in(client, user.email, PASSWORD)
    response = client.post(VERIFY_URL, {"code": code})

    assert response.status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_a_recovery_code_works_once(client, personas):
    user = personas.user("tenant_admin")
    client.force_login(user)
    codes = set_up(client, user)
    client.post(reverse("accounts:logout"))

    log_in(client, user.email, PASSWORD)
    first = client.post(VERIFY_URL, {"code": codes[0].upper()})
    assert first.status_code == 302
    assert client.get(STAFF_PAGE).status_code == 200
    client.post(reverse("accounts:logout"))
    log_in(client, user.email, PASSWORD)
    again = client.post(VERIFY_URL, {"code": codes[0]})

    assert again.status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert StaticToken.objects.filter(device__user=user).count() == 9
    assert len(audit_entries(code="accounts.two_factor.recovery_code_used")) == 1


def test_the_code_step_is_throttled_after_too_many_wrong_codes(client, personas, settings):
    settings.TWO_FACTOR_FAILURES_PER_ACCOUNT = 3
    user = personas.user("centre_staff")
    device = give_second_factor(user)
    log_in(client, user.email, PASSWORD)
    for _ in range(3):
        assert client.post(VERIFY_URL, {"code": "99999x"}).status_code == 200

    blocked = client.post(VERIFY_URL, {"code": totp_code(device)})

    assert blocked.status_code == 429
    text = blocked.content.decode()
    assert "Too many wrong codes" in text or "For mange forkerte koder" in text
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_wrong_codes_for_many_accounts_from_one_address_block_the_address_like_wrong_passwords(personas, settings):
    """Someone holding several staff passwords cannot try codes for each account in turn: the address's count is the
    login's, and a right code later from the address is refused too, as a right password would be."""
    from django.test import Client

    settings.LOGIN_FAILURES_PER_ADDRESS = 4
    settings.TWO_FACTOR_FAILURES_PER_ACCOUNT = 3
    users = [personas.user(persona) for persona in ("centre_staff", "municipal_staff", "tenant_admin")]
    devices = [give_second_factor(user) for user in users]
    clients = []
    for user in users:
        client = Client(REMOTE_ADDR="198.51.100.7")
        assert log_in(client, user.email, PASSWORD).url.startswith(VERIFY_URL)
        clients.append(client)
    # The three logins' right passwords gave their counts back; two wrong codes for each of the first two accounts.
    for client in clients[:2]:
        for _ in range(2):
            assert client.post(VERIFY_URL, {"code": "000000"}).status_code == 200

    blocked = clients[2].post(VERIFY_URL, {"code": totp_code(devices[2])})

    assert blocked.status_code == 429
    assert DEVICE_ID_SESSION_KEY not in clients[2].session
    # Another address is not blocked, and the account's own count was not spent by the refusal.
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    log_in(elsewhere, users[2].email, PASSWORD)
    assert elsewhere.post(VERIFY_URL, {"code": totp_code(devices[2], after_last_used=True)}).status_code == 302


def test_a_right_code_gives_the_addresss_attempt_back(personas, settings):
    from django.test import Client

    settings.LOGIN_FAILURES_PER_ADDRESS = 1
    user = personas.user("centre_staff")
    device = give_second_factor(user)
    # With one attempt allowed per address, a second login and code from it pass only if the first gave theirs back.
    for _ in range(2):
        client = Client(REMOTE_ADDR="198.51.100.8")
        log_in(client, user.email, PASSWORD)
        device.refresh_from_db()
        assert client.post(VERIFY_URL, {"code": totp_code(device, after_last_used=True)}).status_code == 302


def test_check_deploy_fails_with_the_requirement_off(settings):
    settings.REQUIRE_STAFF_2FA = False
    with pytest.raises(SystemCheckError, match="REQUIRE_STAFF_2FA"):
        call_command("check", "--deploy", "--tag", "security")


def test_check_deploy_has_no_two_factor_error_with_the_requirement_on(settings):
    from frivillig.accounts.checks import check_staff_two_factor

    settings.REQUIRE_STAFF_2FA = True
    assert check_staff_two_factor(None) == []


def test_with_the_requirement_off_staff_use_the_site_with_the_password_alone(client, personas, settings):
    settings.REQUIRE_STAFF_2FA = False
    response = log_in(client, "tenant_admin@alfa.example.org", PASSWORD, next=STAFF_PAGE)
    assert response.url == STAFF_PAGE
    assert client.get(STAFF_PAGE).status_code == 200


def test_a_representative_turns_it_on_voluntarily_and_is_then_asked_for_a_code(client, personas):
    user = personas.user("association_rep")
    client.force_login(user)
    overview = client.get(reverse("accounts:two_factor")).content.decode()
    assert reverse("accounts:two_factor_setup") in overview
    set_up(client, user)
    client.post(reverse("accounts:logout"))

    response = log_in(client, user.email, PASSWORD)

    assert response.url.startswith(VERIFY_URL)
    assert client.get(reverse("accounts:profile")).url.startswith(VERIFY_URL)


def test_without_a_device_a_representative_logs_in_with_the_password(client, personas):
    response = log_in(client, "rep@alfa.example.org", PASSWORD)
    assert response.url == reverse("my_home")


def test_a_citizen_turns_it_off_with_the_password_and_staff_cannot(client, personas):
    citizen = personas.user("citizen")
    client.force_login(citizen)
    set_up(client, citizen)
    wrong = client.post(reverse("accounts:two_factor_turn_off"), {"password": "forkert kodeord"})
    assert wrong.status_code == 200
    assert TOTPDevice.objects.filter(user=citizen).exists()

    client.post(reverse("accounts:two_factor_turn_off"), {"password": PASSWORD})

    assert not TOTPDevice.objects.filter(user=citizen).exists()
    assert not StaticDevice.objects.filter(user=citizen).exists()
    assert len(audit_entries(code="accounts.two_factor.turned_off")) == 1
    staff = personas.user("centre_staff")
    staff_client = type(client)()
    staff_client.force_login(staff)
    set_up(staff_client, staff)
    staff_client.post(reverse("accounts:two_factor_turn_off"), {"password": PASSWORD})
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).exists()


def test_new_recovery_codes_replace_the_old_ones(client, personas):
    user = personas.user("centre_staff")
    client.force_login(user)
    old = set_up(client, user)

    response = client.post(reverse("accounts:two_factor_recovery_codes"))

    assert response.url == CODES_URL
    page = client.get(CODES_URL).content.decode()
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    assert sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == sorted(new)


def test_a_password_alone_cannot_replace_the_phone(client, personas):
    user = personas.user("centre_staff")
    give_second_factor(user)
    client.force_login(user)

    response = client.get(SETUP_URL)

    assert response.url.startswith(VERIFY_URL)
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()


def test_the_django_admin_needs_the_second_factor(client, personas):
    from frivillig.testing import UserFactory, verify_session

    operator = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(operator)
    assert client.get(reverse("admin:index")).url.startswith(SETUP_URL)
    verify_session(client, operator)
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_reset_mail_is_in_the_colleagues_language(personas, django_capture_on_commit_callbacks):
    from frivillig.accounts.services_two_factor import second_factor_reset

    colleague = personas.user("centre_staff")
    colleague.preferred_language = "en"
    colleague.save()
    give_second_factor(colleague)

    with django_capture_on_commit_callbacks(execute=True):
        second_factor_reset(user=colleague, actor=personas.user("tenant_admin"), tenant=personas.tenant)

    (message,) = mail.outbox
    assert message.to == [colleague.email]
    assert message.subject == "Your two-factor login for Frivillig has been reset"
    assert "Alfa Tenant Admin, administrator at Frivilligcenter Alfa" in message.body


def test_the_access_export_says_since_when_two_factor_login_is_on_but_never_the_secret_or_codes(client, personas):
    import json

    from frivillig.core.personal_data import personal_data_export

    user = personas.user("centre_staff")
    client.force_login(user)
    codes = set_up(client, user)
    user.refresh_from_db()
    device = TOTPDevice.objects.get(user=user)

    export = personal_data_export(user=user)

    text = json.dumps(export)
    fields = {
        field["name"]: field["value"]
        for section in export["sections"]
        for record in section["records"]
        if record["kind"] == "accounts.user"
        for field in record["fields"]
    }
    assert fields["two_factor_since"] == user.two_factor_since.isoformat()
    assert device.key not in text
    assert not any(code in text for code in codes)


def test_turning_off_clears_since_when_two_factor_login_was_on(client, personas):
    citizen = personas.user("citizen")
    client.force_login(citizen)
    set_up(client, citizen)
    citizen.refresh_from_db()
    assert citizen.two_factor_since is not None

    client.post(reverse("accounts:two_factor_turn_off"), {"password": PASSWORD})

    citizen.refresh_from_db()
    assert citizen.two_factor_since is None


def test_a_staff_role_given_during_the_session_is_asked_for_on_the_first_tenant_page(client, personas):
    from frivillig.testing import grant

    citizen = personas.user("citizen")
    client.force_login(citizen)
    assert client.get(reverse("accounts:profile")).status_code == 200

    grant(citizen, personas.tenant, "tenant_admin")

    assert client.get(STAFF_PAGE).url.startswith(SETUP_URL + "?next=")
