import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.accounts.models import User
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Membership, Tenant

DEMO_PASSWORD = "frivillig-demo"


def counts() -> tuple[int, int, int]:
    with scopes_disabled():
        return Tenant.objects.count(), User.objects.count(), Membership.objects.count()


def test_demo_refuses_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("demo")
    assert counts() == (0, 0, 0)


def test_demo_runs_with_debug_on(db, settings, capsys):
    settings.DEBUG = True
    call_command("demo")
    assert counts()[0] == 2
    assert DEMO_PASSWORD in capsys.readouterr().out


def test_demo_force_creates_tenants_and_users(db, settings, capsys):
    settings.DEBUG = False
    call_command("demo", force=True)

    soroe, roedovre = Tenant.objects.get(slug="soroe"), Tenant.objects.get(slug="roedovre")
    assert (soroe.kommunekode, soroe.centre_name) == ("340", "Frivilligcenter Sorø")
    assert (roedovre.kommunekode, roedovre.centre_name) == ("175", "Rødovre Frivilligcenter")
    expected = {
        ("staff.soroe@example.org", "soroe", Role.CENTRE_STAFF),
        ("kommune.soroe@example.org", "soroe", Role.MUNICIPAL_STAFF),
        ("admin.soroe@example.org", "soroe", Role.TENANT_ADMIN),
        ("staff.roedovre@example.org", "roedovre", Role.CENTRE_STAFF),
        ("kommune.roedovre@example.org", "roedovre", Role.MUNICIPAL_STAFF),
        ("admin.roedovre@example.org", "roedovre", Role.TENANT_ADMIN),
        ("forening.soroe@example.org", "soroe", Role.ASSOCIATION_REP),
        ("forening.roedovre@example.org", "roedovre", Role.ASSOCIATION_REP),
    }
    with scopes_disabled():
        assert set(Membership.objects.values_list("user__email", "tenant__slug", "role")) == expected
    for user in User.objects.all():
        assert user.check_password(DEMO_PASSWORD), user.email
        assert user.is_active and user.email_verified_at is not None
    assert User.objects.filter(email="borger@example.org").exists()
    assert "staff.soroe@example.org" in capsys.readouterr().out


def test_demo_twice_gives_the_same_counts(db):
    call_command("demo", force=True)
    first = counts()
    call_command("demo", force=True)
    assert counts() == first
    assert first[0] == 2


def test_demo_if_empty_leaves_a_database_with_tenants_alone(personas, capsys):
    before = counts()
    call_command("demo", force=True, if_empty=True)
    assert counts() == before
    assert not Tenant.objects.filter(slug="soroe").exists()


def test_demo_user_can_log_in(client, db):
    call_command("demo", force=True)
    response = client.post(reverse("accounts:login"), {"email": "staff.soroe@example.org", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    members = client.get(reverse("tenants:home", kwargs={"tenant_slug": "soroe"}))
    assert Role.CENTRE_STAFF in members.context["tenant_roles"]
