"""Tenant pages of strategy (namespace "strategy", under /<tenant>/). Each part's view module adds its patterns
here (one line each)."""

from frivillig.strategy import views_plans

app_name = "strategy"

urlpatterns: list = [
    *views_plans.urlpatterns,
]
