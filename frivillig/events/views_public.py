"""Placeholder: filled by the public part of issue 14."""

urlpatterns: list = []
national_urlpatterns: list = []
