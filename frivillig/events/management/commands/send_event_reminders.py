from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from frivillig.core.links import site_url
from frivillig.events.services_registration import send_reminders


class Command(BaseCommand):
    help = (
        "Remind everyone registered for an event that starts tomorrow (Danish time), once per registration. "
        "All tenants; idempotent, safe to run several times a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address for the links in the mails (default: settings.SITE_URL, else ALLOWED_HOSTS).",
        )

    def handle(self, *args, base_url: str, **options):
        base_url = (base_url or site_url()).rstrip("/")
        with scopes_disabled():
            sent = send_reminders(base_url=base_url)
        self.stdout.write(f"Reminders sent: {sent}")
