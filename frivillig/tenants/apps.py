from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from frivillig.core.audit import register_actions


class TenantsConfig(AppConfig):
    name = "frivillig.tenants"
    label = "tenants"

    def ready(self):
        register_actions(
            {
                "tenants.invitation.sent": _("Invitation sent"),
                "tenants.invitation.cancelled": _("Invitation withdrawn"),
                "tenants.invitation.accepted": _("Invitation accepted"),
                "tenants.membership.granted": _("Role given"),
                "tenants.membership.role_changed": _("Role changed"),
                "tenants.membership.revoked": _("Role removed"),
                "tenants.tenant.updated": _("Contact details changed"),
                "tenants.retention.changed": _("Retention periods changed"),
            }
        )
