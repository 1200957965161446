from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.strategy.services_following import SnapshotSummary, targets_snapshot
from frivillig.tenants.models import Tenant


class Command(BaseCommand):
    help = (
        "Save each target's value and status of the day (every tenant's active plans), under the target's current "
        "definition: its history. Idempotent: run again the same day, it writes nothing new. Run it each night."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", default="", help="The day to save, YYYY-MM-DD (default: today, Danish time).")
        parser.add_argument("--dry-run", action="store_true", help="Count what would be saved; save nothing.")

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        day = _day(options["date"]) if options["date"] else timezone.localdate()
        summary = SnapshotSummary(day=day)
        with scopes_disabled():
            tenants = list(Tenant.objects.order_by("pk"))
        for tenant in tenants:
            targets_snapshot(tenant=tenant, day=day, dry_run=dry_run, summary=summary)
        verb = "would be saved" if dry_run else "saved"
        self.stdout.write(
            f"Snapshots of {summary.day.isoformat()}: {summary.taken} {verb}, {summary.existing} already there."
        )
        for problem in summary.failed:
            self.stdout.write(f"No data: {problem}")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date must be a day written YYYY-MM-DD, not {text!r}") from None
