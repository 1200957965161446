"""Writes of the volunteer's own profile (national: it belongs to the user, not to a tenant)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from frivillig.core.consent import consent_give, consent_withdraw
from frivillig.core.enums import ConsentMethod
from frivillig.volunteering.models import VolunteerProfile
from frivillig.volunteering.privacy import SUGGESTIONS_CONSENT

if TYPE_CHECKING:
    from frivillig.accounts.models import User


@transaction.atomic
def volunteer_profile_save(
    *,
    user: User,
    interests: list[str],
    skills: list[str],
    inclusion_needs: list[str],
    on_weekdays: bool,
    in_evenings: bool,
    at_weekends: bool,
    postcode: str,
    languages: str,
    private_notes: str,
    open_to_suggestions: bool,
) -> VolunteerProfile:
    """Create the profile on the first save, update it afterwards.

    Not written to the audit log: the log is the tenants' record of what their staff and associations did, and
    a person's own profile (with private notes) is nobody else's business.
    """
    # Locks the row when it exists, so two tabs saving at once end as one profile with the last values.
    profile = VolunteerProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        profile = VolunteerProfile(user=user)
    was_open = profile.open_to_suggestions
    profile.interests = list(dict.fromkeys(interests))
    profile.skills = list(dict.fromkeys(skills))
    profile.inclusion_needs = list(dict.fromkeys(inclusion_needs))
    profile.on_weekdays = on_weekdays
    profile.in_evenings = in_evenings
    profile.at_weekends = at_weekends
    profile.postcode = postcode
    profile.languages = languages.strip()
    profile.private_notes = private_notes.strip()
    profile.open_to_suggestions = open_to_suggestions
    profile.full_clean(exclude=["user"])
    profile.save()
    # Being suggested to associations is a consent: each change is a row in the ledger, with the words the form
    # showed in the person's language; unticking stops the suggestions at once (the boolean is the current state).
    if open_to_suggestions and not was_open:
        consent_give(purpose=SUGGESTIONS_CONSENT, subject=user, method=ConsentMethod.WEB_FORM, actor=user, tenant=None)
    elif was_open and not open_to_suggestions:
        consent_withdraw(purpose=SUGGESTIONS_CONSENT, subject=user, method=ConsentMethod.WEB_FORM, actor=user)
    return profile
