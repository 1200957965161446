from frivillig.core.privacy import LegalBasis, NotPersonal, PersonalField, PersonalModel, Retention

MODELS = [
    PersonalModel(
        "privacy_app.Visitor",
        subject="pk",
        purpose_da="At vide, hvem der har været på besøg.",
        purpose_en="To know who visited.",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.fixed(30, after_da="efter besøget", after_en="after the visit"),
        fields=[PersonalField("full_name")],
        not_personal=["visited_on", "host"],
    ),
]

NOT_PERSONAL = [NotPersonal("privacy_app.Sign", "A sign's wording is the same for everybody.")]
