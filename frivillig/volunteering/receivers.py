"""How volunteering answers the register's events (frivillig/crm/events.py) and the kernel's (a tenant changed,
frivillig/tenants/events.py), in one place.

An opportunity's search text holds its organisation's name and its words' labels, and its word keys hold its
words' keys; the board's caches hold all of these. When the register announces a change, the opportunities it
touches get their stored copies refreshed in bulk (frivillig.volunteering.search.refresh_opportunities) and the
board's caches are renewed. The events arrive after the register's change is committed, so this work reads the
committed rows.

Connected in VolunteeringConfig.ready; crm never imports this module.
"""

from frivillig.core.scoping import unscoped
from frivillig.volunteering.caching import board_changed
from frivillig.volunteering.search import REFRESH_BATCH, refresh_opportunities


def _chunks(ids) -> list[list[int]]:
    ids = sorted(set(ids))
    return [ids[start : start + REFRESH_BATCH] for start in range(0, len(ids), REFRESH_BATCH)]


def opportunities_of_organisations(organisation_ids) -> set[int]:
    from frivillig.volunteering.models import Opportunity

    found: set[int] = set()
    for chunk in _chunks(organisation_ids):
        with unscoped("finds the opportunities of organisations the register changed"):
            found.update(Opportunity.objects.filter(organisation_id__in=chunk).values_list("pk", flat=True))
    return found


def opportunities_with_words(tag_ids) -> set[int]:
    """The opportunities that carry any of these words, in any of their word relations (one query per round)."""
    from frivillig.volunteering.matching import WORD_KEY_FIELDS
    from frivillig.volunteering.models import Opportunity

    found: set[int] = set()
    for chunk in _chunks(tag_ids):
        parts = [
            getattr(Opportunity, name).through.objects.filter(tag_id__in=chunk).values_list("opportunity_id").order_by()
            for name in WORD_KEY_FIELDS
        ]
        found.update(pk for (pk,) in parts[0].union(*parts[1:]))
    return found


def organisation_changed(sender, *, tenant_id, organisation_ids, **_kwargs) -> None:
    refresh_opportunities(opportunities_of_organisations(organisation_ids))
    board_changed()


def tag_changed(sender, *, tenant_id, tag_ids, **_kwargs) -> None:
    refresh_opportunities(opportunities_with_words(tag_ids))
    board_changed()


def records_merged(sender, *, tenant_id, model, kept_id, removed_id, **_kwargs) -> None:
    if model == "crm.organisation":
        # The removed organisation's opportunities now belong to the kept one, under its name.
        refresh_opportunities(opportunities_of_organisations([kept_id]))
    board_changed()


def tenant_changed(sender, *, tenant_id, **_kwargs) -> None:
    # The boards show the municipality's and the centre's names, and only active tenants' opportunities.
    board_changed()


def connect_receivers() -> None:
    from frivillig.crm import events
    from frivillig.tenants.events import tenant_changed as tenant_event

    events.organisation_changed.connect(organisation_changed, dispatch_uid="volunteering-organisation-changed")
    events.tag_changed.connect(tag_changed, dispatch_uid="volunteering-tag-changed")
    events.records_merged.connect(records_merged, dispatch_uid="volunteering-records-merged")
    tenant_event.connect(tenant_changed, dispatch_uid="volunteering-tenant-changed")
