"""On PostgreSQL, a stored tsvector column (Danish configuration) with a GIN index for the board's search.

The model does not declare the column: SQLite has no such type, and the search module reads it with SQL only
when the database is PostgreSQL. Title weighs most, then the summary, then the rest of the text.
"""

from django.db import migrations

ADD = """
ALTER TABLE volunteering_opportunity ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('danish', coalesce(title, '')), 'A')
    || setweight(to_tsvector('danish', coalesce(summary, '')), 'B')
    || setweight(to_tsvector('danish', coalesce(search_document, '')), 'C')
) STORED;
CREATE INDEX volunteering_opportunity_search_vector ON volunteering_opportunity USING gin (search_vector);
"""
DROP = """
DROP INDEX IF EXISTS volunteering_opportunity_search_vector;
ALTER TABLE volunteering_opportunity DROP COLUMN IF EXISTS search_vector;
"""


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0001_initial")]

    operations = [migrations.RunPython(add, drop)]
