"""Signing up for an opportunity and following the application up.

A guest's sign-up stays invisible to the association until the e-mail address is confirmed by a signed link;
a logged-in person's sign-up is confirmed at once. Confirmation tells the association's contact and the
volunteer centre, and sends the volunteer a receipt. Status changes follow the pipeline's allowed steps and
each one is written to the application's history and the audit log.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from frivillig.core import throttle
from frivillig.core.email import send_templated_mail
from frivillig.core.links import site_url
from frivillig.core.scoping import unscoped
from frivillig.core.services import log_action
from frivillig.core.throttle import address_key
from frivillig.volunteering.enums import (
    FINAL_APPLICATION_STATUSES,
    OPEN_APPLICATION_STATUSES,
    ApplicationEventKind,
    ApplicationStatus,
    DeclineReason,
)
from frivillig.volunteering.models import Application, ApplicationEvent, ApplicationNote, Opportunity

if TYPE_CHECKING:
    from frivillig.accounts.models import User

CONFIRMATION_SALT = "frivillig.volunteering.application-confirmation"
CONFIRMATION_MAX_AGE_DAYS = 3
REMINDER_AFTER_DAYS = 7
SIGNUPS_PER_ADDRESS_PER_HOUR = 10

# Where the association may move an application from each step. "withdrawn" is the volunteer's own step.
TRANSITIONS: dict[str, list[str]] = {
    ApplicationStatus.NEW: [ApplicationStatus.CONTACTED, ApplicationStatus.MEETING, ApplicationStatus.DECLINED],
    ApplicationStatus.CONTACTED: [ApplicationStatus.MEETING, ApplicationStatus.STARTED, ApplicationStatus.DECLINED],
    ApplicationStatus.MEETING: [ApplicationStatus.STARTED, ApplicationStatus.DECLINED],
    ApplicationStatus.STARTED: [],
    ApplicationStatus.DECLINED: [],
    ApplicationStatus.WITHDRAWN: [],
}


class ApplicationError(Exception):
    """A step the application cannot take; the message is for the person who tried."""


class DuplicateApplication(ApplicationError):
    """This e-mail address has already signed up for the opportunity."""


class ConfirmationLinkError(ApplicationError):
    """The confirmation link cannot be used; the message says why. `application` is the sign-up an expired link
    belonged to (so the page can offer the way back to its opportunity), None when the link is not ours."""

    def __init__(self, message: str, *, application: Application | None = None):
        super().__init__(message)
        self.application = application


class NothingToUndo(ApplicationError):
    """The application has no step that can be undone; the message says why."""


# --- the rate limit ---------------------------------------------------------------------------------------


def signup_allowed(address: str) -> bool:
    """At most SIGNUPS_PER_ADDRESS_PER_HOUR sign-ups from one address in any hour (a sliding window). A read, to
    answer early; `register_signup` is what holds the limit."""
    return throttle.count("application-signups", address_key(address), window=3600) < SIGNUPS_PER_ADDRESS_PER_HOUR


def register_signup(address: str) -> bool:
    """Count a sign-up from the address if the limit allows it, in one atomic step; False when it does not."""
    return throttle.attempt(
        "application-signups", address_key(address), limit=SIGNUPS_PER_ADDRESS_PER_HOUR, window=3600
    )


# --- signing up -------------------------------------------------------------------------------------------


def confirmation_token(application: Application, *, language: str = "") -> str:
    payload = {"a": application.pk, "e": application.email.lower()}
    if language:
        payload["l"] = language
    return signing.dumps(payload, salt=CONFIRMATION_SALT)


def _after_commit(send) -> None:
    # A mail server that fails must not turn a saved sign-up into an error page.
    transaction.on_commit(send, robust=True)


@transaction.atomic
def application_create(
    *,
    opportunity: Opportunity,
    full_name: str,
    email: str,
    phone: str = "",
    message: str = "",
    user: User | None = None,
    language: str = "",
    base_url: str,
) -> Application | None:
    """Save a sign-up. With `user` (logged in) it is confirmed at once and the notifications go out; a guest
    gets a mail with the confirmation link instead.

    One address signs up once per opportunity. A sign-up nobody has confirmed yet belongs to no one (its link may
    have run out, or someone else typed the address): a new sign-up with the address replaces it, and its link
    stops working. When the address has a confirmed sign-up already, a logged-in person gets DuplicateApplication;
    a guest's answer must not tell a stranger whether an address has applied, so nothing is saved, the address's
    owner is told by mail instead, and None is returned (also when an identical sign-up wins at the same moment).
    """
    email = email.strip()
    with unscoped("a sign-up is checked against the opportunity's earlier sign-ups, from the national board too"):
        existing = Application.objects.select_for_update().filter(opportunity=opportunity, email__iexact=email).first()
    if existing is not None and existing.email_confirmed_at is None:
        log_action(
            "volunteering.application.replaced", actor=user, tenant=existing.tenant, data={"application": existing.pk}
        )
        existing.delete()
    elif existing is not None:
        if user is not None and existing.status == ApplicationStatus.WITHDRAWN:
            return _reapply(existing, user=user, phone=phone, message=message, language=language, base_url=base_url)
        if user is not None:
            raise DuplicateApplication(
                _("You have already signed up for this volunteer opportunity with this e-mail address.")
            )
        _after_commit(lambda: _send_already_signed_up_mail(existing.pk, base_url=base_url, language=language))
        return None
    application = Application(
        tenant=opportunity.tenant,
        opportunity=opportunity,
        user=user,
        full_name=full_name.strip(),
        email=email,
        phone=phone,
        message=message.strip(),
        language=language,
        email_confirmed_at=timezone.now() if user is not None else None,
    )
    try:
        # The unique constraint on (opportunity, lower(email)) decides between sign-ups at the same moment; the
        # savepoint keeps the outer transaction usable after the database refuses the second one.
        with transaction.atomic():
            application.save()
    except IntegrityError:
        if user is None:
            # The identical sign-up that won sends the mail; this answer looks the same.
            return None
        raise DuplicateApplication(
            _("You have already signed up for this volunteer opportunity with this e-mail address.")
        ) from None
    log_action("volunteering.application.created", actor=user, tenant=application.tenant, target=application)
    if user is not None:
        _confirmed(application, actor=user, base_url=base_url, language=user.preferred_language)
    else:
        link = base_url + reverse(
            "national:confirm_application", kwargs={"token": confirmation_token(application, language=language)}
        )
        _after_commit(
            lambda: send_templated_mail(
                to=application.email,
                template="volunteering/email/application_confirm",
                context={
                    "application": application,
                    "opportunity": opportunity,
                    "organisation": opportunity.organisation,
                    "tenant": opportunity.tenant,
                    "link": link,
                    "days": CONFIRMATION_MAX_AGE_DAYS,
                },
                language=language or None,
            )
        )
    return application


def _reapply(application: Application, *, user: User, phone: str, message: str, language: str, base_url: str):
    """Someone who withdrew signs up again (logged in, so the address is theirs): the same application opens again
    as new, with the new message, and the association hears of it as of a new sign-up."""
    from_status = application.status
    now = timezone.now()
    application.user = user
    application.phone = phone
    application.message = message.strip()
    application.language = language
    application.status = ApplicationStatus.NEW
    application.status_changed_at = now
    # Counted from now: the reminder and the pipeline's "received" are about this sign-up, not the first one.
    application.email_confirmed_at = now
    application.reminder_sent_at = None
    application.save()
    ApplicationEvent.objects.create(
        tenant=application.tenant,
        application=application,
        from_status=from_status,
        to_status=application.status,
        actor=user,
    )
    log_action(
        "volunteering.application.reapplied",
        actor=user,
        tenant=application.tenant,
        target=application,
        data={"from": from_status, "to": application.status},
    )
    application_id = application.pk
    _after_commit(
        lambda: _send_confirmed_mails(application_id, base_url=base_url, volunteer_language=user.preferred_language)
    )
    return application


def _send_already_signed_up_mail(application_id: int, *, base_url: str, language: str) -> None:
    """Tell the address's owner (and only them) that a new sign-up with it changed nothing."""
    with unscoped("mails about an application read it by id after commit, from national and tenant pages alike"):
        application = (
            Application.objects.select_related("tenant", "user", "opportunity__organisation")
            .filter(pk=application_id)
            .first()
        )
    if application is None:
        return
    send_templated_mail(
        to=application.email,
        template="volunteering/email/application_already_signed_up",
        context={
            "application": application,
            "opportunity": application.opportunity,
            "organisation": application.opportunity.organisation,
            "tenant": application.tenant,
            "link": base_url + reverse("national:my_applications"),
        },
        language=language or _language_of(application.email, user=application.user),
    )


def applications_link_to_account(*, user: User) -> int:
    """Confirmed guest sign-ups made with the account's address become the account's, so the person finds them
    under their applications. Call only when the person has proved the address is theirs."""
    with unscoped("a person's own confirmed guest sign-ups become theirs in every tenant"):
        applications = list(
            Application.objects.select_for_update(of=("self",))
            .filter(user=None, email__iexact=user.email, email_confirmed_at__isnull=False)
            .select_related("tenant")
        )
    for application in applications:
        application.user = user
        application.save(update_fields=["user"])
        log_action(
            "volunteering.application.linked_to_account", actor=user, tenant=application.tenant, target=application
        )
    return len(applications)


def _verified_account(email: str):
    from frivillig.accounts.models import User

    return User.objects.filter(email__iexact=email, email_verified_at__isnull=False).first()


@transaction.atomic
def application_confirm(*, token: str, base_url: str) -> tuple[Application, bool]:
    """Confirm a guest's e-mail address from the link. Returns the application and whether this call confirmed
    it (False: it was confirmed before, which is not an error). Raises ConfirmationLinkError.

    Reads across tenants by design: the link is all the visitor has."""
    try:
        payload = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE_DAYS * 86400)
    except signing.SignatureExpired:
        raise ConfirmationLinkError(
            _("The confirmation link has expired. Links work for %(days)s days; sign up again to get a new one.")
            % {"days": CONFIRMATION_MAX_AGE_DAYS},
            application=_expired_link_application(token),
        ) from None
    except signing.BadSignature:
        raise ConfirmationLinkError(
            _("The confirmation link is not valid. Check that you copied the whole link.")
        ) from None
    with unscoped("a confirmation link is all its holder has, and it names no tenant"):
        application = Application.objects.select_for_update().filter(pk=payload.get("a")).first()
    if application is None or application.email.lower() != payload.get("e"):
        raise ConfirmationLinkError(_("The confirmation link is not valid. Check that you copied the whole link."))
    if application.email_confirmed_at is not None:
        return application, False
    application.email_confirmed_at = timezone.now()
    if application.user_id is None:
        # The address is proved now: if it is an account's (confirmed) address, the sign-up is that account's.
        application.user = _verified_account(application.email)
    application.save(update_fields=["email_confirmed_at", "user"])
    _confirmed(application, actor=None, base_url=base_url, language=payload.get("l") or application.language)
    return application, True


def _expired_link_application(token: str) -> Application | None:
    """The sign-up an expired (but genuine) link was made for, to point its holder back to the opportunity."""
    payload = signing.loads(token, salt=CONFIRMATION_SALT)
    with unscoped("an expired confirmation link names no tenant; it only leads back to its opportunity"):
        application = (
            Application.objects.select_related("tenant", "opportunity__organisation")
            .filter(pk=payload.get("a"))
            .first()
        )
    if application is None or application.email.lower() != payload.get("e"):
        return None
    return application


def _confirmed(application: Application, *, actor: User | None, base_url: str, language: str) -> None:
    """What follows a confirmed sign-up: the audit entry, the first step of the history, and the mails."""
    log_action("volunteering.application.confirmed", actor=actor, tenant=application.tenant, target=application)
    ApplicationEvent.objects.create(
        tenant=application.tenant,
        application=application,
        from_status="",
        to_status=application.status,
        actor=actor if actor is not None and actor.is_authenticated else None,
    )
    application_id = application.pk
    _after_commit(lambda: _send_confirmed_mails(application_id, base_url=base_url, volunteer_language=language))


def _language_of(email: str, *, user: User | None = None) -> str | None:
    """The recipient's chosen language where we know it (they have an account); else the site's default."""
    from frivillig.accounts.models import User

    if user is not None:
        return user.preferred_language
    if not email:
        return None
    return User.objects.filter(email__iexact=email).values_list("preferred_language", flat=True).first()


def association_recipient(opportunity: Opportunity) -> tuple[str, str | None]:
    """The association's address for this opportunity: its contact person, else the organisation; and the
    language to write in."""
    contact = opportunity.contact_person
    if contact is not None and contact.email and contact.archived_at is None:
        return contact.email, _language_of(contact.email, user=contact.user)
    email = opportunity.organisation.email
    return email, _language_of(email)


def _application_url(application: Application, base_url: str) -> str:
    return base_url + reverse(
        "volunteering:application_detail",
        kwargs={"tenant_slug": application.tenant.slug, "pk": application.pk},
    )


def _send_confirmed_mails(application_id: int, *, base_url: str, volunteer_language: str) -> None:
    from frivillig.volunteering.selectors.applications import is_unrepresented_association
    from frivillig.volunteering.services.contact_link import contact_mail_context

    with unscoped("mails about an application read it by id after commit, from national and tenant pages alike"):
        application = Application.objects.select_related(
            "tenant", "user", "opportunity__organisation", "opportunity__contact_person__user"
        ).get(pk=application_id)
        unrepresented = is_unrepresented_association(application.tenant, application.opportunity.organisation_id)
    opportunity = application.opportunity
    context = {
        "application": application,
        "opportunity": opportunity,
        "organisation": opportunity.organisation,
        "tenant": application.tenant,
        "link": _application_url(application, base_url),
    }
    sent_to = set()
    association_email, association_language = association_recipient(opportunity)
    if association_email and unrepresented:
        # Nobody at the association can log in to the pipeline: the mail itself holds the application, with a
        # personal link for its contact to answer it.
        send_templated_mail(
            to=association_email,
            template="volunteering/email/contact_application_received",
            context=contact_mail_context(application, association_email, base_url=base_url),
            language=association_language,
        )
        sent_to.add(association_email.lower())
    for email, language in ((association_email, association_language), (application.tenant.email, None)):
        if email and email.lower() not in sent_to:
            sent_to.add(email.lower())
            send_templated_mail(
                to=email, template="volunteering/email/application_received", context=context, language=language
            )
    receipt_language = (
        application.user.preferred_language
        if application.user is not None
        else volunteer_language or _language_of(application.email)
    )
    send_templated_mail(
        to=application.email,
        template="volunteering/email/application_receipt",
        context={**context, "link": base_url + reverse("national:my_applications")},
        language=receipt_language,
    )


# --- following up -----------------------------------------------------------------------------------------


def allowed_transitions(application: Application) -> list[str]:
    return list(TRANSITIONS.get(application.status, []))


def needs_child_certificate(application: Application) -> bool:
    return application.opportunity.requires_child_certificate and application.child_certificate_ok is not True


def _lock(application: Application) -> Application:
    """Re-read the row under a lock, so two people moving the same application take turns."""
    with unscoped("re-reads under a lock the row the caller already holds"):
        locked = Application.objects.select_for_update().get(pk=application.pk)
    application.status = locked.status
    application.status_changed_at = locked.status_changed_at
    application.child_certificate_ok = locked.child_certificate_ok
    application.child_certificate_obtained_on = locked.child_certificate_obtained_on
    return application


def volunteer_language(application: Application) -> str | None:
    """The language to write to the volunteer in: their account's choice, else the language they signed up in."""
    if application.user is not None:
        return application.user.preferred_language
    return application.language or _language_of(application.email)


def _move(
    application: Application,
    *,
    to_status: str,
    actor: User | None,
    code: str,
    kind: str = ApplicationEventKind.STATUS,
    reason: str = "",
    note: str = "",
    message: str = "",
) -> ApplicationEvent:
    from_status = application.status
    application.status = to_status
    application.status_changed_at = timezone.now()
    application.save(update_fields=["status", "status_changed_at"])
    event = ApplicationEvent.objects.create(
        tenant=application.tenant,
        application=application,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        note=note,
        message=message,
        actor=actor,
    )
    data = {"from": from_status, "to": to_status}
    if reason:
        data["reason"] = reason
    log_action(code, actor=actor, tenant=application.tenant, target=application, data=data)
    return event


def _check_step(application: Application, to_status: str) -> None:
    if application.email_confirmed_at is None:
        raise ApplicationError(_("The e-mail address of this application has not been confirmed yet."))
    if to_status not in allowed_transitions(application):
        raise ApplicationError(
            _("An application that is “%(current)s” cannot be moved to “%(wanted)s”.")
            % {"current": application.get_status_display(), "wanted": ApplicationStatus(to_status).label}
            if to_status in ApplicationStatus.values
            else _("Choose one of the steps in the list.")
        )


@transaction.atomic
def application_change_status(
    *, application: Application, to_status: str, actor: User | None, base_url: str = ""
) -> Application:
    """Move a confirmed application one step along the pipeline, if that step is allowed from where it is. A
    decline made here (without the decline form) sends the volunteer the standard kind message."""
    if to_status == ApplicationStatus.DECLINED:
        return application_decline(
            application=application,
            reason="",
            note="",
            message=default_decline_message(application),
            actor=actor,
            base_url=base_url,
        )
    _lock(application)
    _check_step(application, to_status)
    if to_status == ApplicationStatus.STARTED and needs_child_certificate(application):
        raise ApplicationError(
            _(
                "This opportunity requires a child certificate (børneattest). Record an approved child certificate "
                "before you mark the person as started."
            )
        )
    _move(application, to_status=to_status, actor=actor, code="volunteering.application.status_changed")
    if to_status == ApplicationStatus.STARTED:
        _tell_volunteer(application, "application_started", base_url=base_url)
    return application


def default_decline_message(application: Application, *, language: str | None = None) -> str:
    """The kind words a declined volunteer receives unless the association writes its own, in the volunteer's
    language (or `language`): the text the decline form starts from."""
    opportunity = application.opportunity
    with translation.override(language or volunteer_language(application) or "da"):
        return render_to_string(
            "volunteering/email/application_declined_message.txt",
            {"application": application, "opportunity": opportunity, "organisation": opportunity.organisation},
        ).strip()


@transaction.atomic
def application_decline(
    *, application: Application, reason: str, note: str, message: str, actor: User | None, base_url: str = ""
) -> Application:
    """Say no to an application: why (one of the reasons and the association's own words, for the association and
    the centre) and what the volunteer is told (`message`, mailed to them in their language)."""
    _lock(application)
    _check_step(application, ApplicationStatus.DECLINED)
    if reason and reason not in DeclineReason.values:
        raise ApplicationError(_("Choose one of the reasons in the list."))
    message = message.strip() or default_decline_message(application)
    _move(
        application,
        to_status=ApplicationStatus.DECLINED,
        actor=actor,
        code="volunteering.application.declined",
        reason=reason,
        note=note.strip(),
        message=message,
    )
    _tell_volunteer(application, "application_declined", base_url=base_url, message=message)
    return application


# An undo reverses the association's own steps. What the volunteer did (withdrew, signed up again) and the
# receipt of the sign-up are theirs, and an undo itself is not undone: only the latest step, once.
_UNDOABLE_TO = (
    ApplicationStatus.CONTACTED,
    ApplicationStatus.MEETING,
    ApplicationStatus.STARTED,
    ApplicationStatus.DECLINED,
)


def undoable_step(application: Application) -> ApplicationEvent:
    """The step an undo would reverse: the application's latest one, if the association made it. Raises
    NothingToUndo with the reason otherwise."""
    last = ApplicationEvent.objects.filter(application=application).order_by("-created_at", "-pk").first()
    if last is None or not last.from_status:
        raise NothingToUndo(
            _("There is nothing to undo: the status has not been changed since the application came in.")
        )
    if last.kind == ApplicationEventKind.UNDO:
        raise NothingToUndo(
            _("The last change has already been undone. Only the latest change can be undone, and only once.")
        )
    if last.to_status not in _UNDOABLE_TO or last.from_status not in OPEN_APPLICATION_STATUSES:
        raise NothingToUndo(
            _("The last change was made by the volunteer (“%(status)s”). Only the volunteer can change that.")
            % {"status": last.get_to_status_display()}
        )
    if last.to_status != application.status:
        raise NothingToUndo(_("The application has changed since; reload the page and try again."))
    return last


@transaction.atomic
def application_undo(*, application: Application, note: str, actor: User | None, base_url: str = "") -> Application:
    """Take the latest status change back: the application returns to the step before, the undo is a step of its
    own in the history and the audit log, with the note saying why. If the volunteer had been told the outcome
    (declined, started), they are told it is open again."""
    _lock(application)
    step = undoable_step(application)
    undone_status = application.status
    _move(
        application,
        to_status=step.from_status,
        actor=actor,
        code="volunteering.application.undone",
        kind=ApplicationEventKind.UNDO,
        note=note.strip(),
    )
    if undone_status in FINAL_APPLICATION_STATUSES:
        _tell_volunteer(application, "application_reopened", base_url=base_url)
    return application


@transaction.atomic
def application_note_add(*, application: Application, text: str, actor: User | None) -> ApplicationNote:
    """A note for the association and the centre on the application; the volunteer never sees it."""
    text = text.strip()
    if not text:
        raise ApplicationError(_("Write the note before you save it."))
    note = ApplicationNote.objects.create(tenant=application.tenant, application=application, author=actor, text=text)
    # The note's words stay on the application; the audit log records only that one was written.
    log_action(
        "volunteering.application.note_added",
        actor=actor,
        tenant=application.tenant,
        target=application,
        data={"note": note.pk},
    )
    return note


def _tell_volunteer(application: Application, template: str, *, base_url: str, message: str = "") -> None:
    """After commit, mail the volunteer about the outcome of their application, in their language."""
    application_id = application.pk
    base_url = base_url or site_url()
    _after_commit(lambda: _send_volunteer_mail(application_id, template, base_url=base_url, message=message))


def _send_volunteer_mail(application_id: int, template: str, *, base_url: str, message: str) -> None:
    with unscoped("mails about an application read it by id after commit, from national and tenant pages alike"):
        application = Application.objects.select_related(
            "tenant", "user", "opportunity__organisation", "opportunity__contact_person"
        ).get(pk=application_id)
    opportunity = application.opportunity
    send_templated_mail(
        to=application.email,
        template=f"volunteering/email/{template}",
        context={
            "application": application,
            "opportunity": opportunity,
            "organisation": opportunity.organisation,
            "contact": opportunity.contact_person,
            "tenant": application.tenant,
            "message": message,
            "board_link": base_url + reverse("national:board"),
            "apply_link": base_url
            + reverse("volunteering:apply", kwargs={"tenant_slug": application.tenant.slug, "pk": opportunity.pk}),
            "link": base_url + reverse("national:my_applications"),
        },
        language=volunteer_language(application),
    )


@transaction.atomic
def application_record_child_certificate(
    *, application: Application, obtained_on: date, ok: bool, actor: User | None
) -> Application:
    """Record that the child certificate was obtained, on which date, and whether it was OK — never its content."""
    _lock(application)
    if not application.opportunity.requires_child_certificate:
        raise ApplicationError(_("This opportunity does not require a child certificate."))
    if application.status in (ApplicationStatus.DECLINED, ApplicationStatus.WITHDRAWN):
        raise ApplicationError(_("The application is closed; there is nothing more to record."))
    application.child_certificate_obtained_on = obtained_on
    application.child_certificate_ok = ok
    application.save(update_fields=["child_certificate_obtained_on", "child_certificate_ok"])
    log_action(
        "volunteering.application.child_certificate",
        actor=actor,
        tenant=application.tenant,
        target=application,
        data={"obtained_on": obtained_on.isoformat(), "ok": ok},
    )
    return application


@transaction.atomic
def application_withdraw(*, application: Application, actor: User | None, base_url: str) -> Application:
    """The volunteer takes their application back (only while it is still open); the association, which has seen
    the application, is told in a short e-mail, and the volunteer gets a receipt saying they may sign up again."""
    _lock(application)
    if application.status not in OPEN_APPLICATION_STATUSES:
        raise ApplicationError(
            _("The application is “%(status)s” and can no longer be withdrawn.")
            % {"status": application.get_status_display()}
        )
    _move(application, to_status=ApplicationStatus.WITHDRAWN, actor=actor, code="volunteering.application.withdrawn")
    if application.email_confirmed_at is not None:
        application_id = application.pk
        _after_commit(lambda: _send_withdrawn_mail(application_id, base_url=base_url))
        _tell_volunteer(application, "application_withdrawn_receipt", base_url=base_url)
    return application


def _association_link(application: Application, email: str, *, unrepresented: bool, base_url: str) -> str:
    """Where a mail to the association's address `email` points: the pipeline when someone represents the
    association with a login, else (nobody could open the pipeline) the contact's own link to the application."""
    from frivillig.volunteering.services.contact_link import contact_link_url

    if email and unrepresented:
        return contact_link_url(application, email, base_url=base_url)
    return _application_url(application, base_url)


def _send_withdrawn_mail(application_id: int, *, base_url: str) -> None:
    from frivillig.volunteering.selectors.applications import is_unrepresented_association

    with unscoped("mails about an application read it by id after commit, from national and tenant pages alike"):
        application = Application.objects.select_related(
            "tenant", "opportunity__organisation", "opportunity__contact_person__user"
        ).get(pk=application_id)
        unrepresented = is_unrepresented_association(application.tenant, application.opportunity.organisation_id)
    email, language = association_recipient(application.opportunity)
    if not email:
        return
    send_templated_mail(
        to=email,
        template="volunteering/email/application_withdrawn",
        context={
            "application": application,
            "opportunity": application.opportunity,
            "tenant": application.tenant,
            "link": _association_link(application, email, unrepresented=unrepresented, base_url=base_url),
        },
        language=language,
    )


# --- the reminder -----------------------------------------------------------------------------------------


def applications_due_for_reminder(now=None):
    """Confirmed applications still "new" REMINDER_AFTER_DAYS days after confirmation, not yet reminded about."""
    now = now or timezone.now()
    with unscoped("the reminder job runs for the whole site"):
        return (
            Application.objects.filter(
                status=ApplicationStatus.NEW,
                email_confirmed_at__isnull=False,
                email_confirmed_at__lte=now - timedelta(days=REMINDER_AFTER_DAYS),
                reminder_sent_at__isnull=True,
            )
            .select_related("tenant", "opportunity__organisation", "opportunity__contact_person__user")
            .order_by("pk")
        )


def application_remind(*, application_id: int, base_url: str, now=None) -> bool:
    """Remind the association once about an application nobody has acted on. Returns whether a mail went out.

    The row is locked and re-checked, so two runs at the same time still send one reminder."""
    now = now or timezone.now()
    with transaction.atomic():
        with unscoped("the reminder job runs for the whole site"):
            application = (
                Application.objects.select_for_update()
                .filter(pk=application_id, status=ApplicationStatus.NEW, reminder_sent_at__isnull=True)
                .first()
            )
        if application is None:
            return False
        from frivillig.volunteering.selectors.applications import is_unrepresented_association

        with unscoped("the reminder job runs for the whole site"):
            application = Application.objects.select_related(
                "tenant", "opportunity__organisation", "opportunity__contact_person__user"
            ).get(pk=application.pk)
            unrepresented = is_unrepresented_association(application.tenant, application.opportunity.organisation_id)
        email, language = association_recipient(application.opportunity)
        recipient, language = (email, language) if email else (application.tenant.email, None)
        application.reminder_sent_at = now
        application.save(update_fields=["reminder_sent_at"])
        if recipient:
            context = {
                "application": application,
                "opportunity": application.opportunity,
                "organisation": application.opportunity.organisation,
                "tenant": application.tenant,
                "days": REMINDER_AFTER_DAYS,
                "link": _association_link(application, email, unrepresented=unrepresented, base_url=base_url),
            }
            _after_commit(
                lambda: send_templated_mail(
                    to=recipient,
                    template="volunteering/email/application_reminder",
                    context=context,
                    language=language,
                )
            )
    return bool(recipient)
