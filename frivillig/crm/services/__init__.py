"""Writes of the CRM, one module per area. Each function is `<noun>_<verb>(*, ...)`, atomic and audit-logged."""

from frivillig.crm.services.tags import tags_seed_defaults

__all__ = ["tags_seed_defaults"]
