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
        # More associations of each tenant have a representative with a login (most do not).
        *(
            (f"forening{number}.{slug}@example.org", slug, Role.ASSOCIATION_REP)
            for number in (2, 3, 4)
            for slug in ("soroe", "roedovre")
        ),
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


def test_demo_runs_each_apps_loader_in_installed_apps_order_with_one_shared_context(db, monkeypatch):
    import types

    from django.apps import apps

    from frivillig.core import demo_loader

    seen = []

    def loader(label):
        def load(context):
            seen.append((label, list(context.tenants), list(context.users)))
            context.tenants[label] = label
            context.users[label] = label

        return types.SimpleNamespace(load=load)

    found = tuple(
        (apps.get_app_config(label), loader(label)) for label in ["accounts", "tenants", "crm", "volunteering"]
    )
    found += ((apps.get_app_config("communication"), types.SimpleNamespace(DATA=[1, 2])),)
    monkeypatch.setattr(demo_loader, "app_modules", lambda name: found)

    context = demo_loader.load_demo()

    assert seen == [
        ("accounts", [], []),
        ("tenants", ["accounts"], ["accounts"]),
        ("crm", ["accounts", "tenants"], ["accounts", "tenants"]),
        ("volunteering", ["accounts", "tenants", "crm"], ["accounts", "tenants", "crm"]),
    ]
    assert context.password == DEMO_PASSWORD


def test_demo_context_holds_what_the_kernel_made(db):
    from frivillig.core.demo_loader import load_demo

    context = load_demo()

    assert list(context.tenants) == ["soroe", "roedovre"]
    assert {"borger", "staff.soroe", "admin.roedovre", "forening.soroe", "kommune.roedovre"} <= set(context.users)
    assert context.users["forening.soroe"].email == "forening.soroe@example.org"


def test_demo_context_random_generators_repeat_and_differ_by_part():
    from frivillig.core.demo_loader import DemoContext

    context = DemoContext()

    assert context.rng("soroe", "x").random() == DemoContext().rng("soroe", "x").random()
    assert context.rng("soroe", "x").random() != context.rng("roedovre", "x").random()


def test_demo_tenants_are_made_through_the_tenant_service(db):
    from frivillig.core.models import AuditEntry

    call_command("demo", force=True)

    with scopes_disabled():
        created = AuditEntry.objects.filter(code="tenants.tenant.created").values_list("target_label", flat=True)
        assert sorted(created) == ["Rødovre", "Sorø"]
