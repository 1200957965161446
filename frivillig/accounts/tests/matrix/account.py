"""Permission matrix rows for the national account pages and the language switch."""

from frivillig.testing import anonymous_only, everyone, logged_in

CASES = {
    "switch_language": everyone(302, method="post", data={"language": "en", "next": "/"}),
    "accounts:signup": anonymous_only(),
    "accounts:signup_done": everyone(200),
    "accounts:verify": everyone(400, kwargs={"token": "not-a-valid-token"}),
    "accounts:login": anonymous_only(),
    "accounts:logout": everyone(302, method="post"),
    "accounts:profile": logged_in(),
    "accounts:delete": logged_in(),
    "accounts:my_data": logged_in(),
    "accounts:my_data_download": logged_in(),
    "accounts:my_data_print": logged_in(),
    "accounts:password_change": logged_in(),
    "accounts:password_reset": everyone(200),
    "accounts:password_reset_done": everyone(200),
    "accounts:password_reset_confirm": everyone(200, kwargs={"uidb64": "MQ", "token": "set-password"}),
    "accounts:password_reset_complete": everyone(200),
}
