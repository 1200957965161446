"""The accounts part of `manage.py demo`: how every demo user is made, and the one citizen with no role anywhere.

The people who work in a tenant are named by the tenants' demo (`tenants/demo.py`), which makes them here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from frivillig.accounts.models import User

if TYPE_CHECKING:
    from frivillig.core.demo_loader import DemoContext

# A national account: finds volunteer jobs everywhere, works nowhere.
CITIZEN = ("borger@example.org", "Birgit Borger")


def demo_user(context: DemoContext, email: str, full_name: str) -> User:
    """The demo user with this address (made with the shared password and a confirmed address if missing),
    remembered in the context under the address's local part."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=context.password, full_name=full_name, email_verified_at=timezone.now()
        )
    context.users[email.partition("@")[0]] = user
    return user


def load(context: DemoContext) -> None:
    demo_user(context, *CITIZEN)
