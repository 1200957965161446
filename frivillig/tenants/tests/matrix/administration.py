"""Permission matrix rows for the tenant's administration: users and roles, audit log, access log, contact details."""

from django_scopes import scopes_disabled

from frivillig.tenants.enums import Role
from frivillig.tenants.models import Invitation, Membership
from frivillig.testing import tenant_roles

CASES = {
    "tenants:members": tenant_roles(Role.TENANT_ADMIN),
    "tenants:member_invite": tenant_roles(Role.TENANT_ADMIN),
    "tenants:member_change_role": tenant_roles(
        Role.TENANT_ADMIN,
        status=302,
        method="post",
        kwargs={"pk": "{administration_membership}"},
        data={"roles": [Role.CENTRE_STAFF]},
    ),
    "tenants:member_revoke": tenant_roles(Role.TENANT_ADMIN, kwargs={"pk": "{administration_membership}"}),
    "tenants:invitation_cancel": tenant_roles(
        Role.TENANT_ADMIN, status=302, method="post", kwargs={"pk": "{administration_invitation}"}
    ),
    "tenants:audit_log": tenant_roles(Role.TENANT_ADMIN),
    "tenants:audit_log_export": tenant_roles(Role.TENANT_ADMIN, kwargs={"fmt": "csv"}),
    "tenants:access_log": tenant_roles(Role.TENANT_ADMIN),
    "tenants:access_log_export": tenant_roles(Role.TENANT_ADMIN, kwargs={"fmt": "csv"}),
    "tenants:settings": tenant_roles(Role.TENANT_ADMIN),
    "tenants:privacy_register": tenant_roles(Role.TENANT_ADMIN),
    "tenants:privacy_register_print": tenant_roles(Role.TENANT_ADMIN),
    "tenants:privacy_register_pdf": tenant_roles(Role.TENANT_ADMIN),
}


def objects(personas) -> dict[str, int]:
    with scopes_disabled():
        return {
            "administration_membership": Membership.objects.get(
                user=personas.user("centre_staff"), role=Role.CENTRE_STAFF
            ).pk,
            "administration_invitation": Invitation.objects.create(
                tenant=personas.tenant, email="new@example.org", role=Role.CENTRE_STAFF
            ).pk,
        }
