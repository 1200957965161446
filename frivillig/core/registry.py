"""What each app offers the platform, found by a module of a fixed name, as Django's admin finds `admin.py`.

The kernel and the lower layers never import an app above them. Where the platform needs something from every
app (demo data, menu entries, tenant set-up, merge hooks, later the personal-data register and indicators), each
app puts it in a module of the agreed name, and the code that needs it asks this registry:

    for app, module in app_modules("demo"):
        module.load(context)

Apps are visited in `INSTALLED_APPS` order, so an app can rely on what the apps below it have done. An app
without the module is skipped; an error raised while importing a module that exists is not hidden.

A project app is one whose code lives in this project's source tree, whatever its package is called (an app
under `tests/` counts); Django's apps and third parties' installed packages do not. What was found is kept until
`INSTALLED_APPS` changes (a test that installs an app sees it at once).
"""

from __future__ import annotations

import importlib
import sysconfig
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# The module names an app may offer. A name not listed here is a typing error in the caller.
# `urls` holds a tenant's pages of the app, `urls_national` its pages that belong to no tenant (core.urlconf).
# `roles` ties one of the kernel's roles to the app's records (crm: a representative's organisation; see
# tenants/role_extensions.py).
KNOWN_MODULES = frozenset(
    {
        "demo",
        "menu",
        "tenant_setup",
        "merge_hooks",
        "privacy",
        "indicators",
        "urls",
        "urls_national",
        "roles",
        "retention",
        "erasure",
    }
)


def _installed_package_roots() -> tuple[Path, ...]:
    """Where installed distributions live (a virtual environment may sit inside the project's folder)."""
    paths = sysconfig.get_paths()
    return tuple({Path(paths[key]).resolve() for key in ("purelib", "platlib")})


def is_project_app(config: AppConfig) -> bool:
    location = Path(config.path).resolve()
    if not location.is_relative_to(Path(settings.BASE_DIR).resolve()):
        return False
    return not any(location.is_relative_to(root) for root in _installed_package_roots())


def project_apps() -> list[AppConfig]:
    """This project's own apps (not Django's or third parties'), in INSTALLED_APPS order."""
    return [config for config in apps.get_app_configs() if is_project_app(config)]


@cache
def app_modules(module_name: str) -> tuple[tuple[AppConfig, ModuleType], ...]:
    """Each project app's `<app>.<module_name>` module that exists, in INSTALLED_APPS order."""
    if module_name not in KNOWN_MODULES:
        raise ValueError(f"Unknown per-app module {module_name!r}; add it to KNOWN_MODULES.")
    found = []
    for config in project_apps():
        qualified = f"{config.name}.{module_name}"
        if find_spec(qualified) is None:
            continue
        found.append((config, importlib.import_module(qualified)))
    return tuple(found)


def collect(module_name: str, attribute: str) -> list:
    """The values of `attribute` in every app's module of that name, one after the other.

    A list or tuple attribute is spread out (each app's `MENU = [...]` becomes one list); anything else is taken
    as one value (a function, for instance). Modules without the attribute add nothing."""
    values: list = []
    for _config, module in app_modules(module_name):
        value = getattr(module, attribute, None)
        if value is None:
            continue
        if isinstance(value, list | tuple):
            values.extend(value)
        else:
            values.append(value)
    return values


@receiver(setting_changed)
def _forget_found_modules(*, setting: str, **kwargs) -> None:
    if setting == "INSTALLED_APPS":
        app_modules.cache_clear()


def registered() -> dict[str, list[str]]:
    """Which app offers which module: for the test that lists them, and for a person reading the code."""
    return {name: [config.label for config, _module in app_modules(name)] for name in sorted(KNOWN_MODULES)}
