from django.urls import path

from frivillig.communication import views
from frivillig.communication.enums import PageKind

app_name = "communication"

urlpatterns = [
    path("tilgaengelighed/", views.accessibility_page, name="accessibility"),
    path("privatliv/", views.privacy_page, name="privacy"),
    path(
        "administration/sider/tilgaengelighed/",
        views.page_edit,
        {"kind": PageKind.ACCESSIBILITY.value},
        name="accessibility_edit",
    ),
    path("administration/sider/privatliv/", views.page_edit, {"kind": PageKind.PRIVACY.value}, name="privacy_edit"),
]
