from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.core.services import log_action
from frivillig.crm.models import Interaction, Organisation, Person, Tag

if TYPE_CHECKING:
    from frivillig.accounts.models import User


class InteractionError(Exception):
    """A change the interaction cannot take; the message is for the person who tried."""


@transaction.atomic
def interaction_save(
    *,
    interaction: Interaction,
    actor: User | None,
    organisations: Iterable[Organisation],
    people: Iterable[Person],
    topics: Iterable[Tag],
    changed: list[str] | None = None,
) -> Interaction:
    """Create or update an interaction from a validated form's instance, with its organisations, people and topics."""
    created = interaction.pk is None
    changed = list(changed or [])
    if not created and "follow_up_on" in changed and interaction.follow_up_on is not None:
        # A new follow-up date is a new follow-up: the earlier one being done does not settle it.
        interaction.follow_up_done_at = None
    interaction.save()
    interaction.organisations.set(organisations)
    interaction.people.set(people)
    interaction.topics.set(topics)
    log_action(
        "crm.interaction.created" if created else "crm.interaction.updated",
        actor=actor,
        tenant=interaction.tenant,
        target=interaction,
        data={} if created else {"fields": changed},
    )
    return interaction


@transaction.atomic
def interaction_follow_up_done(*, interaction: Interaction, actor: User | None) -> Interaction:
    """Mark the follow-up done; the audit entry records who did it, `follow_up_done_at` when."""
    if interaction.follow_up_on is None:
        raise InteractionError(_("This interaction has no follow-up to mark as done."))
    if interaction.follow_up_done_at is not None:
        return interaction
    interaction.follow_up_done_at = timezone.now()
    interaction.save(update_fields=["follow_up_done_at"])
    log_action(
        "crm.interaction.followed_up",
        actor=actor,
        tenant=interaction.tenant,
        target=interaction,
        data={"follow_up_on": interaction.follow_up_on.isoformat()},
    )
    return interaction
