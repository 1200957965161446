"""Permission matrix rows for the tenant admin's retention periods."""

from frivillig.tenants.enums import Role
from frivillig.testing import tenant_roles

CASES = {
    "tenants:retention_settings": tenant_roles(Role.TENANT_ADMIN),
}
