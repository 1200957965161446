"""Events: a work area for the staff who run them (the centre, the municipality, the tenant's administrator)."""

from django.utils.translation import gettext_lazy as _

from frivillig.core.navigation import Area, MenuEntry

AREAS = [
    Area("events", _("Events"), order=33, match=("events:",)),
]

MENU = [
    MenuEntry("events:event_admin_list", _("Events"), area="events", order=10, match="events:event"),
    MenuEntry("events:event_create", _("Create an event"), area="events", order=20, main_menu=False),
]
