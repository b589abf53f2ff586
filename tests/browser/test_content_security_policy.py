"""Every main page under the strict Content-Security-Policy, in Chromium, as the DRC and as a filler.

A page fails the test when the browser refuses anything under the policy (a
``securitypolicyviolation`` event or a "Content Security Policy" console message), when a
script throws, or when the page asks for anything from a host other than the loopback: the
platform runs on an intranet and loads nothing from outside.
"""
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from planeval.accounts.models import User
from planeval.campaigns.models import Campaign
from planeval.consultations.models import Round
from planeval.dashboards.models import PublicItem
from planeval.organizations.models import Jurisdiction, Unit
from planeval.planning.models import Indicator
from planeval.specialplans.models import SpecialPlanEvaluation
from planeval.submissions import services
from planeval.submissions.selectors import work_items
from planeval.topics.models import Topic
from tests.browser.conftest import wait_for_js

pytestmark = pytest.mark.browser

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
LISTEN = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} `
                         + `at ${event.sourceFile}:${event.lineNumber}`);
});
"""


class Watch:
    """What the browser complained about and where it tried to go, page by page."""

    def __init__(self, page):
        self.current = ""
        self.pages = 0
        self.problems: list[str] = []
        page.context.expose_binding("reportViolation", lambda source, text: self.add(f"CSP: {text}"))
        page.context.add_init_script(LISTEN)
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.add(f"script error: {error}"))
        page.on("request", self.request)

    def add(self, text: str) -> None:
        self.problems.append(f"{self.current}: {text}")

    def console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.add(f"console: {message.text}")

    def request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOOPBACK:
            self.add(f"request to a non-loopback host: {request.url}")


def login(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "planeval-demo-2023")
    page.click("button:has-text('登录')")
    page.wait_for_selector("text=退出")


def visit(page, watch, base, path, ready="main"):
    """Open a page, wait until its scripts have done their work (charts drawn, viewer started)."""
    watch.current = path
    response = page.goto(f"{base}{path}")
    assert response.status == 200, f"{path}: {response.status}"
    page.wait_for_selector(ready)
    wait_for_js(page, "document.querySelectorAll('[data-chart]').length === "
                      "document.querySelectorAll('[data-chart][data-chart-ready]').length")
    page.wait_for_load_state("networkidle")
    watch.pages += 1


def main_pages(username: str) -> list[tuple[str, str]]:
    """(path, a selector that shows the page has finished drawing) for the pages this user works with."""
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    putuo = Jurisdiction.objects.get(name="普陀区")
    submission = services.submission_get_or_create(campaign=campaign, unit=Unit.objects.get(
        jurisdiction=campaign.jurisdiction, name="区科委"))
    items = work_items(submission)
    indicator = Indicator.objects.filter(plan__jurisdiction=putuo, observations__isnull=False).first()
    pages = [
        ("/", "main h1"),
        (f"/j/{putuo.id}/indicators/", "main table"),
        (f"/j/{putuo.id}/tasks/", "main h1"),
        (f"/j/{putuo.id}/plans/", "main table"),
        (f"/indicators/{indicator.id}/", "[data-chart-ready]"),
        (f"/c/{campaign.id}/overview/", "[data-chart-ready]"),
        (f"/s/{submission.id}/indicator/{items['indicator'][0].obj.id}/", "#indicator-form"),
        (f"/s/{submission.id}/task/{items['task'][0].obj.id}/", "main form"),
        (f"/s/{submission.id}/report/", "main form"),
        ("/api/docs/", ".swagger-ui .info"),
    ]
    if username == "fgw":
        pages += [
            (f"/c/{campaign.id}/overview/screen/", "[data-chart-ready]"),
            (f"/c/{campaign.id}/board/", "main table"),
            (f"/c/{campaign.id}/public-settings/", "main form"),
            (f"/j/{putuo.id}/import/", "main form"),
            (f"/public/{campaign.id}/", "[data-chart-ready]"),
            # Issue 10: special plans, topics, problems, consultation, the congress package, reminders.
            (f"/c/{campaign.id}/special-plans/", "main table"),
            (reverse("specialplans:detail", args=[SpecialPlanEvaluation.objects.filter(
                campaign=campaign).order_by("id").first().id]), "main h1"),
            (f"/c/{campaign.id}/topics/", "main table"),
            (reverse("topics:detail", args=[Topic.objects.filter(campaign=campaign).order_by("id").first().id]),
             "main h1"),
            (f"/c/{campaign.id}/problems/", "main table"),
            (f"/c/{campaign.id}/support/", "main table"),
            (f"/c/{campaign.id}/consultation/", "main h1"),
            (reverse("consultations:round", args=[Round.objects.filter(campaign=campaign).first().id]), "main h1"),
            (f"/c/{campaign.id}/congress/", "main h1"),
            ("/reminders/", "main h1"),
        ]
    else:
        own_plan = SpecialPlanEvaluation.objects.filter(campaign=campaign, unit=submission.unit).first()
        pages += [(f"/s/{submission.id}/", "main h1"), (reverse("specialplans:detail", args=[own_plan.id]), "main h1"),
                  (f"/c/{campaign.id}/problems/", "main h1"), ("/reminders/", "main h1")]
    return pages


@pytest.mark.parametrize("username", ["fgw", "kewei"])
def test_main_pages_keep_to_the_content_security_policy(live_demo, page, username):
    base = live_demo.url
    page.emulate_media(reduced_motion="reduce")
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    fgw = User.objects.get(username="fgw")
    PublicItem.objects.create(campaign=campaign, figure="by_category", marked_by=fgw, marked_at=timezone.now())
    watch = Watch(page)
    watch.current = "login"
    login(page, base, username)
    pages = main_pages(username)
    for path, ready in pages:
        visit(page, watch, base, path, ready)
    if username == "kewei":
        # htmx at work under the policy: the live suggestion of the value form swaps in without complaint.
        watch.current = "htmx swap"
        form_path = next(path for path, _ in pages if "/indicator/" in path and path.startswith("/s/"))
        page.goto(f"{base}{form_path}")
        with page.expect_response(lambda response: "/preview/" in response.url) as preview:
            page.locator("#indicator-form .value:enabled").first.fill("1")
        assert preview.value.status == 200
        page.wait_for_load_state("networkidle")
    assert watch.problems == [], "\n".join(watch.problems)
    assert watch.pages == len(pages)
