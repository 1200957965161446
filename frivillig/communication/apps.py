from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from frivillig.core.audit import register_actions


class CommunicationConfig(AppConfig):
    name = "frivillig.communication"
    label = "communication"

    def ready(self):
        register_actions(
            {
                "communication.page.updated": _("Page edited"),
            }
        )
