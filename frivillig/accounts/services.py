from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.accounts.models import User
from frivillig.core.email import send_templated_mail
from frivillig.core.services import log_action

VERIFICATION_SALT = "frivillig.accounts.verify-email"


class VerificationError(Exception):
    pass


def email_taken(email: str, *, exclude_pk: int | None = None) -> bool:
    return User.objects.filter(email__iexact=email.strip()).exclude(pk=exclude_pk).exists()


def verification_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email.lower()}, salt=VERIFICATION_SALT)


def send_verification(*, user: User, base_url: str) -> None:
    link = base_url + reverse("accounts:verify", kwargs={"token": verification_token(user)})
    send_templated_mail(
        to=user.email,
        template="accounts/email/verify",
        context={"user": user, "link": link, "days": settings.EMAIL_VERIFICATION_MAX_AGE_DAYS},
        language=user.preferred_language,
    )


@transaction.atomic
def user_sign_up(*, full_name: str, email: str, password: str, language: str, base_url: str) -> User:
    # Inactive until the e-mail is confirmed: nobody can log in on an address they do not own.
    user = User.objects.create_user(
        email=email, password=password, full_name=full_name.strip(), preferred_language=language, is_active=False
    )
    log_action("accounts.user.signed_up", actor=None, target=user)
    transaction.on_commit(lambda: send_verification(user=user, base_url=base_url))
    return user


@transaction.atomic
def user_verify_email(*, token: str) -> User:
    try:
        payload = signing.loads(token, salt=VERIFICATION_SALT, max_age=settings.EMAIL_VERIFICATION_MAX_AGE_DAYS * 86400)
    except signing.SignatureExpired:
        raise VerificationError(_("The confirmation link has expired. Log in to get a new one.")) from None
    except signing.BadSignature:
        raise VerificationError(
            _("The confirmation link is not valid. Check that you copied the whole link.")
        ) from None
    user = User.objects.select_for_update().filter(pk=payload.get("u")).first()
    if user is None or user.email.lower() != payload.get("e"):
        raise VerificationError(_("The confirmation link is not valid. Check that you copied the whole link."))
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.is_active = True
        user.save(update_fields=["email_verified_at", "is_active"])
        log_action("accounts.user.email_verified", actor=user, target=user)
    return user


@transaction.atomic
def user_create_verified(*, email: str, full_name: str, password: str, language: str) -> User:
    """An account for someone who proved the address another way (they opened an invitation sent to it)."""
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name.strip(),
        preferred_language=language,
        is_active=True,
        email_verified_at=timezone.now(),
    )
    log_action("accounts.user.signed_up", actor=user, target=user, data={"via": "invitation"})
    return user


@transaction.atomic
def user_update_profile(*, user: User, full_name: str, phone: str, preferred_language: str) -> User:
    user.full_name = full_name.strip()
    user.phone = phone.strip()
    user.preferred_language = preferred_language
    user.save(update_fields=["full_name", "phone", "preferred_language"])
    return user


def log_login(*, user: User) -> None:
    """One entry per tenant the person works in, so each tenant's administrators see their own people."""
    from frivillig.tenants.selectors import tenants_of

    tenants = list(tenants_of(user))
    if not tenants:
        log_action("accounts.user.logged_in", actor=user, target=user)
    for tenant in tenants:
        log_action("accounts.user.logged_in", actor=user, tenant=tenant, target=user)


def log_login_failure(*, email: str, address: str) -> None:
    log_action("accounts.user.login_failed", data={"email": email[:254], "address": address})


class AccountDeletionError(Exception):
    pass


@transaction.atomic
def user_delete(*, user: User) -> None:
    from frivillig.tenants.services import tenants_left_without_admin

    sole = tenants_left_without_admin(user)
    if sole:
        raise AccountDeletionError(
            _("You are the only administrator of %(tenants)s. Appoint another administrator first.")
            % {"tenants": ", ".join(tenant.centre_name for tenant in sole)}
        )
    log_action("accounts.user.deleted", actor=None, data={"user_id": user.pk})
    user.delete()
