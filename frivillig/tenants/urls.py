from django.urls import path

from frivillig.tenants import views, views_retention, views_two_factor

app_name = "tenants"

urlpatterns = [
    path("", views.tenant_home, name="home"),
    path("administration/medlemmer/", views.member_list, name="members"),
    path("administration/medlemmer/inviter/", views.member_invite, name="member_invite"),
    path("administration/medlemmer/<int:pk>/rolle/", views.member_change_role, name="member_change_role"),
    path("administration/medlemmer/<int:pk>/fjern/", views.member_revoke, name="member_revoke"),
    path(
        "administration/medlemmer/<int:pk>/to-trins/",
        views_two_factor.member_two_factor_reset,
        name="member_two_factor_reset",
    ),
    path("administration/invitationer/<int:pk>/annuller/", views.invitation_cancel_view, name="invitation_cancel"),
    path("administration/log/", views.audit_log, name="audit_log"),
    path("administration/log/eksport/<str:fmt>/", views.audit_log_export, name="audit_log_export"),
    path("administration/opslagslog/", views.access_log, name="access_log"),
    path("administration/opslagslog/eksport/<str:fmt>/", views.access_log_export, name="access_log_export"),
    path("administration/kontaktoplysninger/", views.tenant_settings, name="settings"),
    path("administration/opbevaring/", views_retention.retention_settings, name="retention_settings"),
    path("administration/fortegnelse/", views.privacy_register, name="privacy_register"),
    path("administration/fortegnelse/udskrift/", views.privacy_register_print, name="privacy_register_print"),
    path("administration/fortegnelse/pdf/", views.privacy_register_pdf, name="privacy_register_pdf"),
]
