"""How surveys answer the register's events (frivillig/crm/events.py), the kernel's (a tenant changed) and an
erasure's (frivillig/core/erasure.py): the results page's cached bodies that may show what changed are renewed
(surveys/caching.py). Connected in SurveysConfig.ready; the senders never import this module.

A named survey's results show organisations' names (beside free texts, and as the answers to "choose an
association") and filter by their kind and tags; an anonymous survey's show none of these. An erasure anonymises
named responses or deletes invitations (the response rate) of any survey of the tenants concerned.
"""

from frivillig.surveys.caching import tenant_results_changed


def organisation_changed(sender, *, tenant_id, organisation_ids, **_kwargs) -> None:
    tenant_results_changed(tenant_id, named_only=True)


def tag_changed(sender, *, tenant_id, tag_ids, **_kwargs) -> None:
    tenant_results_changed(tenant_id, named_only=True)


def records_merged(sender, *, tenant_id, model, kept_id, removed_id, **_kwargs) -> None:
    tenant_results_changed(tenant_id, named_only=True)


def tenant_changed(sender, *, tenant_id, **_kwargs) -> None:
    # The body's links carry the tenant's address.
    tenant_results_changed(tenant_id)


def personal_data_erased(sender, *, erased, tenant_ids, **_kwargs) -> None:
    if not any(label.startswith("surveys.") for label in erased):
        return
    for tenant_id in tenant_ids:
        if tenant_id is not None:
            tenant_results_changed(tenant_id)


def connect_receivers() -> None:
    from frivillig.core.erasure import personal_data_erased as erased_event
    from frivillig.crm import events
    from frivillig.tenants.events import tenant_changed as tenant_event

    events.organisation_changed.connect(organisation_changed, dispatch_uid="surveys-organisation-changed")
    events.tag_changed.connect(tag_changed, dispatch_uid="surveys-tag-changed")
    events.records_merged.connect(records_merged, dispatch_uid="surveys-records-merged")
    tenant_event.connect(tenant_changed, dispatch_uid="surveys-tenant-changed")
    erased_event.connect(personal_data_erased, dispatch_uid="surveys-personal-data-erased")
