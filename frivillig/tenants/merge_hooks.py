"""The kernel's special case when records of a higher app are merged (see `frivillig.crm.services.merge`).

A user holds a role at most once per record (a unique constraint on Membership): a representative of both
organisations keeps the membership of the kept one, and the removed one's copy goes. The hook does not know
which model is merged; it looks for Membership's own fields that point at it.
"""

from django.db.models import Exists, OuterRef

from frivillig.tenants.models import Membership


def before_merge(*, model, survivor, merged) -> dict[str, int] | None:
    removed, found = 0, False
    memberships = Membership._base_manager
    for field in Membership._meta.fields:
        if field.many_to_one and field.related_model is model:
            already = memberships.filter(
                **{field.name: survivor}, tenant=OuterRef("tenant"), user=OuterRef("user"), role=OuterRef("role")
            )
            removed += memberships.filter(**{field.name: merged}).filter(Exists(already)).delete()[0]
            found = True
    return {"duplicate_memberships_removed": removed} if found else None
