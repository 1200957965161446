from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django_scopes import scopes_disabled

from frivillig.core.access_log import access_entries_delete_old, access_entries_past_retention, retention_cutoff


class Command(BaseCommand):
    help = (
        "Delete access-log entries (who read sensitive records) older than ACCESS_LOG_RETENTION_DAYS "
        f"({settings.ACCESS_LOG_RETENTION_DAYS} days). Safe to run as often as you like (e.g. nightly); "
        "--dry-run only counts what would go."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted, delete nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        try:
            cutoff = retention_cutoff()
        except ValueError as error:
            raise CommandError(str(error)) from error
        with scopes_disabled():
            due = access_entries_past_retention(cutoff=cutoff)
            if dry_run:
                per_tenant = due.order_by().values("tenant__slug").annotate(count=Count("pk")).order_by("tenant__slug")
                for row in per_tenant:
                    self.stdout.write(f"{row['tenant__slug'] or '(no tenant)'}: {row['count']}")
                self.stdout.write(
                    f"Access-log entries made before {cutoff:%Y-%m-%d %H:%M}: {due.count()} would be deleted."
                )
                return
            deleted = access_entries_delete_old(cutoff=cutoff)
        self.stdout.write(f"Access-log entries made before {cutoff:%Y-%m-%d %H:%M}: {deleted} deleted.")
