"""The model signals volunteering still answers, each for a write that no service makes (the services' changes
arrive as domain events instead: frivillig/volunteering/receivers.py). And a person proving their address
(accounts.signals.address_confirmed), which gives them their earlier guest sign-ups.

- A word deleted: no service deletes one (words are taken out of use instead), but deleting a tenant cascades to
  its words, and the shell can. The opportunities that carried it lose it from their search text and word keys,
  and the board's caches are renewed.

An opportunity's words change only through its service (`opportunity_save`), which stores the word keys with the
search text itself (`search.refresh_search_fields`), so no receiver watches the word relations. Code that writes
the relations directly (test and browser seeding helpers, the benchmark's data generator) calls
`search.refresh_search_fields` or `search.refresh_opportunities` afterwards.
"""

from django.db.models.signals import post_delete, pre_delete

from frivillig.volunteering.matching import WORD_KEY_FIELDS


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

    # A cascade or the shell deletes words without a service.
    pre_delete.connect(_tag_deleting, sender=Tag, dispatch_uid="word-keys-tag-deleting")
    post_delete.connect(_tag_deleted, sender=Tag, dispatch_uid="word-keys-tag-deleted")
    address_confirmed.connect(_address_confirmed, dispatch_uid="volunteering-link-guest-applications")
