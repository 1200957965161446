"""The personal data of strategy (see core/privacy.py): who at the centre or the municipality created a plan,
entered a value by hand and published a status report. The plans, their status texts and the evidence of their
results are about the work of the centre and the municipality, written to be read by the committee and often the
public; the editor tells staff not to name citizens in them. The records an indicator counts stay in their own apps
and are declared there; a published report keeps their keys and the names it showed (see ReportVersion.content).

Erasing a member of staff anonymises the rows they are linked to, as events and surveys do with their `created_by`:
the plan, the value and the report are the centre's and stay; only the link to the person goes."""

from frivillig.core.privacy import (
    UNCHANGED,
    Erasure,
    LegalBasis,
    NotPersonal,
    PersonalField,
    PersonalModel,
    Retention,
)

ACTIVITY_DA = "Strategi og opfølgning"
ACTIVITY_EN = "Strategy and follow-up"

MODELS = [
    PersonalModel(
        "strategy.Plan",
        subject="created_by",
        purpose_da="At vise, hvem i centret eller kommunen der har oprettet planen.",
        purpose_en="To show who at the centre or the municipality created the plan.",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.with_record(da="Så længe planen findes.", en="As long as the plan exists."),
        fields=[PersonalField("created_by", label_da="Oprettet af", label_en="Created by")],
        not_personal=[
            "tenant",
            "kind",
            "title",
            "owner",
            "starts_on",
            "ends_on",
            "vision",
            "values",
            "legal_basis",
            "introduction",
            "status",
            "continues",
            "is_public",
            "created_at",
            "updated_at",
        ],
        # The plan is the centre's; it loses who created it.
        erasure=Erasure.ANONYMISE,
    ),
    PersonalModel(
        "strategy.ManualValue",
        subject="entered_by",
        purpose_da="At dokumentere, hvem der har indtastet en værdi og dens dokumentation, så tallet kan efterprøves.",
        purpose_en="To document who entered a value and its evidence, so that the figure can be checked.",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.with_record(
            da="Så længe værdien findes (den slettes med sit mål).",
            en="As long as the value exists (it is deleted with its target).",
        ),
        fields=[PersonalField("entered_by", label_da="Indtastet af", label_en="Entered by")],
        # The figure and its evidence (a note and a file about the work done, such as the minutes of a meeting) are
        # about activities, not about people.
        not_personal=["tenant", "target", "value", "measured_on", "note", "evidence_file", "entered_at"],
        # The value counts in the plan's results; it loses who entered it.
        erasure=Erasure.ANONYMISE,
    ),
    PersonalModel(
        "strategy.ReportVersion",
        subject="published_by",
        purpose_da="At dokumentere, hvem der har offentliggjort statusrapporten til udvalget.",
        purpose_en="To document who published the status report to the committee.",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.with_record(
            da="Så længe den offentliggjorte version findes.",
            en="As long as the published version exists.",
        ),
        fields=[
            PersonalField("published_by", label_da="Offentliggjort af", label_en="Published by"),
            # The report as it went to the committee, frozen: with the counted records' keys and the names they were
            # shown by, which may be a participant's or a respondent's name. Not the publisher's data (left out of
            # their export), and kept when the publisher is erased: the committee's record of what it was shown. A
            # counted record that names an erased person loses its name there (strategy/erasure.py).
            PersonalField(
                "content",
                purpose_da="At bevare statusrapporten, som den blev forelagt udvalget, med de talte poster.",
                purpose_en="To keep the status report as it was put before the committee, with the records counted.",
                label_da="Rapportens indhold",
                label_en="The report's content",
                in_access_export=False,
                erased=UNCHANGED,
            ),
        ],
        not_personal=["tenant", "report", "number", "note", "as_of", "published_at"],
        # The version is the committee's record; it loses who published it.
        erasure=Erasure.ANONYMISE,
    ),
]

NOT_PERSONAL = [
    NotPersonal(
        "strategy.StatusText",
        "Staff's status on a goal or an initiative in the yearly report to the committee; about the work, not people.",
    ),
]
