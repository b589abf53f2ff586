"""Tokens per user, the session for the browser, and the schema and docs served from local files."""
import io

import pytest
from django.contrib.staticfiles import finders
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from planeval.accounts.models import User
from planeval.api import errors
from planeval.api.services import INACTIVE_USER, api_token_rotate


def test_no_token_is_401_with_the_reason_in_chinese(demo):
    response = APIClient().get("/api/v1/indicators/")
    assert response.status_code == 401
    assert response.json() == {"detail": errors.NOT_AUTHENTICATED, "code": "not_authenticated"}
    assert response.headers["WWW-Authenticate"] == "Token"


def test_a_wrong_token_is_401(demo):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    response = client.get("/api/v1/indicators/")
    assert response.status_code == 401
    assert response.json()["detail"] == errors.AUTHENTICATION_FAILED


def test_the_token_opens_the_api_and_a_new_token_closes_the_old_one(api):
    client = api("kewei")
    assert client.get("/api/v1/indicators/").status_code == 200
    api_token_rotate(user=User.objects.get(username="kewei"))
    assert client.get("/api/v1/indicators/").status_code == 401


def test_the_api_token_command_prints_a_working_token(demo):
    out = io.StringIO()
    call_command("api-token", "fgw", stdout=out)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    response = client.get("/api/v1/jurisdictions/")
    assert response.status_code == 200 and [j["name"] for j in response.json()["results"]] == ["普陀区"]


def test_the_command_refuses_unknown_and_inactive_accounts(demo):
    with pytest.raises(CommandError, match="没有用户名为“nobody”的账户。"):
        call_command("api-token", "nobody")
    User.objects.filter(username="observer").update(is_active=False)
    with pytest.raises(CommandError) as refused:
        call_command("api-token", "observer")
    assert str(refused.value) == INACTIVE_USER.format(username="observer")


def test_a_deactivated_account_loses_its_token(api):
    client = api("observer")
    User.objects.filter(username="observer").update(is_active=False)
    assert client.get("/api/v1/indicators/").json()["detail"] == errors.AUTHENTICATION_FAILED


def test_the_browser_session_also_opens_the_api(as_user):
    assert as_user("leader").get("/api/v1/submissions/").status_code == 200


def test_schema_and_docs_are_served_from_local_static_files(client, demo):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"openapi: 3" in schema.content
    assert b"/api/v1/submissions/{submission_id}/values/" in schema.content
    html = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    # Redoc fetched its logo from cdn.redoc.ly whatever its settings: the old address leads to Swagger UI.
    redoc = client.get("/api/redoc/")
    assert redoc.status_code == 301 and redoc["Location"] == "/api/docs/"


def test_unsupported_method_and_bad_json_answer_in_the_error_shape(api, kewei_submission):
    client = api("kewei")
    assert client.delete("/api/v1/indicators/").json() == {"detail": errors.METHOD_NOT_ALLOWED,
                                                           "code": "method_not_allowed"}
    response = client.post(f"/api/v1/submissions/{kewei_submission.id}/values/", data="{oops",
                           content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"] == errors.PARSE_ERROR


def test_a_session_write_without_csrf_is_refused_in_chinese(kewei_submission):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="kewei"))
    response = client.post(f"/api/v1/submissions/{kewei_submission.id}/submit/", {}, content_type="application/json")
    assert response.status_code == 403 and response.json()["detail"] == errors.CSRF_FAILED


def test_tokens_are_not_shown_in_the_admin(as_user, api):
    from django.contrib import admin
    from rest_framework.authtoken.models import Token, TokenProxy

    api("kewei")
    assert not admin.site.is_registered(TokenProxy) and not admin.site.is_registered(Token)
    assert Token.objects.get(user__username="kewei").key not in as_user("admin").get("/admin/").content.decode()
