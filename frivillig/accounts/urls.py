from django.urls import path

from frivillig.accounts import views, views_my_data, views_two_factor

app_name = "accounts"

urlpatterns = [
    path("opret/", views.signup, name="signup"),
    path("opret/tjek-din-email/", views.signup_done, name="signup_done"),
    path("bekraeft/<str:token>/", views.verify, name="verify"),
    path("log-ind/", views.login_view, name="login"),
    path("log-ud/", views.logout_view, name="logout"),
    path("profil/", views.profile, name="profile"),
    path("slet/", views.delete_account, name="delete"),
    path("dine-data/", views_my_data.my_data, name="my_data"),
    path("dine-data/hent/", views_my_data.my_data_download, name="my_data_download"),
    path("dine-data/udskriv/", views_my_data.my_data_print, name="my_data_print"),
    path("dine-data/samtykke/<int:pk>/", views_my_data.my_data_consent_withdraw, name="my_data_consent_withdraw"),
    path("dine-data/pdf/", views_my_data.my_data_pdf, name="my_data_pdf"),
    path("to-trins/", views_two_factor.overview, name="two_factor"),
    path("to-trins/opsaet/", views_two_factor.setup, name="two_factor_setup"),
    path("to-trins/kode/", views_two_factor.verify, name="two_factor_verify"),
    path("to-trins/gendannelseskoder/", views_two_factor.codes, name="two_factor_codes"),
    path("to-trins/gendannelseskoder/hent/", views_two_factor.codes_download, name="two_factor_codes_download"),
    path("to-trins/gendannelseskoder/nye/", views_two_factor.recovery_codes, name="two_factor_recovery_codes"),
    path("to-trins/slaa-fra/", views_two_factor.turn_off, name="two_factor_turn_off"),
    path("adgangskode/", views.password_change, name="password_change"),
    path("adgangskode/nulstil/", views.password_reset, name="password_reset"),
    path("adgangskode/nulstil/sendt/", views.password_reset_done, name="password_reset_done"),
    path("adgangskode/nulstil/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("adgangskode/nulstil/faerdig/", views.password_reset_complete, name="password_reset_complete"),
]
