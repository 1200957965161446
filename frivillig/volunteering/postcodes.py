"""How near two Danish postcodes are, without a map.

Danish postcodes are handed out by area: the first digit names a part of the country (1 and 2 Copenhagen,
3 North Zealand and Bornholm, 4 the rest of Zealand, Lolland-Falster and Møn, 5 Funen, 6 South Jutland,
7 West and Central Jutland, 8 East Jutland, 9 North Jutland), and the first two digits usually a town and its
neighbours (4100 Ringsted and 4180 Sorø share "41"). So the approximation is:

- SAME: the same postcode;
- NEARBY: the same first two digits;
- REGION: the same first digit;
- FAR: anything else.

It is honest about being rough: neighbouring towns across a boundary of the numbering (2800 Kongens Lyngby and
3460 Birkerød) count as far, central Copenhagen's 1xxx and its suburbs' 2xxx are different regions, and Bornholm
(37xx) shares its first digit with North Zealand across the sea. It costs no data and no look-ups, and it only
decides a small part of a match (see frivillig.volunteering.matching). An unknown or malformed postcode is
"unknown" (None), never near.
"""

import re
from enum import IntEnum

_POSTCODE = re.compile(r"\d{4}")


class Proximity(IntEnum):
    FAR = 0
    REGION = 1
    NEARBY = 2
    SAME = 3


def is_postcode(value: str | None) -> bool:
    return bool(value) and _POSTCODE.fullmatch(value) is not None


def proximity(first: str | None, second: str | None) -> Proximity | None:
    """How near the two postcodes are, or None when either is missing or not four digits."""
    if not (is_postcode(first) and is_postcode(second)):
        return None
    if first == second:
        return Proximity.SAME
    if first[:2] == second[:2]:
        return Proximity.NEARBY
    if first[0] == second[0]:
        return Proximity.REGION
    return Proximity.FAR


def nearby_prefix(postcode: str | None) -> str:
    """The leading digits a postcode shares with its NEARBY neighbours ("" when unknown), for database filters."""
    return postcode[:2] if is_postcode(postcode) else ""
