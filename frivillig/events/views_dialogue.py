"""Placeholder: filled by the dialogue part of issue 14."""

urlpatterns: list = []
