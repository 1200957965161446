"""Reads of the dialogue meetings' input: the staff list with its filter and counts, the summary ("opsamling"),
the participants' link and the window in which it is open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from frivillig.accounts.models import User
from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.crm.selectors import tags
from frivillig.events.enums import EventStatus, FollowUpStatus
from frivillig.events.models import DialogueInput, Event
from frivillig.tenants.enums import STAFF_ROLES
from frivillig.tenants.models import Tenant

# The participants' link is open on the day of the meeting: from two hours before it starts (people arrive early,
# the link may be shown on the screen before the start) until four hours after it ends (the last thoughts on the
# way home); outside that window the page says the meeting is not open for input.
INPUT_OPENS_BEFORE = timedelta(hours=2)
INPUT_CLOSES_AFTER = timedelta(hours=4)


@dataclass(frozen=True)
class InputFilter:
    theme_id: int | None = None
    kind: str = ""
    status: str = ""


def themes(tenant: Tenant) -> QuerySet[Tag]:
    return tags(tenant, Vocabulary.THEME)


def inputs_for_list(event: Event, criteria: InputFilter) -> QuerySet[DialogueInput]:
    queryset = DialogueInput.objects.filter(event=event).select_related("theme", "responsible")
    if criteria.theme_id:
        queryset = queryset.filter(theme_id=criteria.theme_id)
    if criteria.kind:
        queryset = queryset.filter(kind=criteria.kind)
    if criteria.status:
        queryset = queryset.filter(follow_up_status=criteria.status)
    return queryset.order_by("created_at", "pk")


def status_counts(event: Event) -> list[tuple[str, str, int]]:
    """(status, its label, how many inputs have it) for every follow-up status, in the statuses' order."""
    counted = dict(
        DialogueInput.objects.filter(event=event)
        .order_by()
        .values_list("follow_up_status")
        .annotate(number=Count("pk"))
        .values_list("follow_up_status", "number")
    )
    return [(status.value, str(status.label), counted.get(status.value, 0)) for status in FollowUpStatus]


def inputs_for_summary(event: Event) -> list[DialogueInput]:
    return list(
        DialogueInput.objects.filter(event=event).select_related("theme", "responsible").order_by("created_at", "pk")
    )


def input_of(event: Event, pk: int) -> DialogueInput | None:
    return DialogueInput.objects.filter(event=event, pk=pk).select_related("theme", "responsible").first()


def staff_users(tenant: Tenant) -> QuerySet[User]:
    """The tenant's staff (the centre's, the municipality's and its administrators): who may be responsible for
    following an input up."""
    return (
        User.objects.filter(memberships__tenant=tenant, memberships__role__in=STAFF_ROLES, is_active=True)
        .distinct()
        .order_by("full_name", "email")
    )


def event_for_input(pk: int, token: str) -> Event | None:
    """The event the participants' link names, when the link's token is the event's (the scope is open)."""
    event = Event.objects.filter(pk=pk).first()
    if event is None or not token or not constant_time_compare(event.input_token, token):
        return None
    return event


def input_window(event: Event) -> tuple[datetime, datetime]:
    return event.starts_at - INPUT_OPENS_BEFORE, event.ends_at + INPUT_CLOSES_AFTER


def input_is_open(event: Event, *, now: datetime | None = None) -> bool:
    if event.status != EventStatus.PUBLISHED:
        return False
    opens, closes = input_window(event)
    now = now or timezone.now()
    return opens <= now <= closes


def published_summary_inputs(event: Event) -> list[DialogueInput]:
    """What the public page shows of a published summary: every input with its theme, status and answer (never who
    was responsible or who added it)."""
    if not event.summary_published:
        return []
    return list(DialogueInput.objects.filter(event=event).select_related("theme").order_by("created_at", "pk"))
