from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.links import site_url
from frivillig.surveys.enums import SurveyStatus
from frivillig.surveys.models import Survey
from frivillig.surveys.selectors_invitations import reminders_due
from frivillig.surveys.services_invitations import survey_send_reminders

DEFAULT_DAYS = 7


class Command(BaseCommand):
    help = (
        "Remind those invited to an open survey who have not answered nor declined, when their last mail is at least "
        f"--days old (default {DEFAULT_DAYS}), never beyond the survey's maximum. All tenants; safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS, help="Days since the last mail (default 7).")
        parser.add_argument("--dry-run", action="store_true", help="Count the reminders due, send nothing.")
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address for the links in the mails (default: settings.SITE_URL, else ALLOWED_HOSTS).",
        )

    def handle(self, *args, days: int, dry_run: bool, base_url: str, **options):
        if days < 0:
            self.stderr.write("--days cannot be negative.")
            return
        now = timezone.now()
        older_than = timedelta(days=days)
        base_url = (base_url or site_url()).rstrip("/")
        total = 0
        surveys = 0
        with scopes_disabled():
            for survey in Survey.objects.filter(status=SurveyStatus.OPEN).select_related("tenant").order_by("pk"):
                if dry_run:
                    count = reminders_due(survey, now=now, older_than=older_than).count()
                else:
                    count = survey_send_reminders(
                        survey=survey, actor=None, now=now, older_than=older_than, base_url=base_url
                    )
                if count:
                    surveys += 1
                    total += count
                    self.stdout.write(f"{survey.tenant.slug}: “{survey.title}”: {count} reminder(s)")
        verb = "due (dry run, nothing sent)" if dry_run else "sent"
        self.stdout.write(f"Survey reminders: {total} {verb} for {surveys} survey(s).")
