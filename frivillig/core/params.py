"""One way to read numbers, ids, dates and return addresses from what a visitor sends.

Anything typed into a URL or a form reaches the database or date arithmetic only through these readers, so a
20-digit id, year 9999 or a bare word never becomes a 500: out of range is "not there" (`None`: an ignored
filter, a 404, the first page) here, and a form error in the form fields (core.formfields, installed for every
form of the project).
"""

import re
from datetime import date

from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme

# The largest value a 64-bit signed integer column (every primary key) holds, on SQLite and PostgreSQL alike.
MAX_INT = 2**63 - 1
MIN_INT = -(2**63)
# Real dates in this domain (a follow-up, "open until", a member's start, a report period) lie in this range;
# anything outside it is a typing error, and date arithmetic near year 1 or 9999 overflows.
MIN_YEAR = 1900
MAX_YEAR = 2100

# Only ASCII digits: str.isdigit() also accepts "²", which int() refuses.
_INTEGER = re.compile(r"[+-]?[0-9]{1,19}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_int(value, *, minimum: int = MIN_INT, maximum: int = MAX_INT) -> int | None:
    """The integer written in `value`, or None when it is not one or lies outside [minimum, maximum]."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value if value is not None else "").strip()
        if not _INTEGER.fullmatch(text):
            return None
        number = int(text)
    return number if minimum <= number <= maximum else None


def parse_id(value) -> int | None:
    """A primary key: a positive integer that fits the database's 64-bit columns, or None."""
    return parse_int(value, minimum=1)


def parse_date(value, *, min_year: int = MIN_YEAR, max_year: int = MAX_YEAR) -> date | None:
    """A date written as YYYY-MM-DD within the years given, or None."""
    if isinstance(value, date):
        parsed = value
    else:
        text = str(value if value is not None else "").strip()
        if not _ISO_DATE.fullmatch(text):
            return None
        try:
            parsed = date.fromisoformat(text)
        except ValueError:
            return None
    return parsed if min_year <= parsed.year <= max_year else None


def get_int(params, name: str, *, minimum: int = MIN_INT, maximum: int = MAX_INT) -> int | None:
    return parse_int(params.get(name), minimum=minimum, maximum=maximum)


def get_id(params, name: str) -> int | None:
    """`?organisation=<pk>` and the like: None when absent or not a possible id (treat it as "not chosen")."""
    return parse_id(params.get(name))


def get_ids(params, name: str) -> list[int]:
    """Every possible id among the values of a multi-valued parameter; the others are dropped."""
    values = params.getlist(name) if hasattr(params, "getlist") else [params.get(name)]
    return [number for number in (parse_id(value) for value in values) if number is not None]


def get_date(params, name: str, *, min_year: int = MIN_YEAR, max_year: int = MAX_YEAR) -> date | None:
    return parse_date(params.get(name), min_year=min_year, max_year=max_year)


def id_or_404(value) -> int:
    """For ids that name the object a page is about: an impossible id is simply not found."""
    number = parse_id(value)
    if number is None:
        raise Http404
    return number


def parse_page(value) -> int:
    """A page number as Paginator.get_page reads it (not a number → the first page; a number below one or past
    the end → the last), kept to a size the database's OFFSET takes: a longer run of digits is "past the end"."""
    number = parse_int(value)
    if number is not None:
        return number
    return MAX_INT if re.fullmatch(r"[0-9]+", str(value if value is not None else "").strip()) else 1


def page_number(params, name: str = "side") -> int:
    return parse_page(params.get(name))


def safe_next(request, fallback: str) -> str:
    """The `next` the request names (posted or in the query), if it is a path on this site; else `fallback`.

    Only a local path is accepted: `redirect()` would read a bare word ("abc") as the name of a URL pattern and
    fail, and anything with a scheme or host could send the visitor elsewhere.
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and not any(character < " " or character == "\x7f" for character in target)
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return fallback
