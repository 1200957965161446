from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from frivillig.volunteering.services.opportunities import EXPIRY_WARNING_DAYS, opportunities_expiry_run


class Command(BaseCommand):
    help = (
        "Expire published volunteer opportunities whose “open until” date has passed (Europe/Copenhagen date), "
        f"and e-mail the associations whose opportunities close within {EXPIRY_WARNING_DAYS} days, once, with a "
        "one-click renewal link. Idempotent: run it as often as you like, e.g. hourly from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", ""),
            help="The site's address for the links in the e-mails, e.g. https://frivillig.example.dk",
        )

    def handle(self, *args, base_url: str = "", **options):
        if not base_url.startswith(("http://", "https://")):
            raise CommandError("Give the site's address with --base-url, e.g. --base-url https://frivillig.example.dk")
        run = opportunities_expiry_run(base_url=base_url)
        self.stdout.write(
            f"Volunteer opportunities: {run.expired} expired, {run.warned} expiry warnings sent,"
            f" {run.without_address} with no e-mail address to warn."
        )
