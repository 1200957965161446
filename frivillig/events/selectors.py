"""Reads shared by the events pages: the event a staff page is about."""

from django.shortcuts import get_object_or_404

from frivillig.events.models import Event


def event_for_staff(pk: int) -> Event:
    """An event of the current tenant (the scope is open), whatever its status; another tenant's answers 404."""
    return get_object_or_404(Event.objects.select_related("campaign", "evaluation_survey"), pk=pk)
