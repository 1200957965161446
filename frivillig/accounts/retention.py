"""Retention rules for accounts (see core/retention.py): unconfirmed accounts, and accounts nobody uses.

Accounts are national: these rules run once, for no tenant.

An account (with its volunteer profile) that nobody has logged in to for three years is deleted, but never without
warning: the person is first sent a mail, in their own language, saying that it will be deleted in 30 days unless
they log in. A login in between clears the warning (`accounts.services.log_login`), and the three years start again.
Accounts that hold a staff role in a tenant, and the platform's operators, are never deleted this way: a person who
works in a centre is removed from it by its administrator.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.urls import reverse

from frivillig.accounts.models import User
from frivillig.accounts.services import expired_unconfirmed_accounts, user_delete_unconfirmed
from frivillig.core.email import send_templated_mail
from frivillig.core.links import site_url
from frivillig.core.retention import RetentionRule
from frivillig.tenants.enums import STAFF_ROLES
from frivillig.tenants.models import Membership

INACTIVE_YEARS = 3
INACTIVE_AFTER = timedelta(days=INACTIVE_YEARS * 365)
# How long the person has to log in after the warning before the account goes.
WARNING_DAYS = 30


def _unconfirmed_due(tenant, now: datetime) -> models.QuerySet[User]:
    return expired_unconfirmed_accounts(now=now)


def _unconfirmed_apply(rows: models.QuerySet[User], tenant, now: datetime) -> int:
    return sum(1 for pk in list(rows.values_list("pk", flat=True)) if user_delete_unconfirmed(user_id=pk, now=now))


def inactive_accounts(*, now: datetime) -> models.QuerySet[User]:
    """Confirmed accounts without a login (or, never logged in, created) for three years, that hold no staff role
    in any tenant and are not the platform's operators'."""
    staff = Membership.objects.filter(role__in=STAFF_ROLES).values("user")
    return (
        User.objects.annotate(last_used=Coalesce("last_login", "date_joined"))
        .filter(last_used__lt=now - INACTIVE_AFTER, email_verified_at__isnull=False, is_staff=False)
        .filter(is_superuser=False)
        .exclude(pk__in=staff)
        .order_by("pk")
    )


def _warning_due(tenant, now: datetime) -> models.QuerySet[User]:
    # A warning older than the latest login was answered: the person came back, and is warned afresh.
    return inactive_accounts(now=now).filter(
        models.Q(inactivity_warning_sent_at__isnull=True)
        | models.Q(inactivity_warning_sent_at__lt=models.F("last_used"))
    )


@transaction.atomic
def user_warn_inactive(*, user: User, now: datetime) -> None:
    """Tell the person that the account will be deleted in 30 days unless they log in, and record when.

    The mail goes first: a mail that cannot be sent leaves no record, so nobody's account is deleted unwarned (the
    next night tries again)."""
    send_templated_mail(
        to=user.email,
        template="accounts/email/inactivity_warning",
        context={
            "user": user,
            "years": INACTIVE_YEARS,
            "deletion_date": (now + timedelta(days=WARNING_DAYS)).date(),
            "link": site_url() + reverse("accounts:login"),
        },
        language=user.preferred_language,
    )
    User.objects.filter(pk=user.pk).update(inactivity_warning_sent_at=now)
    user.inactivity_warning_sent_at = now


def _warning_apply(rows: models.QuerySet[User], tenant, now: datetime) -> int:
    users = list(rows)
    for user in users:
        user_warn_inactive(user=user, now=now)
    return len(users)


def _deletion_due(tenant, now: datetime) -> models.QuerySet[User]:
    return inactive_accounts(now=now).filter(
        inactivity_warning_sent_at__gte=models.F("last_used"),
        inactivity_warning_sent_at__lte=now - timedelta(days=WARNING_DAYS),
    )


def _deletion_apply(rows: models.QuerySet[User], tenant, now: datetime) -> int:
    users = list(rows)
    if not users:
        return 0
    from frivillig.core.erasure import erase_user

    for user in users:
        erase_user(user=user, actor=None, reason="retention: account inactive for three years, warned 30 days ago")
    return len(users)


RULES = [
    RetentionRule(
        key="accounts.unconfirmed_accounts",
        description_da="Konti, hvis e-mailadresse ingen bekræftede inden for 7 dage, slettes.",
        description_en="Accounts whose e-mail address nobody confirmed within 7 days are deleted.",
        due=_unconfirmed_due,
        apply=_unconfirmed_apply,
        dated_by="date_joined",
        per_tenant=False,
        national=True,
    ),
    RetentionRule(
        key="accounts.inactive_accounts_deleted",
        description_da="Konti uden login i 3 år slettes med frivilligprofilen, 30 dage efter at personen er advaret.",
        description_en="Accounts without a login for 3 years are deleted with the volunteer profile, 30 days after "
        "the person was warned.",
        due=_deletion_due,
        apply=_deletion_apply,
        enforces=("volunteering.VolunteerProfile",),
        dated_by="inactivity_warning_sent_at",
        per_tenant=False,
        national=True,
    ),
    RetentionRule(
        key="accounts.inactive_accounts_warned",
        description_da="Personer uden login i 3 år får en mail om, at kontoen slettes om 30 dage, hvis de ikke "
        "logger ind.",
        description_en="People without a login for 3 years are told by mail that the account will be deleted in 30 "
        "days unless they log in.",
        due=_warning_due,
        apply=_warning_apply,
        dated_by="last_used",
        per_tenant=False,
        national=True,
    ),
]
