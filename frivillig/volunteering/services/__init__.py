"""Writes of volunteering, one module per area: `<noun>_<verb>(*, ...)`, atomic and audit-logged."""
