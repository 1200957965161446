"""Accounts nobody uses (issue 12): after three years without a login the person is warned once, by mail in their
own language with a link to log in; the account and its volunteer profile are deleted 30 days after the warning,
not a second sooner, unless the person logs in in between. Staff and unconfirmed accounts are never warned."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.accounts.models import User
from frivillig.core.retention import apply_rules
from frivillig.testing import PASSWORD, UserFactory
from frivillig.volunteering.models import VolunteerProfile

DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)
THREE_YEARS = 3 * 365 * DAY


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


def person(now, *, unused_for: timedelta, language: str = "da", **fields) -> User:
    user = UserFactory(preferred_language=language, **fields)
    User.objects.filter(pk=user.pk).update(last_login=now - unused_for, date_joined=now - unused_for - DAY)
    return User.objects.get(pk=user.pk)


def warned(mailoutbox) -> list[str]:
    return [message.to[0] for message in mailoutbox]


def test_a_person_is_warned_once_after_three_years_without_login_in_their_own_language(
    personas, now, mailoutbox, settings
):
    settings.SITE_URL = "https://frivillig.example.dk"
    inside = person(now, unused_for=THREE_YEARS - SECOND, email="inside@example.org")
    danish = person(now, unused_for=THREE_YEARS + SECOND, email="dansk@example.org", full_name="Dorte Dansk")
    english = person(now, unused_for=THREE_YEARS + DAY, language="en", email="english@example.org")

    apply_rules(now=now)

    assert sorted(warned(mailoutbox)) == ["dansk@example.org", "english@example.org"]
    by_address = {message.to[0]: message for message in mailoutbox}
    assert by_address["dansk@example.org"].subject == "Din konto på Frivillig bliver slettet, medmindre du logger ind"
    assert "Hej Dorte Dansk" in by_address["dansk@example.org"].body
    assert "https://frivillig.example.dk/konto/log-ind/" in by_address["dansk@example.org"].body
    assert "frivilligprofil" in by_address["dansk@example.org"].body
    assert by_address["english@example.org"].subject == "Your account on Frivillig will be deleted unless you log in"
    assert "will be deleted on" in by_address["english@example.org"].body
    assert User.objects.get(pk=danish.pk).inactivity_warning_sent_at == now
    assert User.objects.get(pk=english.pk).inactivity_warning_sent_at == now
    assert User.objects.get(pk=inside.pk).inactivity_warning_sent_at is None

    # The next nights warn nobody twice (the one a second inside is warned the next night, once).
    apply_rules(now=now + DAY)
    apply_rules(now=now + 2 * DAY)
    assert sorted(warned(mailoutbox)) == ["dansk@example.org", "english@example.org", "inside@example.org"]


def test_staff_operators_and_unconfirmed_accounts_are_never_warned(personas, now, mailoutbox):
    User.objects.filter(pk=personas.user("centre_staff").pk).update(last_login=now - 4 * 365 * DAY)
    person(now, unused_for=4 * 365 * DAY, is_staff=True)
    person(now, unused_for=4 * 365 * DAY, email_verified_at=None)

    apply_rules(now=now)

    assert mailoutbox == []


def test_the_account_and_its_profile_are_deleted_30_days_after_the_warning_and_not_sooner(personas, now, mailoutbox):
    pytest.importorskip("frivillig.core.erasure")
    user = person(now, unused_for=THREE_YEARS + DAY, email="glemt@example.org")
    kept = person(now, unused_for=THREE_YEARS - 40 * DAY, email="aktiv@example.org")
    with scopes_disabled():
        VolunteerProfile.objects.create(user=user, interests="Gåture")
    apply_rules(now=now)
    assert warned(mailoutbox) == ["glemt@example.org"]

    runs = apply_rules(now=now + 30 * DAY - SECOND)

    assert User.objects.filter(pk=user.pk).exists()
    assert not any(run.count for run in runs if run.rule.key == "accounts.inactive_accounts_deleted")

    runs = apply_rules(now=now + 30 * DAY)

    assert not User.objects.filter(pk=user.pk).exists()
    with scopes_disabled():
        assert not VolunteerProfile.objects.filter(user_id=user.pk).exists()
    assert User.objects.filter(pk=kept.pk).exists()
    assert sum(run.count for run in runs if run.rule.key == "accounts.inactive_accounts_deleted") == 1


def test_a_login_after_the_warning_cancels_the_deletion(personas, client, mailoutbox):
    start = timezone.now().replace(microsecond=0)
    user = person(start, unused_for=THREE_YEARS + DAY, email="tilbage@example.org")
    apply_rules(now=start)
    assert warned(mailoutbox) == ["tilbage@example.org"]

    response = client.post(reverse("accounts:login"), {"email": "tilbage@example.org", "password": PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.inactivity_warning_sent_at is None
    apply_rules(now=start + 31 * DAY)
    assert User.objects.filter(pk=user.pk).exists()
    assert len(mailoutbox) == 1


def test_a_dry_run_lists_the_warnings_and_deletions_without_sending_or_deleting(personas, now, mailoutbox):
    user = person(now, unused_for=THREE_YEARS + DAY)

    runs = apply_rules(now=now, dry_run=True)

    assert mailoutbox == []
    assert User.objects.get(pk=user.pk).inactivity_warning_sent_at is None
    lines = [line for run in runs if run.rule.key == "accounts.inactive_accounts_warned" for line in run.lines]
    assert lines == [f"accounts.User #{user.pk} ({timezone.localtime(now - THREE_YEARS - DAY):%Y-%m-%d})"]
