"""Settings for `make bench`: the product's settings with the benchmark's URLconf, which adds two reference
views beside the product's pages. Never used outside the benchmark."""

import os

from frivillig.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# How long a survey's results page body is kept (frivillig/surveys/caching.py); 0 on the benchmark's second ("cold")
# server, so that every request to it computes the page.
SURVEY_RESULTS_CACHE_SECONDS = int(os.environ.get("SURVEY_RESULTS_CACHE_SECONDS", "600"))
