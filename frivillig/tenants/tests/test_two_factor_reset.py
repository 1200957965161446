"""A tenant administrator resets a colleague's second factor (a lost phone)."""

from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from frivillig.accounts.tests.test_login import log_in
from frivillig.core.models import AuditEntry
from frivillig.tenants.models import Membership
from frivillig.testing import PASSWORD, give_second_factor


def reset_url(tenant_slug: str, membership: Membership) -> str:
    return reverse("tenants:member_two_factor_reset", kwargs={"tenant_slug": tenant_slug, "pk": membership.pk})


def membership_of(user, tenant) -> Membership:
    with scopes_disabled():
        return Membership.objects.filter(user=user, tenant=tenant).first()


def test_the_members_page_links_to_the_reset(personas, client_for):
    colleague = personas.user("centre_staff")
    page = client_for("tenant_admin").get(reverse("tenants:members", args=["alfa"])).content.decode()
    assert reset_url("alfa", membership_of(colleague, personas.tenant)) in page


def test_admin_resets_a_colleagues_second_factor_after_confirming(
    personas, client_for, django_capture_on_commit_callbacks
):
    colleague = personas.user("centre_staff")
    give_second_factor(colleague)
    StaticDevice.objects.create(user=colleague, name="recovery codes")
    url = reset_url("alfa", membership_of(colleague, personas.tenant))
    admin = client_for("tenant_admin")

    confirmation = admin.get(url)
    assert confirmation.status_code == 200
    assert colleague.full_name in confirmation.content.decode()
    assert TOTPDevice.objects.filter(user=colleague).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(url)

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert not StaticDevice.objects.filter(user=colleague).exists()
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="accounts.two_factor.reset")
    assert (entry.actor, entry.tenant, entry.target_id) == (
        personas.user("tenant_admin"),
        personas.tenant,
        str(colleague.pk),
    )
    (message,) = mail.outbox
    assert message.to == [colleague.email]
    assert "to-trins-login" in message.subject.lower()
    # At the next login the colleague sets it up again.
    from django.test import Client

    fresh = Client()
    assert log_in(fresh, colleague.email, PASSWORD).url.startswith(reverse("accounts:two_factor_setup"))


def test_the_reset_is_refused_for_staff_who_are_not_administrators(personas, client_for):
    colleague = personas.user("municipal_staff")
    give_second_factor(colleague)
    url = reset_url("alfa", membership_of(colleague, personas.tenant))

    for persona in ("centre_staff", "municipal_staff", "association_rep", "citizen"):
        assert client_for(persona).post(url).status_code == 403, persona

    assert TOTPDevice.objects.filter(user=colleague).exists()


def test_the_reset_is_not_found_across_tenants(personas, client_for):
    foreign = personas.user("other_staff")
    give_second_factor(foreign)
    foreign_membership = membership_of(foreign, personas.other_tenant)
    alfa_colleague = membership_of(personas.user("centre_staff"), personas.tenant)
    give_second_factor(personas.user("centre_staff"))

    # Alfa's administrator cannot reach Charlie's staff, not even through Alfa's address.
    assert client_for("tenant_admin").post(reset_url("alfa", foreign_membership)).status_code == 404
    # Charlie's administrator cannot reach Alfa's staff.
    assert client_for("other_staff").post(reset_url("alfa", alfa_colleague)).status_code == 404
    assert client_for("other_staff").post(reset_url("charlie", alfa_colleague)).status_code == 404

    assert TOTPDevice.objects.filter(user=foreign).exists()
    assert TOTPDevice.objects.filter(user=personas.user("centre_staff")).exists()


def test_the_reset_logs_the_colleague_out_everywhere_and_keeps_everyone_else_logged_in(personas, client_for):
    colleague = personas.user("centre_staff")
    give_second_factor(colleague)
    on_their_phone = client_for("centre_staff")
    staff_page = reverse("crm:person_list", args=["alfa"])
    assert on_their_phone.get(staff_page).status_code == 200
    other = client_for("municipal_staff")
    admin = client_for("tenant_admin")

    admin.post(reset_url("alfa", membership_of(colleague, personas.tenant)))

    response = on_their_phone.get(staff_page)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert admin.get(reverse("tenants:members", args=["alfa"])).status_code == 200
    assert other.get(reverse("my_home")).url == "/alfa/"  # the municipal staff's home, still logged in
    # A new login (password, then setting up the second factor again) works as before.
    from django.test import Client

    assert log_in(Client(), colleague.email, PASSWORD).url.startswith(reverse("accounts:two_factor_setup"))


def test_sessions_of_an_account_that_was_never_reset_keep_djangos_own_hash(personas):
    from django.contrib.auth.base_user import AbstractBaseUser

    user = personas.user("citizen")
    assert user.get_session_auth_hash() == AbstractBaseUser._get_session_auth_hash(user)
