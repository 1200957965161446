"""Settings for `make bench`: the product's settings with the benchmark's URLconf, which adds two reference
views beside the product's pages. Never used outside the benchmark."""

from frivillig.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
