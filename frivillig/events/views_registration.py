"""Placeholder: filled by the registration part of issue 14."""

urlpatterns: list = []
