from django.core.management.base import BaseCommand

from frivillig.core.links import site_url
from frivillig.volunteering.services.applications import (
    REMINDER_AFTER_DAYS,
    application_remind,
    applications_due_for_reminder,
)


class Command(BaseCommand):
    help = (
        f"Remind associations once about confirmed applications that are still new after {REMINDER_AFTER_DAYS} days. "
        "Safe to run as often as you like (e.g. daily): each application is reminded about only once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address for the links in the mails, e.g. https://frivillig.example.dk "
            "(default: settings.SITE_URL, else the first of ALLOWED_HOSTS).",
        )

    def handle(self, *args, base_url: str = "", **options):
        base_url = (base_url or site_url()).rstrip("/")
        due = list(applications_due_for_reminder().values_list("pk", flat=True))
        sent = sum(1 for pk in due if application_remind(application_id=pk, base_url=base_url))
        skipped = len(due) - sent
        self.stdout.write(
            f"Reminders: {len(due)} application(s) still new after {REMINDER_AFTER_DAYS} days; "
            f"{sent} reminder(s) sent; {skipped} without a recipient or already handled."
        )
