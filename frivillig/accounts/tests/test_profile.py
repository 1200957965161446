from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.accounts.models import User
from frivillig.core.models import AuditEntry
from frivillig.core.services import log_action
from frivillig.core.tests.helpers import english, link_path
from frivillig.tenants.models import Membership
from frivillig.testing import PASSWORD

PROFILE_URL = reverse("accounts:profile")
NEW_PASSWORD = "et nyt og endnu bedre kodeord"


def test_profile_anonymous_redirects_to_login(client, db):
    response = client.get(PROFILE_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_profile_lists_the_tenants_where_the_person_has_a_role(client_for):
    response = client_for("centre_staff").get(PROFILE_URL)
    assert response.status_code == 200
    assert [tenant.slug for tenant in response.context["my_tenants"]] == ["alfa"]
    assert "Frivilligcenter Alfa" in response.content.decode()


def test_profile_edit_saves_and_sets_language_cookie(client_for, personas):
    client = client_for("citizen")
    response = client.post(
        PROFILE_URL, {"full_name": "  Cecilie Ny  ", "phone": " 12 34 56 78 ", "preferred_language": "en"}
    )

    assert response.status_code == 302
    assert response.url == PROFILE_URL
    assert response.cookies["frivillig_language"].value == "en"
    user = User.objects.get(pk=personas.user("citizen").pk)
    assert (user.full_name, user.phone, user.preferred_language) == ("Cecilie Ny", "12 34 56 78", "en")
    # The next page speaks English.
    assert client.get(PROFILE_URL).headers["Content-Language"] == "en"


def test_profile_edit_bad_input_keeps_typed_values_and_saves_nothing(client_for, personas):
    client = client_for("citizen")
    response = client.post(PROFILE_URL, {"full_name": "", "phone": "22 22 22 22", "preferred_language": "xx"})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"full_name", "preferred_language"}
    assert 'value="22 22 22 22"' in response.content.decode()
    user = User.objects.get(pk=personas.user("citizen").pk)
    assert (user.full_name, user.phone, user.preferred_language) == ("Cecilie Borger", "", "da")
    # The header still names the person as saved, not as typed.
    assert response.context["user"].full_name == "Cecilie Borger"


def test_password_change_saves_and_keeps_session(client_for, personas):
    client = client_for("citizen")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response.url == PROFILE_URL
    assert User.objects.get(pk=personas.user("citizen").pk).check_password(NEW_PASSWORD)
    assert client.get(PROFILE_URL).status_code == 200


def test_password_change_wrong_old_password_refused(client_for, personas):
    response = client_for("citizen").post(
        reverse("accounts:password_change"),
        {"old_password": "ikke mit kodeord", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["old_password"]
    assert User.objects.get(pk=personas.user("citizen").pk).check_password(PASSWORD)


def test_password_change_weak_new_password_refused(client_for, personas):
    response = client_for("citizen").post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "12345", "new_password2": "12345"},
    )
    assert (
        "Denne adgangskode er for kort. Den skal indeholde mindst 10 tegn."
        in (response.context["form"].errors["new_password2"])
    )
    assert User.objects.get(pk=personas.user("citizen").pk).check_password(PASSWORD)


def test_password_reset_end_to_end(client, personas, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "Citizen@Example.org"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["citizen@example.org"]

    confirm = client.get(link_path(mailoutbox[0].body), follow=True)
    assert confirm.status_code == 200
    assert confirm.context["validlink"] is True
    set_password_url = confirm.redirect_chain[-1][0]

    done = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done.url == reverse("accounts:password_reset_complete")
    assert User.objects.get(pk=personas.user("citizen").pk).check_password(NEW_PASSWORD)

    login = client.post(reverse("accounts:login"), {"email": "citizen@example.org", "password": NEW_PASSWORD})
    assert login.status_code == 302
    # The link works once.
    again = client.get(link_path(mailoutbox[0].body), follow=True)
    assert again.context["validlink"] is False


def test_password_reset_mail_is_in_the_persons_language(client, personas, mailoutbox):
    user = personas.user("citizen")
    user.preferred_language = "en"
    user.save()

    client.post(reverse("accounts:password_reset"), {"email": "citizen@example.org"})

    assert mailoutbox[0].subject == "Choose a new password for Frivillig"
    assert "Hello Cecilie Borger" in mailoutbox[0].body


def test_password_reset_unknown_address_sends_nothing_but_looks_the_same(client, db, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert mailoutbox == []


def test_password_reset_tampered_link_is_refused(client, personas, mailoutbox):
    client.post(reverse("accounts:password_reset"), {"email": "citizen@example.org"})
    path = link_path(mailoutbox[0].body)

    response = english(client).get(path.rstrip("/") + "x/", follow=True)

    assert response.context["validlink"] is False
    assert "The link is not valid" in response.content.decode()


def test_delete_account_wrong_password_refused(client_for, personas):
    client = client_for("centre_staff")
    response = client.post(reverse("accounts:delete"), {"password": "ikke mit kodeord"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["password"]
    assert User.objects.filter(pk=personas.user("centre_staff").pk).exists()
    assert client.get(PROFILE_URL).status_code == 200


def test_delete_account_deletes_user_and_memberships_and_logs_out(client_for, personas):
    user = personas.user("centre_staff")
    client = client_for("centre_staff")
    assert client.get(reverse("accounts:delete")).status_code == 200

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("front_page")
    assert not User.objects.filter(pk=user.pk).exists()
    with scopes_disabled():
        assert not Membership.objects.filter(user_id=user.pk).exists()
        entry = AuditEntry.objects.get(code="accounts.user.erased")
    assert entry.data["user_id"] == user.pk
    assert entry.actor_label == "" and entry.target_label == ""
    assert "_auth_user_id" not in client.session
    assert client.get(PROFILE_URL).status_code == 302


def test_delete_account_keeps_the_action_in_the_audit_log_but_not_who_acted(client_for, personas):
    user = personas.user("centre_staff")
    log_action("core.test.happened", actor=user, tenant=personas.tenant)
    client_for("centre_staff").post(reverse("accounts:delete"), {"password": PASSWORD})

    with scopes_disabled():
        entry = AuditEntry.objects.get(code="core.test.happened")
    assert entry.actor is None
    assert entry.actor_label == ""


def test_switch_language_sets_cookie_and_saves_preference(client_for, personas):
    client = client_for("citizen")
    response = client.post(reverse("switch_language"), {"language": "en", "next": "/alfa/"})
    assert response.status_code == 302
    assert response.url == "/alfa/"
    assert response.cookies["frivillig_language"].value == "en"
    assert User.objects.get(pk=personas.user("citizen").pk).preferred_language == "en"


def test_switch_language_unknown_language_falls_back_to_danish(client, db):
    response = client.post(reverse("switch_language"), {"language": "xx", "next": "https://evil.example.com/"})
    assert response.url == reverse("front_page")
    assert response.cookies["frivillig_language"].value == "da"


def test_delete_account_refused_for_the_only_administrator_of_a_tenant(client_for, personas):
    admin = personas.user("tenant_admin")
    response = client_for("tenant_admin").post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert User.objects.filter(pk=admin.pk).exists()


def test_delete_account_allowed_when_another_administrator_remains(client_for, personas):
    from frivillig.tenants.enums import Role
    from frivillig.testing import UserFactory, grant

    grant(UserFactory(), personas.tenant, Role.TENANT_ADMIN)
    admin = personas.user("tenant_admin")
    response = client_for("tenant_admin").post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=admin.pk).exists()
