from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from frivillig.core.audit import register_actions


class EventsConfig(AppConfig):
    name = "frivillig.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        # Staff's events and their sessions.
        register_actions(
            {
                "events.event.created": _("Event created"),
                "events.event.updated": _("Event changed"),
                "events.event.copied": _("Event copied"),
                "events.event.published": _("Event published"),
                "events.event.unpublished": _("Event made a draft again"),
                "events.event.cancelled": _("Event cancelled"),
                "events.session.created": _("Event session added"),
                "events.session.updated": _("Event session changed"),
                "events.session.deleted": _("Event session deleted"),
            }
        )
        # The participants' part: attendance and the evaluation sent after an event.
        register_actions(
            {
                "events.attendance.marked": _("Attendance recorded"),
                "events.attendance.rest_absent": _("The rest recorded as absent"),
                "events.attendance.self_check_in": _("Participant checked in with the QR code"),
                "events.evaluation.sent": _("Event evaluation sent to those who attended"),
            }
        )
        # Dialogue meetings' input and campaigns.
        register_actions(
            {
                "events.input.created": _("Dialogue input added by staff"),
                "events.input.added_by_participant": _("Dialogue input added by a participant"),
                "events.input.followed_up": _("Dialogue input followed up"),
                "events.summary.updated": _("Dialogue meeting summary saved"),
                "events.summary.published": _("Dialogue meeting summary published"),
                "events.summary.unpublished": _("Dialogue meeting summary taken off the public page"),
                "events.campaign.created": _("Campaign created"),
                "events.campaign.updated": _("Campaign changed"),
                "events.campaign_link.created": _("Campaign link created"),
            }
        )
        # Registration: the waiting list, offers of freed places, and staff moving someone with a reason.
        register_actions(
            {
                "events.registration.created": _("Registration made"),
                "events.registration.replaced": _("Unconfirmed registration replaced by a new one"),
                "events.registration.confirmed": _("Registration's e-mail address confirmed"),
                "events.registration.registered": _("Registration got a place"),
                "events.registration.waitlisted": _("Registration put on the waiting list"),
                "events.registration.offered": _("Freed place offered"),
                "events.registration.first_come_offered": _("Freed place announced to the waiting list"),
                "events.registration.offer_expired": _("Offer of a place expired"),
                "events.registration.offer_accepted": _("Offered place accepted"),
                "events.registration.cancelled": _("Registration cancelled"),
                "events.registration.moved": _("Moved on the waiting list"),
            }
        )
        from frivillig.events import caching

        caching.connect_signals()
