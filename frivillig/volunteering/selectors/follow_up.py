"""Reads for following an application up beyond its status: the internal notes, the step an undo would reverse,
and the volunteer's own application for one opportunity (whatever its state, so the sign-up page can say it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from frivillig.volunteering.enums import OpportunityStatus
from frivillig.volunteering.models import Application, ApplicationNote, Opportunity
from frivillig.volunteering.selectors.applications import own_applications

if TYPE_CHECKING:
    from frivillig.accounts.models import User


def application_notes(application: Application) -> QuerySet[ApplicationNote]:
    """The notes of the association and the centre on the application, newest first. Only for the pages of those
    who follow the application up: never for the volunteer's pages or mails."""
    return (
        ApplicationNote.objects.filter(application=application).select_related("author").order_by("-created_at", "-pk")
    )


def own_application_for(opportunity: Opportunity, user: User) -> Application | None:
    """The person's application for the opportunity, as they see it under their applications, or None."""
    return own_applications(user).filter(opportunity=opportunity).first()


def open_for_sign_up(opportunity: Opportunity) -> bool:
    """Whether one can sign up for the opportunity now: the same test as the sign-up page's (published, and its
    organisation not archived), on an opportunity already loaded with its organisation."""
    return opportunity.status == OpportunityStatus.PUBLISHED and opportunity.organisation.archived_at is None
