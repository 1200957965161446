"""Reads for the public board of volunteer opportunities, its detail page and its feeds.

The board exists per tenant and nationally (`tenant=None`, across every active tenant). The national pages have
no tenant scope open, so their queries say so explicitly (`with_scopes_disabled()` on the opportunities, and a
scope-free queryset for the prefetched words); every such read is public data of published opportunities.

Facet counts: for each option of a filter, how many opportunities would match with that option chosen and every
other filter as it is. They cost a bounded number of queries, whatever the number of options or rows:

- one aggregate over the opportunities matching the search and the word filters, with a conditional count per
  option of the plain-column filters (commitment, when, remote, new this week) and the total;
- one grouped query per word dimension (target group, activity area, inclusion fit) and, nationally, one for the
  municipality.

The total comes from that first aggregate, so the pagination needs no COUNT query of its own.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Min, Prefetch, Q, QuerySet, Value
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.crm.vocabularies import DEFAULT_TAGS
from frivillig.volunteering.enums import Commitment, OpportunityStatus
from frivillig.volunteering.models import Opportunity
from frivillig.volunteering.search import apply_search

BOARD_PER_PAGE = 20
FEED_LENGTH = 50
NEW_DAYS = 7
MAX_SEARCH_LENGTH = 100

# GET parameter → (many-to-many relation, vocabulary of its words).
TAG_FILTERS: dict[str, tuple[str, str]] = {
    "maalgruppe": ("target_groups", Vocabulary.TARGET_GROUP),
    "omraade": ("activity_areas", Vocabulary.ACTIVITY_AREA),
    "inklusion": ("inclusion", Vocabulary.INCLUSION),
}
# GET value of "hvornaar" → the model's flag.
WHEN_FIELDS: dict[str, str] = {"hverdage": "on_weekdays", "aften": "in_evenings", "weekend": "at_weekends"}
# `sorter` values; "relevans" means the newest first when there are no search words.
BOARD_SORTS = ("relevans", "nyeste", "frist")
_NEWEST = ("-published_at", "-pk")
_ORDER = {
    "relevans": ("-search_rank", *_NEWEST),
    "nyeste": _NEWEST,
    "frist": (F("expires_on").asc(nulls_last=True), *_NEWEST),
}
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
    label: str
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
    return Tag.objects.with_scopes_disabled().order_by("position", "label_da")


def visible_opportunities(tenant) -> QuerySet[Opportunity]:
    """Published, still open opportunities of organisations that are not archived, in `tenant` (or, with None, in
    every active tenant). The board, the detail page and the feeds show these and nothing else."""
    if tenant is None:
        queryset = Opportunity.objects.with_scopes_disabled().filter(tenant__is_active=True)
    else:
        queryset = Opportunity.objects.filter(tenant=tenant)
    # The periodic command closes expired opportunities; until it has run, the date alone hides them.
    return queryset.filter(
        Q(expires_on=None) | Q(expires_on__gte=timezone.localdate()),
        status=OpportunityStatus.PUBLISHED,
        published_at__lte=timezone.now(),
        organisation__archived_at=None,
    )


def _all_of(conditions: dict[str, Q], leave_out: str = "") -> Q:
    combined = Q()
    for key, condition in conditions.items():
        if key != leave_out:
            combined &= condition
    return combined


def _word_condition(parameter: str, slug: str) -> Q:
    relation, vocabulary = TAG_FILTERS[parameter]
    through = getattr(Opportunity, relation).through
    # Through-table look-up: one row per opportunity, and the same slug matches in every tenant.
    tagged = through.objects.filter(tag__slug=slug, tag__vocabulary=vocabulary).values("opportunity_id")
    return Q(pk__in=tagged)


def _conditions(criteria: BoardFilter, *, national: bool, now) -> tuple[dict[str, Q], dict[str, Q]]:
    """The chosen filters as conditions: those on related rows (grouped facets) and those on plain columns."""
    related: dict[str, Q] = {}
    if national and criteria.municipality:
        related["kommune"] = Q(tenant__slug=criteria.municipality)
    for parameter, slug in (
        ("maalgruppe", criteria.target_group),
        ("omraade", criteria.activity_area),
        ("inklusion", criteria.inclusion),
    ):
        if slug:
            related[parameter] = _word_condition(parameter, slug)
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


def _field_label(name: str) -> str:
    return capfirst(Opportunity._meta.get_field(name).verbose_name)


def _plain_options(now) -> dict[str, list[tuple[str, str, Q]]]:
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


def _word_facet(parameter: str, opportunities: QuerySet, selected: str, *, national: bool) -> list[FacetOption]:
    relation, vocabulary = TAG_FILTERS[parameter]
    through = getattr(Opportunity, relation).through
    rows = (
        through.objects.filter(opportunity_id__in=opportunities.values("pk"), tag__vocabulary=vocabulary)
        .values("tag__slug")
        # One row per opportunity and slug: a tenant has each slug once per vocabulary.
        .annotate(
            count=Count("opportunity_id"),
            label_da=Min("tag__label_da"),
            label_en=Min("tag__label_en"),
            position=Min("tag__position"),
        )
        .order_by("position", "label_da")
    )
    options = []
    for row in rows:
        labels = (row["label_da"], row["label_en"])
        if national:
            # Across tenants the shared vocabulary's own words, not whichever tenant's wording sorts first.
            labels = _DEFAULT_LABELS.get((vocabulary, row["tag__slug"]), labels)
        options.append(FacetOption(row["tag__slug"], _label(*labels), row["count"], row["tag__slug"] == selected))
    return _with_selected(options, selected, _label(*_DEFAULT_LABELS.get((vocabulary, selected), (selected, ""))))


def _municipality_facet(opportunities: QuerySet, selected: str) -> list[FacetOption]:
    rows = (
        opportunities.order_by()
        .values("tenant__slug", "tenant__municipality_name")
        .annotate(count=Count("pk"))
        .order_by("tenant__municipality_name")
    )
    options = [
        FacetOption(
            row["tenant__slug"], row["tenant__municipality_name"], row["count"], row["tenant__slug"] == selected
        )
        for row in rows
    ]
    return _with_selected(options, selected, selected)


def _with_selected(options: list[FacetOption], selected: str, label: str) -> list[FacetOption]:
    """Options with a match; the chosen one stays in the list even when nothing matches it any more."""
    if selected and not any(option.selected for option in options):
        options.insert(0, FacetOption(selected, label, 0, True))
    return options


def board_results(tenant, criteria: BoardFilter, page_number) -> BoardResults:
    """One page of the board's results for `tenant` (None: national), with the total and the facet counts."""
    now = timezone.now()
    national = tenant is None
    matching = apply_search(visible_opportunities(tenant), criteria.search)
    related, plain = _conditions(criteria, national=national, now=now)
    chosen = criteria.chosen

    # 1. Total and plain-column facets: one aggregate over what matches the search and the word filters.
    aggregates = {"total": Count("pk", filter=_all_of(plain))}
    plain_options = _plain_options(now)
    names: dict[tuple[str, str], str] = {}
    for parameter, options in plain_options.items():
        others = _all_of(plain, leave_out=parameter)
        for value, _label_text, condition in options:
            names[parameter, value] = name = f"facet_{len(names)}"
            aggregates[name] = Count("pk", filter=others & condition)
    counts = matching.filter(_all_of(related)).order_by().aggregate(**aggregates)
    facets: dict[str, list[FacetOption]] = {
        parameter: [
            FacetOption(value, label, counts[names[parameter, value]], chosen.get(parameter) == value)
            for value, label, _condition in options
        ]
        for parameter, options in plain_options.items()
    }

    # 2. Grouped facets: one query per dimension, over what matches every other filter.
    for parameter in TAG_FILTERS:
        others = matching.filter(_all_of(related, leave_out=parameter), _all_of(plain))
        facets[parameter] = _word_facet(parameter, others, chosen.get(parameter, ""), national=national)
    if national:
        others = matching.filter(_all_of(related, leave_out="kommune"), _all_of(plain))
        facets["kommune"] = _municipality_facet(others, criteria.municipality)

    # 3. The page itself.
    results = (
        matching.filter(_all_of(related), _all_of(plain))
        .order_by(*_ORDER[criteria.effective_sort])
        .select_related("organisation", "tenant")
        .only(*_LIST_FIELDS)
        .prefetch_related(Prefetch("inclusion", queryset=_tags_without_scope()))
    )
    total = counts["total"]
    page = _CountedPaginator(results, BOARD_PER_PAGE, total).get_page(page_number)
    return BoardResults(page=page, total=total, facets=facets, new_since=now - timedelta(days=NEW_DAYS))


# --- the detail page ------------------------------------------------------------------------------------------


def board_opportunity(tenant) -> QuerySet[Opportunity]:
    """The opportunities a public detail page may show (look one up by pk; anything else is a 404)."""
    return (
        visible_opportunities(tenant)
        .select_related("organisation", "contact_person")
        .defer("search_document", "search_stems")
    )


def no_longer_open(tenant, pk: int) -> bool:
    """Was this on the board and has since been filled, closed or passed its deadline? (For an opportunity that is
    not visible: drafts and those still waiting for their publishing time never were on the board.)"""
    return (
        Opportunity.objects.filter(
            tenant=tenant, pk=pk, published_at__lte=timezone.now(), organisation__archived_at=None
        )
        .exclude(status=OpportunityStatus.DRAFT)
        .exists()
    )


OPPORTUNITY_WORDS = ("activity_areas", "target_groups", "skills", "inclusion")


def opportunity_words(opportunity: Opportunity) -> dict[str, list[Tag]]:
    """The opportunity's words by relation, read in one query (a union of the four relations)."""
    parts = []
    for relation in OPPORTUNITY_WORDS:
        through = getattr(Opportunity, relation).through
        tagged = through.objects.filter(opportunity_id=opportunity.pk).values("tag_id")
        parts.append(
            Tag.objects.filter(pk__in=tagged)
            .annotate(relation=Value(relation))
            .values_list("relation", "pk", "label_da", "label_en", "position")
            .order_by()
        )
    words: dict[str, list[Tag]] = {relation: [] for relation in OPPORTUNITY_WORDS}
    rows = parts[0].union(*parts[1:], all=True).order_by("relation", "position", "label_da")
    for relation, pk, label_da, label_en, position in rows:
        words[relation].append(Tag(pk=pk, label_da=label_da, label_en=label_en, position=position))
    return words


# --- the feeds ----------------------------------------------------------------------------------------------------


def feed_opportunities(tenant) -> list[Opportunity]:
    """The newest opportunities on the board, newest first (tenant None: national)."""
    return list(
        visible_opportunities(tenant)
        .select_related("organisation", "tenant")
        .only(*_LIST_FIELDS)
        .order_by(*_NEWEST)[:FEED_LENGTH]
    )
