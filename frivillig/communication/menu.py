"""The tenant's statements (footer) and where the administrator edits them (front page)."""

from django.utils.translation import gettext_lazy as _

from frivillig.core.navigation import MenuEntry

MENU = [
    MenuEntry(
        "communication:accessibility_edit",
        _("Edit the accessibility statement"),
        area="administration",
        order=50,
        main_menu=False,
    ),
    MenuEntry(
        "communication:privacy_edit", _("Edit the privacy policy"), area="administration", order=60, main_menu=False
    ),
    MenuEntry("communication:accessibility", _("Accessibility statement"), area="about", order=10, main_menu=False),
    MenuEntry("communication:privacy", _("Privacy policy"), area="about", order=20, main_menu=False),
]
