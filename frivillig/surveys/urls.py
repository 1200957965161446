from frivillig.surveys import views, views_respond

app_name = "surveys"

urlpatterns = views.urlpatterns + views_respond.urlpatterns
