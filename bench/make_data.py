"""`python -m bench.make_data --scale S`: fill an empty, throwaway database with the benchmark's national data set
(bench/data.py; `--help` lists the options). Run with DJANGO_SETTINGS_MODULE set, as bench/run.sh does."""

import sys

import django


def main() -> None:
    django.setup()
    from bench.data import Command

    Command().run_from_argv([sys.argv[0], "bench_data", *sys.argv[1:]])


if __name__ == "__main__":
    main()
