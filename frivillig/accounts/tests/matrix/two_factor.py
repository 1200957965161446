"""Permission matrix rows for two-factor login on one's own account.

Every logged-in persona comes with a verified session (conftest.py); the staff personas have a device, the citizen
and the representative have none. Pages with nothing to show for a session send it on (302)."""

from frivillig.testing import logged_in

CASES = {
    "accounts:two_factor": logged_in(),
    # Set-up, or (with a device, from a verified session) moving to a new phone.
    "accounts:two_factor_setup": logged_in(),
    # A verified session goes on to where it was going; one without a device to set-up.
    "accounts:two_factor_verify": logged_in(302),
    # No new codes in the session: back to the overview.
    "accounts:two_factor_codes": logged_in(302),
    "accounts:two_factor_codes_download": logged_in(302),
    "accounts:two_factor_recovery_codes": logged_in(302, method="post"),
    # Nothing to turn off, or required by the role: back to the overview.
    "accounts:two_factor_turn_off": logged_in(302),
}
