"""The consent ledger (core.Consent) takes over the record of consents: the method's choices are now the kernel's
(the CRM's four values are kept), and every person with a consent today gets its row in the ledger.

The text the person was shown was never kept, so the row says so instead of inventing one."""

from django.db import migrations, models

PURPOSE = "crm.contact"
TEXT_BEFORE_LEDGER = (
    "Samtykket blev registreret i Frivillig, før samtykker blev gemt med den tekst, personen fik vist. "
    "Teksten kendes derfor ikke; registreringen viser, hvornår og hvordan samtykket blev givet, "
    "og hvem der noterede det."
)


def backfill_consent_ledger(apps, schema_editor) -> None:
    """One ledger row per person with a consent (and none where the ledger has one already: it may run again)."""
    Person = apps.get_model("crm", "Person")
    Consent = apps.get_model("core", "Consent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    person_type, _created = ContentType.objects.get_or_create(app_label="crm", model="person")
    recorded = set(
        Consent.objects.filter(subject_type=person_type, purpose=PURPOSE).values_list("subject_id", flat=True)
    )
    rows = []
    for person in Person.objects.filter(consent_given_at__isnull=False).select_related("consent_recorded_by"):
        if str(person.pk) in recorded:
            continue
        recorder = person.consent_recorded_by
        rows.append(
            Consent(
                tenant_id=person.tenant_id,
                purpose=PURPOSE,
                subject_type=person_type,
                subject_id=str(person.pk),
                text=TEXT_BEFORE_LEDGER,
                language="da",
                given_at=person.consent_given_at,
                method=person.consent_method,
                recorded_by_id=person.consent_recorded_by_id,
                recorded_by_label=(recorder.full_name or recorder.email)[:200] if recorder is not None else "",
            )
        )
    Consent.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0004_consent_ledger"),
        ("crm", "0004_representative_invitation_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="person",
            name="consent_method",
            field=models.CharField(
                blank=True,
                choices=[
                    ("written", "In writing"),
                    ("email", "By e-mail"),
                    ("oral", "Orally"),
                    ("web_form", "Through the website"),
                    ("phone", "By phone"),
                    ("in_person", "In person"),
                ],
                max_length=20,
                verbose_name="consent given",
            ),
        ),
        migrations.RunPython(backfill_consent_ledger, migrations.RunPython.noop, elidable=True),
    ]
