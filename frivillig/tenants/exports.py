"""What the audit log's and the access log's exports hold: their columns, once (core.exports turns them into XLSX
or CSV)."""

from django.utils.translation import gettext_lazy as _

from frivillig.core.exports import Column


def _person(entry) -> str:
    return str(entry.actor) if entry.actor is not None else entry.actor_label


AUDIT_LOG = (
    Column(_("Time"), lambda entry: entry.created_at),
    Column(_("Person"), _person),
    Column(_("E-mail"), lambda entry: entry.actor.email if entry.actor is not None else ""),
    Column(_("Action"), lambda entry: entry.action_label),
    Column(_("Concerns"), lambda entry: entry.target_label),
)

ACCESS_LOG = (
    Column(_("Time"), lambda entry: entry.created_at),
    Column(_("Person"), _person),
    Column(_("E-mail"), lambda entry: entry.actor.email if entry.actor is not None else ""),
    Column(_("What was read"), lambda entry: entry.what_label),
    Column(_("Whose information"), lambda entry: entry.subject_label),
    Column(_("Search term"), lambda entry: entry.search),
    Column(_("Reason"), lambda entry: entry.reason),
    Column(_("Page"), lambda entry: entry.path),
)
