"""The centre's surveys: a work area of their own."""

from django.utils.translation import gettext_lazy as _

from frivillig.core.navigation import Area, MenuEntry

AREAS = [
    Area("surveys", _("Surveys"), order=35, match=("surveys:",)),
]

MENU = [
    MenuEntry("surveys:survey_list", _("Surveys"), area="surveys", order=10, match="surveys:"),
]
