"""The personal data of communication's records (see core/privacy.py)."""

from frivillig.core.privacy import Erasure, LegalBasis, PersonalField, PersonalModel, Retention

ACTIVITY_DA = "Indhold og kommunikation"
ACTIVITY_EN = "Content and communication"

MODELS = [
    PersonalModel(
        "communication.ContentPage",
        subject="updated_by",
        purpose_da="At vide, hvilken medarbejder der sidst har ændret en side.",
        purpose_en="To know which member of staff last changed a page.",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.with_record(
            da="Indtil siden ændres af en anden eller slettes.",
            en="Until someone else changes the page, or it is deleted.",
        ),
        fields=[PersonalField("updated_by", label_da="Senest ændret af", label_en="Last changed by")],
        not_personal=["tenant", "kind", "body_da", "body_en", "updated_at"],
        # The page is the centre's; it only forgets who changed it last.
        erasure=Erasure.ANONYMISE,
    ),
]
