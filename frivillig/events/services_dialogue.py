"""Writes of the dialogue meetings' input: staff and participants add ideas and concerns, staff follow them up
and write and publish the summary ("opsamling"). Each write is one transaction with its audit entry."""

from __future__ import annotations

from django.db import transaction

from frivillig.accounts.models import User
from frivillig.core.services import log_action
from frivillig.crm.models import Tag
from frivillig.events.enums import FollowUpStatus
from frivillig.events.models import DialogueInput, Event


@transaction.atomic
def input_add(*, event: Event, kind: str, text: str, theme: Tag | None, actor: User | None) -> DialogueInput:
    """Staff register an input raised at the meeting."""
    dialogue_input = DialogueInput.objects.create(
        tenant=event.tenant, event=event, kind=kind, text=text, theme=theme, created_by=actor
    )
    log_action("events.input.created", actor=actor, tenant=event.tenant, target=dialogue_input)
    return dialogue_input


@transaction.atomic
def input_add_by_participant(*, event: Event, kind: str, text: str, theme: Tag | None) -> DialogueInput:
    """A participant adds an input from the meeting's link: nothing about who is kept."""
    dialogue_input = DialogueInput.objects.create(
        tenant=event.tenant, event=event, kind=kind, text=text, theme=theme, from_participant=True
    )
    log_action("events.input.added_by_participant", tenant=event.tenant, target=dialogue_input)
    return dialogue_input


@transaction.atomic
def input_follow_up(
    *,
    dialogue_input: DialogueInput,
    kind: str,
    theme: Tag | None,
    text: str,
    responsible: User | None,
    follow_up_status: str,
    answer: str,
    actor: User,
) -> DialogueInput:
    before = dialogue_input.follow_up_status
    dialogue_input.kind = kind
    dialogue_input.theme = theme
    dialogue_input.text = text
    dialogue_input.responsible = responsible
    dialogue_input.follow_up_status = FollowUpStatus(follow_up_status)
    dialogue_input.answer = answer
    dialogue_input.save()
    log_action(
        "events.input.followed_up",
        actor=actor,
        tenant=dialogue_input.tenant,
        target=dialogue_input,
        data={
            "status": [before, dialogue_input.follow_up_status],
            "responsible": responsible.pk if responsible else None,
        },
    )
    return dialogue_input


@transaction.atomic
def summary_save(*, event: Event, summary: str, published: bool, actor: User) -> Event:
    was_published = event.summary_published
    event.summary = summary
    event.summary_published = published
    event.save(update_fields=["summary", "summary_published", "updated_at"])
    log_action("events.summary.updated", actor=actor, tenant=event.tenant, target=event)
    if published != was_published:
        code = "events.summary.published" if published else "events.summary.unpublished"
        log_action(code, actor=actor, tenant=event.tenant, target=event)
    return event
