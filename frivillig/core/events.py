"""Domain events: how one app tells the others that something they may keep a copy of has changed.

An app that owns the data defines its events beside its services (e.g. `frivillig/crm/events.py`) and its
services send them once their change is committed; the apps that keep derived data (search text, word keys,
caches) connect receivers to them in their `AppConfig.ready`. The sender never imports the receivers, so a
lower layer can announce a change to the layers above it.

    organisation_changed = DomainEvent("crm.organisation_changed", payload=("tenant_id", "organisation_ids"))

    send_after_commit(organisation_changed, tenant_id=tenant.pk, organisation_ids=[organisation.pk])

    organisation_changed.connect(refresh, dispatch_uid="volunteering-organisation-changed")

Why after commit: a receiver reads the committed state (in its own transaction), and a change that is rolled back
announces nothing. The payload carries ids, never model instances, so a receiver reads fresh rows.

Model signals (`post_save`, `m2m_changed`) are for the write paths no service covers; each such receiver says
why beside it.
"""

from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.dispatch import Signal


class DomainEvent(Signal):
    """A named event with a fixed payload; receivers get `(sender=<name>, signal=<event>, **payload)`."""

    def __init__(self, name: str, *, payload: Iterable[str]):
        super().__init__()
        self.name = name
        self.payload = frozenset(payload)

    def __repr__(self) -> str:
        return f"<DomainEvent {self.name}>"


def _deliver(event: DomainEvent, payload: dict) -> None:
    event.send(sender=event.name, **payload)


def send_after_commit(event: DomainEvent, *, using: str | None = None, **payload) -> None:
    """Deliver `event` to its receivers when the current transaction commits (at once outside one).

    The payload must name exactly the event's fields: a misspelt name fails where it is sent, not later in a
    receiver. A receiver that raises is logged and does not undo the committed change (`robust=True`)."""
    if set(payload) != event.payload:
        raise TypeError(f"{event.name} takes {sorted(event.payload)}, not {sorted(payload)}.")
    transaction.on_commit(partial(_deliver, event, payload), using=using, robust=True)
