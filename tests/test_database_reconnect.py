"""A database restart costs no request once the database is back (CONN_HEALTH_CHECKS).

With persistent connections, each gunicorn thread keeps its connection between requests. When
PostgreSQL restarts, those connections are dead; without a health check the next request of
every thread failed with a server error (measured by benchmarks/load_test.py --fault restart-db).
"""
import pytest
from django.conf import settings
from django.core.signals import request_started
from django.db import connection, connections


def test_kept_connections_are_checked_before_reuse():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.mark.django_db
def test_a_connection_the_server_closed_is_replaced_at_the_next_request():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no server whose restart would cut a connection")
    kept = connections.create_connection("default")  # a worker thread's own persistent connection
    kept.settings_dict["CONN_MAX_AGE"] = 600
    try:
        kept.ensure_connection()
        with kept.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        with connection.cursor() as cursor:  # what a restart does to every open session
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        # The start of the next request (django.db.close_old_connections on request_started),
        # then its first query.
        kept.close_if_unusable_or_obsolete()
        with kept.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
            cursor.execute("SELECT pg_backend_pid()")
            assert cursor.fetchone()[0] != pid
    finally:
        kept.close()
    assert request_started.has_listeners()
