from django.core.management.base import BaseCommand

from frivillig.accounts.services import (
    UNCONFIRMED_ACCOUNT_MAX_AGE_DAYS,
    expired_unconfirmed_accounts,
    user_delete_unconfirmed,
)


class Command(BaseCommand):
    help = (
        f"Delete accounts whose e-mail address nobody confirmed within {UNCONFIRMED_ACCOUNT_MAX_AGE_DAYS} days of "
        "signing up, so an address someone else typed does not stay taken. Safe to run as often as you like "
        "(e.g. daily)."
    )

    def handle(self, *args, **options):
        due = list(expired_unconfirmed_accounts().values_list("pk", flat=True))
        deleted = sum(1 for pk in due if user_delete_unconfirmed(user_id=pk))
        self.stdout.write(
            f"Unconfirmed accounts older than {UNCONFIRMED_ACCOUNT_MAX_AGE_DAYS} days: {deleted} deleted."
        )
