"""A rule for the suite itself: a test that counts a page's queries also checks that the rows were rendered.

A page that renders nothing (a broken selector, a wrong filter, a template that lost its loop) makes very few
queries, so a query count alone passes on an empty page. Every test that counts queries must therefore also call
`frivillig.testing.assert_rows_rendered` with the recognisable names of the rows it made (or, for a counting
function that is not a page, `assert_records_counted` with the records it must have returned)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTERS = {"django_assert_num_queries", "django_assert_max_num_queries", "assertNumQueries"}
RENDERED = {"assert_rows_rendered", "assert_records_counted"}


def suite_files() -> list[Path]:
    return sorted([*ROOT.glob("frivillig/**/tests/**/test_*.py"), *ROOT.glob("tests/**/test_*.py")])


def called_names(function: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            target = node.func
            names.add(target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", ""))
    return names


def counting_tests_without_rendering(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
            called = called_names(node)
            if called & COUNTERS and not called & RENDERED:
                found.append(node.name)
    return found


def test_every_query_count_test_also_checks_the_rows_were_rendered():
    offenders = []
    for path in suite_files():
        for name in counting_tests_without_rendering(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(ROOT)}::{name}")
    assert offenders == []


def test_the_rule_finds_a_count_without_rendered_rows():
    source = """
def test_counted_only(client, django_assert_num_queries):
    with django_assert_num_queries(3):
        client.get("/")

def test_counted_and_rendered(client, django_assert_num_queries):
    with django_assert_num_queries(3):
        response = client.get("/")
    assert_rows_rendered(response, ["Forening 0"])

def test_counted_by_django(self):
    with self.assertNumQueries(3):
        self.client.get("/")

def test_a_selector_counted_and_its_records_checked(django_assert_num_queries):
    with django_assert_num_queries(1):
        found = events_held()
    assert_records_counted(found.records, ["Kursus"])
"""
    assert counting_tests_without_rendering(source) == ["test_counted_only", "test_counted_by_django"]
