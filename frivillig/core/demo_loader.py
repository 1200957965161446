"""`manage.py demo`: two real municipalities with made-up people, loaded by every app's own `demo.py`.

The loader knows no app. It asks the registry for each app's `demo` module, in INSTALLED_APPS order, and calls
its `load(context)` with one shared `DemoContext`: the kernel's modules put the tenants and the demo users in it
(accounts the citizen and the way every demo user is made; tenants the tenants, the staff, their memberships and
the association representatives), and each app above reads what it needs from it and may leave something for the
apps after it. A module that is only data, or only helpers, defines no `load` and is skipped.

Every loader creates what is missing and leaves what exists as it is, so the command can run again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.registry import app_modules

if TYPE_CHECKING:
    from frivillig.accounts.models import User
    from frivillig.tenants.models import Tenant

DEMO_PASSWORD = "frivillig-demo"  # noqa: S105 - published on purpose: the one password of every demo user


@dataclass
class DemoContext:
    """What the apps' demo loaders hand on to each other.

    `tenants` are keyed by slug, in the order they were made; `users` by the local part of their e-mail address
    ("staff.soroe", "forening.roedovre", "borger"). `extra` is where an app leaves what a later app needs, under
    a key that starts with its label ("crm.…")."""

    password: str = DEMO_PASSWORD
    # Read when the load starts, so every app dates its rows from the same day.
    today: date = field(default_factory=lambda: timezone.localdate())
    tenants: dict[str, Tenant] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def rng(self, *parts: object) -> random.Random:
        """A random generator seeded by the parts ("soroe", an organisation's name, …): the same data on every
        run, and what one part draws never shifts what another draws."""
        return random.Random("-".join(str(part) for part in parts))  # noqa: S311 - made-up data, not security


def demo_loaders() -> list[tuple[str, Any]]:
    """(app label, load function) of every app that adds demo data, in the order they run."""
    return [
        (config.label, module.load) for config, module in app_modules("demo") if callable(getattr(module, "load", None))
    ]


@transaction.atomic
def load_demo() -> DemoContext:
    """Run every app's demo loader with one shared context; returns the context they filled."""
    context = DemoContext()
    with scopes_disabled():
        for _label, load in demo_loaders():
            load(context)
    return context


def demo_logins() -> list[tuple[str, str]]:
    """The demo accounts that exist in this database, with what each may do, as (e-mail, description)."""
    from frivillig.accounts.demo import CITIZEN
    from frivillig.accounts.models import User
    from frivillig.tenants import role_extensions as roles
    from frivillig.tenants.demo_data import DEMO_SLUGS
    from frivillig.tenants.models import Membership

    with scopes_disabled():
        memberships = (
            Membership.objects.filter(user__email__endswith="@example.org", tenant__slug__in=DEMO_SLUGS)
            .select_related("user", "tenant", *roles.membership_related())
            .order_by("tenant__name", "role", "user__email")
        )
        logins = [
            (
                membership.user.email,
                f"{membership.get_role_display()} – "
                f"{roles.membership_label(membership) or membership.tenant.centre_name}",
            )
            for membership in memberships
        ]
    if User.objects.filter(email=CITIZEN[0]).exists():
        logins.append((CITIZEN[0], "Borger / citizen"))
    return logins
