"""An index for the public board's reads (issue 5, "Performance").

- The board shows no opportunity of an archived organisation; it asks "is this organisation archived?" per
  matching opportunity. A partial index on the archived organisations (a handful) answers that without reading the
  organisation table. It lives on crm's table but serves only this app's reads, so it is created here, with SQL
  both databases understand.
"""

from django.db import migrations

ADD = [
    "CREATE INDEX IF NOT EXISTS crm_organisation_archived_ids ON crm_organisation (id) WHERE archived_at IS NOT NULL",
]
DROP = [
    "DROP INDEX IF EXISTS crm_organisation_archived_ids",
]


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0002_search_vector_postgresql"), ("crm", "0001_initial")]

    operations = [migrations.RunSQL(ADD, DROP)]
