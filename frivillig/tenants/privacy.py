"""The personal data of memberships and invitations (see core/privacy.py). The audit log is core's."""

from frivillig.core.privacy import Erasure, LegalBasis, NotPersonal, PersonalField, PersonalModel, Retention

ACTIVITY_DA = "Roller og invitationer"
ACTIVITY_EN = "Roles and invitations"

MODELS = [
    PersonalModel(
        "tenants.Membership",
        subject="user",
        purpose_da="At give medarbejdere og administratorer adgang til centrets arbejde med de rette rettigheder.",
        purpose_en="To give staff and administrators access to the centre's work with the right permissions.",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.with_record(
            da="Så længe personen har rollen; slettes, når rollen fjernes.",
            en="As long as the person holds the role; deleted when the role is removed.",
        ),
        fields=[
            PersonalField("user", label_da="Konto", label_en="Account"),
            PersonalField("role"),
            PersonalField("created_at", label_da="Rollen givet", label_en="Role given"),
            PersonalField("created_by", label_da="Givet af", label_en="Given by"),
        ],
        not_personal=["tenant"],
        erasure=Erasure.DELETE,
    ),
    PersonalModel(
        "tenants.Invitation",
        subject="email",
        purpose_da="At sende en invitation til en rolle og vide, hvem der har inviteret hvem.",
        purpose_en="To send an invitation to a role and to know who invited whom.",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.fixed(
            90,
            after_da="efter at invitationen er taget imod, annulleret eller udløbet",
            after_en="after the invitation was accepted, cancelled or expired",
        ),
        fields=[
            PersonalField("email"),
            PersonalField("role"),
            PersonalField("invited_by"),
            PersonalField("accepted_by", label_da="Taget imod af", label_en="Accepted by"),
            PersonalField("accepted_at"),
        ],
        not_personal=["tenant", "created_at", "cancelled_at", "batch"],
        erasure=Erasure.DELETE,
    ),
]

NOT_PERSONAL = [
    NotPersonal(
        "tenants.Tenant",
        reason="The volunteer centre's own public contact details: an institution's, not a private person's.",
    ),
]
