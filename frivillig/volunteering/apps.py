from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from frivillig.core.audit import register_actions


class VolunteeringConfig(AppConfig):
    name = "frivillig.volunteering"
    label = "volunteering"

    def ready(self):
        from frivillig.volunteering import caching, receivers, signals

        caching.connect_signals()
        signals.connect_signals()
        receivers.connect_receivers()
        register_actions(
            {
                "volunteering.opportunity.created": _("Volunteer opportunity created"),
                "volunteering.opportunity.updated": _("Volunteer opportunity changed"),
                "volunteering.opportunity.published": _("Volunteer opportunity published"),
                "volunteering.opportunity.closed": _("Volunteer opportunity closed"),
                "volunteering.opportunity.expired": _("Volunteer opportunity expired"),
                "volunteering.opportunity.renewed": _("Volunteer opportunity renewed"),
                "volunteering.application.created": _("Application received"),
                "volunteering.application.confirmed": _("Application e-mail confirmed"),
                "volunteering.application.status_changed": _("Application status changed"),
                "volunteering.application.child_certificate": _("Child certificate recorded"),
                "volunteering.application.withdrawn": _("Application withdrawn"),
                "volunteering.application.replaced": _("Unconfirmed application replaced by a new sign-up"),
                "volunteering.application.linked_to_account": _("Application linked to the applicant's account"),
                "volunteering.application.contact_link_opened": _(
                    "Application opened from the association contact's link"
                ),
                "volunteering.application.answered_by_contact": _(
                    "Application answered from the association contact's link"
                ),
                "volunteering.application.contact_link_renewed": _(
                    "New link to an application sent to the association's contact"
                ),
                "volunteering.application.contact_link_sent": _("Link to an application sent again by the centre"),
            }
        )
