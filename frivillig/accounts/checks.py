from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def check_staff_two_factor(app_configs, **kwargs):
    """A production site never runs without two-factor login for staff (`make run` turns it off for a demo only)."""
    if settings.REQUIRE_STAFF_2FA:
        return []
    return [
        checks.Error(
            "REQUIRE_STAFF_2FA is off: staff could use the site with a password alone.",
            hint="Remove REQUIRE_STAFF_2FA=0 from the environment; it is meant for a local demonstration only.",
            id="frivillig.accounts.E001",
        )
    ]
