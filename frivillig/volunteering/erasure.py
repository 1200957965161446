"""What erasing a person asks of volunteering beyond the register (see core/erasure.py).

The register's declarations delete a volunteer's profile and anonymise their applications; what volunteering keeps
derived from them is renewed once the erasure is committed: the opportunities that lost their contact person get
their stored search text and word keys recomputed, and the board's and the suggestions' caches are renewed, so no
cached answer worked out from the erased person's profile is served again.

The receiver is connected when core.erasure finds this module (it imports every app's `erasure` module before it
erases anything); there is no hook for the erasure itself.
"""

from frivillig.core.erasure import personal_data_erased
from frivillig.volunteering.caching import board_changed
from frivillig.volunteering.search import refresh_opportunities


def _refresh(sender, *, erased, tenant_ids, **_kwargs) -> None:
    opportunities = erased.get("volunteering.opportunity", [])
    if opportunities:
        refresh_opportunities(opportunities)
    if any(label.startswith("volunteering.") for label in erased):
        board_changed()


personal_data_erased.connect(_refresh, dispatch_uid="volunteering-personal-data-erased")
