"""The volunteer opportunities (tenant and national boards), where volunteers are lacking, keeping opportunities and
following up applications, and the volunteer's own profile."""

from django.utils.translation import gettext_lazy as _

from frivillig.core.navigation import HomeSection, MenuEntry, Scope

MENU = [
    MenuEntry(
        "volunteering:board",
        _("Volunteer opportunities"),
        area="public",
        order=30,
        match="volunteering:opportunity_detail",
    ),
    MenuEntry("national:board", _("Volunteer opportunities"), area="public", order=30, scope=Scope.NATIONAL),
    MenuEntry(
        "volunteering:needs", _("Where volunteers are lacking"), area="public", order=40, match="volunteering:needs"
    ),
    MenuEntry(
        "volunteering:opportunity_manage_list", _("Manage volunteer opportunities"), area="volunteering", order=10
    ),
    MenuEntry(
        "volunteering:pipeline_all", _("Applications"), area="volunteering", order=20, match="volunteering:pipeline"
    ),
    MenuEntry(
        "national:volunteer_profile", _("My volunteer profile"), area="personal", order=20, scope=Scope.EVERYWHERE
    ),
]

HOME = [
    HomeSection("volunteering/home_find.html", order=10),
]
