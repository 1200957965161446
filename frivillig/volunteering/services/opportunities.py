"""Writes of volunteer opportunities: saving, and the life cycle draft → published → filled / closed / expired.

Every state change is here, audit-logged. A transition the life cycle does not allow raises
`OpportunityStateError` with a message for the person who asked; publishing and renewing also require the
opportunity to be complete (`missing_for_publishing`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frivillig.core.email import send_templated_mail
from frivillig.core.scoping import unscoped
from frivillig.core.services import log_action
from frivillig.crm.models import Tag
from frivillig.volunteering.caching import board_changed
from frivillig.volunteering.enums import OpportunityStatus
from frivillig.volunteering.models import Opportunity
from frivillig.volunteering.search import refresh_search_fields

if TYPE_CHECKING:
    from frivillig.accounts.models import User
    from frivillig.tenants.models import Tenant

RENEWAL_DAYS = 30
EXPIRY_WARNING_DAYS = 7
RENEWAL_SALT = "frivillig.volunteering.opportunity-renewal"
RENEWAL_LINK_MAX_AGE = RENEWAL_DAYS * 24 * 60 * 60

CLOSING_STATUSES = (OpportunityStatus.CLOSED, OpportunityStatus.FILLED)
# A published opportunity can be renewed too: that is what the reminder's one-click link does.
RENEWABLE_STATUSES = (
    OpportunityStatus.PUBLISHED,
    OpportunityStatus.CLOSED,
    OpportunityStatus.FILLED,
    OpportunityStatus.EXPIRED,
)

# What publishing needs, in the order the form asks for it. Lazy: the message follows the reader's language.
MISSING_PIECES = {
    "title": gettext_lazy("a title"),
    "summary": gettext_lazy("a short summary"),
    "description": gettext_lazy("a description or the tasks"),
    "activity_area": gettext_lazy("at least one activity area"),
    "commitment": gettext_lazy("the commitment (one-off, for a short period or regularly)"),
    "place": gettext_lazy("a place (at least a postcode) or “can be done from home”"),
    "expires_on": gettext_lazy("an “open until” date after today"),
    "contact": gettext_lazy("a contact person, or an e-mail address on the association"),
}

# The form's fields that give each piece, first the one to go to when it is missing. With MISSING_PIECES and
# missing_for_publishing the one statement of what publishing needs: the form marks these fields, and the
# edit page links each missing piece to its field.
PUBLISHING_FIELDS = {
    "title": ("title",),
    "summary": ("summary",),
    "description": ("description", "tasks"),
    "activity_area": ("activity_areas",),
    "commitment": ("commitment",),
    "place": ("postcode", "is_remote"),
    "expires_on": ("expires_on",),
    "contact": ("contact_person",),
}


class OpportunityStateError(Exception):
    """The change cannot be made; the message says why, in words for the person who asked."""


@dataclass(frozen=True)
class ExpiryRun:
    expired: int = 0
    warned: int = 0
    without_address: int = 0


def missing_for_publishing(opportunity: Opportunity, *, today: date | None = None) -> list[str]:
    """The keys of MISSING_PIECES the opportunity still lacks (empty: it can be published)."""
    today = today or timezone.localdate()
    missing = []
    if not opportunity.title.strip():
        missing.append("title")
    if not opportunity.summary.strip():
        missing.append("summary")
    if not (opportunity.description.strip() or opportunity.tasks.strip()):
        missing.append("description")
    # `.all()` reads the prefetched words when the page loaded them.
    if opportunity.pk is None or not opportunity.activity_areas.all():
        missing.append("activity_area")
    if not opportunity.commitment:
        missing.append("commitment")
    if not (opportunity.is_remote or opportunity.postcode):
        missing.append("place")
    if opportunity.expires_on is None or opportunity.expires_on <= today:
        missing.append("expires_on")
    if opportunity.contact_person_id is None and not opportunity.organisation.email:
        missing.append("contact")
    return missing


def missing_labels(missing: Iterable[str]) -> list[str]:
    return [str(MISSING_PIECES[key]) for key in missing]


def _refuse_incomplete(missing: list[str]) -> None:
    if missing:
        raise OpportunityStateError(
            _("The opportunity still needs: %(pieces)s.") % {"pieces": "; ".join(missing_labels(missing))}
        )


@transaction.atomic
def opportunity_save(
    *,
    opportunity: Opportunity,
    actor: User | None,
    activity_areas: Iterable[Tag] = (),
    target_groups: Iterable[Tag] = (),
    skills: Iterable[Tag] = (),
    inclusion: Iterable[Tag] = (),
    changed: list[str] | None = None,
) -> Opportunity:
    """Create or update an opportunity from a validated form's instance, with its words, and keep the search
    fields up to date. A new opportunity starts as a draft."""
    created = opportunity.pk is None
    if created:
        opportunity.tenant = opportunity.organisation.tenant
        opportunity.status = OpportunityStatus.DRAFT
        opportunity.created_by = actor if getattr(actor, "is_authenticated", False) else None
    opportunity.save()
    opportunity.activity_areas.set(activity_areas)
    opportunity.target_groups.set(target_groups)
    opportunity.skills.set(skills)
    opportunity.inclusion.set(inclusion)
    refresh_search_fields(opportunity)
    log_action(
        "volunteering.opportunity.created" if created else "volunteering.opportunity.updated",
        actor=actor,
        tenant=opportunity.tenant,
        target=opportunity,
        data={"organisation": opportunity.organisation_id} if created else {"fields": changed or []},
    )
    return opportunity


def _locked(opportunity: Opportunity) -> Opportunity:
    """The row, locked for the rest of the transaction, so two clicks cannot both change the status."""
    with unscoped("re-reads under a lock the row the caller already holds"):
        locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    opportunity.status = locked.status
    opportunity.expires_on = locked.expires_on
    return opportunity


@transaction.atomic
def opportunity_publish(*, opportunity: Opportunity, actor: User | None) -> Opportunity:
    opportunity = _locked(opportunity)
    if opportunity.status != OpportunityStatus.DRAFT:
        raise OpportunityStateError(
            _("Only a draft can be published. This opportunity is %(status)s.")
            % {"status": opportunity.get_status_display().lower()}
        )
    _refuse_incomplete(missing_for_publishing(opportunity))
    opportunity.status = OpportunityStatus.PUBLISHED
    opportunity.published_at = timezone.now()
    opportunity.closed_at = None
    opportunity.save(update_fields=["status", "published_at", "closed_at", "updated_at"])
    log_action("volunteering.opportunity.published", actor=actor, tenant=opportunity.tenant, target=opportunity)
    return opportunity


@transaction.atomic
def opportunity_close(
    *, opportunity: Opportunity, actor: User | None, status: str = OpportunityStatus.CLOSED
) -> Opportunity:
    """Take a published opportunity off the board: closed, or filled (the volunteers were found)."""
    if status not in CLOSING_STATUSES:
        raise OpportunityStateError(_("Choose whether the opportunity is filled or closed."))
    opportunity = _locked(opportunity)
    if opportunity.status != OpportunityStatus.PUBLISHED:
        raise OpportunityStateError(
            _("Only a published opportunity can be closed. This opportunity is %(status)s.")
            % {"status": opportunity.get_status_display().lower()}
        )
    opportunity.status = status
    opportunity.closed_at = timezone.now()
    opportunity.save(update_fields=["status", "closed_at", "updated_at"])
    log_action(
        "volunteering.opportunity.closed",
        actor=actor,
        tenant=opportunity.tenant,
        target=opportunity,
        data={"status": status},
    )
    return opportunity


def renewal_date(opportunity: Opportunity, *, today: date | None = None) -> date:
    """30 days more: from the current "open until" date if it is still ahead, otherwise from today."""
    today = today or timezone.localdate()
    start = opportunity.expires_on if opportunity.expires_on and opportunity.expires_on > today else today
    # Forms keep dates within core.params' years; a date stored before they did must not overflow here.
    return min(start, date.max - timedelta(days=RENEWAL_DAYS)) + timedelta(days=RENEWAL_DAYS)


@transaction.atomic
def opportunity_renew(
    *, opportunity: Opportunity, actor: User | None, expires_on: date | None = None, via: str = "page"
) -> Opportunity:
    """Open the opportunity again (or keep it open) until `expires_on`, by default 30 days more."""
    today = timezone.localdate()
    opportunity = _locked(opportunity)
    if opportunity.status not in RENEWABLE_STATUSES:
        raise OpportunityStateError(
            _("A draft cannot be renewed. Publish it when it is ready.")
            if opportunity.status == OpportunityStatus.DRAFT
            else _("This opportunity cannot be renewed.")
        )
    new_date = expires_on or renewal_date(opportunity, today=today)
    if new_date <= today:
        raise OpportunityStateError(_("The new “open until” date must be after today."))
    previous: dict[str, Any] = {"status": opportunity.status, "expires_on": opportunity.expires_on}
    opportunity.expires_on = new_date
    _refuse_incomplete(missing_for_publishing(opportunity, today=today))
    opportunity.status = OpportunityStatus.PUBLISHED
    if opportunity.published_at is None:
        opportunity.published_at = timezone.now()
    opportunity.closed_at = None
    # A new period: the association is told again a week before this one ends.
    opportunity.expiry_warning_sent_at = None
    opportunity.save(
        update_fields=["status", "expires_on", "published_at", "closed_at", "expiry_warning_sent_at", "updated_at"]
    )
    log_action(
        "volunteering.opportunity.renewed",
        actor=actor,
        tenant=opportunity.tenant,
        target=opportunity,
        data={
            "from_status": previous["status"],
            "from": previous["expires_on"].isoformat() if previous["expires_on"] else None,
            "until": new_date.isoformat(),
            "via": via,
        },
    )
    return opportunity


# --- the one-click renewal link ----------------------------------------------------------------------------


def renewal_token(opportunity: Opportunity) -> str:
    """Signed with the opportunity and its current "open until" date: once the date moves, the link is spent."""
    expires_on = opportunity.expires_on.isoformat() if opportunity.expires_on else ""
    return signing.dumps({"o": opportunity.pk, "d": expires_on}, salt=RENEWAL_SALT)


def opportunity_from_renewal_token(token: str, *, tenant: Tenant) -> Opportunity:
    """The opportunity a renewal link names, or OpportunityStateError saying why the link cannot be used."""
    try:
        payload = signing.loads(token, salt=RENEWAL_SALT, max_age=RENEWAL_LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise OpportunityStateError(
            _("This renewal link has expired. Links work for 30 days; log in to renew the opportunity.")
        ) from None
    except signing.BadSignature:
        raise OpportunityStateError(
            _("This renewal link is not valid. Check that you copied the whole link.")
        ) from None
    opportunity_id = payload.get("o") if isinstance(payload, dict) else None
    opportunity = (
        Opportunity.objects.filter(tenant=tenant, pk=opportunity_id).select_related("organisation").first()
        if isinstance(opportunity_id, int)
        else None
    )
    if opportunity is None:
        raise OpportunityStateError(_("This renewal link is not valid. Check that you copied the whole link."))
    current = opportunity.expires_on.isoformat() if opportunity.expires_on else ""
    if current != payload.get("d"):
        raise OpportunityStateError(
            _("This renewal link has already been used, or the opportunity has been changed since it was sent.")
        )
    if opportunity.status not in RENEWABLE_STATUSES:
        raise OpportunityStateError(_("This opportunity cannot be renewed."))
    return opportunity


# --- the periodic expiry (management command expire_opportunities) -----------------------------------------


def opportunities_expire(*, today: date) -> int:
    """Published opportunities whose "open until" date has passed become expired. Safe to run again."""
    from frivillig.volunteering.selectors.opportunities import past_expiry

    expired = 0
    for opportunity in past_expiry(today=today):
        with transaction.atomic():
            # Conditional update: a second run, or a renewal at the same moment, leaves the row alone.
            with unscoped("the expiry job runs for the whole site"):
                changed = Opportunity.objects.filter(
                    pk=opportunity.pk, status=OpportunityStatus.PUBLISHED, expires_on__lt=today
                ).update(status=OpportunityStatus.EXPIRED, closed_at=timezone.now(), updated_at=timezone.now())
            if changed:
                board_changed()  # an update() sends no signal
                log_action(
                    "volunteering.opportunity.expired",
                    tenant=opportunity.tenant,
                    target=opportunity,
                    data={"expires_on": opportunity.expires_on.isoformat() if opportunity.expires_on else None},
                )
                expired += 1
    return expired


def expiry_warning_recipients(opportunity: Opportunity) -> list[tuple[str, str]]:
    """(address, language) of the association's e-mail and the contact person's, each address once."""
    recipients: dict[str, str] = {}
    if opportunity.organisation.email:
        recipients[opportunity.organisation.email.lower()] = settings.LANGUAGE_CODE
    person = opportunity.contact_person
    if person is not None and person.email and person.archived_at is None:
        language = person.user.preferred_language if person.user_id and person.user else settings.LANGUAGE_CODE
        recipients.setdefault(person.email.lower(), language)
    return sorted(recipients.items())


def opportunities_warn_before_expiry(*, today: date, base_url: str) -> tuple[int, int]:
    """E-mail the associations whose opportunities close within a week, once per period.

    Returns (opportunities warned, opportunities with nobody to tell). The mail is sent inside the transaction
    that marks the warning as sent: if sending fails, the mark is rolled back and the next run tries again.
    """
    from frivillig.volunteering.selectors.opportunities import expiring_soon

    warned = without_address = 0
    for opportunity in expiring_soon(today=today, warn_days=EXPIRY_WARNING_DAYS):
        with transaction.atomic():
            with unscoped("the expiry job runs for the whole site"):
                claimed = Opportunity.objects.filter(
                    pk=opportunity.pk, status=OpportunityStatus.PUBLISHED, expiry_warning_sent_at=None
                ).update(expiry_warning_sent_at=timezone.now())
            if not claimed:
                continue
            recipients = expiry_warning_recipients(opportunity)
            if not recipients:
                without_address += 1
                continue
            tenant_slug = opportunity.tenant.slug
            context = {
                "opportunity": opportunity,
                "organisation": opportunity.organisation,
                "tenant": opportunity.tenant,
                "renew_link": base_url
                + reverse(
                    "volunteering:opportunity_renew_link",
                    kwargs={"tenant_slug": tenant_slug, "token": renewal_token(opportunity)},
                ),
                "edit_link": base_url
                + reverse("volunteering:opportunity_edit", kwargs={"tenant_slug": tenant_slug, "pk": opportunity.pk}),
                "renewal_days": RENEWAL_DAYS,
                "new_date": renewal_date(opportunity, today=today),
            }
            for address, language in recipients:
                send_templated_mail(
                    to=address,
                    template="volunteering/email/opportunity_expiry_warning",
                    context=context,
                    language=language,
                )
            warned += 1
    return warned, without_address


def opportunities_expiry_run(*, base_url: str, today: date | None = None) -> ExpiryRun:
    """What the periodic command does: expire what has passed, then warn about what closes within a week."""
    today = today or timezone.localdate()
    expired = opportunities_expire(today=today)
    warned, without_address = opportunities_warn_before_expiry(today=today, base_url=base_url.rstrip("/"))
    return ExpiryRun(expired=expired, warned=warned, without_address=without_address)
