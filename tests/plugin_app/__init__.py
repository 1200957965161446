"""An app that exists only to prove the platform's promise: adding an app edits `INSTALLED_APPS` and the app itself.

Nothing outside this folder names it; tests/test_plugin_app.py installs it for a test and finds its pages, its
menu entry, its demo data and its rows of the permission matrix through the registry, as it finds every real app's.
"""
