"""What tenants announces to the apps above it (frivillig/core/events.py), sent by its services after commit.

What every app must give a new tenant before anyone uses it (crm's default word lists, say) is not an event but a
set-up hook (`<app>/tenant_setup.py`), run inside the creating transaction by `tenant_create`. The event is for
what may happen later and elsewhere: a welcome mail, a cache, a report.
"""

from frivillig.core.events import DomainEvent

# A tenant was created (by the platform operator, the demo or a test) and set up by every app.
tenant_created = DomainEvent("tenants.tenant_created", payload=("tenant_id",))
# A tenant's own fields changed (its names, contact details, whether it is active): by its administrator's settings
# page or the platform operator's admin, both through `tenant_update`.
tenant_changed = DomainEvent("tenants.tenant_changed", payload=("tenant_id",))
