from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "frivillig.tenants"
    label = "tenants"
