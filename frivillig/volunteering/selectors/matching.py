"""Reads for explained matching: a volunteer's best open opportunities (across tenants), and the volunteers who
agreed to be suggested for one opportunity.

Both pre-filter candidates in the database (at most CANDIDATE_LIMIT, sharing a word or a nearby postcode, newest
first) and score them in Python with frivillig.volunteering.matching, so the number of queries is the same
whatever the size of the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import get_language

from frivillig.core.scoping import unscoped
from frivillig.crm.models import Tag
from frivillig.crm.selectors import represented_organisations
from frivillig.tenants.rules import is_centre_staff
from frivillig.volunteering.caching import cached
from frivillig.volunteering.matching import (
    WORD_VOCABULARIES,
    Audience,
    Match,
    OpportunityTraits,
    best,
    score,
    word_key,
    words_of_keys,
)
from frivillig.volunteering.models import Application, Opportunity, VolunteerProfile
from frivillig.volunteering.postcodes import nearby_prefix
from frivillig.volunteering.selectors.board import visible_opportunities

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frivillig.accounts.models import User
    from frivillig.tenants.models import Tenant

CANDIDATE_LIMIT = 300
SUGGESTION_LIMIT = 10
SUGGESTED_VOLUNTEER_LIMIT = 25

# The opportunity's word fields and the profile's list each is matched against.
WORD_FIELDS = {
    "target_groups": "interests",
    "activity_areas": "interests",
    "skills": "skills",
    "inclusion": "inclusion_needs",
}


def profile_of(user: User | AnonymousUser) -> VolunteerProfile | None:
    """The person's volunteer profile, or None before they have saved one (also for sign-up forms to prefill)."""
    if not user.is_authenticated:
        return None
    return VolunteerProfile.objects.filter(user=user).first()


def _with_words(queryset: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    with unscoped("the words of published opportunities already chosen, maybe from every tenant"):
        words = Tag.objects.only("pk", "slug", "label_da", "label_en", "vocabulary", "position")
    return queryset.prefetch_related(*(Prefetch(name, queryset=words) for name in WORD_FIELDS))


# What the list of suggestions shows; the long texts stay in the database.
SUGGESTION_FIELDS = (
    "pk",
    "tenant",
    "tenant__slug",
    "tenant__centre_name",
    "organisation",
    "organisation__name",
    "title",
    "summary",
    "postcode",
    "town",
    "is_remote",
    "status",
    "published_at",
)
# What scoring reads of each candidate, as plain values (cheaper than 300 model instances).
CANDIDATE_FIELDS = (
    "pk",
    "tenant_id",
    "postcode",
    "is_remote",
    "on_weekdays",
    "in_evenings",
    "at_weekends",
    "word_keys",
)


@dataclass(frozen=True)
class Suggestion:
    opportunity: Opportunity
    match: Match


def _words_of(winners: list[dict]) -> dict[int, dict[str, dict[str, str]]]:
    """{opportunity id: {word field: {key: label}}} for the winners (values with pk, tenant_id and word_keys): their
    keys, labelled by their tenants' words in the visitor's language and in each tenant's word order (position,
    then label), as the reasons name them. One query."""
    english = (get_language() or "da").startswith("en")
    keyed = {values["pk"]: words_of_keys(values["word_keys"]) for values in winners}
    slugs = {key for words in keyed.values() for keys in words.values() for key in keys}
    with unscoped("the words of published opportunities already chosen, maybe from every tenant"):
        tags = (
            Tag.objects.filter(
                tenant_id__in={values["tenant_id"] for values in winners},
                vocabulary__in=list(WORD_VOCABULARIES.values()),
                slug__in=slugs,
            )
            .order_by("position", "label_da", "pk")
            .values_list("tenant_id", "vocabulary", "slug", "label_da", "label_en")
        )
    labels: dict[tuple[int, str | None, str], str] = {
        (tenant_id, vocabulary, slug): label_en if english and label_en else label_da
        for tenant_id, vocabulary, slug, label_da, label_en in tags
    }
    order = {word: index for index, word in enumerate(labels)}
    result: dict[int, dict[str, dict[str, str]]] = {}
    for values in winners:
        tenant_id = values["tenant_id"]
        for name, keys in keyed[values["pk"]].items():
            # A key whose word has since been deleted has no label: it is no longer a word of the opportunity.
            found = [(tenant_id, WORD_VOCABULARIES.get(name), key) for key in keys]
            found = sorted((word for word in found if word in labels), key=order.__getitem__)
            result.setdefault(values["pk"], {})[name] = {word[2]: labels[word] for word in found}
    return result


def _traits(values: dict, words: dict[str, dict[str, str]]) -> OpportunityTraits:
    return OpportunityTraits(
        interests={**words.get("target_groups", {}), **words.get("activity_areas", {})},
        skills=words.get("skills", {}),
        inclusion=words.get("inclusion", {}),
        on_weekdays=values["on_weekdays"],
        in_evenings=values["in_evenings"],
        at_weekends=values["at_weekends"],
        postcode=values["postcode"],
        is_remote=values["is_remote"],
    )


def suggestions_for(profile: VolunteerProfile, *, limit: int = SUGGESTION_LIMIT) -> list[Suggestion]:
    """The best published opportunities of every active tenant for the profile, best first.

    Opportunities the person has already applied for are left out: they are in their applications. The answer is
    kept for a short while per profile version, set of applications and language (frivillig.volunteering.caching):
    then it costs one query (the applications); otherwise four, whatever the size of the board (see `_suggest`).
    """
    with unscoped("a person's own applications are theirs in every tenant"):
        applied = sorted(Application.objects.filter(user=profile.user_id).values_list("opportunity_id", flat=True))
    return cached(
        ("suggestions", profile.pk, profile.updated_at.isoformat(), tuple(applied), get_language(), limit),
        lambda: _suggest(profile, applied, limit),
    )


def _candidates(profile: VolunteerProfile) -> Q:
    """Opportunities that can be done from home, lie near the profile's postcode or share a word with it."""
    condition = Q(is_remote=True)
    prefix = nearby_prefix(profile.postcode)
    if prefix:
        condition |= Q(postcode__startswith=prefix)
    for field_name, profile_field in WORD_FIELDS.items():
        for key in getattr(profile, profile_field) or ():
            condition |= Q(word_keys__contains=word_key(field_name, key))
    return condition


def _suggest(profile: VolunteerProfile, applied: list[int], limit: int) -> list[Suggestion]:
    """The newest CANDIDATE_LIMIT opportunities on the board that pass `_candidates`, except those in `applied`,
    ranked in Python by their words' keys (read with the row, `Opportunity.word_keys`). The reasons name the words
    by their labels, in the opportunity's order: those are read for the winners only, which are then scored again
    with them (the same points, as labels give none). Three queries: the candidates, the winners' words, the
    winners for display."""
    candidates = list(
        visible_opportunities(None)
        .filter(_candidates(profile))
        .exclude(pk__in=applied)
        .order_by("-published_at", "-pk")
        .values(*CANDIDATE_FIELDS)[:CANDIDATE_LIMIT]
    )
    ranked = best(
        candidates,
        lambda values: score(profile, _traits(values, words_of_keys(values["word_keys"])), explain=False),
        limit=limit,
    )
    ids = [values["pk"] for values, _match in ranked]
    if not ids:
        return []
    words = _words_of([values for values, _match in ranked])
    with unscoped("the national board lists the published opportunities of every active tenant"):
        shown = Opportunity.objects.select_related("tenant", "organisation").only(*SUGGESTION_FIELDS).in_bulk(ids)
    return [
        Suggestion(shown[values["pk"]], score(profile, _traits(values, words.get(values["pk"], {}))))
        for values, _match in ranked
    ]


def _keeps_every_organisation(user: User, tenant: Tenant) -> bool:
    return is_centre_staff(user, tenant)


def opportunity_for_suggestions(user: User, tenant: Tenant) -> QuerySet[Opportunity]:
    """The opportunities whose suggested volunteers this person may see: every one of the tenant for centre staff,
    their own associations' for representatives (any other is not found)."""
    queryset = Opportunity.objects.filter(tenant=tenant)
    if not _keeps_every_organisation(user, tenant):
        queryset = queryset.filter(organisation__in=represented_organisations(user, tenant))
    return _with_words(queryset.select_related("organisation"))


@dataclass(frozen=True)
class SuggestedVolunteer:
    first_name: str
    postcode: str
    match: Match


def _first_name(full_name: str) -> str:
    parts = (full_name or "").split()
    return parts[0] if parts else ""


def suggested_volunteers(
    opportunity: Opportunity, *, limit: int = SUGGESTED_VOLUNTEER_LIMIT
) -> list[SuggestedVolunteer]:
    """Volunteers who agreed to be suggested, best match first, with only what they agreed to show: first name,
    postcode, interests. Contact details and private notes are not even read. People who already applied are in
    the pipeline, not here."""
    traits = OpportunityTraits.of(opportunity)
    condition = Q()
    for words, profile_field in (
        (traits.interests, "interests"),
        (traits.skills, "skills"),
        (traits.inclusion, "inclusion_needs"),
    ):
        for key in words:
            # The JSON list holds the keys as quoted strings on both databases; keys are slugs, so no wildcards.
            condition |= Q(**{f"{profile_field}__icontains": f'"{key}"'})
    prefix = nearby_prefix(opportunity.postcode)
    if prefix and not opportunity.is_remote:
        condition |= Q(postcode__startswith=prefix)
    applicants = Application.objects.filter(opportunity=opportunity, user__isnull=False).values("user_id")
    profiles = (
        VolunteerProfile.objects.filter(condition, open_to_suggestions=True, user__is_active=True)
        .exclude(user__in=applicants)
        .select_related("user")
        .only(
            "pk",
            "user",
            "user__full_name",
            "interests",
            "skills",
            "inclusion_needs",
            "on_weekdays",
            "in_evenings",
            "at_weekends",
            "postcode",
            "updated_at",
        )
        .order_by("-updated_at", "-pk")[:CANDIDATE_LIMIT]
    )
    ranked = best(profiles, lambda profile: score(profile, traits, audience=Audience.ASSOCIATION), limit=limit)
    return [
        SuggestedVolunteer(first_name=_first_name(profile.user.full_name), postcode=profile.postcode, match=match)
        for profile, match in ranked
    ]
