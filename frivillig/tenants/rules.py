import rules

from frivillig.tenants.enums import Role
from frivillig.tenants.selectors import roles_for


def _has_role(role: str):
    @rules.predicate(name=f"has_role_{role}")
    def predicate(user, tenant) -> bool:
        return tenant is not None and user.is_authenticated and role in roles_for(user, tenant)

    return predicate


is_centre_staff = _has_role(Role.CENTRE_STAFF)
is_municipal_staff = _has_role(Role.MUNICIPAL_STAFF)
is_tenant_admin = _has_role(Role.TENANT_ADMIN)
is_association_rep = _has_role(Role.ASSOCIATION_REP)
is_tenant_member = is_centre_staff | is_municipal_staff | is_tenant_admin

rules.add_perm("tenants.manage_members", is_tenant_admin)
# Only an administrator of the tenant, and only for its own members (the view finds the colleague in the tenant).
rules.add_perm("tenants.reset_second_factor", is_tenant_admin)
rules.add_perm("tenants.view_audit_log", is_tenant_admin)
rules.add_perm("tenants.edit_settings", is_tenant_admin)
rules.add_perm("tenants.view_privacy_register", is_tenant_admin)
rules.add_perm("tenants.view_staff_area", is_tenant_member)
