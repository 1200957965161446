"""The strategy's own indicator: a value entered by hand with its evidence, for what the platform does not hold
yet (the domain apps register the live ones in their own indicators.py)."""

from frivillig.core.indicators import CountedRecord, Indicator, Measurement, Param, ParamKind, Shape

MANUAL_KEY = "strategy.manual"


def manual_value(*, tenant, starts_on, ends_on, target=None) -> Measurement:
    """The latest value entered by hand for the target (by its id) measured within the period; no data without."""
    from frivillig.strategy.models import ManualValue

    if not target:
        return Measurement(value=None)
    latest = (
        ManualValue.objects.filter(
            tenant=tenant, target_id=target, measured_on__gte=starts_on, measured_on__lte=ends_on
        )
        .order_by("-measured_on", "-pk")
        .first()
    )
    if latest is None:
        return Measurement(value=None)
    record = CountedRecord(
        key=f"strategy.manualvalue:{latest.pk}",
        label=latest.note[:200],
        detail=latest.measured_on.isoformat(),
    )
    return Measurement(value=latest.value, records=[record], moments=[latest.measured_on])


INDICATORS = [
    Indicator(
        key=MANUAL_KEY,
        label_da="Værdi indtastet i hånden",
        label_en="Value entered by hand",
        compute=manual_value,
        params=(Param("target", ParamKind.TEXT, "Målet", "The target", required=False, editable=False),),
        shape=Shape.MANUAL,
        description_da="Til det, platformen endnu ikke har data om: en værdi med dato og dokumentation.",
        description_en="For what the platform holds no data on yet: a value with its date and evidence.",
    )
]
