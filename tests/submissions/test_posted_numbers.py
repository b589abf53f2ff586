"""A number the browser posts (a form's version) that is not a number is refused, not a server error."""
from django.urls import reverse

from planeval.accounts.models import User
from planeval.campaigns.models import Campaign
from planeval.organizations.models import Unit
from planeval.submissions import services
from planeval.submissions.access import standing
from planeval.submissions.models import ReportSection
from planeval.submissions.report import framework_sections


def test_a_report_section_posted_with_a_broken_version_changes_nothing(as_user, demo):
    campaign = Campaign.objects.get(jurisdiction__name="普陀区")
    submission = services.submission_get_or_create(
        campaign=campaign, unit=Unit.objects.get(jurisdiction=campaign.jurisdiction, name="区科委"))
    kewei = User.objects.get(username="kewei")
    section = framework_sections(campaign)[0]
    services.report_sections_save(submission=submission, who=standing(kewei, submission), user=kewei,
                                  sections=[(section.key, section.title, "原有内容。", 0)])
    for version in ("abc", "-1", "1e3", "99999999999999999999"):
        response = as_user("kewei").post(reverse("submissions:report", args=[submission.id]), {
            f"section-{section.key}": "被覆盖的内容。", f"version-{section.key}": version})
        assert response.status_code == 409, version
        assert ReportSection.objects.get(submission=submission, key=section.key).text == "原有内容。"
