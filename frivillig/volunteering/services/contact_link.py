"""The association contact's personal link to one application, for associations that nobody represents with a login.

Most associations have a contact person (or just an address) and no account here. When someone applies to them,
their contact receives the volunteer's details in the mail and a personal link to a page that shows that one
application and lets them answer it, without logging in.

The link is signed, not stored: `{"a": application id, "e": recipient address}` under a salt of its own, valid for
CONTACT_LINK_MAX_AGE_DAYS from when it was made. Signed rather than a token row because there is then nothing to
keep, clean up or leak from the database and no migration, and the expiry is in the link itself. The address in it
ties the link to the person it was mailed to: when the association's contact changes, every link sent to the old
contact stops working. (A single link cannot be revoked on its own; changing the contact revokes them all.)
An expired link can be renewed by its holder, but the new link only ever goes to the address the old one names —
never to one typed in — and only while that is still the association's address.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from frivillig.core import throttle
from frivillig.core.email import send_templated_mail
from frivillig.core.services import log_action
from frivillig.core.throttle import address_key
from frivillig.volunteering.models import Application
from frivillig.volunteering.services.applications import (
    ApplicationError,
    application_change_status,
    application_decline,
    association_recipient,
)

if TYPE_CHECKING:
    from frivillig.accounts.models import User
    from frivillig.tenants.models import Tenant

CONTACT_LINK_SALT = "frivillig.volunteering.contact-link"
CONTACT_LINK_MAX_AGE_DAYS = 30
# Renewing sends a mail: a link found by someone else must not become a way to flood the contact's inbox.
RENEWALS_PER_APPLICATION_PER_DAY = 3
RENEWALS_PER_ADDRESS_PER_HOUR = 10


class ContactLinkInvalid(Exception):
    """The link was not made by us, was changed, or no longer names an application its address may see."""


class ContactLinkExpired(Exception):
    """A genuine link that is older than CONTACT_LINK_MAX_AGE_DAYS; `access` is what it would have opened."""

    def __init__(self, access: ContactAccess):
        super().__init__("expired")
        self.access = access


class RenewalRefused(ApplicationError):
    """Too many new links were asked for; the message says when to try again."""


@dataclass(frozen=True)
class ContactAccess:
    """What a valid link opens: one application, for the address the link was mailed to."""

    application: Application
    email: str


def contact_token(application: Application, email: str) -> str:
    return signing.dumps({"a": application.pk, "e": email.strip().lower()}, salt=CONTACT_LINK_SALT)


def contact_link_url(application: Application, email: str, *, base_url: str) -> str:
    return base_url + reverse(
        "volunteering:contact_application",
        kwargs={"tenant_slug": application.tenant.slug, "token": contact_token(application, email)},
    )


def _access(payload, *, tenant: Tenant) -> ContactAccess:
    application_id = payload.get("a") if isinstance(payload, dict) else None
    email = payload.get("e") if isinstance(payload, dict) else None
    if not isinstance(application_id, int) or not isinstance(email, str):
        raise ContactLinkInvalid
    # The tenant of the page: a link of another tenant's application names nothing here.
    application = (
        Application.objects.filter(tenant=tenant, pk=application_id, email_confirmed_at__isnull=False)
        .select_related("tenant", "opportunity__organisation", "opportunity__contact_person__user")
        .first()
    )
    if application is None or application.opportunity.organisation.archived_at is not None:
        raise ContactLinkInvalid
    recipient, _language = association_recipient(application.opportunity)
    if not recipient or recipient.strip().lower() != email:
        # The association's contact has changed since the link was sent: it was someone else's.
        raise ContactLinkInvalid
    return ContactAccess(application=application, email=email)


def contact_access(token: str, *, tenant: Tenant) -> ContactAccess:
    """The application and address a link opens. Raises ContactLinkExpired (a genuine link past its days, still
    pointing at an application its address may see) or ContactLinkInvalid (anything else)."""
    try:
        payload = signing.loads(token, salt=CONTACT_LINK_SALT, max_age=CONTACT_LINK_MAX_AGE_DAYS * 86400)
    except signing.SignatureExpired:
        payload = signing.loads(token, salt=CONTACT_LINK_SALT)  # genuine, only too old
        raise ContactLinkExpired(_access(payload, tenant=tenant)) from None
    except signing.BadSignature:
        raise ContactLinkInvalid from None
    return _access(payload, tenant=tenant)


def contact_link_opened(*, access: ContactAccess) -> None:
    """Each opening of a link is in the audit log: the volunteer's details were shown to whoever held it."""
    log_action(
        "volunteering.application.contact_link_opened",
        tenant=access.application.tenant,
        target=access.application,
        data={"via": "contact_link", "contact": access.email},
    )


@transaction.atomic
def application_change_status_by_contact(*, access: ContactAccess, to_status: str, base_url: str) -> Application:
    """The association's contact moves the application along the pipeline from their link: the pipeline's own
    steps and service. Nobody is logged in, so the audit log says whose link it was."""
    application = access.application
    from_status = application.status
    application_change_status(application=application, to_status=to_status, actor=None, base_url=base_url)
    _answered(access, from_status=from_status)
    return application


@transaction.atomic
def application_decline_by_contact(
    *, access: ContactAccess, reason: str, note: str, message: str, base_url: str
) -> Application:
    """The association's contact declines from their link, as the pipeline does: a reason, and the kind message
    the volunteer is sent."""
    application = access.application
    from_status = application.status
    application_decline(
        application=application, reason=reason, note=note, message=message, actor=None, base_url=base_url
    )
    _answered(access, from_status=from_status)
    return application


def _answered(access: ContactAccess, *, from_status: str) -> None:
    log_action(
        "volunteering.application.answered_by_contact",
        tenant=access.application.tenant,
        target=access.application,
        data={"via": "contact_link", "contact": access.email, "from": from_status, "to": access.application.status},
    )


def _send_link(application: Application, email: str, language: str | None, *, base_url: str) -> None:
    context = contact_mail_context(application, email, base_url=base_url)
    transaction.on_commit(
        lambda: send_templated_mail(
            to=email, template="volunteering/email/contact_link", context=context, language=language
        ),
        robust=True,
    )


def contact_mail_context(application: Application, email: str, *, base_url: str) -> dict:
    """What every mail with a contact link shows: the volunteer's details, the opportunity, the centre, the link."""
    opportunity = application.opportunity
    return {
        "application": application,
        "opportunity": opportunity,
        "organisation": opportunity.organisation,
        "tenant": application.tenant,
        "link": contact_link_url(application, email, base_url=base_url),
        "days": CONTACT_LINK_MAX_AGE_DAYS,
    }


@transaction.atomic
def contact_link_renew(*, access: ContactAccess, client_address: str, base_url: str) -> None:
    """Mail a fresh link to the address of an expired one (never to another). Raises RenewalRefused when too many
    were asked for, for this application or from this network."""
    application = access.application
    if not throttle.attempt(
        "contact-link-renewals", f"application:{application.pk}", limit=RENEWALS_PER_APPLICATION_PER_DAY, window=86400
    ):
        raise RenewalRefused(
            _("A new link has been sent several times today. Use the newest one, or try again tomorrow.")
        )
    if not throttle.attempt(
        "contact-link-renewals",
        f"address:{address_key(client_address)}",
        limit=RENEWALS_PER_ADDRESS_PER_HOUR,
        window=3600,
    ):
        # Refusing rolls the whole step back, the count for the application included.
        raise RenewalRefused(_("Too many new links have been asked for from your network. Try again in an hour."))
    _recipient, language = association_recipient(application.opportunity)
    _send_link(application, access.email, language, base_url=base_url)
    log_action(
        "volunteering.application.contact_link_renewed",
        tenant=application.tenant,
        target=application,
        data={"via": "contact_link", "contact": access.email},
    )


@transaction.atomic
def contact_link_send(*, application: Application, actor: User, base_url: str) -> str:
    """Centre staff send the association's contact a fresh link to the application (the first may be lost or
    expired). Returns the address it went to; ApplicationError when the association has no address."""
    recipient, language = association_recipient(application.opportunity)
    if not recipient:
        raise ApplicationError(
            _("%(organisation)s has no e-mail address, and the opportunity no contact person with one.")
            % {"organisation": application.opportunity.organisation.name}
        )
    _send_link(application, recipient, language, base_url=base_url)
    log_action(
        "volunteering.application.contact_link_sent",
        actor=actor,
        tenant=application.tenant,
        target=application,
        data={"via": "centre", "contact": recipient.strip().lower()},
    )
    return recipient
