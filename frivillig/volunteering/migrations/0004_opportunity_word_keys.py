"""Opportunity.word_keys: the words' keys as one text, for the suggestions' pre-filter; filled for existing rows."""

from django.db import migrations, models

WORD_KEY_FIELDS = ("target_groups", "activity_areas", "skills", "inclusion")


def fill_word_keys(apps, schema_editor):
    # The historical models: the same text as frivillig.volunteering.matching.word_keys_text makes.
    Opportunity = apps.get_model("volunteering", "Opportunity")
    words: dict[int, dict[str, set[str]]] = {}
    for name in WORD_KEY_FIELDS:
        through = Opportunity._meta.get_field(name).remote_field.through
        for opportunity_id, slug in through.objects.values_list("opportunity_id", "tag__slug").iterator():
            words.setdefault(opportunity_id, {}).setdefault(name, set()).add(slug)
    changed = []
    for opportunity_id, by_field in words.items():
        keys = [f"{name}:{slug}" for name in WORD_KEY_FIELDS for slug in sorted(by_field.get(name, ()))]
        changed.append(Opportunity(pk=opportunity_id, word_keys=f" {' '.join(keys)} "))
    Opportunity.objects.bulk_update(changed, ["word_keys"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("volunteering", "0003_board_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="opportunity",
            name="word_keys",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_word_keys, migrations.RunPython.noop),
    ]
