from django.apps import AppConfig


class CoreConfig(AppConfig):
    verbose_name = "Frivillig"
    name = "frivillig.core"
    label = "core"

    def ready(self):
        from frivillig.core import formfields

        formfields.install()
