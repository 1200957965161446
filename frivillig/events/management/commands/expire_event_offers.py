from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from frivillig.core.links import site_url
from frivillig.events.services_registration import expire_offers


class Command(BaseCommand):
    help = (
        "Expire offers of freed places that were not accepted in time and offer the places to the next in line; "
        "close to an event, tell those in line of free places. All tenants; idempotent, safe to run every few minutes."
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
            settled = expire_offers(base_url=base_url)
        self.stdout.write(f"Events looked at: {settled}")
