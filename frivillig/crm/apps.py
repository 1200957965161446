from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from frivillig.core.audit import register_actions


class CrmConfig(AppConfig):
    name = "frivillig.crm"
    label = "crm"

    def ready(self):
        register_actions(
            {
                "crm.organisation.created": _("Organisation created"),
                "crm.person.data_exported": _("Personal data exported for the person"),
                "crm.organisation.updated": _("Organisation changed"),
                "crm.organisation.archived": _("Organisation archived"),
                "crm.organisation.restored": _("Organisation restored"),
                "crm.organisation.merged": _("Organisations merged"),
                "crm.person.created": _("Person created"),
                "crm.person.updated": _("Person changed"),
                "crm.person.archived": _("Person archived"),
                "crm.person.merged": _("People merged"),
                # Logged reading (core.access_log), not an action.
                "crm.person.notes": _("A person's internal notes"),
                "crm.person.notes.search": _("Search in people's internal notes"),
                "crm.person.data_export": _("All data about a person, internal notes included (export)"),
                "crm.import.completed": _("Import completed"),
                "crm.interaction.created": _("Interaction logged"),
                "crm.interaction.updated": _("Interaction changed"),
                "crm.interaction.followed_up": _("Follow-up done"),
                "crm.relation.created": _("Collaboration relation created"),
                "crm.relation.updated": _("Collaboration relation changed"),
                "crm.tag.created": _("Tag created"),
                "crm.tag.updated": _("Tag changed"),
                "crm.representative_request.received": _("Request to become a representative received"),
                "crm.representative_request.approved": _("Request to become a representative approved"),
                "crm.representative_request.declined": _("Request to become a representative declined"),
            }
        )
