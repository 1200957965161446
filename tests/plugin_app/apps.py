from django.apps import AppConfig


class PluginAppConfig(AppConfig):
    name = "tests.plugin_app"
    label = "plugin_app"
    verbose_name = "Plug-in proof"
