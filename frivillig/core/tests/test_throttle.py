from unittest import mock

from frivillig.core import throttle


def test_throttle_counts_within_the_window_on_the_file_cache(settings, tmp_path):
    # The file cache is the production default; its incr() would reset the expiry, timestamps do not care.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    }
    with mock.patch("frivillig.core.throttle.time.time", return_value=1_000_000.0):
        for _ in range(3):
            throttle.record("test", "Person@Example.org", window=900)
        assert throttle.hits("test", "person@example.org", window=900) == 3
    with mock.patch("frivillig.core.throttle.time.time", return_value=1_000_000.0 + 899):
        assert throttle.hits("test", "person@example.org", window=900) == 3
    with mock.patch("frivillig.core.throttle.time.time", return_value=1_000_000.0 + 901):
        assert throttle.hits("test", "person@example.org", window=900) == 0


def test_throttle_clear_forgets_the_value():
    throttle.record("test", "x", window=60)
    throttle.clear("test", "x")
    assert throttle.hits("test", "x", window=60) == 0
