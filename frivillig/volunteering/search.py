"""Full-text search over opportunities, in Danish, behind one interface.

PostgreSQL: the stored `search_vector` column (migration 0002, `danish` configuration, GIN index), matched with
`websearch_to_tsquery` and ranked with `ts_rank`. SQLite: `search_stems` holds the Snowball (Danish) stems of
the same text, so inflected words still meet ("frivillige" finds "frivillig"); every query word must match the
start of a stem, and the rank counts title hits double.
"""

import re
from collections.abc import Iterable

import snowballstemmer
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Expression,
    Field,
    FloatField,
    Func,
    IntegerField,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import Col

from frivillig.core.scoping import unscoped

_WORD = re.compile(r"[0-9a-zæøåéü]+", re.IGNORECASE)
_stemmer = snowballstemmer.stemmer("danish")


def words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text or "")]


def stems(text: str) -> list[str]:
    return _stemmer.stemWords(words(text))


def search_fields(opportunity) -> tuple[str, str]:
    """The text the search reads (`search_document`) and its stems (`search_stems`), from the saved fields.

    The title and summary have their own weight in PostgreSQL; the document holds the rest, including the
    organisation's name and the place. Call after the many-to-many fields are saved.
    """
    parts = [opportunity.description, opportunity.tasks, opportunity.organisation.name, opportunity.town]
    if opportunity.pk:
        for name in ("activity_areas", "target_groups", "skills", "inclusion"):
            parts.extend(f"{tag.label_da} {tag.label_en}" for tag in getattr(opportunity, name).all())
    document = "\n".join(part for part in parts if part)
    title_stems = stems(opportunity.title)
    all_stems = title_stems + stems(opportunity.summary) + stems(document)
    # Leading space and "t:" markers let SQLite match word starts and tell title hits apart.
    stem_text = " " + " ".join(f"t:{stem}" for stem in title_stems) + " " + " ".join(all_stems) + " "
    return document, stem_text


# --- the derived fields, stored ------------------------------------------------------------------------------
# The search text and the word keys are copies of what the opportunity, its organisation and its words say. They
# are refreshed in one place: the opportunity's own service after a save, and volunteering.receivers when the
# register announces a renamed organisation, a relabelled word or a merge (frivillig/crm/events.py).

DERIVED_FIELDS = ("search_document", "search_stems", "word_keys")
# Opportunities read and written per round of the bulk refresh: one read of the rows with their organisations, one
# per word relation, one UPDATE.
REFRESH_BATCH = 500


def derived_fields(opportunity) -> dict[str, str]:
    """The stored copies of an opportunity's text and words, worked out from its saved fields and words."""
    from frivillig.volunteering.matching import WORD_KEY_FIELDS, word_keys_text

    document, stem_text = search_fields(opportunity)
    keys = word_keys_text(
        {name: [tag.slug for tag in getattr(opportunity, name).all()] for name in WORD_KEY_FIELDS}
        if opportunity.pk
        else {}
    )
    return {"search_document": document, "search_stems": stem_text, "word_keys": keys}


def refresh_search_fields(opportunity) -> None:
    """Store the search text and the word keys of one opportunity whose fields and words are saved."""
    values = derived_fields(opportunity)
    for name, value in values.items():
        setattr(opportunity, name, value)
    with unscoped("stores the derived search text of the row the caller already holds"):
        type(opportunity).objects.filter(pk=opportunity.pk).update(**values)


def refresh_opportunities(opportunity_ids: Iterable[int]) -> int:
    """Store the search text and the word keys of these opportunities, in any tenant, in bounded rounds of
    REFRESH_BATCH (six queries each, however many opportunities). Returns how many were refreshed."""
    from frivillig.volunteering.matching import WORD_KEY_FIELDS
    from frivillig.volunteering.models import Opportunity

    ids = sorted(set(opportunity_ids))
    for start in range(0, len(ids), REFRESH_BATCH):
        with unscoped("stores the derived search text of the opportunities a change in the register named"):
            rows = list(
                Opportunity.objects.filter(pk__in=ids[start : start + REFRESH_BATCH])
                .select_related("organisation")
                .prefetch_related(*WORD_KEY_FIELDS)
            )
            for row in rows:
                for name, value in derived_fields(row).items():
                    setattr(row, name, value)
            Opportunity.objects.bulk_update(rows, DERIVED_FIELDS)
    return len(ids)


class _StoredVector(Expression):
    """The PostgreSQL-only `search_vector` column (migration 0002) of the opportunity table.

    Resolved to a real column reference under the alias the query gives the table, so the search still works
    when the queryset becomes a subquery (the board's facet counts), where Django renames the tables.
    """

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        column = Field(name="search_vector")
        column.set_attributes_from_name("search_vector")
        return Col(query.get_initial_alias(), column, output_field=TextField())


class _DanishQuery(Func):
    template = "websearch_to_tsquery('danish', %(expressions)s)"
    output_field = TextField()


class _Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def apply_search(queryset: QuerySet, query: str) -> QuerySet:
    """Filter to the opportunities matching `query` and annotate `search_rank` (higher is better)."""
    query = (query or "").strip()
    if not words(query):
        # Empty, or only punctuation ("-", '"', "*&!"): there is nothing to look for, so the search does not
        # filter, on both databases alike (PostgreSQL would find nothing, SQLite would have no stems).
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        tsquery = _DanishQuery(Value(query))
        return queryset.filter(_Matches(_StoredVector(), tsquery)).annotate(
            search_rank=Func(_StoredVector(), tsquery, function="ts_rank", output_field=FloatField())
        )
    query_stems = [stem for stem in stems(query) if stem]
    rank = Value(0, output_field=IntegerField())
    for stem in query_stems:
        queryset = queryset.filter(search_stems__contains=f" {stem}")
        rank = rank + Case(When(search_stems__contains=f" t:{stem}", then=Value(2)), default=Value(1))
    return queryset.annotate(search_rank=rank * Value(1.0, output_field=FloatField()))
