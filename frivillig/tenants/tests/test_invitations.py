import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from frivillig.accounts.models import User
from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english, link_path
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Invitation, Membership
from frivillig.tenants.services import invitation_token
from frivillig.testing import PASSWORD, FrozenClock

INVITE_URL = reverse("tenants:member_invite", kwargs={"tenant_slug": "alfa"})
NEW_EMAIL = "ny.kollega@example.org"


@pytest.fixture
def invitation(personas) -> Invitation:
    with scope(tenant=personas.tenant):
        return Invitation.objects.create(
            tenant=personas.tenant, email=NEW_EMAIL, role=Role.CENTRE_STAFF, invited_by=personas.user("tenant_admin")
        )


def accept_url(invitation: Invitation) -> str:
    return reverse("invitation_accept", kwargs={"token": invitation_token(invitation)})


def memberships_of(email: str) -> list[tuple[str, str]]:
    with scopes_disabled():
        return sorted(
            Membership.objects.filter(user__email__iexact=email).values_list("tenant__slug", "role"),
        )


def audit_codes(tenant) -> list[str]:
    with scopes_disabled():
        return list(AuditEntry.objects.filter(tenant=tenant).order_by("pk").values_list("code", flat=True))


def test_invite_form_renders_for_tenant_admin(client_for):
    response = client_for("tenant_admin").get(INVITE_URL)
    assert response.status_code == 200
    assert set(response.context["form"].fields) == {"email", "roles", "organisation"}


def test_invite_sends_mail_saves_invitation_and_logs(
    client_for, personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("tenant_admin").post(INVITE_URL, {"email": NEW_EMAIL, "roles": Role.MUNICIPAL_STAFF})

    assert response.status_code == 302
    assert response.url == reverse("tenants:members", kwargs={"tenant_slug": "alfa"})
    with scope(tenant=personas.tenant):
        invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        NEW_EMAIL,
        Role.MUNICIPAL_STAFF,
        personas.user("tenant_admin"),
    )
    assert invitation.is_open
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [NEW_EMAIL]
    assert "Frivilligcenter Alfa" in mailoutbox[0].subject
    # The token carries a timestamp: compare what the link opens, not its text.
    assert client_for("anonymous").get(link_path(mailoutbox[0].body)).context["invitation"] == invitation
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="tenants.invitation.sent")
    assert entry.tenant == personas.tenant
    assert entry.actor == personas.user("tenant_admin")
    assert entry.data == {"email": NEW_EMAIL, "role": Role.MUNICIPAL_STAFF}


def test_invite_shows_on_the_members_page(client_for, invitation):
    response = client_for("tenant_admin").get(reverse("tenants:members", kwargs={"tenant_slug": "alfa"}))
    assert list(response.context["invitations"]) == [invitation]
    assert NEW_EMAIL in response.content.decode()


def test_invite_existing_role_is_refused(client_for, personas, mailoutbox):
    client = english(client_for("tenant_admin"))
    response = client.post(INVITE_URL, {"email": "CENTRE_STAFF@alfa.example.org", "roles": Role.CENTRE_STAFF})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["roles"]
    assert "This person already has the role “" in response.content.decode()
    assert 'value="CENTRE_STAFF@alfa.example.org"' in response.content.decode()
    with scopes_disabled():
        assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_invite_existing_member_to_another_role_is_allowed(client_for, personas):
    response = client_for("tenant_admin").post(
        INVITE_URL, {"email": "centre_staff@alfa.example.org", "roles": Role.MUNICIPAL_STAFF}
    )
    assert response.status_code == 302


def test_invite_duplicate_open_invitation_is_refused(client_for, invitation, mailoutbox):
    client = english(client_for("tenant_admin"))
    response = client.post(INVITE_URL, {"email": NEW_EMAIL.upper(), "roles": Role.CENTRE_STAFF})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["roles"]
    assert "An invitation to the role “" in response.content.decode()
    with scopes_disabled():
        assert Invitation.objects.count() == 1
    assert mailoutbox == []


def test_invite_again_after_cancelling_is_allowed(client_for, invitation):
    client = client_for("tenant_admin")
    cancel = client.post(reverse("tenants:invitation_cancel", kwargs={"tenant_slug": "alfa", "pk": invitation.pk}))
    assert cancel.status_code == 302

    response = client.post(INVITE_URL, {"email": NEW_EMAIL, "roles": Role.CENTRE_STAFF})

    assert response.status_code == 302
    with scopes_disabled():
        assert Invitation.objects.count() == 2


def test_invite_bad_input_keeps_typed_values(client_for):
    response = client_for("tenant_admin").post(INVITE_URL, {"email": "ikke en adresse", "roles": "king"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"email", "roles"}
    assert 'value="ikke en adresse"' in response.content.decode()


def test_invitation_cancel_is_logged_and_closes_the_link(client_for, client, personas, invitation):
    client_for("tenant_admin").post(
        reverse("tenants:invitation_cancel", kwargs={"tenant_slug": "alfa", "pk": invitation.pk})
    )

    with scopes_disabled():
        invitation.refresh_from_db()
    assert invitation.cancelled_at is not None
    assert "tenants.invitation.cancelled" in audit_codes(personas.tenant)
    response = english(client).get(accept_url(invitation))
    assert response.status_code == 400
    assert "This invitation has been withdrawn." in response.content.decode()


def test_invitation_accept_page_offers_sign_up_to_a_new_person(client, invitation):
    response = client.get(accept_url(invitation))
    assert response.status_code == 200
    assert response.context["existing"] is None
    assert set(response.context["signup_form"].fields) == {"full_name", "password1", "password2"}
    assert NEW_EMAIL in response.content.decode()


def test_invitation_accept_with_new_account(client, personas, invitation):
    response = client.post(
        accept_url(invitation), {"full_name": "Ny Kollega", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("tenants:home", kwargs={"tenant_slug": "alfa"})
    user = User.objects.get(email=NEW_EMAIL)
    assert user.full_name == "Ny Kollega"
    assert user.is_active is True
    assert user.email_verified_at is not None
    assert user.check_password(PASSWORD)
    assert int(client.session["_auth_user_id"]) == user.pk
    assert memberships_of(NEW_EMAIL) == [("alfa", Role.CENTRE_STAFF)]
    with scopes_disabled():
        invitation.refresh_from_db()
        accepted = AuditEntry.objects.get(code="tenants.invitation.accepted")
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    assert (accepted.tenant, accepted.actor, accepted.data) == (personas.tenant, user, {"role": Role.CENTRE_STAFF})
    # The new role works at once.
    members = client.get(reverse("tenants:home", kwargs={"tenant_slug": "alfa"}))
    assert Role.CENTRE_STAFF in members.context["tenant_roles"]


def test_invitation_accept_with_new_account_weak_password_refused(client, invitation):
    response = client.post(
        accept_url(invitation), {"full_name": "Ny Kollega", "password1": "12345", "password2": "12345"}
    )

    assert response.status_code == 200
    assert list(response.context["signup_form"].errors) == ["password1"]
    assert 'value="Ny Kollega"' in response.content.decode()
    assert not User.objects.filter(email=NEW_EMAIL).exists()
    with scopes_disabled():
        invitation.refresh_from_db()
    assert invitation.is_open


def test_invitation_accept_when_logged_in_as_the_invited_person(client_for, personas):
    user = personas.user("citizen")
    with scope(tenant=personas.tenant):
        invitation = Invitation.objects.create(
            tenant=personas.tenant, email="Citizen@Example.org", role=Role.MUNICIPAL_STAFF
        )
    client = client_for("citizen")

    page = client.get(accept_url(invitation))
    assert page.status_code == 200
    assert page.context["signup_form"] is None

    response = client.post(accept_url(invitation))

    assert response.status_code == 302
    assert memberships_of("citizen@example.org") == [("alfa", Role.MUNICIPAL_STAFF)]
    with scopes_disabled():
        assert AuditEntry.objects.get(code="tenants.invitation.accepted").actor == user


def test_invitation_accept_logged_in_as_someone_else_is_refused(client_for, personas, invitation):
    client = client_for("citizen")

    page = client.get(accept_url(invitation))
    response = client.post(accept_url(invitation))

    assert page.status_code == 403
    assert response.status_code == 403
    assert memberships_of("citizen@example.org") == []
    assert not User.objects.filter(email=NEW_EMAIL).exists()
    with scopes_disabled():
        invitation.refresh_from_db()
        assert not AuditEntry.objects.filter(code="tenants.invitation.accepted").exists()
    assert invitation.is_open


def test_invitation_accept_existing_account_is_asked_to_log_in(client, personas):
    with scope(tenant=personas.tenant):
        invitation = Invitation.objects.create(
            tenant=personas.tenant, email="citizen@example.org", role=Role.CENTRE_STAFF
        )
    url = accept_url(invitation)

    page = client.get(url)
    posted = client.post(url, {"full_name": "Overtager", "password1": PASSWORD, "password2": PASSWORD})

    assert page.status_code == 200
    assert page.context["existing"] == personas.user("citizen")
    assert page.context["signup_form"] is None
    assert reverse("accounts:login") + "?next=" in page.content.decode()
    # Posting a sign-up for an existing address does nothing.
    assert posted.status_code == 200
    assert memberships_of("citizen@example.org") == []
    assert User.objects.get(email="citizen@example.org").full_name == "Cecilie Borger"

    login = client.post(reverse("accounts:login"), {"email": "citizen@example.org", "password": PASSWORD, "next": url})
    assert login.url == url
    assert client.post(url).status_code == 302
    assert memberships_of("citizen@example.org") == [("alfa", Role.CENTRE_STAFF)]


def test_invitation_accept_tampered_token_gives_400(client, invitation):
    token = invitation_token(invitation)
    tampered = reverse("invitation_accept", kwargs={"token": token[:-2] + ("xy" if token[-2:] != "xy" else "zz")})

    response = english(client).post(tampered, {"full_name": "Ny", "password1": PASSWORD, "password2": PASSWORD})

    assert response.status_code == 400
    assert "This invitation link is not valid" in response.content.decode()
    assert not User.objects.filter(email=NEW_EMAIL).exists()
    assert memberships_of(NEW_EMAIL) == []


# The README and the invitation mail promise 7 days: written out here, never read from settings.
SEVEN_DAYS = 7 * 24 * 60 * 60


def test_invitation_accept_one_second_after_seven_days_gives_400(client, monkeypatch, invitation):
    clock = FrozenClock(monkeypatch)
    url = accept_url(invitation)
    clock.advance(seconds=SEVEN_DAYS + 1)

    opened = english(client).get(url)
    response = english(client).post(url, {"full_name": "Ny", "password1": PASSWORD, "password2": PASSWORD})

    assert opened.status_code == 400
    assert response.status_code == 400
    assert "This invitation has expired. Invitations are valid for 7 days" in response.content.decode()
    assert not User.objects.filter(email=NEW_EMAIL).exists()
    assert memberships_of(NEW_EMAIL) == []


def test_invitation_accept_at_the_last_second_of_day_seven_still_works(client, monkeypatch, invitation):
    clock = FrozenClock(monkeypatch)
    url = accept_url(invitation)
    clock.advance(seconds=SEVEN_DAYS)

    opened = client.get(url)
    response = client.post(url, {"full_name": "Ny Kollega", "password1": PASSWORD, "password2": PASSWORD})

    assert opened.status_code == 200
    assert response.status_code == 302
    assert response.url == reverse("tenants:home", kwargs={"tenant_slug": "alfa"})
    assert memberships_of(NEW_EMAIL) == [("alfa", Role.CENTRE_STAFF)]


def test_invitation_mail_promises_seven_days(client_for, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        english(client_for("tenant_admin")).post(INVITE_URL, {"email": NEW_EMAIL, "roles": Role.CENTRE_STAFF})

    assert "Linket virker i 7 dage" in mailoutbox[0].body


def test_invitation_accept_already_accepted_gives_400(client, client_for, invitation):
    url = accept_url(invitation)
    client.post(url, {"full_name": "Ny Kollega", "password1": PASSWORD, "password2": PASSWORD})

    again = english(client_for("anonymous")).get(url)
    again_logged_in = english(client).post(url)

    assert again.status_code == 400
    assert "This invitation has already been accepted." in again.content.decode()
    assert again_logged_in.status_code == 400
    assert memberships_of(NEW_EMAIL) == [("alfa", Role.CENTRE_STAFF)]


def test_invitation_accept_cancelled_gives_400(client, invitation):
    with scopes_disabled():
        Invitation.objects.filter(pk=invitation.pk).update(cancelled_at=timezone.now())

    response = client.post(accept_url(invitation), {"full_name": "Ny", "password1": PASSWORD, "password2": PASSWORD})

    assert response.status_code == 400
    assert not User.objects.filter(email=NEW_EMAIL).exists()


def test_invitation_accept_of_inactive_tenant_gives_400(client, personas, invitation):
    personas.tenant.is_active = False
    personas.tenant.save()
    assert client.get(accept_url(invitation)).status_code == 400


def test_invitation_cancel_of_another_tenants_invitation_gives_404(client_for, personas):
    with scope(tenant=personas.other_tenant):
        foreign = Invitation.objects.create(tenant=personas.other_tenant, email=NEW_EMAIL, role=Role.CENTRE_STAFF)

    response = client_for("tenant_admin").post(
        reverse("tenants:invitation_cancel", kwargs={"tenant_slug": "alfa", "pk": foreign.pk})
    )

    assert response.status_code == 404
    with scopes_disabled():
        foreign.refresh_from_db()
    assert foreign.is_open


def test_invitation_accept_takes_over_an_unconfirmed_sign_up_with_the_address(client, personas, invitation):
    # Someone signed up with the invited address and never confirmed it (perhaps not its owner).
    squatter = User.objects.create_user(
        email=NEW_EMAIL, password="somebody-elses-password", full_name="Ukendt", is_active=False
    )
    url = accept_url(invitation)

    page = english(client).get(url)
    response = client.post(url, {"full_name": "Ny Kollega", "password1": PASSWORD, "password2": PASSWORD})

    assert page.status_code == 200
    assert page.context["existing"] is None
    assert "Create your account" in page.content.decode()
    assert response.status_code == 302
    user = User.objects.get(email=NEW_EMAIL)
    assert user.pk == squatter.pk
    assert (user.full_name, user.is_active) == ("Ny Kollega", True)
    assert user.email_verified_at is not None
    assert user.check_password(PASSWORD) and not user.check_password("somebody-elses-password")
    assert memberships_of(NEW_EMAIL) == [("alfa", Role.CENTRE_STAFF)]
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="accounts.user.email_verified", data={"via": "invitation"}).exists()


# --- several roles at once ---------------------------------------------------------------------------------


def test_invite_to_several_roles_sends_one_mail_and_one_link_that_gives_them_all(
    client_for, client, mailoutbox, django_capture_on_commit_callbacks
):
    """A centre leader is both staff and administrator: one invitation, one mail, one acceptance."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("tenant_admin").post(
            INVITE_URL, {"email": NEW_EMAIL, "roles": [Role.TENANT_ADMIN, Role.CENTRE_STAFF]}
        )

    assert response.status_code == 302
    with scopes_disabled():
        sent = list(Invitation.objects.order_by("role"))
    assert [invitation.role for invitation in sent] == [Role.CENTRE_STAFF, Role.TENANT_ADMIN]
    assert sent[0].batch is not None and sent[0].batch == sent[1].batch
    assert len(mailoutbox) == 1
    assert "med rollerne Frivilligcentermedarbejder og Administrator." in mailoutbox[0].body

    page = client.get(link_path(mailoutbox[0].body))
    assert "med rollerne Frivilligcentermedarbejder og Administrator" in page.content.decode()
    accepted = client.post(
        link_path(mailoutbox[0].body), {"full_name": "Ny Leder", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert accepted.status_code == 302
    assert memberships_of(NEW_EMAIL) == [("alfa", Role.CENTRE_STAFF), ("alfa", Role.TENANT_ADMIN)]
    with scopes_disabled():
        assert not Invitation.objects.filter(accepted_at=None).exists()
    welcome = client.get(accepted.url)
    assert "Velkommen. Du har nu rollerne Frivilligcentermedarbejder og Administrator i Frivilligcenter Alfa." in [
        str(message) for message in welcome.context["messages"]
    ]


def test_invite_to_several_roles_refuses_the_one_already_held_and_sends_nothing(client_for, mailoutbox):
    client = client_for("tenant_admin")
    response = client.post(
        INVITE_URL, {"email": "centre_staff@alfa.example.org", "roles": [Role.CENTRE_STAFF, Role.TENANT_ADMIN]}
    )

    assert response.status_code == 200
    assert "Personen har allerede rollen “Frivilligcentermedarbejder”." in response.content.decode()
    assert 'id="id_roles_2" value="tenant_admin" checked' in response.content.decode()
    with scopes_disabled():
        assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_invite_without_a_role_says_so(client_for):
    response = client_for("tenant_admin").post(INVITE_URL, {"email": NEW_EMAIL})
    assert response.status_code == 200
    assert "Vælg mindst én rolle." in response.content.decode()
