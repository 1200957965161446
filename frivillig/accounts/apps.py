from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from frivillig.core.audit import register_actions


class AccountsConfig(AppConfig):
    name = "frivillig.accounts"
    label = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from frivillig.accounts import checks  # noqa: F401 - registers the deploy check
        from frivillig.accounts.two_factor import remember_requirement

        user_logged_in.connect(remember_requirement, dispatch_uid="frivillig.accounts.two_factor")

        register_actions(
            {
                "accounts.user.signed_up": _("Account created"),
                "accounts.user.email_verified": _("E-mail confirmed"),
                "accounts.user.logged_in": _("Logged in"),
                "accounts.user.login_failed": _("Failed login"),
                "accounts.user.deleted": _("Account deleted"),
                "accounts.user.password_reset": _("Password reset"),
                "accounts.user.expired": _("Unconfirmed account deleted"),
                "accounts.user.data_exported": _("Personal data exported"),
                "accounts.two_factor.set_up": _("Two-factor login set up"),
                "accounts.two_factor.recovery_code_used": _("Recovery code used"),
                "accounts.two_factor.recovery_codes_renewed": _("New recovery codes made"),
                "accounts.two_factor.turned_off": _("Two-factor login turned off"),
                "accounts.two_factor.reset": _("Two-factor login reset"),
            }
        )
