from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "frivillig.accounts"
    label = "accounts"
