"""Permission matrix rows for the tenant's statements (accessibility, privacy): read by all, edited by admins."""

from frivillig.tenants.enums import Role
from frivillig.testing import public_tenant_page, tenant_roles

CASES = {
    "communication:accessibility": public_tenant_page(),
    "communication:privacy": public_tenant_page(),
    "communication:accessibility_edit": tenant_roles(Role.TENANT_ADMIN),
    "communication:privacy_edit": tenant_roles(Role.TENANT_ADMIN),
}
