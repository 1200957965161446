"""Every period the register declares is enforced by a retention rule (core/retention.py).

A model or field declared with `Retention.fixed(...)` or `Retention.tenant_setting(...)` promises that the data goes
when the period is over; this fails when no app's `retention.py` has a rule that says it enforces the promise (by
the tenant setting's key, the model's label, or "app.Model.field" for a field with a period of its own)."""

from frivillig.core import privacy, registry
from frivillig.core.retention import rules, setting_retention, tenant_settings


def _promises() -> list[tuple[str, privacy.Retention]]:
    """(where, retention) for every declared period that must be enforced."""
    found = []
    for declared in privacy.register().models:
        if declared.retention.kind in ("fixed", "tenant"):
            found.append((declared.model, declared.retention))
        for personal in declared.fields:
            if personal.retention is not None and personal.retention.kind in ("fixed", "tenant"):
                found.append((f"{declared.model}.{personal.name}", personal.retention))
    return found


def test_every_declared_period_has_a_rule_that_enforces_it():
    enforced = {name for rule in rules() for name in rule.enforces}
    missing = [
        where
        for where, retention in _promises()
        if where not in enforced and not (retention.kind == "tenant" and retention.setting in enforced)
    ]
    assert missing == [], f"No retention rule enforces the period declared for {missing}: add one to a retention.py."


def test_every_rule_enforces_something_the_register_declares():
    declared = {where for where, _retention in _promises()}
    declared |= {retention.setting for _where, retention in _promises() if retention.kind == "tenant"}
    unknown = [name for rule in rules() for name in rule.enforces if name not in declared]
    assert unknown == []


def test_rule_keys_are_unique_and_described_in_both_languages():
    keys = [rule.key for rule in rules()]
    assert len(keys) == len(set(keys))
    assert all(rule.description_da and rule.description_en for rule in rules())


def test_the_rules_are_found_in_each_apps_retention_module():
    found = registry.registered()["retention"]
    assert found[:5] == ["core", "accounts", "tenants", "crm", "volunteering"]


def test_the_tenant_settings_are_every_setting_key_once_with_its_bounds():
    keys = [setting.key for group in tenant_settings() for setting in group.settings]
    assert len(keys) == len(set(keys))
    assert {"access_log_days", "audit_log_days", "closed_application_days", "crm_archived_person_days"} <= set(keys)
    access = setting_retention("access_log_days")
    # Datatilsynet's practice: logs of reading are kept at least six months.
    assert (access.days, access.minimum_days) == (183, 183)
    audit = setting_retention("audit_log_days")
    assert (audit.days, audit.minimum_days, audit.maximum_days) == (5 * 365, 365, 10 * 365)
