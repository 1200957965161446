"""Loaded as a pytest plugin (`-p tests.environment`) before pytest-django imports the settings, so the
one settings module gets the environment that a test run needs."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-for-the-suite-3f9a2c7e1b5d8f0a4c6e9b2d7f1a3c5e")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("FRIVILLIG_PLAIN_STATIC", "1")
os.environ.setdefault("CACHE_BACKEND", "locmem")
os.environ.pop("DEBUG", None)
# WhiteNoise wants STATIC_ROOT to exist; tests serve static files through the finders.
os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="frivillig-static-"))
# Private files (uploaded imports) written by the tests stay out of the checkout.
os.environ.setdefault("PRIVATE_ROOT", tempfile.mkdtemp(prefix="frivillig-private-"))
