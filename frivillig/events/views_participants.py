"""Placeholder: filled by the participants part of issue 14."""

urlpatterns: list = []
