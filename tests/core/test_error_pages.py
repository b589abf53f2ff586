"""Failures show a generic Chinese page; a server error's id leads the support desk to its traceback.

With DEBUG off nothing of the failure (message, trace, settings) reaches the user.
"""
import logging
import re

import pytest
from django.conf import settings as django_settings
from django.test import Client

from planeval.api.errors import SERVER_ERROR as API_SERVER_ERROR
from planeval.core.error_views import BAD_REQUEST, CSRF_FAILED, SERVER_ERROR
from tests.core.failing_urls import SECRET_IN_THE_FAILURE

pytestmark = pytest.mark.urls("tests.core.failing_urls")

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def error_records(caplog, error_id):
    return [r for r in caplog.records if r.name == "planeval.errors" and getattr(r, "error_id", None) == error_id]


def assert_nothing_leaks(body: str):
    assert SECRET_IN_THE_FAILURE not in body and "Traceback" not in body and "RuntimeError" not in body
    assert django_settings.SECRET_KEY not in body and "DATABASES" not in body and "settings" not in body


def test_a_server_error_shows_an_id_that_is_logged_with_the_traceback(db, settings, caplog):
    settings.DEBUG = False
    with caplog.at_level(logging.ERROR, logger="planeval.errors"):
        response = Client(raise_request_exception=False).get("/test-only/fails/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "系统错误" in page and SERVER_ERROR in page
    error_id = re.search(r'<code class="error-id">([^<]+)</code>', page).group(1)
    assert UUID.fullmatch(error_id)
    [record] = error_records(caplog, error_id)
    assert error_id in record.getMessage() and "/test-only/fails/" in record.getMessage()
    assert record.exc_info and SECRET_IN_THE_FAILURE in str(record.exc_info[1])
    assert_nothing_leaks(page)
    assert "Content-Security-Policy" in response


def test_each_server_error_gets_its_own_id(db, settings, caplog):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="planeval.errors"):
        first, second = (UUID.search(client.get("/test-only/fails/").content.decode()).group(0) for _ in range(2))
    assert first != second
    assert error_records(caplog, first) and error_records(caplog, second)


def test_the_api_answers_a_server_error_in_its_own_shape(as_user, settings, caplog):
    settings.DEBUG = False
    client = as_user("fgw")
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="planeval.errors"):
        response = client.get("/api/v1/test-only/fails/")
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    body = response.json()
    assert body["detail"] == API_SERVER_ERROR and body["code"] == "server_error"
    assert UUID.fullmatch(body["error_id"])
    [record] = error_records(caplog, body["error_id"])
    assert SECRET_IN_THE_FAILURE in str(record.exc_info[1])
    assert_nothing_leaks(response.content.decode())


def test_a_bad_request_page_is_in_chinese(db, settings):
    settings.DEBUG = False
    response = Client().get("/test-only/bad-request/")
    assert response.status_code == 400 and BAD_REQUEST in response.content.decode()
    assert "malformed" not in response.content.decode()


def test_an_unknown_host_gets_the_bad_request_page_not_the_host_list(db, settings):
    settings.DEBUG = False
    response = Client().get("/", HTTP_HOST="attacker.example")
    page = response.content.decode()
    assert response.status_code == 400 and BAD_REQUEST in page
    assert "attacker.example" not in page and "ALLOWED_HOSTS" not in page


def test_a_post_without_a_csrf_token_gets_the_chinese_page(as_user, settings):
    settings.DEBUG = False
    client = as_user("kewei")
    client.handler.enforce_csrf_checks = True
    response = client.post("/accounts/logout/")
    page = response.content.decode()
    assert response.status_code == 403 and CSRF_FAILED in page
    assert "CSRF" not in page and "Referer" not in page
