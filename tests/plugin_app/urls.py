from django.urls import path

from tests.plugin_app import views

app_name = "plugin_app"

urlpatterns = [
    path("notesbog/", views.notebook, name="notebook"),
]
