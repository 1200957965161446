"""crm's special case when records are merged (see `frivillig.crm.services.merge`).

A person's role in an organisation that both records hold (the same other party, role and dates) is one role:
the removed record's copy goes, and so does a second copy among the removed record's own roles. No constraint
forbids the copies; they are the same fact written twice, and the merge is where that is cleaned up.
"""

from frivillig.crm.models import Organisation, OrganisationRole, Person

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
    return {"duplicate_roles_removed": len(duplicates)}
