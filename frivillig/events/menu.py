"""Events: a work area for the staff who run them (the centre, the municipality, the tenant's administrator)."""

from django.utils.translation import gettext_lazy as _

from frivillig.core.navigation import Area, HomeSection, MenuEntry, Scope

AREAS = [
    Area("events", _("Events"), order=33, match=("events:",)),
]

MENU = [
    MenuEntry("events:event_admin_list", _("Events"), area="events", order=10, match="events:event"),
    MenuEntry("events:event_create", _("Create an event"), area="events", order=20, main_menu=False),
    MenuEntry("events:campaign_list", _("Campaigns"), area="events", order=30, match="events:campaign"),
    # The public list (after the staff's pages: for staff the area's menu item leads to their own list).
    MenuEntry("events:event_list", _("Upcoming events"), area="events", order=40),
    MenuEntry("events_national:event_list", _("Events"), area="events", order=40, scope=Scope.NATIONAL),
]

# The tenant's front page links the public list (beside the associations' directory).
HOME = [HomeSection("events/public_home.html", order=121)]
