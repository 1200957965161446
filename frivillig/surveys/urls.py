from frivillig.surveys import views, views_invitations, views_respond, views_results

app_name = "surveys"

urlpatterns = views.urlpatterns + views_respond.urlpatterns + views_invitations.urlpatterns + views_results.urlpatterns
