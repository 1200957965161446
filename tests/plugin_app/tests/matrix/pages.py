from frivillig.tenants.enums import Role
from frivillig.testing import everyone, tenant_roles

CASES = {
    "plugin_app:notebook": tenant_roles(Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF),
    "plugin_national:about": everyone(200),
}
