"""Database triggers that refuse UPDATE and DELETE of audit events, whoever issues them.

The ORM refuses too (AuditEventQuerySet); these stop raw SQL from the application's own
connection. A database superuser can still drop them: the hash chain (audit-verify) is what
detects such a change. TRUNCATE is refused on PostgreSQL as well; the one sanctioned way to
empty the table is Django's ``flush`` (erasing the whole database), see planeval/audit/
management/commands/flush.py.
"""
from django.db import migrations

from planeval.audit.triggers import create_sql, drop_sql


def create(apps, schema_editor):
    for statement in create_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_events")]

    operations = [migrations.RunPython(create, drop)]
