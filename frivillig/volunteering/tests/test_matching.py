"""The scoring function and the postcode approximation: pure, no database."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from frivillig.volunteering.matching import MAX_POINTS, Audience, OpportunityTraits, best, score
from frivillig.volunteering.postcodes import Proximity, nearby_prefix, proximity


def volunteer(**fields):
    values = {
        "interests": [],
        "skills": [],
        "inclusion_needs": [],
        "on_weekdays": False,
        "in_evenings": False,
        "at_weekends": False,
        "postcode": "",
    }
    values.update(fields)
    return SimpleNamespace(**values)


PROFILE = volunteer(
    interests=["aeldre", "besoegsvenner"],
    skills=["madlavning"],
    inclusion_needs=["lidt-dansk"],
    in_evenings=True,
    postcode="4180",
)

OPPORTUNITIES = {
    "coffee": OpportunityTraits(
        interests={"aeldre": "Older people", "besoegsvenner": "Visiting friends"},
        inclusion={"lidt-dansk": "Suitable with little Danish", "mentor": "Comes with a mentor or buddy"},
        in_evenings=True,
        postcode="4180",
    ),
    "cooking": OpportunityTraits(
        interests={"lektiehjaelp": "Homework help"},
        skills={"madlavning": "Cooking"},
        at_weekends=True,
        is_remote=True,
    ),
    "walks": OpportunityTraits(interests={"aeldre": "Older people"}, on_weekdays=True, postcode="4100"),
    "football": OpportunityTraits(
        interests={"boern-og-unge": "Children and young people"}, in_evenings=True, postcode="4000"
    ),
    "far_away": OpportunityTraits(interests={"idraet": "Sport and exercise"}, at_weekends=True, postcode="8000"),
}


def test_score_pins_the_order_and_the_reasons_of_a_small_case():
    with translation.override("en"):
        ranked = best(OPPORTUNITIES.items(), lambda item: score(PROFILE, item[1]), limit=10)

    assert [(name, match.score, match.reasons) for (name, _traits), match in ranked] == [
        (
            "coffee",
            0.6,
            [
                "matches your interest in older people",
                "matches your interest in visiting friends",
                "close to you",
                "in the evenings",
                "suits you: suitable with little Danish",
            ],
        ),
        ("walks", 0.25, ["matches your interest in older people", "close to you"]),
        ("cooking", 0.2, ["uses your skills in cooking", "can be done from home"]),
        ("football", 0.1, ["in your part of the country", "in the evenings"]),
    ]


def test_score_without_reasons_gives_the_same_scores():
    for traits in OPPORTUNITIES.values():
        quick = score(PROFILE, traits, explain=False)
        assert quick.score == score(PROFILE, traits).score
        assert quick.reasons == []


def test_score_without_anything_in_common_is_zero_and_left_out_of_the_best():
    match = score(PROFILE, OPPORTUNITIES["far_away"])
    assert (match.score, match.reasons) == (0.0, [])
    assert "far_away" not in [
        name for (name, _traits), _match in best(OPPORTUNITIES.items(), lambda i: score(PROFILE, i[1]), limit=10)
    ]


def test_score_counts_at_most_two_shared_words_of_a_kind():
    many = volunteer(interests=["a", "b", "c", "d"])
    traits = OpportunityTraits(interests={"a": "A", "b": "B", "c": "C", "d": "D"})
    match = score(many, traits)
    assert match.score == round(6 / MAX_POINTS, 4)
    assert len(match.reasons) == 4  # every shared word is still a reason


def test_score_top_scores_one():
    everything = volunteer(
        interests=["a", "b"],
        skills=["s", "t"],
        inclusion_needs=["x", "y"],
        on_weekdays=True,
        in_evenings=True,
        at_weekends=True,
        postcode="4180",
    )
    traits = OpportunityTraits(
        interests={"a": "A", "b": "B"},
        skills={"s": "S", "t": "T"},
        inclusion={"x": "X", "y": "Y"},
        on_weekdays=True,
        in_evenings=True,
        at_weekends=True,
        postcode="4180",
    )
    assert score(everything, traits).score == 1.0


def test_score_reasons_for_the_association_speak_about_the_volunteer():
    with translation.override("en"):
        match = score(PROFILE, OPPORTUNITIES["walks"], audience=Audience.ASSOCIATION)
    assert match.reasons == ["interested in older people", "lives close by"]
    assert match.interests == ["Older people"]


def test_score_keeps_abbreviations_in_capitals():
    with translation.override("en"):
        match = score(volunteer(skills=["it"]), OpportunityTraits(skills={"it": "IT"}))
    assert match.reasons == ["uses your skills in IT"]


def test_best_keeps_the_given_order_for_equal_scores():
    same = OpportunityTraits(interests={"aeldre": "Older people"})
    ranked = best(["newest", "older", "oldest"], lambda _name: score(PROFILE, same), limit=2)
    assert [name for name, _match in ranked] == ["newest", "older"]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("4180", "4180", Proximity.SAME),
        ("4180", "4100", Proximity.NEARBY),
        ("4180", "4000", Proximity.REGION),
        ("4180", "8000", Proximity.FAR),
        ("4180", "", None),
        ("12a", "1234", None),
        (None, "1234", None),
    ],
)
def test_proximity_of_postcodes(first, second, expected):
    assert proximity(first, second) == expected


def test_nearby_prefix_is_empty_for_unknown_postcodes():
    assert nearby_prefix("4180") == "41"
    assert nearby_prefix("41") == ""
