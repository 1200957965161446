from django.urls import path

from tests.plugin_app import views

app_name = "plugin_national"

urlpatterns = [
    path("notesboeger/", views.about, name="about"),
]
