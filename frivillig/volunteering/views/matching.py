"""Explained matching: "Forslag til dig" for a volunteer (national), and suggested volunteers for an opportunity
(its association and the centre staff)."""

from django.shortcuts import get_object_or_404, render
from django.urls import path

from frivillig.core.permissions import AUTHENTICATED, view_permission
from frivillig.volunteering.selectors.matching import (
    opportunity_for_suggestions,
    profile_of,
    suggested_volunteers,
    suggestions_for,
)


@view_permission(AUTHENTICATED)
def suggestions(request):
    profile = profile_of(request.user)
    context = {"profile": profile, "suggestions": suggestions_for(profile) if profile is not None else []}
    return render(request, "volunteering/matching_suggestions.html", context)


@view_permission("volunteering.see_suggested_volunteers")
def suggested_volunteers_view(request, tenant_slug: str, pk: int):
    opportunity = get_object_or_404(opportunity_for_suggestions(request.user, request.tenant), pk=pk)
    context = {"opportunity": opportunity, "volunteers": suggested_volunteers(opportunity)}
    return render(request, "volunteering/matching_suggested_volunteers.html", context)


urlpatterns = [
    path(
        "frivilligjob/administration/<int:pk>/forslag/",
        suggested_volunteers_view,
        name="suggested_volunteers",
    ),
]
national_urlpatterns = [
    path("min-side/forslag/", suggestions, name="suggestions"),
]
