from django.db import migrations, models


def fill_closed_at(apps, schema_editor):
    """A survey closed before the field existed: closed when the audit log says it was, else at its last change
    (never earlier than it really closed, so retention never counts from too early)."""
    Survey = apps.get_model("surveys", "Survey")
    AuditEntry = apps.get_model("core", "AuditEntry")
    for survey in Survey._base_manager.filter(status="closed", closed_at__isnull=True):
        logged = (
            AuditEntry._base_manager.filter(
                code="surveys.survey.closed", target_type="surveys.survey", target_id=str(survey.pk)
            )
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        Survey._base_manager.filter(pk=survey.pk).update(closed_at=logged or survey.updated_at)


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0003_results_version"),
        ("core", "0005_access_entry_reason"),
    ]

    operations = [
        migrations.AddField(
            model_name="survey",
            name="closed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="closed"),
        ),
        migrations.RunPython(fill_closed_at, migrations.RunPython.noop),
    ]
