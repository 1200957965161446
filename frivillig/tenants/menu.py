"""The tenant's front page, the list of volunteer centres, and the tenant administrator's pages."""

from django.utils.translation import gettext_lazy as _

from frivillig.core.navigation import Area, HomeSection, MenuEntry, Scope

# The front pages are reached by the site's name in the header, and the statements from the footer: neither is a
# main-menu item.
AREAS = [
    Area("home", _("Front page"), order=0, main_menu=False),
    Area("administration", _("Administration"), order=80, match=("tenants:member", "tenants:invitation")),
    Area("about", _("About this site"), order=100, main_menu=False),
]

MENU = [
    MenuEntry("tenants:home", _("Front page"), area="home", order=10),
    MenuEntry("front_page", _("Volunteer centres"), area="home", order=10, scope=Scope.NATIONAL),
    MenuEntry("tenants:members", _("Users and roles"), area="administration", order=10, match="tenants:member"),
    MenuEntry("tenants:audit_log", _("Audit log"), area="administration", order=20),
    MenuEntry("tenants:access_log", _("Access log"), area="administration", order=25),
    MenuEntry("tenants:settings", _("Contact details"), area="administration", order=30),
    MenuEntry("tenants:retention_settings", _("Retention periods"), area="administration", order=75),
    MenuEntry(
        "tenants:privacy_register",
        _("Record of processing activities"),
        area="administration",
        order=70,
        match="tenants:privacy_register",
    ),
]


def _administration(request) -> dict:
    from frivillig.tenants.selectors import audit_entries, memberships_for_admin, open_invitations

    tenant = request.tenant
    return {
        "member_count": memberships_for_admin(tenant).order_by().values("user").distinct().count(),
        "open_invitation_count": open_invitations(tenant).count(),
        "latest_entries": list(audit_entries(tenant)[:3]),
    }


# The administrator's section of the tenant's home: every administration page (members, invitations, word lists,
# the audit log, the content pages), with what is waiting there.
HOME = [
    HomeSection("tenants/home_admin.html", order=70, permission="tenants.manage_members", context=_administration),
]
