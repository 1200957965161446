"""The personal data of user accounts (see core/privacy.py)."""

from frivillig.core.privacy import Category, Erasure, LegalBasis, PersonalField, PersonalModel, Retention

ACTIVITY_DA = "Brugerkonti"
ACTIVITY_EN = "User accounts"

MODELS = [
    PersonalModel(
        "accounts.User",
        subject="pk",
        purpose_da="At personen kan logge ind, få beskeder på sit eget sprog og bruge platformen.",
        purpose_en="So that the person can log in, receive messages in their own language and use the platform.",
        legal_basis=LegalBasis.CONTRACT,
        retention=Retention.while_account_exists(),
        fields=[
            PersonalField("email"),
            PersonalField("full_name"),
            PersonalField("phone"),
            PersonalField("preferred_language"),
            PersonalField("email_verified_at"),
            PersonalField("date_joined"),
            PersonalField(
                "last_login",
                purpose_da="At kunne se, om en konto er i brug, og opdage misbrug.",
                purpose_en="To see whether an account is in use, and to notice misuse.",
                legal_basis=LegalBasis.LEGITIMATE_INTEREST,
            ),
            PersonalField(
                "inactivity_warning_sent_at",
                purpose_da="At kunne slette en konto, der ikke bruges, først 30 dage efter at personen er advaret.",
                purpose_en="To delete an unused account only 30 days after the person was warned.",
                legal_basis=LegalBasis.LEGITIMATE_INTEREST,
                label_da="Advaret om sletning",
                label_en="Warned of deletion",
            ),
            # Whether and since when the login needs a code. The device behind it (django-otp's TOTP device with
            # its secret key, and the single-use recovery codes) belongs to the account, goes with it, and is never
            # handed out: a third-party app's tables, so they are named here, with the account that holds them.
            PersonalField(
                "two_factor_since",
                purpose_da=(
                    "At kunne kræve en kode fra en godkendelsesapp ved login (krævet for medarbejdere). Den hemmelige "
                    "nøgle og engangskoderne til gendannelse gemmes med kontoen og udleveres aldrig."
                ),
                purpose_en=(
                    "To require a code from an authenticator app at login (required for staff). The secret key and "
                    "the single-use recovery codes are kept with the account and never handed out."
                ),
                legal_basis=LegalBasis.LEGITIMATE_INTEREST,
                label_da="To-trins-login slået til",
                label_en="Two-factor login on since",
            ),
            PersonalField(
                "sessions_ended_at",
                purpose_da="At kunne logge personen ud på alle enheder på én gang, når to-trins-login nulstilles.",
                purpose_en="To log the person out on every device at once when two-factor login is reset.",
                legal_basis=LegalBasis.LEGITIMATE_INTEREST,
                label_da="Logget ud på alle enheder",
                label_en="Logged out on every device",
            ),
            # A salted hash, never the password: kept to log in, never handed out.
            PersonalField("password", category=Category.CONFIDENTIAL, in_access_export=False),
        ],
        not_personal=["is_superuser", "is_active", "is_staff", "groups", "user_permissions"],
        erasure=Erasure.DELETE,
    ),
]
