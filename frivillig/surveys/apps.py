from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from frivillig.core.audit import register_actions


class SurveysConfig(AppConfig):
    name = "frivillig.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from frivillig.surveys import receivers

        receivers.connect_receivers()
        register_actions(
            {
                "surveys.survey.created": _("Survey created"),
                "surveys.survey.updated": _("Survey changed"),
                "surveys.survey.copied": _("Survey copied"),
                "surveys.section.created": _("Survey section added"),
                "surveys.section.updated": _("Survey section changed"),
                "surveys.section.deleted": _("Survey section deleted"),
                "surveys.question.created": _("Survey question added"),
                "surveys.question.updated": _("Survey question changed"),
                "surveys.question.deleted": _("Survey question deleted"),
            }
        )
