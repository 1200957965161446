"""crm's special cases when records are merged (see `frivillig.crm.services.merge`).

A person's role in an organisation that both records hold (the same other party, role and dates) is one role:
the removed record's copy goes, and so does a second copy among the removed record's own roles. No constraint
forbids the copies; they are the same fact written twice, and the merge is where that is cleaned up.

Likewise a person who represents both organisations represents the kept one once: the representative role held for
the removed one (the kernel's membership and crm's link to the organisation) goes before the links move.
"""

from django.db.models import Exists, OuterRef

from frivillig.crm.models import Organisation, OrganisationRole, Person, Representative
from frivillig.tenants.models import Membership

# For a merged model: the role's field that points at it, and the other party that identifies a role with it.
ROLE_PARTIES = {Organisation: ("organisation", "person"), Person: ("person", "organisation")}


def before_merge(*, model, survivor, merged) -> dict[str, int] | None:
    if model not in ROLE_PARTIES:
        return None
    own, other = ROLE_PARTIES[model]
    roles = OrganisationRole._base_manager
    key = (f"{other}_id", "role", "started_on", "ended_on")
    held = set(roles.filter(**{own: survivor}).values_list(*key))
    duplicates = []
    for pk, *identity in roles.filter(**{own: merged}).order_by("pk").values_list("pk", *key):
        if tuple(identity) in held:
            duplicates.append(pk)
        else:
            held.add(tuple(identity))
    roles.filter(pk__in=duplicates).delete()
    counts = {"duplicate_roles_removed": len(duplicates)}
    if model is Organisation:
        counts["duplicate_memberships_removed"] = _remove_double_representatives(survivor, merged)
    return counts


def _remove_double_representatives(survivor: Organisation, merged: Organisation) -> int:
    already = Representative._base_manager.filter(organisation=survivor, user=OuterRef("user"))
    doubles = Representative._base_manager.filter(organisation=merged).filter(Exists(already))
    membership_ids = list(doubles.values_list("membership_id", flat=True))
    # The membership goes with its link (the link cascades from it).
    Membership._base_manager.filter(pk__in=membership_ids).delete()
    return len(membership_ids)
