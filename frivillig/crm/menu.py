"""The association directory, the centre's register, the representative's association and the word lists."""

from django.utils.translation import gettext_lazy as _

from frivillig.core.navigation import Area, HomeSection, MenuEntry

# "associations" holds every page about associations and their people; the register's other pages (import,
# merge, roles) belong to it too.
AREAS = [
    Area("my_work", _("My work"), order=10),
    Area("associations", _("Associations"), order=30, match=("crm:",)),
]

MENU = [
    # Within "associations": the representative's own association first, then the register, then the public
    # directory (by `order`); the area's main-menu item leads to the first of them the person may open.
    MenuEntry("crm:directory", _("Associations"), area="associations", order=60, match="crm:directory"),
    MenuEntry("crm:dashboard", _("My work"), area="my_work", order=10),
    MenuEntry("crm:organisation_list", _("Organisations"), area="associations", order=20, match="crm:organisation_"),
    MenuEntry(
        "crm:unrepresented_list",
        _("Associations without a representative"),
        area="associations",
        order=55,
        match="crm:unrepresented_",
    ),
    MenuEntry("crm:person_list", _("People"), area="associations", order=30, match="crm:person_"),
    MenuEntry("crm:interaction_list", _("Interactions"), area="associations", order=40, match="crm:interaction_"),
    MenuEntry("crm:relation_list", _("Collaboration relations"), area="associations", order=50, match="crm:relation_"),
    MenuEntry("crm:my_organisations", _("My association"), area="associations", order=10, match="crm:selfservice_"),
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
