from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify

from frivillig.core.events import send_after_commit
from frivillig.core.services import log_action
from frivillig.crm.events import tag_changed
from frivillig.crm.models import Tag
from frivillig.crm.vocabularies import DEFAULT_TAGS

if TYPE_CHECKING:
    from frivillig.accounts.models import User
    from frivillig.tenants.models import Tenant

# slugify() drops what it cannot fold to ASCII, and æ, ø and å do not fold: "Ældre" would become "ldre".
_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
# Leaves room for a "-NN" suffix within the field's 60 characters.
_SLUG_BASE_LENGTH = 50
# A label of only signs or of letters slugify() cannot fold (e.g. Arabic) still needs a key.
_FALLBACK_SLUG = "ord"


def slugify_da(text: str) -> str:
    """An ASCII slug that keeps Danish words readable: "Børn og ældre" → "boern-og-aeldre"."""
    return slugify((text or "").translate(_DANISH_LETTERS))


@transaction.atomic
def tags_seed_defaults(*, tenant: Tenant) -> int:
    """Give a tenant the default vocabularies; words it already has are left as they are. Returns the count added."""
    existing = set(Tag.objects.filter(tenant=tenant).values_list("vocabulary", "slug"))
    new = [
        Tag(tenant=tenant, vocabulary=vocabulary, slug=slug, label_da=label_da, label_en=label_en, position=index)
        for vocabulary, words in DEFAULT_TAGS.items()
        for index, (slug, label_da, label_en) in enumerate(words)
        if (vocabulary, slug) not in existing
    ]
    Tag.objects.bulk_create(new)
    if new:
        send_after_commit(tag_changed, tenant_id=tenant.pk, tag_ids=[tag.pk for tag in new])
    return len(new)


def _free_slug(*, tenant: Tenant, vocabulary: str, label: str) -> str:
    base = slugify_da(label)[:_SLUG_BASE_LENGTH].strip("-") or _FALLBACK_SLUG
    taken = set(
        Tag.objects.filter(tenant=tenant, vocabulary=vocabulary, slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _next_position(*, tenant: Tenant, vocabulary: str) -> int:
    highest = Tag.objects.filter(tenant=tenant, vocabulary=vocabulary).aggregate(highest=Max("position"))["highest"]
    return 0 if highest is None else highest + 1


@transaction.atomic
def tag_create(
    *,
    tenant: Tenant,
    vocabulary: str,
    label_da: str,
    label_en: str = "",
    position: int | None = None,
    is_active: bool = True,
    actor: User | None,
) -> Tag:
    """Add a word to one of the tenant's vocabularies. Its key (slug) comes from the Danish label and never changes.

    Without a position the word goes last in its list.
    """
    tag = Tag(
        tenant=tenant,
        vocabulary=vocabulary,
        label_da=label_da,
        label_en=label_en,
        position=_next_position(tenant=tenant, vocabulary=vocabulary) if position is None else position,
        is_active=is_active,
    )
    # Two admins adding the same word at once both find the slug free; the constraint stops the second,
    # which then takes the next number instead of failing.
    for attempt in range(3):
        tag.slug = _free_slug(tenant=tenant, vocabulary=vocabulary, label=label_da)
        try:
            with transaction.atomic():
                tag.save()
            break
        except IntegrityError:
            if attempt == 2:
                raise
    log_action(
        "crm.tag.created",
        actor=actor,
        tenant=tenant,
        target=tag,
        data={"vocabulary": vocabulary, "slug": tag.slug},
    )
    send_after_commit(tag_changed, tenant_id=tag.tenant_id, tag_ids=[tag.pk])
    return tag


@transaction.atomic
def tag_update(*, tag: Tag, actor: User | None, changed: list[str]) -> Tag:
    """Save a word's labels, position or use. The key stays: imports and saved links may name it.

    A word is never deleted, since organisations, interactions and opportunities may carry it; taking it
    out of use (`is_active=False`) stops it being offered for new choices.
    """
    tag.save()
    log_action(
        "crm.tag.updated",
        actor=actor,
        tenant=tag.tenant,
        target=tag,
        data={"vocabulary": tag.vocabulary, "fields": changed},
    )
    send_after_commit(tag_changed, tenant_id=tag.tenant_id, tag_ids=[tag.pk])
    return tag


MOVES = ("up", "down")


@transaction.atomic
def tag_move(*, tag: Tag, direction: str, actor: User | None) -> bool:
    """Move a word one place up or down in its list, past the word next to it. Returns False when it is already
    first (or last) and nothing changed.

    The list is numbered anew (0, 1, 2, …) in the order it is shown, so that words that shared a position or had
    gaps between them move one step as the admin sees it; the words of the list are locked meanwhile, so two
    admins moving at once do not interleave."""
    if direction not in MOVES:
        raise ValueError(f"Unknown direction {direction!r}; choose one of {MOVES}.")
    words = list(
        Tag.objects.select_for_update()
        .filter(tenant_id=tag.tenant_id, vocabulary=tag.vocabulary)
        .order_by("position", "label_da", "pk")
    )
    index = next(number for number, word in enumerate(words) if word.pk == tag.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(words):
        return False
    words[index], words[other] = words[other], words[index]
    changed = []
    for position, word in enumerate(words):
        if word.position != position:
            word.position = position
            changed.append(word)
    Tag.objects.bulk_update(changed, ["position"])
    tag.position = other
    log_action(
        "crm.tag.moved",
        actor=actor,
        tenant=tag.tenant,
        target=tag,
        data={"vocabulary": tag.vocabulary, "direction": direction, "position": other},
    )
    send_after_commit(tag_changed, tenant_id=tag.tenant_id, tag_ids=[word.pk for word in changed])
    return True
