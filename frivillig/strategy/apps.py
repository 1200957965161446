from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from frivillig.core.audit import register_actions


class StrategyConfig(AppConfig):
    name = "frivillig.strategy"
    label = "strategy"
    verbose_name = _("Strategy")

    def ready(self):
        register_actions(
            {
                "strategy.plan.created": _("Plan created"),
                "strategy.plan.updated": _("Plan changed"),
                "strategy.plan.copied": _("Plan copied into a new plan"),
                "strategy.goal.saved": _("Plan goal saved"),
                "strategy.goal.deleted": _("Plan goal deleted"),
                "strategy.initiative.saved": _("Initiative saved"),
                "strategy.initiative.deleted": _("Initiative deleted"),
                "strategy.target.saved": _("Target saved"),
                "strategy.target.redefined": _("Target's definition changed (a new history begins)"),
                "strategy.target.deleted": _("Target deleted"),
                "strategy.target.story_updated": _("The story behind a target's number updated"),
                "strategy.manual_value.entered": _("Value entered by hand"),
                "strategy.settings.updated": _("Strategy settings changed"),
                "strategy.report.created": _("Status report created"),
                "strategy.report.saved": _("Status report's texts saved"),
                "strategy.report.published": _("Status report published"),
            }
        )
