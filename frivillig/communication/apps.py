from django.apps import AppConfig


class CommunicationConfig(AppConfig):
    name = "frivillig.communication"
    label = "communication"
