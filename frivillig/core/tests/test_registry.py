"""The registry finds each app's modules of fixed names, in INSTALLED_APPS order."""

import pytest

from frivillig.core import registry


def test_registry_lists_what_each_app_offers():
    # When an app adds or drops one of these modules, this list is where it shows.
    assert registry.registered() == {
        "demo": ["accounts", "tenants", "crm", "volunteering", "surveys", "events", "strategy"],
        "erasure": ["core", "crm", "volunteering", "strategy"],
        # core's own `indicators` is the registry they register in (it offers no indicator itself).
        "indicators": ["core", "crm", "volunteering", "surveys", "events", "strategy"],
        "menu": ["accounts", "tenants", "communication", "crm", "volunteering", "surveys", "events", "strategy"],
        "merge_hooks": ["crm"],
        "privacy": [
            "core",
            "accounts",
            "tenants",
            "communication",
            "crm",
            "volunteering",
            "surveys",
            "events",
            "strategy",
        ],
        "retention": ["core", "accounts", "tenants", "crm", "volunteering", "surveys", "events"],
        "roles": ["crm"],
        "tenant_setup": ["crm"],
        "urls": ["accounts", "tenants", "communication", "crm", "volunteering", "surveys", "events", "strategy"],
        "urls_national": ["volunteering", "events"],
    }


def test_registry_visits_apps_in_installed_apps_order():
    labels = [config.label for config in registry.project_apps()]
    assert labels[:3] == ["core", "accounts", "tenants"]
    found = [config.label for config, _module in registry.app_modules("demo")]
    assert found == sorted(found, key=labels.index)


def test_project_apps_are_those_whose_code_lives_in_the_project():
    from django.apps import apps

    labels = [config.label for config in registry.project_apps()]
    assert labels == [
        "core",
        "accounts",
        "tenants",
        "communication",
        "crm",
        "volunteering",
        "surveys",
        "events",
        "strategy",
    ]
    assert not registry.is_project_app(apps.get_app_config("auth"))
    assert not registry.is_project_app(apps.get_app_config("django_htmx"))


def test_registry_refuses_a_module_name_nobody_agreed_on():
    with pytest.raises(ValueError, match="Unknown per-app module"):
        registry.app_modules("dmeo")


def test_collect_spreads_lists_and_keeps_single_values(monkeypatch):
    import types

    from django.apps import apps

    crm, volunteering = apps.get_app_config("crm"), apps.get_app_config("volunteering")
    first = types.SimpleNamespace(ITEMS=["a", "b"], load=len)
    second = types.SimpleNamespace(ITEMS=("c",))
    monkeypatch.setattr(registry, "app_modules", lambda name: ((crm, first), (volunteering, second)))

    assert registry.collect("menu", "ITEMS") == ["a", "b", "c"]
    assert registry.collect("menu", "load") == [len]
    assert registry.collect("menu", "MISSING") == []
