"""Permission matrix rows for "where volunteers are lacking": public, with details and export for centre and
municipal staff."""

from frivillig.tenants.enums import Role
from frivillig.testing import public_tenant_page, tenant_roles

CASES = {
    "volunteering:needs": public_tenant_page(),
    "volunteering:needs_details": tenant_roles(Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF),
    "volunteering:needs_export": tenant_roles(Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF, kwargs={"fmt": "csv"}),
}
