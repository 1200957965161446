"""Placeholder: filled by the staff part of issue 14."""

urlpatterns: list = []
