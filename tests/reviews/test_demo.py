"""The demo's sample evaluator and cases: labelled 示例数据, and loading again changes nothing."""
from django.urls import reverse

from planeval.audit.models import AuditEvent
from planeval.reviews.demo import reviews_sample_load
from planeval.reviews.models import Case, Conclusion, EvaluatorGrant, ReviewRevision

from .conftest import client_as


def test_the_sample_evaluator_and_cases_are_marked_and_shown_as_sample(campaign, grant):
    assert grant.is_sample and grant.user.username == "pinggu"
    assert Conclusion.objects.filter(grant=grant).count() == 8
    assert not Conclusion.objects.filter(grant=grant, is_sample=False).exists()
    assert Case.objects.filter(campaign=campaign, is_sample=True).count() == 2
    page = client_as("pinggu").get(reverse("reviews:grant", args=[grant.id])).content.decode()
    assert "华东规划评估研究中心（示例）" in page and page.count("badge-sample") >= 9
    cases = client_as("fgw").get(reverse("reviews:cases", args=[campaign.id])).content.decode()
    assert cases.count('<span class="badge badge-sample"') >= 2 and "已选用（第1个）" in cases


def test_loading_the_sample_again_changes_nothing(campaign):
    def snapshot():
        return (EvaluatorGrant.objects.count(), Conclusion.objects.count(), Case.objects.count(),
                ReviewRevision.objects.count(), AuditEvent.objects.count(),
                sorted(Conclusion.objects.values_list("rating", "comment", "version")))

    before = snapshot()
    reviews_sample_load(campaign)
    assert snapshot() == before
