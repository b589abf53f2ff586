"""``/healthz`` and the Server-Timing header the province benchmark reads."""
import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def test_healthz_answers_ok_without_a_login_or_a_query(db):
    with CaptureQueriesContext(connection) as queries:
        response = Client().get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")
    assert len(queries) == 0


def test_every_response_says_how_long_the_server_took(as_user):
    response = as_user("fgw").get("/")
    assert re.fullmatch(r"app;dur=\d+\.\d", response["Server-Timing"])
