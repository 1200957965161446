"""Reads of the strategy app shared by its parts."""

from __future__ import annotations

from frivillig.strategy.models import StrategySettings


def strategy_settings(tenant) -> StrategySettings:
    """The tenant's choices for the status rules; the defaults (unsaved) when the tenant has made none."""
    found = StrategySettings.objects.filter(tenant=tenant).first()
    return found if found is not None else StrategySettings(tenant=tenant)
