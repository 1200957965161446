"""The personal data of strategy (see core/privacy.py): none. Plans, their status texts and the evidence of their
results are about the work of the centre and the municipality, written to be read by the committee and often the
public; the editor tells staff not to name citizens in them. The records an indicator counts stay in their own apps
(a published report keeps only their keys and the names shown), and are declared there."""

from frivillig.core.privacy import NotPersonal

NOT_PERSONAL = [
    NotPersonal(
        "strategy.ManualValue",
        "A figure of a plan's result and its evidence (a note and a file about the work done, such as the minutes "
        "of a meeting); about activities, not about people.",
    ),
    NotPersonal(
        "strategy.StatusText",
        "Staff's status on a goal or an initiative in the yearly report to the committee; about the work, not people.",
    ),
    NotPersonal(
        "strategy.ReportVersion",
        "A published status report, frozen as it went to the committee: texts and figures about the plan's work.",
    ),
]
