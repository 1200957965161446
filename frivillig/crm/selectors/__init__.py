"""Reads of the CRM, one module per area: querysets with what their pages need already joined."""

from frivillig.crm.selectors.common import (
    active_organisations,
    public_associations,
    represented_organisations,
    tags,
)
from frivillig.crm.selectors.representatives import organisations_without_representative

__all__ = [
    "active_organisations",
    "organisations_without_representative",
    "public_associations",
    "represented_organisations",
    "tags",
]
