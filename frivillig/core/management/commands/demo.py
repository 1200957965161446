from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from frivillig.core.demo_loader import DEMO_PASSWORD, demo_logins, load_demo


class Command(BaseCommand):
    help = "Load the demo tenants and demo users (idempotent). Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never on a production site)."
        )
        parser.add_argument("--if-empty", action="store_true", help="Only load when there are no tenants yet.")

    def handle(self, *args, force: bool = False, if_empty: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: the demo users all share a published password. Use --force only on a test site."
            )
        from frivillig.tenants.models import Tenant

        if if_empty and Tenant.objects.exists():
            self.stdout.write("Demo data: the database already has tenants, so nothing was loaded.")
            self._print_logins(demo_logins())
            return
        load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self._print_logins(demo_logins())

    def _print_logins(self, logins: list[tuple[str, str]]) -> None:
        if not logins:
            return
        self.stdout.write("Log in at /konto/log-ind/ with:")
        for email, description in logins:
            self.stdout.write(f"  {email:32} {description}")
        self.stdout.write(f"  password for all: {DEMO_PASSWORD}")
