"""Every volunteer who is open to suggestions today gets a row in the consent ledger (core.Consent).

The words of the form were not kept with the choice, so the row says so, and names the checkbox's label at the
time. The moment is the profile's last save: the choice was made then or before."""

from django.db import migrations

PURPOSE = "volunteering.suggestions"
TEXT_BEFORE_LEDGER = (
    "Samtykket blev givet i frivilligprofilen, før samtykker blev gemt med den tekst, personen fik vist. "
    "Afkrydsningsfeltet hed dengang: 'Foreninger må se mig som foreslået frivillig'."
)


def backfill_consent_ledger(apps, schema_editor) -> None:
    """One ledger row per profile open to suggestions (none where the ledger has one already: it may run again)."""
    VolunteerProfile = apps.get_model("volunteering", "VolunteerProfile")
    Consent = apps.get_model("core", "Consent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    app_label, model_name = "accounts", "user"
    user_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
    recorded = set(Consent.objects.filter(subject_type=user_type, purpose=PURPOSE).values_list("subject_id", flat=True))
    rows = [
        Consent(
            tenant_id=None,
            purpose=PURPOSE,
            subject_type=user_type,
            subject_id=str(profile.user_id),
            user_id=profile.user_id,
            text=TEXT_BEFORE_LEDGER,
            language="da",
            given_at=profile.updated_at,
            method="web_form",
        )
        for profile in VolunteerProfile.objects.filter(open_to_suggestions=True)
        if str(profile.user_id) not in recorded
    ]
    Consent.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0004_consent_ledger"),
        ("volunteering", "0005_pipeline_reasons_undo_notes"),
    ]

    operations = [migrations.RunPython(backfill_consent_ledger, migrations.RunPython.noop, elidable=True)]
