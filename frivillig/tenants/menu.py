"""The tenant's front page, the list of volunteer centres, and the tenant administrator's pages."""

from django.utils.translation import gettext_lazy as _

from frivillig.core.navigation import MenuEntry, Scope

MENU = [
    MenuEntry("tenants:home", _("Front page"), area="public", order=10),
    MenuEntry("front_page", _("Volunteer centres"), area="public", order=10, scope=Scope.NATIONAL),
    MenuEntry("tenants:members", _("Users and roles"), area="administration", order=10, match="tenants:member"),
    MenuEntry("tenants:audit_log", _("Audit log"), area="administration", order=20),
    MenuEntry("tenants:settings", _("Contact details"), area="administration", order=30),
]
