"""The tenants part of `manage.py demo`: the two municipalities, the people who work there and their roles.

A new demo tenant is made by the same service as the operator's (so every app sets it up as it would any new
tenant); a tenant that exists is set up again, which adds only what an app added since is missing. The association
representatives are made here too, as users of the tenant; their role needs the association, so the CRM demo
gives it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frivillig.accounts.demo import demo_user
from frivillig.tenants.demo_data import DEMO_ROLES, DEMO_TENANTS, REPRESENTATIVES
from frivillig.tenants.models import Membership, Tenant
from frivillig.tenants.services import tenant_create, tenant_set_up

if TYPE_CHECKING:
    from frivillig.core.demo_loader import DemoContext


def load(context: DemoContext) -> None:
    for data in DEMO_TENANTS:
        tenant = Tenant.objects.filter(slug=data["slug"]).first()
        if tenant is None:
            tenant = tenant_create(tenant=Tenant(**data), actor=None)
        else:
            tenant_set_up(tenant=tenant)
        context.tenants[tenant.slug] = tenant
        for prefix, role, names in DEMO_ROLES:
            user = demo_user(context, f"{prefix}.{tenant.slug}@example.org", names[tenant.slug])
            Membership.objects.get_or_create(tenant=tenant, user=user, role=role)
        demo_user(context, f"forening.{tenant.slug}@example.org", REPRESENTATIVES[tenant.slug])
