from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from frivillig.core.scoping import unscoped
from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Organisation, Tag

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frivillig.accounts.models import User
    from frivillig.tenants.models import Tenant


def active_organisations(tenant: Tenant) -> QuerySet[Organisation]:
    return Organisation.objects.filter(tenant=tenant, archived_at=None).order_by("name")


def represented_organisations(user: User | AnonymousUser, tenant: Tenant) -> QuerySet[Organisation]:
    """The organisations this person may edit as association representative."""
    from frivillig.tenants.selectors import represented_organisation_ids

    return active_organisations(tenant).filter(pk__in=represented_organisation_ids(user, tenant))


def public_associations(tenant: Tenant) -> QuerySet[Organisation]:
    return active_organisations(tenant).filter(Organisation.publicly_listed_condition())


def tags(tenant: Tenant, vocabulary: Vocabulary, *, include_inactive: bool = False) -> QuerySet[Tag]:
    queryset = Tag.objects.filter(tenant=tenant, vocabulary=vocabulary)
    if not include_inactive:
        queryset = queryset.filter(is_active=True)
    return queryset.order_by("position", "label_da")


def national_association_count() -> int:
    """The public associations of every active tenant: a figure on the national front page."""
    with unscoped("the national front page counts the public associations of every active tenant"):
        return Organisation.objects.filter(Organisation.publicly_listed_condition(), tenant__is_active=True).count()
