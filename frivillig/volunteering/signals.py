"""The model signals volunteering still answers, each for a write that no service makes (the services' changes
arrive as domain events instead: frivillig/volunteering/receivers.py). And a person proving their address
(accounts.signals.address_confirmed), which gives them their earlier guest sign-ups.

- Words written straight onto an opportunity's relations (`opportunity.skills.add(...)`), as the seeding helpers
  of the test and browser suites do: the word keys follow. The opportunity's service (`opportunity_save`)
  stores the word keys with the search text itself (`search.refresh_search_fields`); this receiver only catches
  the writes that bypass it. Rows written straight into the through tables, as the benchmark's data generator
  does, must set word_keys themselves.
- A word deleted: no service deletes one (words are taken out of use instead), but deleting a tenant cascades to
  its words, and the shell can. The opportunities that carried it lose it from their search text and word keys,
  and the board's caches are renewed.
"""

from django.db.models import Value
from django.db.models.signals import m2m_changed, post_delete, pre_delete

from frivillig.core.scoping import unscoped
from frivillig.volunteering.matching import WORD_KEY_FIELDS, word_keys_text


def refresh_word_keys(opportunity_ids) -> None:
    """Store the word keys of these opportunities, read from their words (one query for the four word tables,
    and one update each)."""
    from frivillig.volunteering.models import Opportunity

    ids = list(opportunity_ids)
    if not ids:
        return
    words: dict[int, dict[str, list[str]]] = {pk: {} for pk in ids}
    parts = [
        getattr(Opportunity, name)
        .through.objects.filter(opportunity_id__in=ids)
        .annotate(field=Value(name))
        .values_list("field", "opportunity_id", "tag__slug")
        .order_by()
        for name in WORD_KEY_FIELDS
    ]
    for name, opportunity_id, slug in parts[0].union(*parts[1:], all=True):
        words[opportunity_id].setdefault(name, []).append(slug)
    for pk, by_field in words.items():
        with unscoped("stores the derived word keys of the rows the caller already holds"):
            Opportunity.objects.filter(pk=pk).update(word_keys=word_keys_text(by_field))


def _words_changed(sender, instance, action, **_kwargs) -> None:
    # The relations have no reverse accessor (related_name="+"), so `instance` is always the opportunity.
    if action in {"post_add", "post_remove", "post_clear"}:
        refresh_word_keys([instance.pk])


def _tag_deleting(sender, instance, **_kwargs) -> None:
    from frivillig.volunteering.models import Opportunity

    affected: set[int] = set()
    for name in WORD_KEY_FIELDS:
        through = getattr(Opportunity, name).through
        affected.update(through.objects.filter(tag_id=instance.pk).values_list("opportunity_id", flat=True))
    instance._word_key_opportunities = affected


def _tag_deleted(sender, instance, **_kwargs) -> None:
    from frivillig.volunteering.caching import board_changed
    from frivillig.volunteering.search import refresh_opportunities

    refresh_opportunities(getattr(instance, "_word_key_opportunities", ()))
    board_changed()


def _address_confirmed(sender, user, **_kwargs) -> None:
    # accounts (a lower layer) cannot import volunteering, so it announces the proved address and we link here.
    from frivillig.volunteering.services.applications import applications_link_to_account

    applications_link_to_account(user=user)


def connect_signals() -> None:
    from frivillig.accounts.signals import address_confirmed
    from frivillig.crm.models import Tag
    from frivillig.volunteering.models import Opportunity

    for name in WORD_KEY_FIELDS:
        through = getattr(Opportunity, name).through
        m2m_changed.connect(_words_changed, sender=through, dispatch_uid=f"word-keys-{name}")
    pre_delete.connect(_tag_deleting, sender=Tag, dispatch_uid="word-keys-tag-deleting")
    post_delete.connect(_tag_deleted, sender=Tag, dispatch_uid="word-keys-tag-deleted")
    address_confirmed.connect(_address_confirmed, dispatch_uid="volunteering-link-guest-applications")
