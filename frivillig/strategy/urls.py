"""Tenant pages of strategy (namespace "strategy", under /<tenant>/). Each part's view module adds its patterns
here (one line each)."""

app_name = "strategy"

urlpatterns: list = []
