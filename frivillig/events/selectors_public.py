"""Reads of the public event pages: a tenant's list and month calendar, the national list, the detail page and the
iCalendar feeds.

What the public sees: published events (and cancelled ones, marked, so that nobody turns up in vain) that are not
for invited guests only; a draft is seen by staff only, an invited-only event by whoever has its address. Every
read here issues a fixed number of queries, whatever the number of events: the lists are paginated with a capped
count, the month calendar reads one month, and the feeds read a window of time with a cap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language

from frivillig.core.params import page_number
from frivillig.core.scoping import unscoped
from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.events import caching
from frivillig.events.enums import HOLDING_STATUSES, EventAudience, EventStatus
from frivillig.events.models import Event, EventSession, Registration
from frivillig.tenants.models import Tenant

PER_PAGE = 20
# The lists count at most this many events: the pages beyond are reached by narrowing the filters, and a count
# over every event of the country never runs on a public page.
COUNT_CAP = 500
# The feeds: events from this long ago on, and at most this many of them (the soonest first).
FEED_HISTORY = timedelta(days=92)
FEED_LIMIT = 400
# An event that began longer ago than this (a long course) is no longer listed as upcoming.
LONGEST_RUNNING = timedelta(days=183)
# How long the national list's filter options (theme words, municipalities) are kept.
OPTIONS_CACHE_SECONDS = 300
# The long texts a list row never shows.
LIST_DEFERRED = ("description", "summary", "cancellation_message", "extra_question", "input_token")
PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED)


class CappedPaginator(Paginator):
    """A paginator whose count stops at `COUNT_CAP` (a bounded COUNT over a LIMIT subquery of the bare rows,
    without the page's annotations)."""

    def __init__(self, object_list, per_page: int, *, counted: QuerySet):
        super().__init__(object_list, per_page)
        self.counted = counted

    @cached_property
    def count(self) -> int:
        return self.counted.order_by().values("pk")[: COUNT_CAP + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > COUNT_CAP


@dataclass(frozen=True)
class EventFilter:
    kind: str = ""
    theme: Tag | None = None
    # The first day of the month chosen (list and calendar).
    month: date | None = None
    past: bool = False
    # National list only.
    theme_word: str = ""
    tenant: Tenant | None = None

    @property
    def is_filtered(self) -> bool:
        return bool(self.kind or self.theme or self.month or self.theme_word or self.tenant)

    def cache_parts(self) -> tuple:
        """The filter as plain values (a cache key's part)."""
        return (
            self.kind,
            self.theme.pk if self.theme else None,
            self.month.isoformat() if self.month else None,
            self.past,
            self.theme_word,
            self.tenant.pk if self.tenant else None,
        )


def listed_events(tenant: Tenant | None = None) -> QuerySet[Event]:
    """The events on the public lists and feeds (the tenant scope is open on a tenant's pages)."""
    queryset = Event.objects.filter(status__in=PUBLIC_STATUSES).exclude(audience=EventAudience.INVITED)
    return queryset if tenant is None else queryset.filter(tenant=tenant)


def _with_places_taken(queryset: QuerySet[Event]) -> QuerySet[Event]:
    taken = (
        Registration.objects.filter(event=OuterRef("pk"), status__in=HOLDING_STATUSES)
        .order_by()
        .values("event")
        .annotate(places=Sum("group_size"))
        .values("places")
    )
    return queryset.annotate(places_taken=Coalesce(Subquery(taken, output_field=IntegerField()), 0))


def month_range(month: date) -> tuple[datetime, datetime]:
    """The month's first moment and the next month's, in Danish time."""
    zone = timezone.get_current_timezone()
    start = datetime(month.year, month.month, 1, tzinfo=zone)
    following = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return start, datetime(following.year, following.month, 1, tzinfo=zone)


def _filtered(queryset: QuerySet[Event], criteria: EventFilter, now: datetime) -> QuerySet[Event]:
    if criteria.kind:
        queryset = queryset.filter(kind=criteria.kind)
    if criteria.theme is not None:
        queryset = queryset.filter(themes=criteria.theme)
    if criteria.theme_word:
        queryset = queryset.filter(
            themes__in=Tag.objects.filter(vocabulary=Vocabulary.THEME, slug=criteria.theme_word).values("pk")
        )
    if criteria.tenant is not None:
        queryset = queryset.filter(tenant=criteria.tenant)
    if criteria.month is not None:
        start, end = month_range(criteria.month)
        return queryset.filter(starts_at__lt=end, ends_at__gte=start).order_by("starts_at", "pk")
    if criteria.past:
        return queryset.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    # Still running or ahead; the bound on the start lets the database walk the start index from there.
    return queryset.filter(ends_at__gte=now, starts_at__gte=now - LONGEST_RUNNING).order_by("starts_at", "pk")


def _cached_page(list_name: tuple, criteria: EventFilter, requested_page, queryset, counted) -> Page:
    """The requested page of `queryset`: its rows and the capped count come from the lists' cache
    (frivillig/events/caching.py) when another visitor asked for the same page a moment ago."""
    paginator = CappedPaginator(queryset, PER_PAGE, counted=counted)
    requested = page_number({"side": requested_page} if requested_page else {})

    def compute() -> tuple[int, int, list[Event]]:
        page = paginator.get_page(requested)
        return paginator.count, page.number, list(page.object_list)

    count, number, rows = caching.cached((*list_name, *criteria.cache_parts(), requested), compute)
    paginator.__dict__["count"] = count  # the cached_property's value: no count query
    return Page(rows, number, paginator)


def event_list_page(tenant: Tenant, criteria: EventFilter, requested_page) -> Page:
    """One page of a tenant's public list: upcoming first (or the past ones, newest first, or one month)."""
    counted = _filtered(listed_events(tenant), criteria, timezone.now())
    queryset = _with_places_taken(counted).defer(*LIST_DEFERRED).prefetch_related(_themes())
    page = _cached_page(("tenant-list", tenant.pk), criteria, requested_page, queryset, counted)
    for event in page.object_list:
        event.tenant = tenant
    return page


def national_list_page(criteria: EventFilter, requested_page) -> Page:
    """One page of the upcoming published public events of every active tenant."""
    with unscoped("the national list shows the published public events of every active tenant"):
        counted = _filtered(
            listed_events().filter(status=EventStatus.PUBLISHED, tenant__is_active=True),
            criteria,
            timezone.now(),
        )
        queryset = (
            _with_places_taken(counted).defer(*LIST_DEFERRED).select_related("tenant").prefetch_related(_themes())
        )
        # Read inside the block: the rows and their themes come from every tenant.
        return _cached_page(("national-list",), criteria, requested_page, queryset, counted)


def _themes() -> Prefetch:
    return Prefetch("themes", queryset=Tag.objects.order_by("position", "label_da"))


def theme_options(tenant: Tenant) -> list[Tag]:
    return list(Tag.objects.filter(tenant=tenant, vocabulary=Vocabulary.THEME, is_active=True))


def theme_of(tenant: Tenant, pk: int | None) -> Tag | None:
    if pk is None:
        return None
    return Tag.objects.filter(tenant=tenant, vocabulary=Vocabulary.THEME, pk=pk).first()


@dataclass(frozen=True)
class NationalOptions:
    themes: list[tuple[str, str]]
    tenants: list[Tenant]


def national_options() -> NationalOptions:
    """The theme words (slug, label) used by the active tenants, and the tenants, for the national filters; kept
    for `OPTIONS_CACHE_SECONDS` (a new theme word or centre shows within minutes)."""
    key = f"events:national-options:{get_language() or 'da'}"
    options = cache.get(key)
    if options is None:
        options = _national_options()
        cache.set(key, options, OPTIONS_CACHE_SECONDS)
    return options


def _national_options() -> NationalOptions:
    with unscoped("the national list's filters name the themes and municipalities of every active tenant"):
        english = (get_language() or "da").startswith("en")
        words: dict[str, str] = {}
        for slug, label_da, label_en in (
            Tag.objects.filter(vocabulary=Vocabulary.THEME, is_active=True, tenant__is_active=True)
            .order_by("slug", "label_da", "label_en")
            .values_list("slug", "label_da", "label_en")
            .distinct()
        ):
            if slug not in words:
                words[slug] = label_en if english and label_en else label_da
    tenants = list(
        Tenant.objects.filter(is_active=True).only("pk", "slug", "municipality_name").order_by("municipality_name")
    )
    return NationalOptions(sorted(words.items(), key=lambda item: item[1].lower()), tenants)


def month_sessions(tenant: Tenant, criteria: EventFilter) -> list[EventSession]:
    """The sessions of the listed events that begin in the month (one row per session, each with its event)."""
    assert criteria.month is not None
    start, end = month_range(criteria.month)
    events = _filtered(listed_events(tenant), EventFilter(kind=criteria.kind, theme=criteria.theme), timezone.now())
    events = events.order_by()
    return list(
        EventSession.objects.filter(event__in=events.values("pk"), starts_at__gte=start, starts_at__lt=end)
        .select_related("event")
        .order_by("starts_at", "pk")
    )


def public_event(pk: int, *, staff: bool) -> Event | None:
    """The event of the current tenant as its public page shows it: a draft only to staff (a preview)."""
    visible: QuerySet[Event] = Event.objects.all() if staff else Event.objects.filter(status__in=PUBLIC_STATUSES)
    queryset = _with_places_taken(visible).select_related("tenant")
    return queryset.prefetch_related(_themes(), "sessions", "partners").filter(pk=pk).first()


def feed_events(tenant: Tenant, *, theme: Tag | None = None) -> list[Event]:
    """The events of a tenant's feed: listed ones from three months back on, the soonest first, at most
    `FEED_LIMIT` of them, each with its sessions."""
    queryset = listed_events(tenant).filter(ends_at__gte=timezone.now() - FEED_HISTORY)
    if theme is not None:
        queryset = queryset.filter(themes=theme)
    return list(
        queryset.select_related("tenant")
        .prefetch_related(Prefetch("sessions", queryset=EventSession.objects.order_by("starts_at", "pk")))
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )


def places_left(event: Event) -> int | None:
    """Free places of an event read with `_with_places_taken` (None: no limit)."""
    if event.capacity is None:
        return None
    return max(event.capacity - event.places_taken, 0)  # type: ignore[attr-defined]


def registration_is_open(event: Event, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if event.status != EventStatus.PUBLISHED or event.starts_at <= now:
        return False
    if event.registration_opens_at and now < event.registration_opens_at:
        return False
    return not (event.registration_closes_at and now >= event.registration_closes_at)
