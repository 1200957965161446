"""Tenant pages of strategy (namespace "strategy", under /<tenant>/). Each part's view module adds its patterns
here (one line each)."""

from frivillig.strategy import views_dashboard, views_plans, views_public, views_reports

app_name = "strategy"

urlpatterns: list = [
    *views_plans.urlpatterns,
    *views_dashboard.urlpatterns,
    *views_reports.urlpatterns,
    *views_public.urlpatterns,
]
