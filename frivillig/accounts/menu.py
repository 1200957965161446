"""The person's own account, linked from every page once they are logged in."""

from django.utils.translation import gettext_lazy as _

from frivillig.core.navigation import MenuEntry, Scope

MENU = [
    MenuEntry("accounts:profile", _("My profile"), area="personal", order=10, scope=Scope.EVERYWHERE),
]
