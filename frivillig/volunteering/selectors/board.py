"""Reads for the public board of volunteer opportunities, its detail page and its feeds.

The board exists per tenant and nationally (`tenant=None`, across every active tenant). The national pages have
no tenant scope open, so their queries say so explicitly (`unscoped(reason)` around the opportunities, and a
scope-free queryset for the prefetched words); every such read is public data of published opportunities.

Facet counts: for each option of a filter, how many opportunities would match with that option chosen and every
other filter as it is. They cost a bounded number of queries, whatever the number of options or rows (issue 5,
"Performance"): one statement reads the opportunities matching the search once into a materialised common table
expression — a few columns, a flag per chosen filter and per plain-column option (commitment, when, remote, new
this week) — and derives from it, with UNION ALL, the total, each plain option's count, one grouped count per word
dimension (target group, activity area, inclusion fit) and, nationally, per municipality, and the ids of the
requested page in order. The search, the joins and the filters are thus evaluated once, not once per facet.
Then one query reads the page's rows and one their inclusion words. A chosen word filter reads the row's own word
keys (`Opportunity.word_keys`), so it needs no join. The statement's answer is kept for a short while
(frivillig.volunteering.caching).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, cast

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.fields import Field
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from frivillig.core.params import parse_page
from frivillig.core.scoping import unscoped
from frivillig.core.validators import danish_sort_key
from frivillig.crm.models import Organisation, Tag
from frivillig.crm.vocabularies import DEFAULT_TAGS
from frivillig.tenants.models import Tenant
from frivillig.volunteering.caching import cached
from frivillig.volunteering.enums import Commitment, OpportunityStatus
from frivillig.volunteering.matching import WORD_KEY_FIELDS, WORD_VOCABULARIES, word_key
from frivillig.volunteering.models import Opportunity
from frivillig.volunteering.search import apply_search

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

BOARD_PER_PAGE = 20
FEED_LENGTH = 50
NEW_DAYS = 7
MAX_SEARCH_LENGTH = 100

# GET parameter → (many-to-many relation, vocabulary of its words).
TAG_FILTERS: dict[str, tuple[str, str]] = {
    parameter: (relation, WORD_VOCABULARIES[relation])
    for parameter, relation in (
        ("maalgruppe", "target_groups"),
        ("omraade", "activity_areas"),
        ("inklusion", "inclusion"),
    )
}
# GET value of "hvornaar" → the model's flag.
WHEN_FIELDS: dict[str, str] = {"hverdage": "on_weekdays", "aften": "in_evenings", "weekend": "at_weekends"}
# `sorter` values; "relevans" means the newest first when there are no search words.
BOARD_SORTS = ("relevans", "nyeste", "frist")
_NEWEST = ("-published_at", "-pk")
# What a row of the list or an entry of a feed shows: the long texts stay in the database.
_LIST_FIELDS = (
    "tenant_id",
    "organisation_id",
    "title",
    "summary",
    "commitment",
    "on_weekdays",
    "in_evenings",
    "at_weekends",
    "town",
    "is_remote",
    "status",
    "published_at",
    "expires_on",
    "organisation__name",
    "tenant__slug",
    "tenant__municipality_name",
)


@dataclass(frozen=True)
class BoardFilter:
    search: str = ""
    municipality: str = ""  # a tenant slug; national board only
    target_group: str = ""  # tag slugs: the shared vocabulary keys, the same in every tenant
    activity_area: str = ""
    inclusion: str = ""
    commitment: str = ""
    when: str = ""
    remote: bool = False
    new: bool = False
    sort: str = "relevans"

    @property
    def chosen(self) -> dict[str, str]:
        """The filters in use, by GET parameter (the search and the sort are not filters)."""
        values = {
            "kommune": self.municipality,
            "maalgruppe": self.target_group,
            "omraade": self.activity_area,
            "inklusion": self.inclusion,
            "omfang": self.commitment,
            "hvornaar": self.when,
            "hjemme": "1" if self.remote else "",
            "ny": "1" if self.new else "",
        }
        return {key: value for key, value in values.items() if value}

    @property
    def is_filtered(self) -> bool:
        return bool(self.search or self.chosen)

    @property
    def effective_sort(self) -> str:
        return "nyeste" if self.sort == "relevans" and not self.search else self.sort


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: "StrOrPromise"
    count: int
    selected: bool = False


@dataclass
class BoardResults:
    page: Page
    total: int
    facets: dict[str, list[FacetOption]] = field(default_factory=dict)
    new_since: datetime | None = None  # published since then: "new this week"


class _CountedPaginator(Paginator):
    """A paginator told its count (already known from the facet aggregate) instead of asking the database."""

    def __init__(self, object_list, per_page: int, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def _tags_without_scope() -> QuerySet[Tag]:
    # Prefetched words of opportunities already chosen (maybe from every tenant): the scope is not needed.
    with unscoped("the words of published opportunities already chosen, maybe from every tenant"):
        return Tag.objects.order_by("position", "label_da")


def publicly_listed_condition() -> Q:
    """The rule "publicly listed": published, its publishing time come, still open, its organisation not archived.

    The one statement of the rule: the boards filter by it, and pages that say whether an opportunity can be seen
    by the public annotate it (`with_publicly_listed`) rather than restating it in a template."""
    # The periodic command closes expired opportunities; until it has run, the date alone hides them.
    # "Not of an archived organisation" rather than a join: the archived ones are few (and indexed, migration
    # 0003), where a join reads every organisation.
    with unscoped("a condition on the organisation of opportunities the caller has already chosen"):
        archived = Organisation.objects.filter(pk=OuterRef("organisation_id"), archived_at__isnull=False)
    return Q(
        Q(expires_on=None) | Q(expires_on__gte=timezone.localdate()),
        ~Exists(archived),
        status=OpportunityStatus.PUBLISHED,
        published_at__lte=timezone.now(),
    )


def with_publicly_listed(queryset: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    """The opportunities with `is_publicly_listed`: whether the public boards show each one."""
    return queryset.annotate(is_publicly_listed=ExpressionWrapper(publicly_listed_condition(), BooleanField()))


def visible_opportunities(tenant: Tenant | None) -> QuerySet[Opportunity]:
    """The publicly listed opportunities in `tenant` (or, with None, in every active tenant). The board, the detail
    page and the feeds show these and nothing else."""
    if tenant is None:
        with unscoped("the national board lists the published opportunities of every active tenant"):
            queryset = Opportunity.objects.filter(tenant__is_active=True)
    else:
        queryset = Opportunity.objects.filter(tenant=tenant)
    return queryset.filter(publicly_listed_condition())


def _word_condition(parameter: str, slug: str) -> Q:
    """Has the word (by its key, the same in every tenant): read from the row's own word keys (see
    frivillig.volunteering.signals), so the filter needs neither a join nor a lookup of the word's tags."""
    return Q(word_keys__contains=word_key(TAG_FILTERS[parameter][0], slug))


def _conditions(criteria: BoardFilter, *, national: bool, now) -> tuple[dict[str, Q], dict[str, Q]]:
    """The chosen filters as conditions: those on related rows (grouped facets) and those on plain columns."""
    related: dict[str, Q] = {}
    if national and criteria.municipality:
        related["kommune"] = Q(tenant__slug=criteria.municipality)
    chosen = criteria.chosen
    for parameter in TAG_FILTERS:
        if parameter in chosen:
            related[parameter] = _word_condition(parameter, chosen[parameter])
    plain: dict[str, Q] = {}
    if criteria.commitment:
        plain["omfang"] = Q(commitment=criteria.commitment)
    if criteria.when in WHEN_FIELDS:
        plain["hvornaar"] = Q(**{WHEN_FIELDS[criteria.when]: True})
    if criteria.remote:
        plain["hjemme"] = Q(is_remote=True)
    if criteria.new:
        plain["ny"] = Q(published_at__gte=now - timedelta(days=NEW_DAYS))
    return related, plain


def _field_label(name: str) -> "StrOrPromise":
    return capfirst(cast(Field, Opportunity._meta.get_field(name)).verbose_name)


def _plain_options(now) -> dict[str, list[tuple[str, "StrOrPromise", Q]]]:
    """Each plain-column filter's options: value, label and the condition the option adds."""
    return {
        "omfang": [(value, label, Q(commitment=value)) for value, label in Commitment.choices],
        "hvornaar": [(key, _field_label(name), Q(**{name: True})) for key, name in WHEN_FIELDS.items()],
        "hjemme": [("1", _field_label("is_remote"), Q(is_remote=True))],
        "ny": [("1", _("New this week"), Q(published_at__gte=now - timedelta(days=NEW_DAYS)))],
    }


def _label(label_da: str, label_en: str) -> str:
    return label_en if (get_language() or "da").startswith("en") and label_en else label_da


_DEFAULT_LABELS = {
    (vocabulary, slug): (label_da, label_en)
    for vocabulary, words in DEFAULT_TAGS.items()
    for slug, label_da, label_en in words
}


def _with_selected(options: list[FacetOption], selected: str, label: str) -> list[FacetOption]:
    """Options with a match; the chosen one stays in the list even when nothing matches it any more."""
    if selected and not any(option.selected for option in options):
        options.insert(0, FacetOption(selected, label, 0, True))
    return options


def _aggregate(tenant: Tenant | None, criteria: BoardFilter, requested: int, now, plain_options) -> list[tuple]:
    """The statement's answer: rows of (kind, value, number, position, label_da, label_en)."""
    national = tenant is None
    matching = apply_search(visible_opportunities(tenant), criteria.search)
    related, plain = _conditions(criteria, national=national, now=now)
    filters = {**related, **plain}
    # The matching set: what the order needs, a flag per chosen filter and one per plain-column option.
    flags = {f"f_{index}": condition for index, condition in enumerate(filters.values())}
    filter_flag = dict(zip(filters, flags, strict=True))
    option_flag: dict[tuple[str, str], str] = {}
    for parameter, options in plain_options.items():
        for value, _label_text, condition in options:
            option_flag[parameter, value] = name = f"o_{len(option_flag)}"
            flags[name] = condition
    # The rank only orders the page, so it is worked out only where it can: sorted by relevance, and for the rows
    # that pass every filter (the ranking function is the costliest part of a row).
    rank: Combinable
    if criteria.effective_sort == "relevans" and filters:
        rank = Case(When(Q(*filters.values()), then=F("search_rank")), default=Value(0.0), output_field=FloatField())
    elif criteria.effective_sort == "relevans":
        rank = F("search_rank")
    else:
        rank = Value(0.0, output_field=FloatField())
    columns = ["id", "tenant_id", "published_at", "expires_on", "page_rank", *flags]
    rows = matching.order_by().annotate(
        page_rank=rank,
        **{name: ExpressionWrapper(condition, output_field=BooleanField()) for name, condition in flags.items()},
    )
    inner_sql, inner_params = rows.values_list(*columns).query.sql_with_params()
    columns[columns.index("page_rank")] = "search_rank"

    def passing(leave_out: str = "") -> str:
        names = [flag for parameter, flag in filter_flag.items() if parameter != leave_out]
        return " AND ".join(["1 = 1", *(f"m.{name}" for name in names)])

    branches: list[str] = []
    params: list = list(inner_params)
    # The total and the plain-column facets.
    # The statement is assembled from names in this module (tables, flags, orders); every value is a parameter.
    branches.append(f"SELECT 'total', '', COUNT(*), 0, '', '' FROM m WHERE {passing()}")  # noqa: S608
    for (parameter, value), name in option_flag.items():
        branches.append(f"SELECT %s, %s, COUNT(*), 0, '', '' FROM m WHERE {passing(parameter)} AND m.{name}")  # noqa: S608
        params += [parameter, value]
    # The word facets: one grouped join per word table.
    tag_table = Tag._meta.db_table
    for parameter, (relation, vocabulary) in TAG_FILTERS.items():
        through = getattr(Opportunity, relation).through._meta.db_table
        branches.append(
            f"SELECT %s, g.slug, COUNT(*), MIN(g.position), MIN(g.label_da), MIN(g.label_en) "  # noqa: S608
            f"FROM m JOIN {through} t ON t.opportunity_id = m.id JOIN {tag_table} g ON g.id = t.tag_id "
            f"WHERE g.vocabulary = %s AND {passing(parameter)} GROUP BY g.slug"
        )
        params += [parameter, vocabulary]
    if national:
        tenant_table = Tenant._meta.db_table
        branches.append(
            f"SELECT 'kommune', tt.slug, COUNT(*), 0, tt.municipality_name, '' "  # noqa: S608
            f"FROM m JOIN {tenant_table} tt ON tt.id = m.tenant_id WHERE {passing('kommune')} "
            "GROUP BY tt.slug, tt.municipality_name"
        )
    # The ids of the page's rows, in order: the requested page, or the last one when it lies beyond.
    order = _SQL_ORDER[criteria.effective_sort]
    branches.append(
        "SELECT 'page', '', p.id, p.number, '', '' FROM ("  # noqa: S608
        f"SELECT m.id, ROW_NUMBER() OVER (ORDER BY {order}) AS number, COUNT(*) OVER () AS total "
        f"FROM m WHERE {passing()}) p "
        "WHERE p.number > %s * (CASE WHEN %s <= (p.total + %s) / %s THEN %s ELSE (p.total + %s) / %s END - 1) "
        "AND p.number <= %s * CASE WHEN %s <= (p.total + %s) / %s THEN %s ELSE (p.total + %s) / %s END"
    )
    size, rounding = BOARD_PER_PAGE, BOARD_PER_PAGE - 1
    clamp = [requested, rounding, size, requested, rounding, size]
    params += [size, *clamp, size, *clamp]
    sql = f"WITH m ({', '.join(columns)}) AS MATERIALIZED ({inner_sql}) " + " UNION ALL ".join(  # noqa: S608
        f"SELECT * FROM ({branch}) b{index}"  # noqa: S608
        for index, branch in enumerate(branches)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def board_results(tenant: Tenant | None, criteria: BoardFilter, page_number) -> BoardResults:
    """One page of the board's results for `tenant` (None: national), with the total and the facet counts.

    One statement counts everything: the opportunities matching the search are read once into a materialised
    common table expression, with a flag per chosen filter and per plain-column option; every count, and the ids
    of the page's rows, come from that small table (see the module's docstring). Its answer is kept for a short
    while (frivillig.volunteering.caching). Then the page's rows are read.
    """
    now = timezone.now()
    national = tenant is None
    plain_options = _plain_options(now)
    requested = _requested_page(page_number)
    answer = cached(
        ("board", None if tenant is None else tenant.pk, criteria, requested),
        lambda: _aggregate(tenant, criteria, requested, now, plain_options),
    )

    total = 0
    plain_counts: dict[tuple[str, str], int] = {}
    word_rows: dict[str, list[tuple]] = {parameter: [] for parameter in TAG_FILTERS}
    municipality_rows: list[tuple] = []
    page_ids: list[tuple[int, int]] = []
    for kind, value, number, position, label_da, label_en in answer:
        if kind == "total":
            total = number
        elif kind == "page":
            page_ids.append((position, number))
        elif kind == "kommune":
            municipality_rows.append((value, label_da, number))
        elif kind in word_rows:
            word_rows[kind].append((value, number, position, label_da, label_en))
        else:
            plain_counts[kind, value] = number

    chosen = criteria.chosen
    facets: dict[str, list[FacetOption]] = {
        parameter: [
            FacetOption(value, label, plain_counts.get((parameter, value), 0), chosen.get(parameter) == value)
            for value, label, _condition in options
        ]
        for parameter, options in plain_options.items()
    }
    for parameter, (_relation, vocabulary) in TAG_FILTERS.items():
        selected = chosen.get(parameter, "")
        options = []
        for slug, number, _position, label_da, label_en in sorted(
            word_rows[parameter], key=lambda row: (row[2], danish_sort_key(row[3]))
        ):
            labels = (label_da, label_en)
            if national:
                # Across tenants the shared vocabulary's own words, not whichever tenant's wording sorts first.
                labels = _DEFAULT_LABELS.get((vocabulary, slug), labels)
            options.append(FacetOption(slug, _label(*labels), number, slug == selected))
        default = _label(*_DEFAULT_LABELS.get((vocabulary, selected), (selected, "")))
        facets[parameter] = _with_selected(options, selected, default)
    if national:
        options = [
            FacetOption(slug, name, number, slug == criteria.municipality)
            for slug, name, number in sorted(municipality_rows, key=lambda row: danish_sort_key(row[1]))
        ]
        facets["kommune"] = _with_selected(options, criteria.municipality, criteria.municipality)

    # The page: its rows, read by id (the order comes from the statement above).
    ids = [pk for _number, pk in sorted(page_ids)]
    with unscoped("the national board lists the published opportunities of every active tenant"):
        shown = (
            Opportunity.objects.filter(pk__in=ids)
            .select_related("organisation", "tenant")
            .only(*_LIST_FIELDS)
            .prefetch_related(Prefetch("inclusion", queryset=_tags_without_scope()))
            .order_by()
            if ids
            else []
        )
    by_pk = {opportunity.pk: opportunity for opportunity in shown}
    page = _CountedPaginator([], BOARD_PER_PAGE, total).get_page(requested)
    page.object_list = [by_pk[pk] for pk in ids if pk in by_pk]
    return BoardResults(page=page, total=total, facets=facets, new_since=now - timedelta(days=NEW_DAYS))


# The order of the results in the statement's terms (the columns of the matching set `m`).
_SQL_ORDER = {
    "relevans": "m.search_rank DESC, m.published_at DESC, m.id DESC",
    "nyeste": "m.published_at DESC, m.id DESC",
    "frist": "m.expires_on ASC NULLS LAST, m.published_at DESC, m.id DESC",
}
_LAST_PAGE = 2**31 - 1


def _requested_page(page_number) -> int:
    """The page asked for, as Paginator.get_page reads it: not a number → the first; below one → the last."""
    number = parse_page(page_number)
    return number if 1 <= number <= _LAST_PAGE else _LAST_PAGE


# --- the detail page ------------------------------------------------------------------------------------------


def board_opportunity(tenant: Tenant | None, pk: int) -> Opportunity | None:
    """The opportunity a public detail page shows, if it is publicly listed (None: a 404 of some kind)."""
    return (
        visible_opportunities(tenant)
        .select_related("organisation", "contact_person")
        .defer("search_document", "search_stems")
        .filter(pk=pk)
        .first()
    )


def no_longer_open(tenant: Tenant | None, pk: int) -> bool:
    """Was this on the board and has since been filled, closed or passed its deadline? (For an opportunity that is
    not visible: drafts and those still waiting for their publishing time never were on the board.)"""
    return (
        Opportunity.objects.filter(
            tenant=tenant, pk=pk, published_at__lte=timezone.now(), organisation__archived_at=None
        )
        .exclude(status=OpportunityStatus.DRAFT)
        .exists()
    )


def opportunity_words(opportunity: Opportunity) -> dict[str, list[Tag]]:
    """The opportunity's words by relation, read in one query (a union of the four relations)."""
    parts = []
    for relation in WORD_KEY_FIELDS:
        through = getattr(Opportunity, relation).through
        tagged = through.objects.filter(opportunity_id=opportunity.pk).values("tag_id")
        parts.append(
            Tag.objects.filter(pk__in=tagged)
            .annotate(relation=Value(relation))
            .values_list("relation", "pk", "label_da", "label_en", "position")
            .order_by()
        )
    words: dict[str, list[Tag]] = {relation: [] for relation in WORD_KEY_FIELDS}
    rows = parts[0].union(*parts[1:], all=True).order_by("relation", "position", "label_da")
    for relation, pk, label_da, label_en, position in rows:
        words[relation].append(Tag(pk=pk, label_da=label_da, label_en=label_en, position=position))
    return words


# --- the feeds ----------------------------------------------------------------------------------------------------


def feed_opportunities(tenant: Tenant | None) -> list[Opportunity]:
    """The newest opportunities on the board, newest first (tenant None: national)."""
    return list(
        visible_opportunities(tenant)
        .select_related("organisation", "tenant")
        .only(*_LIST_FIELDS)
        .order_by(*_NEWEST)[:FEED_LENGTH]
    )
