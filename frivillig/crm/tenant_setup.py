"""What the CRM gives every new tenant, run by tenants' `tenant_set_up` in the creating transaction."""

from frivillig.crm.services.tags import tags_seed_defaults
from frivillig.tenants.models import Tenant


def set_up_tenant(*, tenant: Tenant) -> None:
    # A new centre starts with the default word lists; its admin adapts them afterwards.
    tags_seed_defaults(tenant=tenant)
