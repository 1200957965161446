from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from frivillig.core.audit import register_actions


class AccountsConfig(AppConfig):
    name = "frivillig.accounts"
    label = "accounts"

    def ready(self):
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
            }
        )
