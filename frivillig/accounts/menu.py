"""The person's own account, linked from every page once they are logged in."""

from django.utils.translation import gettext_lazy as _

from frivillig.core.navigation import Area, MenuEntry, Scope

# Reached by the person's name in the header (and the drawer), not by a main-menu item.
AREAS = [
    Area(
        "personal",
        _("My pages"),
        order=90,
        main_menu=False,
        match=("accounts:profile", "accounts:password_change", "accounts:delete", "national:my_applications"),
    ),
]

MENU = [
    MenuEntry("accounts:profile", _("My profile"), area="personal", order=10, scope=Scope.EVERYWHERE),
]
