"""Explained matching between a volunteer's profile and an opportunity: a score and the reasons in words.

`score(profile, opportunity)` is pure: it reads only its two arguments (and the active language, for the
reasons). The profile side is anything shaped like a VolunteerProfile (vocabulary keys in `interests`, `skills`,
`inclusion_needs`; `on_weekdays`, `in_evenings`, `at_weekends`; `postcode`); the opportunity side is an
`OpportunityTraits`, built from a saved opportunity with `OpportunityTraits.of(opportunity)`. Words meet by their
shared vocabulary key (the Tag slug), so a national profile matches opportunities in every tenant; the reasons
use the opportunity's own label of the word, in the visitor's language.

The formula (points, then scaled to 0…1):

    points = 3 * min(interests, 2)      interests: the volunteer's interests among the opportunity's
                                          target groups and activity areas
           + 2 * min(skills, 2)          skills: the volunteer's skills among the skills wanted
           + distance                    3 the same postcode; 2 the same first two digits, or the opportunity
                                          can be done from home; 1 the same first digit; 0 farther or unknown
                                          (see frivillig.volunteering.postcodes)
           + 1 * times                   times: weekdays, evenings, weekends that both name (0 to 3)
           + 2 * min(inclusion, 2)       inclusion: the opportunity's inclusion words the volunteer wants
                                          ("suitable with little Danish", "bring a friend", …)
    score  = points / 20

Why these weights: what someone cares about (interests) weighs most; what they can do (skills) and what makes
it possible for them to take part at all (inclusion) come next; distance and time of the week refine the order
among those. The caps stop an opportunity tagged with every word from winning by quantity. A score of 0 means
nothing in common, and such an opportunity is not suggested. Ties keep the caller's order (newest first).

Each point-giving signal brings one reason, in this order: interests (in the opportunity's word order),
skills, place, times, inclusion; e.g. "matches your interest in older people", "close to you",
"in the evenings", "suits you: suitable with little Danish".
"""

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol, TypeVar

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from frivillig.crm.enums import Vocabulary
from frivillig.volunteering.postcodes import Proximity, proximity

INTEREST_POINTS = 3
SKILL_POINTS = 2
INCLUSION_POINTS = 2
TIME_POINTS = 1
COUNTED_WORDS = 2  # at most this many shared words of one kind give points
DISTANCE_POINTS = {Proximity.SAME: 3, Proximity.NEARBY: 2, Proximity.REGION: 1, Proximity.FAR: 0}
REMOTE_POINTS = DISTANCE_POINTS[Proximity.NEARBY]
MAX_POINTS = (
    INTEREST_POINTS * COUNTED_WORDS
    + SKILL_POINTS * COUNTED_WORDS
    + DISTANCE_POINTS[Proximity.SAME]
    + TIME_POINTS * 3
    + INCLUSION_POINTS * COUNTED_WORDS
)
TIMES = ("on_weekdays", "in_evenings", "at_weekends")


class Audience(Enum):
    """Who reads the reasons: the volunteer ("close to you") or the association ("lives close by")."""

    VOLUNTEER = "volunteer"
    ASSOCIATION = "association"


class ProfileLike(Protocol):
    interests: Collection[str]
    skills: Collection[str]
    inclusion_needs: Collection[str]
    on_weekdays: bool
    in_evenings: bool
    at_weekends: bool
    postcode: str


@dataclass(frozen=True)
class OpportunityTraits:
    """What matching needs to know about an opportunity. Word maps are key → label, in display order."""

    interests: Mapping[str, str] = field(default_factory=dict)
    skills: Mapping[str, str] = field(default_factory=dict)
    inclusion: Mapping[str, str] = field(default_factory=dict)
    on_weekdays: bool = False
    in_evenings: bool = False
    at_weekends: bool = False
    postcode: str = ""
    is_remote: bool = False

    @classmethod
    def of(cls, opportunity) -> "OpportunityTraits":
        """From a saved opportunity; prefetch its target_groups, activity_areas, skills and inclusion."""

        def words(*managers) -> dict[str, str]:
            return {tag.slug: tag.label for manager in managers for tag in manager.all()}

        return cls(
            interests=words(opportunity.target_groups, opportunity.activity_areas),
            skills=words(opportunity.skills),
            inclusion=words(opportunity.inclusion),
            on_weekdays=opportunity.on_weekdays,
            in_evenings=opportunity.in_evenings,
            at_weekends=opportunity.at_weekends,
            postcode=opportunity.postcode,
            is_remote=opportunity.is_remote,
        )


@dataclass(frozen=True)
class Match:
    score: float
    reasons: list[str]
    interests: list[str] = field(default_factory=list)  # labels of the shared interests, for lists of volunteers


def _word(label: str) -> str:
    """A label inside a sentence: "Ældre" → "ældre", but "IT" stays "IT"."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _shared(wanted: Collection[str], offered: Mapping[str, str]) -> list[str]:
    # A profile names a handful of words: looking them up in its list is cheaper than building a set each time.
    if not offered or not wanted:
        return []
    return [label for key, label in offered.items() if key in wanted]


_TEXTS: dict[tuple[str, Audience], dict[str, str]] = {}


def _texts(audience: Audience) -> dict[str, str]:
    """The reason texts in the active language, translated once per language: scoring 300 candidates would
    otherwise spend most of its time in gettext."""
    key = (get_language() or "", audience)
    if key not in _TEXTS:
        _TEXTS[key] = _translated_texts(audience)
    return _TEXTS[key]


def _translated_texts(audience: Audience) -> dict[str, str]:
    if audience is Audience.ASSOCIATION:
        return {
            "interest": _("interested in %(word)s"),
            "skill": _("has skills in %(word)s"),
            "same": _("lives close by"),
            "nearby": _("lives close by"),
            "region": _("lives in the same part of the country"),
            "remote": _("the opportunity can be done from home"),
            "on_weekdays": _("available on weekdays"),
            "in_evenings": _("available in the evenings"),
            "at_weekends": _("available at weekends"),
            "inclusion": _("looks for: %(word)s"),
        }
    return {
        "interest": _("matches your interest in %(word)s"),
        "skill": _("uses your skills in %(word)s"),
        "same": _("close to you"),
        "nearby": _("close to you"),
        "region": _("in your part of the country"),
        "remote": _("can be done from home"),
        "on_weekdays": _("on weekdays"),
        "in_evenings": _("in the evenings"),
        "at_weekends": _("at weekends"),
        "inclusion": _("suits you: %(word)s"),
    }


def score(
    profile: ProfileLike,
    opportunity: OpportunityTraits,
    *,
    audience: Audience = Audience.VOLUNTEER,
    explain: bool = True,
) -> Match:
    """How well the opportunity suits the profile (0…1), and why, in words. See the module's docstring.
    With explain=False only the score (and the shared interests) is worked out: for ranking many candidates, where
    only the winners' reasons are shown."""
    points = 0
    reasons: list[str] = []
    texts = _texts(audience) if explain else {}

    interests = _shared(profile.interests, opportunity.interests)
    points += INTEREST_POINTS * min(len(interests), COUNTED_WORDS)
    skills = _shared(profile.skills, opportunity.skills)
    points += SKILL_POINTS * min(len(skills), COUNTED_WORDS)
    if explain:
        reasons += [texts["interest"] % {"word": _word(label)} for label in interests]
        reasons += [texts["skill"] % {"word": _word(label)} for label in skills]

    if opportunity.is_remote:
        points += REMOTE_POINTS
        if explain:
            reasons.append(texts["remote"])
    else:
        near = proximity(profile.postcode, opportunity.postcode)
        if near is not None and near is not Proximity.FAR:
            points += DISTANCE_POINTS[near]
            if explain:
                reasons.append(texts[{Proximity.SAME: "same", Proximity.NEARBY: "nearby"}.get(near, "region")])

    for time in TIMES:
        if getattr(profile, time) and getattr(opportunity, time):
            points += TIME_POINTS
            if explain:
                reasons.append(texts[time])

    inclusion = _shared(profile.inclusion_needs, opportunity.inclusion)
    points += INCLUSION_POINTS * min(len(inclusion), COUNTED_WORDS)
    if explain:
        reasons += [texts["inclusion"] % {"word": _word(label)} for label in inclusion]

    return Match(score=round(points / MAX_POINTS, 4), reasons=reasons, interests=interests)


# --- the words' keys as one text (Opportunity.word_keys) --------------------------------------------------------
# The suggestions pre-filter and rank candidates by their words' keys alone, read with the row; only the winners'
# labels are read for the reasons.

# An opportunity's word relations, and the vocabulary of each (the order is that of the text).
WORD_VOCABULARIES = {
    "target_groups": Vocabulary.TARGET_GROUP,
    "activity_areas": Vocabulary.ACTIVITY_AREA,
    "skills": Vocabulary.SKILL,
    "inclusion": Vocabulary.INCLUSION,
}
WORD_KEY_FIELDS = tuple(WORD_VOCABULARIES)


def word_key(field_name: str, key: str) -> str:
    """One word as it stands in the text, spaces included: " target_groups:aeldre "."""
    return f" {field_name}:{key} "


def word_keys_text(words: Mapping[str, Iterable[str]]) -> str:
    """{"target_groups": ["aeldre"], "skills": ["madlavning"]} → " target_groups:aeldre skills:madlavning "."""
    keys = [f"{name}:{key}" for name in WORD_KEY_FIELDS for key in sorted(set(words.get(name, ())))]
    return f" {' '.join(keys)} " if keys else ""


def words_of_keys(text: str) -> dict[str, dict[str, str]]:
    """The inverse of word_keys_text, as OpportunityTraits wants them (each key its own label)."""
    words: dict[str, dict[str, str]] = {}
    for item in (text or "").split():
        name, _, key = item.partition(":")
        words.setdefault(name, {})[key] = key
    return words


T = TypeVar("T")


def best(items: Iterable[T], match_of: Callable[[T], Match], *, limit: int) -> list[tuple[T, Match]]:
    """The `limit` best-matching items with their matches, best first; items with nothing in common are left out.
    Equal scores keep the order of `items`."""
    scored = [(item, match_of(item)) for item in items]
    scored = [pair for pair in scored if pair[1].score > 0]
    scored.sort(key=lambda pair: -pair[1].score)
    return scored[:limit]
