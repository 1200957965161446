"""The association directory, the centre's register, the representative's association and the word lists."""

from django.utils.translation import gettext_lazy as _

from frivillig.core.navigation import HomeSection, MenuEntry

MENU = [
    MenuEntry("crm:directory", _("Associations"), area="public", order=20, match="crm:directory"),
    MenuEntry("crm:dashboard", _("My work"), area="my_work", order=10),
    MenuEntry("crm:organisation_list", _("Organisations"), area="register", order=10, match="crm:organisation_"),
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


HOME = [
    HomeSection("crm/home_directory.html", order=20),
    HomeSection("crm/home_association.html", order=30, permission="crm.edit_own_organisation", context=_represented),
]
