"""What the CRM announces to the apps above it (frivillig/core/events.py), sent by its services after commit.

crm never imports the apps that keep copies of its data (volunteering's search text and word keys, the board's
caches); they connect to these events instead. Every payload names the tenant and the ids of the rows concerned.
"""

from frivillig.core.events import DomainEvent

# Organisations created, changed (name, address, public listing, ...), archived, restored or imported.
organisation_changed = DomainEvent("crm.organisation_changed", payload=("tenant_id", "organisation_ids"))

# Words of a vocabulary created or changed (labels, position, taken out of use).
tag_changed = DomainEvent("crm.tag_changed", payload=("tenant_id", "tag_ids"))

# Two records merged into one: `model` is "crm.organisation" or "crm.person"; everything that pointed at
# `removed_id` (now deleted) points at `kept_id`.
records_merged = DomainEvent("crm.records_merged", payload=("tenant_id", "model", "kept_id", "removed_id"))
