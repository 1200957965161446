from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    verbose_name = "Frivillig"
    name = "frivillig.core"
    label = "core"

    def ready(self):
        from frivillig.core import formfields
        from frivillig.core.audit import register_actions

        formfields.install()
        register_actions({"core.retention.applied": _("Retention rule applied")})
