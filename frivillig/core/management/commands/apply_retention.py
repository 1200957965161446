from django.core.management.base import BaseCommand
from django.utils import translation

from frivillig.core.retention import apply_rules


class Command(BaseCommand):
    help = (
        "Delete or anonymise the personal data whose retention period is over: every retention rule of every app, "
        "for every tenant and for the national records (core/retention.py). Run it nightly; a second run removes "
        "nothing more. --dry-run lists what would go, by id and date, and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would go; change nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        # The rules' descriptions and the mails sent on the way are worded per person; the report is in English.
        with translation.override("en"):
            runs = apply_rules(dry_run=dry_run)
        totals: dict[str, int] = {}
        for run in runs:
            totals[run.rule.key] = totals.get(run.rule.key, 0) + run.count
            if dry_run and run.count:
                where = run.tenant.slug if run.tenant is not None else "(national)"
                self.stdout.write(f"{run.rule.key} [{where}]: {run.count} would go")
                for line in run.lines:
                    self.stdout.write(f"  {line}")
        verb = "would go" if dry_run else "removed"
        self.stdout.write(f"Retention ({'dry run' if dry_run else 'applied'}):")
        for key, count in totals.items():
            self.stdout.write(f"  {key}: {count} {verb}")
        self.stdout.write(f"  total: {sum(totals.values())} {verb}")
