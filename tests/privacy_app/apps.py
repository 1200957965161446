from django.apps import AppConfig


class PrivacyAppConfig(AppConfig):
    name = "tests.privacy_app"
    label = "privacy_app"
    verbose_name = "Register proof"
