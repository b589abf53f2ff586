"""Django's ``flush`` (erase every table), made to pass the audit log's append-only triggers.

Erasing the whole database is what the test runner does after each transactional test, and what
a developer does to start again; the audit triggers would refuse it. Outside production this
command lifts the triggers for the duration of the flush and puts them back. In production
(PLANEVAL_ENV=production) it leaves them in place, so the flush fails and nothing is erased.
"""
from django.conf import settings
from django.core.management.commands.flush import Command as FlushCommand
from django.db import DEFAULT_DB_ALIAS, connections

from planeval.audit import triggers


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if getattr(settings, "PRODUCTION", False):
            return super().handle(**options)
        vendor = connection.vendor
        with connection.cursor() as cursor:
            for statement in triggers.drop_sql(vendor):
                cursor.execute(statement)
        try:
            return super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                for statement in triggers.create_sql(vendor):
                    cursor.execute(statement)
