from django.core.management.base import BaseCommand

from frivillig.core.links import site_url
from frivillig.events.services_evaluations import EVALUATION_WINDOW_DAYS, evaluations_send


class Command(BaseCommand):
    help = (
        "Send each event's evaluation survey to those who attended, the day after the event ended (Danish time), "
        f"for events that ended within the last {EVALUATION_WINDOW_DAYS} days. A draft survey is opened first; a "
        "closed one is skipped. All tenants; each event and person once, so it is safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address for the links in the mails (default: settings.SITE_URL, else ALLOWED_HOSTS).",
        )

    def handle(self, *args, base_url: str, **options):
        run = evaluations_send(base_url=(base_url or site_url()).rstrip("/"))
        for event_id, count in run.sent.items():
            self.stdout.write(f"Event {event_id}: {count} evaluation invitation(s) sent.")
        for event_id, why in run.skipped.items():
            self.stderr.write(f"Event {event_id}: not sent. {why}")
        self.stdout.write(f"Event evaluations: {sum(run.sent.values())} sent for {len(run.sent)} event(s).")
