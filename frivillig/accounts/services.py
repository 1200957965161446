from datetime import timedelta
from typing import cast

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.db.models import ForeignObjectRel, ManyToManyRel, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from frivillig.accounts.models import User
from frivillig.accounts.signals import address_confirmed
from frivillig.core.email import send_templated_mail
from frivillig.core.services import log_action

VERIFICATION_SALT = "frivillig.accounts.verify-email"
# An account whose address nobody confirmed is deleted this many days after its (latest) sign-up, so an address
# someone else typed does not stay taken. Longer than the confirmation link's days, so no working link is cut off.
UNCONFIRMED_ACCOUNT_MAX_AGE_DAYS = 7


class VerificationError(Exception):
    pass


def _unconfirmed(queryset: QuerySet[User]) -> QuerySet[User]:
    """Accounts whose address nobody has proved yet (not ones an operator switched off after confirmation)."""
    return queryset.filter(email_verified_at=None, is_active=False)


def _locked_unconfirmed(email: str) -> QuerySet[User]:
    """The unconfirmed account with this address, locked for the rest of the transaction (at most one)."""
    return _unconfirmed(User.objects.select_for_update().filter(email__iexact=email.strip()))


def _new_account(*, email: str, password: str, full_name: str, language: str, confirmed: bool = False) -> User:
    """A new account; only one whose address is already proved can log in."""
    now = timezone.now()
    return User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name.strip(),
        preferred_language=language,
        is_active=confirmed,
        email_verified_at=now if confirmed else None,
        date_joined=now,
    )


def email_taken(email: str, *, exclude_pk: int | None = None) -> bool:
    """Whether a confirmed account holds the address. An unconfirmed one does not: it may be somebody else's
    sign-up with this address, and it must not keep the address's owner out."""
    accounts = User.objects.filter(email__iexact=email.strip())
    if exclude_pk is not None:
        accounts = accounts.exclude(pk=exclude_pk)
    return accounts.exclude(pk__in=_unconfirmed(accounts).values("pk")).exists()


def _sign_up_fingerprint(user: User) -> str:
    # Changes with every sign-up (each stores a freshly salted password hash), so a later sign-up with the same
    # address makes the earlier links useless: only the newest sign-up's password can become the account's.
    return salted_hmac(VERIFICATION_SALT, user.password).hexdigest()[:20]


def verification_token(user: User) -> str:
    return signing.dumps(
        {"u": user.pk, "e": user.email.lower(), "p": _sign_up_fingerprint(user)}, salt=VERIFICATION_SALT
    )


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
    """Create an account that stays inactive until the address is confirmed: nobody can log in on an address they
    do not own. Signing up again with the address of an unconfirmed account replaces that sign-up (name,
    language, password; its links stop working) and sends a new link: whoever typed the address before cannot
    keep its owner out, and the password that counts is the one of the sign-up the owner confirms."""
    user = _locked_unconfirmed(email).first()
    if user is None:
        try:
            with transaction.atomic():
                user = _new_account(email=email, password=password, full_name=full_name, language=language)
        except IntegrityError:
            # Two sign-ups with one new address at the same moment: the other one won; replace it like any other.
            user = _locked_unconfirmed(email).get()
        else:
            log_action("accounts.user.signed_up", actor=None, target=user)
            transaction.on_commit(lambda: send_verification(user=user, base_url=base_url))
            return user
    _take_over_unconfirmed(user, full_name=full_name, language=language, password=password)
    log_action("accounts.user.signed_up", actor=None, target=user, data={"replaced_unconfirmed": True})
    transaction.on_commit(lambda: send_verification(user=user, base_url=base_url))
    return user


def _take_over_unconfirmed(user: User, *, full_name: str, language: str, password: str) -> None:
    """The newest sign-up with an unconfirmed account's address replaces what the earlier one typed."""
    user.full_name = full_name.strip()
    user.preferred_language = language
    user.set_password(password)
    # The days until an unconfirmed account expires count from the newest sign-up.
    user.date_joined = timezone.now()
    user.save(update_fields=["full_name", "preferred_language", "password", "date_joined"])


def _mark_address_confirmed(user: User, *, via: str) -> None:
    """The person has proved they own the address: the account becomes usable, and other apps hear of it."""
    user.email_verified_at = timezone.now()
    user.is_active = True
    user.save(update_fields=["email_verified_at", "is_active"])
    log_action("accounts.user.email_verified", actor=user, target=user, data={"via": via})
    address_confirmed.send(sender=User, user=user)


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
        if not constant_time_compare(payload.get("p", ""), _sign_up_fingerprint(user)):
            # A link of an earlier sign-up with this address, replaced by a newer one.
            raise VerificationError(
                _(
                    "This confirmation link belongs to an earlier sign-up with this e-mail address. "
                    "Use the link in the newest e-mail we sent you."
                )
            )
        _mark_address_confirmed(user, via="link")
    return user


@transaction.atomic
def user_set_password_by_reset(*, user: User, password: str) -> User:
    """A password reset completed from the link we mailed to the account's address. Opening that link proves the
    address is theirs, so an account still waiting for confirmation is confirmed too (whoever signed up with the
    address before cannot keep its owner out), and the new password is the only one that counts."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.set_password(password)
    user.save(update_fields=["password"])
    log_action("accounts.user.password_reset", actor=user, target=user)
    if user.email_verified_at is None:
        _mark_address_confirmed(user, via="password_reset")
    return user


@transaction.atomic
def user_create_verified(*, email: str, full_name: str, password: str, language: str) -> User:
    """An account for someone who proved the address another way (they opened an invitation sent to it). An
    unconfirmed sign-up with the address, whoever made it, becomes this account: its owner has now proved it."""
    user = _locked_unconfirmed(email).first()
    if user is None:
        user = _new_account(email=email, password=password, full_name=full_name, language=language, confirmed=True)
        log_action("accounts.user.signed_up", actor=user, target=user, data={"via": "invitation"})
        address_confirmed.send(sender=User, user=user)
        return user
    _take_over_unconfirmed(user, full_name=full_name, language=language, password=password)
    _mark_address_confirmed(user, via="invitation")
    return user


def is_unconfirmed(user: User | None) -> bool:
    """An account that waits for its address to be confirmed, and so does not yet belong to anyone proven."""
    return user is not None and user.email_verified_at is None and not user.is_active


@transaction.atomic
def user_update_profile(*, user: User, full_name: str, phone: str, preferred_language: str) -> User:
    user.full_name = full_name.strip()
    user.phone = phone.strip()
    user.preferred_language = preferred_language
    user.save(update_fields=["full_name", "phone", "preferred_language"])
    return user


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    """Remember the language the person chose, for the pages and for the mails sent to them."""
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


def log_login(*, user: User) -> None:
    """One entry per tenant the person works in, so each tenant's administrators see their own people. A login is
    the use a warning of deletion for inactivity asked for (accounts/retention.py): it clears the warning."""
    from frivillig.tenants.selectors import tenants_of

    if user.inactivity_warning_sent_at is not None:
        User.objects.filter(pk=user.pk).update(inactivity_warning_sent_at=None)
        user.inactivity_warning_sent_at = None

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
    """The person deletes their own account: through the erasure service, which deletes or anonymises everything
    the register of personal data holds about them (core/erasure.py). The only administrator of a tenant must
    appoint another first."""
    from frivillig.core.erasure import erase_user
    from frivillig.tenants.services import tenants_left_without_admin

    sole = tenants_left_without_admin(user)
    if sole:
        raise AccountDeletionError(
            _("You are the only administrator of %(tenants)s. Appoint another administrator first.")
            % {"tenants": ", ".join(tenant.centre_name for tenant in sole)}
        )
    erase_user(user=user, actor=None, reason="The person deleted their own account.")


# --- unconfirmed accounts expire --------------------------------------------------------------------------


def expired_unconfirmed_accounts(*, now=None) -> QuerySet[User]:
    """Accounts nobody confirmed within UNCONFIRMED_ACCOUNT_MAX_AGE_DAYS of their latest sign-up.

    Deleting a user clears the pointers to it that allow that (SET_NULL: a CRM contact's login, an application's
    account, an audit entry's actor) and keeps the rows. An account that something would be deleted along with
    or that blocks its deletion (a role in a tenant, a volunteer profile, anything added later with CASCADE or
    PROTECT) is left alone: it was given something by a person, who should decide."""
    now = now or timezone.now()
    queryset = _unconfirmed(User.objects.all()).filter(
        last_login=None,
        is_staff=False,
        is_superuser=False,
        date_joined__lt=now - timedelta(days=UNCONFIRMED_ACCOUNT_MAX_AGE_DAYS),
    )
    # Every relation pointing at users, also those without a reverse accessor (related_name="+").
    relations = [
        field
        for field in User._meta.get_fields(include_hidden=True)
        if isinstance(field, ForeignObjectRel) and field.auto_created and not field.concrete
    ]
    for relation in relations:
        if relation.on_delete in (models.SET_NULL, models.SET_DEFAULT, models.DO_NOTHING):
            continue
        if isinstance(relation, ManyToManyRel):
            through = cast(type[models.Model], relation.through)
            referencing = through._base_manager.values(relation.field.m2m_reverse_field_name())
        else:
            related_model = cast(type[models.Model], relation.related_model)
            referencing = related_model._base_manager.values(relation.field.attname)
        queryset = queryset.exclude(pk__in=referencing)
    return queryset.order_by("pk")


@transaction.atomic
def user_delete_unconfirmed(*, user_id: int, now=None) -> bool:
    """Delete one expired unconfirmed account, re-checked under a lock (a confirmation or a new sign-up at the same
    moment wins). Returns whether it was deleted."""
    user = expired_unconfirmed_accounts(now=now).select_for_update().filter(pk=user_id).first()
    if user is None:
        return False
    log_action("accounts.user.expired", actor=None, data={"user_id": user.pk})
    user.delete()
    return True
