"""The volunteer's own profile (national): what they care about, can do and need, used for suggestions and to
prefill sign-ups."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from frivillig.core.permissions import AUTHENTICATED, view_permission
from frivillig.volunteering.forms.profile import VolunteerProfileForm
from frivillig.volunteering.selectors.matching import profile_of
from frivillig.volunteering.services.profile import volunteer_profile_save


@view_permission(AUTHENTICATED)
def volunteer_profile(request):
    profile = profile_of(request.user)
    form = VolunteerProfileForm(
        request.POST if request.method == "POST" else None, initial=VolunteerProfileForm.initial_for(profile)
    )
    if request.method == "POST" and form.is_valid():
        volunteer_profile_save(user=request.user, **form.profile_values())
        messages.success(request, _("Your volunteer profile has been saved."))
        return redirect("national:volunteer_profile")
    return render(request, "volunteering/volunteerprofile_form.html", {"form": form, "profile": profile})


urlpatterns: list = []
national_urlpatterns = [
    path("min-side/frivilligprofil/", volunteer_profile, name="volunteer_profile"),
]
