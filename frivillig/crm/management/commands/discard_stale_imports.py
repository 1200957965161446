from django.core.management.base import BaseCommand

from frivillig.crm.services.imports import TOKEN_MAX_AGE, import_files_discard_stale


class Command(BaseCommand):
    help = (
        f"Delete uploaded import files whose preview was not confirmed within {TOKEN_MAX_AGE // 60} minutes "
        "(they hold personal data, and their links no longer work). Safe to run as often as you like (e.g. hourly)."
    )

    def handle(self, *args, **options):
        deleted = import_files_discard_stale()
        self.stdout.write(
            f"Import files: {deleted} unconfirmed file(s) older than {TOKEN_MAX_AGE // 60} minutes deleted."
        )
