"""Reads of volunteering, one module per area."""
