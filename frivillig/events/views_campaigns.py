"""Placeholder: filled by the campaigns part of issue 14."""

urlpatterns: list = []
