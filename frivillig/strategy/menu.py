"""Strategy: a work area for the staff who write the plans and follow them (the centre, the municipality, the
tenant's administrator)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frivillig.core.navigation import Area, MenuEntry

AREAS = [
    Area("strategy", pgettext_lazy("menu", "Strategy"), order=40, match=("strategy:",)),
]

MENU = [
    MenuEntry("strategy:plan_list", _("Plans"), area="strategy", order=10, match="strategy:plan"),
    MenuEntry("strategy:plan_create", _("Create a plan"), area="strategy", order=20, main_menu=False),
    # The public strategy page: in the footer, beside the statements.
    MenuEntry("strategy:public_plans", _("Strategy and action plans"), area="about", order=30, main_menu=False),
    MenuEntry("strategy:settings", _("Settings for the targets' status"), area="strategy", order=90, main_menu=False),
]
