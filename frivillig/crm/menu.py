"""The association directory, the centre's register, the representative's association and the word lists."""

from django.utils.translation import gettext_lazy as _

from frivillig.core.navigation import HomeSection, MenuEntry

MENU = [
    MenuEntry("crm:directory", _("Associations"), area="public", order=20, match="crm:directory"),
    MenuEntry("crm:dashboard", _("My work"), area="my_work", order=10),
    MenuEntry("crm:organisation_list", _("Organisations"), area="register", order=10, match="crm:organisation_"),
    MenuEntry(
        "crm:unrepresented_list",
        _("Associations without a representative"),
        area="register",
        order=55,
        match="crm:unrepresented_",
    ),
    MenuEntry("crm:person_list", _("People"), area="register", order=20, match="crm:person_"),
    MenuEntry("crm:interaction_list", _("Interactions"), area="register", order=30, match="crm:interaction_"),
    MenuEntry("crm:relation_list", _("Collaboration relations"), area="register", order=40, match="crm:relation_"),
    MenuEntry("crm:my_organisations", _("My association"), area="association", order=10, match="crm:selfservice_"),
    MenuEntry("crm:tag_list", _("Word lists"), area="administration", order=40, match="crm:tag_"),
]


def _represented(request) -> dict | None:
    from frivillig.crm.selectors import represented_organisations

    organisations = list(represented_organisations(request.user, request.tenant))
    return {"represented": organisations} if organisations else None


def _unrepresented(request) -> dict:
    from frivillig.crm.selectors.home import unrepresented_associations

    return {"unrepresented": unrepresented_associations(request.tenant)}


def _overdue(request) -> dict:
    from frivillig.crm.selectors.home import overdue_follow_ups

    return {"overdue": overdue_follow_ups(request.tenant)}


def _register(request) -> dict:
    from frivillig.crm.selectors.home import register_figures

    return {"register": register_figures(request.tenant)}


# A tenant's home: the representative's association, the centre staff's "today" (associations without a
# representative, overdue follow-ups), the municipality's view of the register, and the directory for everyone.
HOME = [
    HomeSection("crm/home_association.html", order=20, permission="crm.edit_own_organisation", context=_represented),
    HomeSection("crm/home_staff_unrepresented.html", order=44, permission="crm.view_dashboard", context=_unrepresented),
    HomeSection("crm/home_staff_follow_ups.html", order=45, permission="crm.view_dashboard", context=_overdue),
    HomeSection("crm/home_municipal_register.html", order=61, permission="crm.oversee_register", context=_register),
    HomeSection("crm/home_directory.html", order=120),
]
