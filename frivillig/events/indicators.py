"""The events' indicators for the strategy's targets: events held, the organisations that registered, attended
and completed, the people who attended, and the attendance rate, each for events of a kind and/or a theme.

The counts come from `selectors_strategy`, which says what "held", "attended" and "completed" mean and that an
event belongs to the period in which it *ends* (Danish dates, both days included). The counted records are the
events, the organisations (each with the events it took part in) and the people, each with its staff page.

`moments` are the days on which the published, not cancelled events of the kind and theme end in the period,
those still to come included: a target's pace follows the course dates instead of a straight line, and a target
that an event must happen knows that it is planned.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frivillig.core.indicators import CountedRecord, Indicator, Measurement, Param, ParamKind, Shape
from frivillig.events.application_sources import CAMPAIGN_SOURCE
from frivillig.events.enums import EventKind
from frivillig.events.selectors_strategy import (
    Stage,
    attendance_rate,
    events_held,
    events_of_period,
    organisations_taking_part,
    people_taking_part,
    registrations_taking_part,
)

# How many events an organisation's or a person's record names before it says how many more there are.
EVENTS_NAMED = 3


def kind_choices(tenant) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in EventKind.choices]


def theme_choices(tenant) -> list[tuple[str, str]]:
    """The tenant's theme words in use, in their vocabulary's order."""
    from frivillig.crm.enums import Vocabulary
    from frivillig.crm.models import Tag

    tags = Tag.objects.filter(tenant=tenant, vocabulary=Vocabulary.THEME, is_active=True).order_by(
        "position", "label_da", "pk"
    )
    return [(str(tag.pk), tag.label) for tag in tags]


KIND = Param(
    "kind",
    ParamKind.CHOICE,
    "Slags arrangement",
    "Kind of event",
    required=False,
    choices=kind_choices,
    help_da="Tomt: alle slags arrangementer.",
    help_en="Empty: events of every kind.",
)
THEME = Param(
    "theme",
    ParamKind.CHOICE,
    "Tema",
    "Theme",
    required=False,
    choices=theme_choices,
    help_da="Tomt: arrangementer om alle temaer.",
    help_en="Empty: events on every theme.",
)


class _NoSuchTheme(Exception):
    """The target names a theme word the tenant no longer has: nothing can match it."""


def _filters(tenant, kind: str | None, theme: str | None) -> dict:
    from frivillig.crm.enums import Vocabulary
    from frivillig.crm.models import Tag

    tag = None
    if theme:
        tag = (
            Tag.objects.filter(tenant=tenant, vocabulary=Vocabulary.THEME, pk=int(theme)).first()
            if theme.isdigit()
            else None
        )
        if tag is None:
            raise _NoSuchTheme(theme)
    return {"kind": kind or None, "theme": tag}


def _day(moment) -> date:
    return timezone.localdate(moment)


def _shown_day(moment) -> str:
    return date_format(_day(moment), "SHORT_DATE_FORMAT")


def _moments(*, tenant, starts_on: date, ends_on: date, filters: dict) -> list[date]:
    ends = events_of_period(tenant=tenant, starts_on=starts_on, ends_on=ends_on, **filters).values_list(
        "ends_at", flat=True
    )
    return sorted(_day(moment) for moment in ends)


def _event_url(tenant, event_pk: int) -> str:
    return reverse("events:event_manage", kwargs={"tenant_slug": tenant.slug, "pk": event_pk})


def _events_named(events: Sequence[tuple[str, object]]) -> str:
    """'Course (06.03.2018); Dialogue meeting (02.05.2018) and 2 more' for the events a record took part in."""
    named = "; ".join(f"{title} ({_shown_day(ends_at)})" for title, ends_at in events[:EVENTS_NAMED])
    rest = len(events) - EVENTS_NAMED
    if rest > 0:
        return _("%(events)s and %(count)s more") % {"events": named, "count": rest}
    return named


def _events_by(rows: Iterable[tuple[int, int, str, object]]) -> dict[int, list[tuple[str, object]]]:
    """The events of each owner (an organisation, a registration) from rows (owner, event, title, end), once each."""
    found: dict[int, dict[int, tuple[str, object]]] = {}
    for owner, event_pk, title, ends_at in rows:
        found.setdefault(owner, {})[event_pk] = (title, ends_at)
    return {owner: sorted(events.values(), key=lambda event: (event[1], event[0])) for owner, events in found.items()}


def _empty(*, tenant, starts_on: date, ends_on: date, level: bool = False) -> Measurement:
    return Measurement(value=None if level else Decimal(0))


def measure_events_held(
    *, tenant, starts_on: date, ends_on: date, kind=None, theme=None, records: bool = True
) -> Measurement:
    try:
        filters = _filters(tenant, kind, theme)
    except _NoSuchTheme:
        return _empty(tenant=tenant, starts_on=starts_on, ends_on=ends_on)
    counted = events_held(tenant=tenant, starts_on=starts_on, ends_on=ends_on, **filters)
    listed = [
        CountedRecord(
            key=f"events.event:{event.pk}",
            label=event.title,
            url=_event_url(tenant, event.pk),
            detail=_shown_day(event.ends_at),
        )
        for event in (counted.records if records else [])
    ]
    return Measurement(
        value=Decimal(counted.number),
        records=listed,
        moments=_moments(tenant=tenant, starts_on=starts_on, ends_on=ends_on, filters=filters),
    )


def _organisations(stage: Stage):
    def measure(*, tenant, starts_on: date, ends_on: date, kind=None, theme=None, records: bool = True) -> Measurement:
        try:
            filters = _filters(tenant, kind, theme)
        except _NoSuchTheme:
            return _empty(tenant=tenant, starts_on=starts_on, ends_on=ends_on)
        period = {"tenant": tenant, "starts_on": starts_on, "ends_on": ends_on, **filters}
        counted = organisations_taking_part(stage=stage, **period)
        moments = _moments(tenant=tenant, starts_on=starts_on, ends_on=ends_on, filters=filters)
        if not records:
            return Measurement(value=Decimal(counted.number), moments=moments)
        rows = (
            registrations_taking_part(stage=stage, **period)
            .exclude(organisation=None)
            .values_list("organisation_id", "event_id", "event__title", "event__ends_at")
            .order_by()
        )
        events = _events_by(rows)
        listed = [
            CountedRecord(
                key=f"crm.organisation:{organisation.pk}",
                label=organisation.name,
                url=reverse("crm:organisation_detail", kwargs={"tenant_slug": tenant.slug, "pk": organisation.pk}),
                detail=_events_named(events.get(organisation.pk, [])),
            )
            for organisation in counted.records
        ]
        return Measurement(value=Decimal(counted.number), records=listed, moments=moments)

    measure.__name__ = f"measure_organisations_{stage}"
    return measure


def measure_people_attended(
    *, tenant, starts_on: date, ends_on: date, kind=None, theme=None, records: bool = True
) -> Measurement:
    """Each person once (by account or e-mail address); the record's key is their first registration's, so that
    a published report keeps no e-mail address, and its page the event of that registration."""
    from frivillig.events.models import Registration

    try:
        filters = _filters(tenant, kind, theme)
    except _NoSuchTheme:
        return _empty(tenant=tenant, starts_on=starts_on, ends_on=ends_on)
    counted = people_taking_part(tenant=tenant, starts_on=starts_on, ends_on=ends_on, stage=Stage.ATTENDED, **filters)
    moments = _moments(tenant=tenant, starts_on=starts_on, ends_on=ends_on, filters=filters)
    if not records:
        return Measurement(value=Decimal(counted.number), moments=moments)
    registration_pks = [pk for person in counted.records for pk in person.registrations]
    rows = (
        Registration.objects.filter(tenant=tenant, pk__in=registration_pks)
        .values_list("pk", "event_id", "event__title", "event__ends_at")
        .order_by()
    )
    events = _events_by(rows)
    event_of = {pk: event_pk for pk, event_pk, _title, _ends in rows}
    listed = []
    for person in counted.records:
        first = min(person.registrations)
        attended = sorted(
            {event for pk in person.registrations for event in events.get(pk, [])},
            key=lambda event: (event[1], event[0]),
        )
        listed.append(
            CountedRecord(
                key=f"events.registration:{first}",
                label=person.full_name or _("(no name given)"),
                url=_event_url(tenant, event_of[first]) if first in event_of else "",
                detail=_events_named(attended),
            )
        )
    return Measurement(value=Decimal(counted.number), records=listed, moments=moments)


def measure_attendance_rate(
    *, tenant, starts_on: date, ends_on: date, kind=None, theme=None, records: bool = True
) -> Measurement:
    """The share in per cent (one decimal); no data when nobody was registered for an event held."""
    try:
        filters = _filters(tenant, kind, theme)
    except _NoSuchTheme:
        return _empty(tenant=tenant, starts_on=starts_on, ends_on=ends_on, level=True)
    rate = attendance_rate(tenant=tenant, starts_on=starts_on, ends_on=ends_on, **filters)
    value = None
    if rate.registered_places:
        value = (Decimal(100 * rate.attended_places) / Decimal(rate.registered_places)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
    listed = []
    for registration in rate.records if records else []:
        came = _("came") if registration.came else _("did not come")
        detail = f"{registration.event.title} ({_shown_day(registration.event.ends_at)}): {came}"
        if registration.group_size > 1:
            places = ngettext("%(count)s place", "%(count)s places", registration.group_size)
            detail += ", " + places % {"count": registration.group_size}
        listed.append(
            CountedRecord(
                key=f"events.registration:{registration.pk}",
                label=registration.full_name or _("(no name given)"),
                url=_event_url(tenant, registration.event_id),
                detail=detail,
            )
        )
    return Measurement(
        value=value,
        records=listed,
        moments=_moments(tenant=tenant, starts_on=starts_on, ends_on=ends_on, filters=filters),
    )


_PERIOD_NOTE_DA = (
    " Et arrangement hører til den periode, hvor det slutter (dansk tid); aflyste arrangementer og kladder tæller ikke."
)
_PERIOD_NOTE_EN = (
    " An event belongs to the period in which it ends (Danish time); cancelled events and drafts do not count."
)

INDICATORS = [
    Indicator(
        key="events.events_held",
        label_da="Afholdte arrangementer",
        label_en="Events held",
        compute=measure_events_held,
        params=(KIND, THEME),
        unit_da="arrangementer",
        unit_en="events",
        description_da="Antal offentliggjorte arrangementer, der er afholdt i perioden." + _PERIOD_NOTE_DA,
        description_en="The number of published events held in the period." + _PERIOD_NOTE_EN,
    ),
    Indicator(
        key="events.organisations_registered",
        label_da="Foreninger, der tilmeldte sig arrangementer",
        label_en="Associations that registered for events",
        compute=_organisations(Stage.REGISTERED),
        params=(KIND, THEME),
        unit_da="foreninger",
        unit_en="associations",
        description_da=(
            "Antal forskellige foreninger, som nogen har tilmeldt sig på vegne af og fået plads (ikke venteliste),"
            " også til arrangementer, der ikke er holdt endnu." + _PERIOD_NOTE_DA
        ),
        description_en=(
            "The number of different associations someone registered on behalf of and got a place (not the waiting"
            " list), events not held yet included." + _PERIOD_NOTE_EN
        ),
    ),
    Indicator(
        key="events.organisations_attended",
        label_da="Foreninger, der deltog i arrangementer",
        label_en="Associations that attended events",
        compute=_organisations(Stage.ATTENDED),
        params=(KIND, THEME),
        unit_da="foreninger",
        unit_en="associations",
        description_da=(
            "Antal forskellige foreninger, hvor mindst én tilmeldt mødte op til mindst én gang af et afholdt"
            " arrangement." + _PERIOD_NOTE_DA
        ),
        description_en=(
            "The number of different associations with at least one registered person who came to at least one"
            " session of an event held." + _PERIOD_NOTE_EN
        ),
    ),
    Indicator(
        key="events.organisations_completed",
        label_da="Foreninger, der gennemførte et forløb",
        label_en="Associations that completed a course",
        compute=_organisations(Stage.COMPLETED),
        params=(KIND, THEME),
        unit_da="foreninger",
        unit_en="associations",
        description_da=(
            "Antal forskellige foreninger, hvor en tilmeldt deltog i så mange af arrangementets gange, som det"
            " kræver for at gennemføre (alle, når intet andet er sat)." + _PERIOD_NOTE_DA
        ),
        description_en=(
            "The number of different associations with a registered person who attended as many of the event's"
            " sessions as completing it takes (all of them unless set otherwise)." + _PERIOD_NOTE_EN
        ),
    ),
    Indicator(
        key="events.people_attended",
        label_da="Personer, der deltog i arrangementer",
        label_en="People who attended events",
        compute=measure_people_attended,
        params=(KIND, THEME),
        unit_da="personer",
        unit_en="people",
        description_da=(
            "Antal forskellige personer, der mødte op til mindst én gang af et afholdt arrangement; hver person"
            " tælles én gang (efter login eller e-mailadresse). Kolleger på en gruppetilmelding har ikke navn og"
            " tælles ikke her." + _PERIOD_NOTE_DA
        ),
        description_en=(
            "The number of different people who came to at least one session of an event held; each person counts"
            " once (by login or e-mail address). Colleagues on a group registration are not named and do not count"
            " here." + _PERIOD_NOTE_EN
        ),
    ),
    Indicator(
        key="events.attendance_rate",
        label_da="Fremmøde i procent af tilmeldte",
        label_en="Attendance as a share of those registered",
        compute=measure_attendance_rate,
        params=(KIND, THEME),
        shape=Shape.LEVEL,
        unit_da="%",
        unit_en="%",
        description_da=(
            "Andelen af de tilmeldte pladser til afholdte arrangementer, hvor personen mødte op mindst én gang."
            " En gruppetilmelding tæller med sit antal pladser. Ingen data, når ingen var tilmeldt." + _PERIOD_NOTE_DA
        ),
        description_en=(
            "The share of the places registered for events held whose people came at least once. A group"
            " registration counts as its number of places. No data when nobody was registered." + _PERIOD_NOTE_EN
        ),
    ),
]

# Campaigns as a source of volunteering's applications: volunteering.indicators finds them here, through the
# registry, without importing this app.
APPLICATION_SOURCES = [CAMPAIGN_SOURCE]
