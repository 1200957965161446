"""The layers contract (pyproject.toml, run by import-linter in `make lint` and `make test`) covers every app.

import-linter checks only the modules its layers name: an app left out of them could import anything unnoticed.
"""

import tomllib
from pathlib import Path

from frivillig.core.registry import project_apps

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def layers_contract() -> dict:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = [contract for contract in config["contracts"] if contract["type"] == "layers"]
    return contract


def layer_modules(layer: str) -> list[str]:
    """The modules of one layer as import-linter reads it: `a | b` or `a : b`, `(a)` when optional."""
    separator = "|" if "|" in layer else ":"
    return [name.strip().strip("()") for name in layer.split(separator)]


def test_every_app_of_the_project_stands_in_exactly_one_layer():
    named = [module for layer in layers_contract()["layers"] for module in layer_modules(layer)]
    assert sorted(config.name for config in project_apps() if named.count(config.name) != 1) == []


def test_the_kernel_is_the_lowest_layer_and_its_apps_may_know_each_other():
    lowest = layers_contract()["layers"][-1]
    assert ":" in lowest
    assert set(layer_modules(lowest)) == {"frivillig.core", "frivillig.accounts", "frivillig.tenants"}


def test_only_test_modules_may_ignore_the_layers():
    """No exception outside tests (issue 10's promise)."""
    outside_tests = [rule for rule in layers_contract().get("ignore_imports", []) if ".tests." not in rule]
    assert outside_tests == []
