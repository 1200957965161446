"""Every read across tenants on a request path goes through `unscoped(reason)`, and every one is listed here.

The list is the review: an app that adds an escape (the networks app will hold special-category data) fails this
test until its file and reason are written below, where a reviewer reads them. An escape that goes away must
leave the list too, so the list stays a true picture of the code.
"""

import ast
import fnmatch
import logging
from pathlib import Path

import pytest
from django_scopes import scope
from django_scopes.exceptions import ScopeError

from frivillig.core.scoping import unscoped
from frivillig.crm.models import Tag

SOURCE = Path(__file__).resolve().parents[2]  # the frivillig package
ROOT = SOURCE.parent

# Where django-scopes' own escape hatches may be used: none of these runs on a request path.
RAW_ESCAPES_ALLOWED = {
    "frivillig/core/scoping.py": "the one helper that request paths use",
    "frivillig/*/admin.py": "the operator's Django admin sees every tenant",
    "frivillig/*/admin/*.py": "the operator's Django admin sees every tenant",
    "frivillig/*/management/commands/*.py": "management commands run outside any request",
    "frivillig/*/demo.py": "the demo loader runs from a management command",
    "frivillig/core/demo_loader.py": "the demo loader runs from a management command",
    "frivillig/*/demo/*.py": "the demo loader runs from a management command",
    "frivillig/*/demo_data.py": "the demo loader runs from a management command",
    "frivillig/testing.py": "test fixtures and personas",
}

# Every `unscoped(...)` outside tests: (file, reason). Add a line only with a reason a reviewer agrees to.
ALLOWED = {
    (
        "frivillig/core/retention.py",
        "the nightly retention run's pass over the records that belong to no tenant",
    ),
    (
        "frivillig/tenants/selectors.py",
        "a person's own roles count in every tenant (wrong role 403, another tenant 404)",
    ),
    (
        "frivillig/tenants/services.py",
        "locks the administrators of the membership's own tenant, whichever scope is open",
    ),
    ("frivillig/tenants/services.py", "a person leaving the platform is checked in every tenant where they administer"),
    ("frivillig/tenants/services.py", "an invitation is read and accepted before its holder belongs to the tenant"),
    ("frivillig/tenants/services.py", "the granted role already exists in the given tenant, whichever scope is open"),
    (
        "frivillig/volunteering/services/applications.py",
        "a sign-up is checked against the opportunity's earlier sign-ups, from the national board too",
    ),
    (
        "frivillig/volunteering/services/applications.py",
        "mails about an application read it by id after commit, from national and tenant pages alike",
    ),
    (
        "frivillig/volunteering/services/applications.py",
        "a person's own confirmed guest sign-ups become theirs in every tenant",
    ),
    (
        "frivillig/volunteering/services/applications.py",
        "a confirmation link is all its holder has, and it names no tenant",
    ),
    (
        "frivillig/volunteering/services/applications.py",
        "an expired confirmation link names no tenant; it only leads back to its opportunity",
    ),
    ("frivillig/volunteering/services/applications.py", "re-reads under a lock the row the caller already holds"),
    ("frivillig/volunteering/services/applications.py", "the reminder job runs for the whole site"),
    ("frivillig/volunteering/services/opportunities.py", "re-reads under a lock the row the caller already holds"),
    ("frivillig/volunteering/services/opportunities.py", "the expiry job runs for the whole site"),
    ("frivillig/volunteering/search.py", "stores the derived search text of the row the caller already holds"),
    ("frivillig/volunteering/receivers.py", "finds the opportunities of organisations the register changed"),
    (
        "frivillig/volunteering/search.py",
        "stores the derived search text of the opportunities a change in the register named",
    ),
    ("frivillig/volunteering/selectors/applications.py", "a person's own applications are theirs in every tenant"),
    (
        "frivillig/crm/selectors/common.py",
        "the national front page counts the public associations of every active tenant",
    ),
    (
        "frivillig/volunteering/selectors/front.py",
        "the national front page sums the open places of the published opportunities of every active tenant",
    ),
    (
        "frivillig/volunteering/selectors/board.py",
        "the words of published opportunities already chosen, maybe from every tenant",
    ),
    (
        "frivillig/volunteering/selectors/board.py",
        "the national board lists the published opportunities of every active tenant",
    ),
    (
        "frivillig/volunteering/selectors/board.py",
        "a condition on the organisation of opportunities the caller has already chosen",
    ),
    ("frivillig/volunteering/selectors/opportunities.py", "the expiry job runs for the whole site"),
    ("frivillig/events/services_evaluations.py", "the evaluation job runs for the whole site"),
    (
        "frivillig/events/selectors_public.py",
        "the national list shows the published public events of every active tenant",
    ),
    (
        "frivillig/events/selectors_public.py",
        "the national list's filters name the themes and municipalities of every active tenant",
    ),
    (
        "frivillig/volunteering/selectors/matching.py",
        "the words of published opportunities already chosen, maybe from every tenant",
    ),
    ("frivillig/volunteering/selectors/matching.py", "a person's own applications are theirs in every tenant"),
    (
        "frivillig/volunteering/selectors/matching.py",
        "the national board lists the published opportunities of every active tenant",
    ),
    ("frivillig/core/personal_data.py", "A person's account may be linked to contact records in several tenants."),
    ("frivillig/core/erasure.py", "Erasure removes one person's records from every tenant they have data in."),
    ("frivillig/core/consent.py", "A person's own consents are theirs in every tenant."),
    (
        "frivillig/core/consent.py",
        "A withdrawal marks the consents of one subject its caller has found, whichever scope is open.",
    ),
    (
        "frivillig/core/personal_data.py",
        "The right of access gathers one person's records from every tenant they have data in.",
    ),
}

RAW_NAMES = {"scopes_disabled", "with_scopes_disabled"}


def _source_files():
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        parts = path.relative_to(SOURCE).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield relative, ast.parse(path.read_text(encoding="utf-8"), filename=relative)


def _names_used(node) -> set[str]:
    if isinstance(node, ast.Name):
        return {node.id}
    if isinstance(node, ast.Attribute):
        return {node.attr}
    if isinstance(node, ast.ImportFrom):
        return {alias.name for alias in node.names}
    return set()


def _raw_escapes(tree):
    """Lines that reach django-scopes' escapes directly: the names, and `scope(_enabled=False)`."""
    for node in ast.walk(tree):
        disables = isinstance(node, ast.Call) and any(keyword.arg == "_enabled" for keyword in node.keywords)
        if _names_used(node) & RAW_NAMES or disables:
            yield node.lineno


def _unscoped_calls(tree):
    """(line, reason) of each `unscoped(...)`; the reason is None unless it is one literal string."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        if name != "unscoped":
            continue
        argument = node.args[0] if len(node.args) == 1 and not node.keywords else None
        literal = isinstance(argument, ast.Constant) and isinstance(argument.value, str)
        yield node.lineno, argument.value if literal else None


def test_no_raw_scope_escape_on_a_request_path():
    found = [
        f"{path}:{line}"
        for path, tree in _source_files()
        if not any(fnmatch.fnmatch(path, pattern) for pattern in RAW_ESCAPES_ALLOWED)
        for line in _raw_escapes(tree)
    ]
    assert found == [], (
        "django-scopes' escapes are used on a request path; use frivillig.core.scoping.unscoped(reason) and add "
        "the file and reason to ALLOWED in this test: " + ", ".join(found)
    )


def test_every_unscoped_read_is_listed_with_its_reason():
    found: set[tuple[str, str]] = set()
    not_literal = []
    for path, tree in _source_files():
        if path == "frivillig/core/scoping.py":
            continue
        for line, reason in _unscoped_calls(tree):
            if reason is None:
                not_literal.append(f"{path}:{line}")
            else:
                found.add((path, reason))
    assert not_literal == [], "unscoped() takes one literal reason, so this test can list it: " + ", ".join(not_literal)
    new = sorted(found - ALLOWED)
    gone = sorted(ALLOWED - found)
    assert new == [], f"new reads across tenants; review them and add them to ALLOWED: {new}"
    assert gone == [], f"these reads across tenants are gone; remove them from ALLOWED: {gone}"


def test_the_scan_sees_every_kind_of_escape():
    tree = ast.parse(
        "from django_scopes import scopes_disabled\n"
        "Tag.objects.with_scopes_disabled().all()\n"
        "with scope(_enabled=False): pass\n"
        "with unscoped(reason): pass\n"
        "with unscoped('a reason'): pass\n"
    )
    assert sorted(set(_raw_escapes(tree))) == [1, 2, 3]
    assert sorted(_unscoped_calls(tree)) == [(4, None), (5, "a reason")]


@pytest.mark.django_db
def test_unscoped_reads_across_tenants_only_inside_the_block(tenant, other_tenant):
    with pytest.raises(ScopeError):
        Tag.objects.count()
    with unscoped("the test reads every tenant's words"):
        tenants = set(Tag.objects.values_list("tenant_id", flat=True))
    assert tenants == {tenant.pk, other_tenant.pk}
    with pytest.raises(ScopeError):
        Tag.objects.count()
    with scope(tenant=tenant.pk):
        assert set(Tag.objects.values_list("tenant_id", flat=True)) == {tenant.pk}


def test_unscoped_logs_its_reason_at_debug_level(caplog):
    with caplog.at_level(logging.DEBUG, logger="frivillig.scoping"), unscoped("the test says why"):
        pass
    assert [(record.levelno, record.getMessage()) for record in caplog.records] == [
        (logging.DEBUG, "tenant scope disabled: the test says why")
    ]


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_unscoped_refuses_to_open_without_a_reason(reason):
    with pytest.raises(ValueError, match="needs a reason"), unscoped(reason):
        pass
