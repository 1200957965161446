import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope

from frivillig.accounts.models import User
from frivillig.core import registry
from frivillig.core.email import send_templated_mail
from frivillig.core.events import send_after_commit
from frivillig.core.scoping import unscoped
from frivillig.core.services import log_action
from frivillig.tenants import role_extensions
from frivillig.tenants.enums import STAFF_ROLES, Role
from frivillig.tenants.events import tenant_changed, tenant_created
from frivillig.tenants.models import Invitation, Membership, Tenant

INVITATION_SALT = "frivillig.tenants.invitation"


class MembershipError(Exception):
    """A role change that would leave the tenant without an administrator."""


def _ensure_not_last_admin(membership: Membership) -> None:
    from django.utils.translation import gettext as _

    if membership.role != Role.TENANT_ADMIN:
        return
    # Locking the tenant's admin rows makes two admins removing each other at once take turns.
    with unscoped("locks the administrators of the membership's own tenant, whichever scope is open"):
        admins = list(
            Membership.objects.select_for_update()
            .filter(tenant=membership.tenant, role=Role.TENANT_ADMIN)
            .values_list("pk", flat=True)
        )
    if len(admins) <= 1:
        raise MembershipError(_("The tenant must keep at least one administrator. Appoint another one first."))


def tenants_left_without_admin(user: User) -> list[Tenant]:
    """The tenants where this person is the only administrator (they may not leave them headless)."""
    with unscoped("a person leaving the platform is checked in every tenant where they administer"):
        sole = []
        for membership in Membership.objects.filter(user=user, role=Role.TENANT_ADMIN).select_related("tenant"):
            if (
                not Membership.objects.filter(tenant=membership.tenant, role=Role.TENANT_ADMIN)
                .exclude(user=user)
                .exists()
            ):
                sole.append(membership.tenant)
    return sole


class InvitationError(Exception):
    """The invitation link cannot be used; the message says why, in words for the person holding it."""


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "e": invitation.email.lower()}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation:
    """Return the open invitation behind a token, or raise InvitationError. Reads across tenants by design:
    the link is the only thing the visitor has."""
    from django.utils.translation import gettext as _

    try:
        payload = signing.loads(token, salt=INVITATION_SALT, max_age=settings.INVITATION_MAX_AGE_DAYS * 86400)
    except signing.SignatureExpired:
        raise InvitationError(
            _("This invitation has expired. Invitations are valid for 7 days; ask for a new one.")
        ) from None
    except signing.BadSignature:
        raise InvitationError(_("This invitation link is not valid. Check that you copied the whole link.")) from None
    with unscoped("an invitation is read and accepted before its holder belongs to the tenant"):
        invitation = Invitation.objects.select_related("tenant").filter(pk=payload.get("i")).first()
    if invitation is None or invitation.email.lower() != payload.get("e") or not invitation.tenant.is_active:
        raise InvitationError(_("This invitation link is not valid. Check that you copied the whole link."))
    if invitation.cancelled_at is not None:
        raise InvitationError(_("This invitation has been withdrawn."))
    if invitation.accepted_at is not None:
        raise InvitationError(_("This invitation has already been accepted."))
    return invitation


@transaction.atomic
def invitation_create(
    *, tenant: Tenant, email: str, role: str, invited_by, base_url: str, details: dict | None = None
) -> Invitation:
    """Invite `email` to `role` by mail. For a role an app ties to its records (an association representative's
    organisation, see tenants/role_extensions.py), `details` holds what that app's invitation form part validated."""
    (invitation,) = invitations_create(
        tenant=tenant,
        email=email,
        roles=[role],
        details={role: details or {}},
        invited_by=invited_by,
        base_url=base_url,
    )
    return invitation


@transaction.atomic
def invitations_create(
    *, tenant: Tenant, email: str, roles: list[str], invited_by, base_url: str, details: dict[str, dict] | None = None
) -> list[Invitation]:
    """Invite `email` to several roles at once (a centre leader is both staff and administrator): one invitation per
    role, sent together in one mail whose one link accepts them all. `details` holds, per role an app ties to its
    records, what that app's part of the invitation form validated."""
    batch = uuid.uuid4()
    invitations = []
    for role in sorted(set(roles), key=lambda value: Role.values.index(value)):
        invitation = Invitation.objects.create(
            tenant=tenant, email=email.strip(), role=role, invited_by=invited_by, batch=batch
        )
        extension = role_extensions.extension_for(role)
        logged = (
            extension.invitation_created(invitation=invitation, details=(details or {}).get(role, {}))
            if extension
            else {}
        )
        log_action(
            "tenants.invitation.sent",
            actor=invited_by,
            tenant=tenant,
            target=invitation,
            data={"email": invitation.email, "role": role, **logged},
        )
        invitations.append(invitation)
    first = invitations[0]
    link = base_url + reverse("invitation_accept", kwargs={"token": invitation_token(first)})
    with translation.override(settings.LANGUAGE_CODE):
        # In the mail's language: the roles' names, and the notes of the apps that extend a role.
        context = {
            "invitation": first,
            "roles": roles_text(invitations),
            "role_count": len(invitations),
            "notes": [note for note in map(role_extensions.invitation_note, invitations) if note],
            "tenant": tenant,
            "link": link,
            "invited_by": invited_by,
        }
    transaction.on_commit(
        lambda: send_templated_mail(
            to=first.email, template="tenants/email/invitation", context=context, language=settings.LANGUAGE_CODE
        )
    )
    return invitations


def roles_text(invitations_or_memberships) -> str:
    """ "Centre staff and Administrator": the roles of rows sent or given together, in the active language."""
    from django.utils.text import get_text_list
    from django.utils.translation import gettext as _

    return str(get_text_list([str(row.get_role_display()) for row in invitations_or_memberships], _("and")))


def invitation_batch(invitation: Invitation) -> list[Invitation]:
    """The open invitations sent together with this one (itself included), in the order of the roles."""
    if invitation.batch is None:
        return [invitation]
    with unscoped("an invitation is read and accepted before its holder belongs to the tenant"):
        together = list(
            Invitation.objects.filter(
                tenant=invitation.tenant, batch=invitation.batch, accepted_at=None, cancelled_at=None
            ).select_related("tenant")
        )
    return sorted(together, key=lambda row: Role.values.index(row.role)) or [invitation]


@transaction.atomic
def invitation_cancel(*, invitation: Invitation, actor: User | None) -> None:
    invitation.cancelled_at = timezone.now()
    invitation.save(update_fields=["cancelled_at"])
    log_action("tenants.invitation.cancelled", actor=actor, tenant=invitation.tenant, target=invitation)


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> list[Membership]:
    """Accept the invitation and those sent together with it: the roles they offer, one membership each."""
    with unscoped("an invitation is read and accepted before its holder belongs to the tenant"):
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        together = [locked]
        if locked.batch is not None:
            together = list(
                Invitation.objects.select_for_update()
                .filter(tenant=locked.tenant, batch=locked.batch, accepted_at=None, cancelled_at=None)
                .order_by("pk")
            )
    if not locked.is_open:
        from django.utils.translation import gettext as _

        raise InvitationError(_("This invitation has already been accepted."))
    return [_accept_one(invitation=row, user=user) for row in together]


def _accept_one(*, invitation: Invitation, user: User) -> Membership:
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    extension = role_extensions.extension_for(invitation.role)
    if extension is not None:
        # The app keeps tenant-owned rows; the holder does not belong to the tenant yet, so no scope is open.
        with scope(tenant=invitation.tenant):
            membership = extension.invitation_accepted(invitation=invitation, user=user)
    else:
        with unscoped("an invitation is read and accepted before its holder belongs to the tenant"):
            membership = Membership.objects.filter(tenant=invitation.tenant, user=user, role=invitation.role).first()
        if membership is None:
            membership = Membership.objects.create(
                tenant=invitation.tenant, user=user, role=invitation.role, created_by=invitation.invited_by
            )
    log_action(
        "tenants.invitation.accepted",
        actor=user,
        tenant=invitation.tenant,
        target=membership,
        data={"role": invitation.role},
    )
    return membership


@transaction.atomic
def membership_grant(*, tenant: Tenant, user: User, role: str, actor: User | None = None) -> Membership:
    """Give `user` a role no app ties to its records (a representative's role comes with its organisation from
    crm's `representative_grant`)."""
    if role_extensions.extension_for(role) is not None:
        raise ValueError(f"The role {role!r} is held for a record; grant it through the app that keeps it.")
    try:
        with transaction.atomic():
            membership = Membership.objects.create(tenant=tenant, user=user, role=role, created_by=actor)
    except IntegrityError:
        with unscoped("the granted role already exists in the given tenant, whichever scope is open"):
            return Membership.objects.get(tenant=tenant, user=user, role=role)
    log_action("tenants.membership.granted", actor=actor, tenant=tenant, target=membership, data={"role": role})
    return membership


@transaction.atomic
def membership_set_roles(*, tenant: Tenant, user: User, roles: Iterable[str], actor: User | None) -> list[str]:
    """Give `user` exactly these staff roles in the tenant (a person may hold several), adding and removing rows as
    needed; a representative's roles are crm's business and stay as they are. Returns the roles now held."""
    from django.utils.translation import gettext as _

    wanted = set(roles)
    if not wanted or not wanted <= {role.value for role in STAFF_ROLES}:
        raise MembershipError(_("Choose at least one of the staff roles."))
    held = {
        membership.role: membership
        for membership in Membership.objects.select_for_update()
        .filter(tenant=tenant, user=user)
        .exclude(role=Role.ASSOCIATION_REP)
    }
    if set(held) == wanted:
        return sorted(wanted)
    for role, membership in held.items():
        if role not in wanted:
            _ensure_not_last_admin(membership)
            membership.delete()
    kept = None
    for role in sorted(wanted - set(held)):
        kept = Membership.objects.create(tenant=tenant, user=user, role=role, created_by=actor)
    log_action(
        "tenants.membership.role_changed",
        actor=actor,
        tenant=tenant,
        target=kept or next(membership for role, membership in held.items() if role in wanted),
        data={"from": sorted(held), "to": sorted(wanted), "user": user.email},
    )
    return sorted(wanted)


@transaction.atomic
def membership_revoke(*, membership: Membership, actor: User | None) -> None:
    _ensure_not_last_admin(membership)
    log_action(
        "tenants.membership.revoked",
        actor=actor,
        tenant=membership.tenant,
        target=membership,
        data={"role": membership.role, "user": membership.user.email},
    )
    membership.delete()


@transaction.atomic
def tenant_update(*, tenant: Tenant, actor: User | None, changed: list[str]) -> Tenant:
    tenant.save()
    log_action("tenants.tenant.updated", actor=actor, tenant=tenant, target=tenant, data={"fields": changed})
    send_after_commit(tenant_changed, tenant_id=tenant.pk)
    return tenant


@transaction.atomic
def tenant_create(*, tenant: Tenant, actor: User | None) -> Tenant:
    """Save a new tenant (an unsaved instance the operator's form or the demo validated), let every app set it up,
    and announce it once committed. The one way a tenant comes into being: the admin, the demo and the tests'
    personas all go through here."""
    if tenant.pk is not None:
        raise ValueError("tenant_create() takes a tenant that is not saved yet.")
    tenant.save()
    # The platform's log, not the tenant's: creating a tenant is the operator's act, outside it.
    log_action("tenants.tenant.created", actor=actor, target=tenant)
    tenant_set_up(tenant=tenant)
    send_after_commit(tenant_created, tenant_id=tenant.pk)
    return tenant


@transaction.atomic
def tenant_set_up(*, tenant: Tenant) -> None:
    """Run every app's `tenant_setup.set_up_tenant(tenant=...)`, in INSTALLED_APPS order, inside the tenant's scope.

    Each hook adds only what is missing, so running set-up on an existing tenant is safe: the demo does, so that
    an app added since the tenant was made gives it its part."""
    with scope(tenant=tenant):
        for set_up_tenant in registry.collect("tenant_setup", "set_up_tenant"):
            set_up_tenant(tenant=tenant)
