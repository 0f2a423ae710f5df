"""PostgreSQL only: prefix lookups (suggestions) use LIKE 'x%', which needs a pattern_ops index under most collations.

SQLite compares tokens bytewise, so its unique index already serves the range scan used there.
"""

from django.db import migrations

CREATE = "CREATE INDEX IF NOT EXISTS search_token_prefix ON search_searchtoken (text varchar_pattern_ops)"
DROP = "DROP INDEX IF EXISTS search_token_prefix"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_query_time")]

    operations = [migrations.RunPython(create, drop)]
