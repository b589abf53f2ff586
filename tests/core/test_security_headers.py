"""Every HTML page carries the Content-Security-Policy and the other security headers (issue 9).

The browser test (tests/browser/test_content_security_policy.py) proves the pages keep to the
policy; this one proves each kind of response is sent with it, including error pages and
pages nobody is logged in for.
"""
import re
from pathlib import Path

from django.test import Client
from django.urls import reverse

from planeval.campaigns.models import Campaign
from planeval.organizations.models import Jurisdiction, Unit
from planeval.submissions import services

STRICT_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def directives(header: str) -> dict[str, str]:
    return {name: value for name, _, value in (part.strip().partition(" ") for part in header.split(";"))}


def assert_secure_headers(response, *, policy=STRICT_POLICY):
    assert response["Content-Type"].startswith("text/html")
    sent = directives(response["Content-Security-Policy"])
    for name, value in policy.items():
        assert sent[name] == value, (name, sent[name])
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def html_pages() -> list[tuple[str, str, int]]:
    """(user or "", path, status) for one page of every kind."""
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    putuo = Jurisdiction.objects.get(name="普陀区")
    hongqiao = Jurisdiction.objects.get(name="红桥区")
    submission = services.submission_get_or_create(campaign=campaign, unit=Unit.objects.get(
        jurisdiction=campaign.jurisdiction, name="区科委"))
    return [
        ("", reverse("login"), 200),
        ("", f"/public/{campaign.id}/", 200),
        ("fgw", "/", 200),
        ("fgw", f"/j/{putuo.id}/indicators/", 200),
        ("fgw", f"/c/{campaign.id}/overview/", 200),
        ("fgw", f"/c/{campaign.id}/overview/screen/", 200),
        ("fgw", f"/c/{campaign.id}/board/", 200),
        ("fgw", f"/j/{putuo.id}/import/", 200),
        ("kewei", f"/s/{submission.id}/", 200),
        ("kewei", f"/s/{submission.id}/report/", 200),
        ("kewei", f"/j/{hongqiao.id}/indicators/", 403),
        ("kewei", "/c/999999/overview/", 404),
    ]


def test_every_kind_of_html_page_carries_the_headers(as_user, settings):
    settings.DEBUG = False
    for username, path, status in html_pages():
        client = as_user(username) if username else Client()
        response = client.get(path)
        assert response.status_code == status, path
        assert_secure_headers(response)


def test_the_api_viewer_gets_a_nonce_not_a_weaker_policy(as_user):
    response = as_user("fgw").get(reverse("api:docs"))
    assert response.status_code == 200
    sent = directives(response["Content-Security-Policy"])
    nonce = sent["script-src"].removeprefix("'self' 'nonce-").removesuffix("'")
    assert sent["script-src"] == f"'self' 'nonce-{nonce}'" and len(nonce) >= 16
    assert sent["style-src"] == f"'self' 'nonce-{nonce}'"
    page = response.content.decode()
    # Every inline script and style on the page carries the nonce; no other page gets one.
    assert page.count("<script>") == 0 and page.count("<style>") == 0
    assert f'<script nonce="{nonce}">' in page
    assert "fonts.googleapis.com" not in page
    other = as_user("fgw").get("/")
    assert "nonce-" not in other["Content-Security-Policy"]



def test_no_template_holds_inline_script_style_or_event_handler():
    """The browser test visits the main pages; this covers every other template under the same policy."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in sorted((root / "planeval").rglob("templates/**/*.html")):
        name = path.relative_to(root).as_posix()
        text = re.sub(r"\{% comment %\}.*?\{% endcomment %\}|\{#.*?#\}", "", path.read_text("utf-8"), flags=re.S)
        inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)[^>]*>", text)
        inline_styles = re.findall(r"<style(?![^>]*\bnonce=)[^>]*>", text)
        attributes = re.findall(r"""\s(?:style|on[a-z]+)\s*=\s*["']""", text)
        if (inline_scripts or inline_styles or attributes):
            offenders.append(name)
    assert offenders == []
