"""The engine runs over a campaign (a service, not a signal) and its result shows in the admin and lists."""
from decimal import Decimal

from django.core.management import call_command
from django.urls import reverse

from planeval.assessment.models import IndicatorAssessment
from planeval.assessment.services import campaign_assess, campaign_evaluation_point
from planeval.campaigns.models import Campaign
from planeval.domain.periods import Period
from planeval.monitoring.models import Observation
from planeval.monitoring.services import observation_record
from planeval.planning.models import Indicator


def putuo_campaign():
    return Campaign.objects.get(jurisdiction__name="普陀区")


def test_every_indicator_of_putuo_gets_a_stored_judgement(demo):
    campaign = putuo_campaign()
    stored = IndicatorAssessment.objects.filter(campaign=campaign)
    assert stored.count() == Indicator.objects.filter(plan__jurisdiction__name="普陀区").count() == 29
    # Every numeric indicator has reasons a person can read; suggestions are A–D or empty.
    assert all(a.reasons for a in stored)
    assert set(stored.values_list("suggestion", flat=True)) <= {"A", "B", "C", "D", ""}


def test_the_cutoffs_of_the_campaign_are_the_evaluation_point(demo):
    point = campaign_evaluation_point(putuo_campaign())
    assert point.annual_period == Period(2022) and str(point.cumulative_period) == "2023H1"
    assert point.annual_elapsed == 0.4 and point.cumulative_elapsed == 0.5


def test_a_new_value_changes_the_suggestion_after_reassessment(demo):
    campaign = putuo_campaign()
    beds = Indicator.objects.get(plan__jurisdiction__name="普陀区", name="新增文化设施面积")  # 区文旅局: not started
    before = IndicatorAssessment.objects.get(campaign=campaign, indicator=beds)
    observation_record(indicator=beds, period=Period.parse("2023H1"), kind=Observation.Kind.ACTUAL,
                       value=Decimal("8"), source="区文旅局")
    # Nothing changes until the engine is asked to run again: no signals.
    assert IndicatorAssessment.objects.get(campaign=campaign, indicator=beds).current == before.current
    campaign_assess(campaign=campaign)
    after = IndicatorAssessment.objects.get(campaign=campaign, indicator=beds)
    assert after.current > before.current and after.progress > before.progress


def test_relative_target_without_reference_says_so(demo):
    campaign = putuo_campaign()
    gdp = Indicator.objects.get(plan__jurisdiction__name="普陀区", number="1")
    Observation.objects.filter(indicator=gdp, kind=Observation.Kind.REFERENCE).delete()
    campaign_assess(campaign=campaign)
    stored = IndicatorAssessment.objects.get(campaign=campaign, indicator=gdp)
    assert stored.suggestion == "" and any("参照值" in reason for reason in stored.reasons)


def test_assess_campaign_command(demo):
    from io import StringIO

    out = StringIO()
    call_command("assess-campaign", "--jurisdiction", "普陀区", stdout=out)
    assert "已研判 41 项" in out.getvalue()  # 29 indicators and 12 projects


def test_suggestions_show_in_the_admin_and_the_indicator_list(as_user):
    campaign = putuo_campaign()
    suggestion = IndicatorAssessment.objects.get(campaign=campaign, indicator__number="3").suggestion
    html = as_user("admin").get(reverse("admin:planning_indicator_changelist") + "?q=新增固定资产投资总额").content.decode()
    assert f'<td class="field-suggestion">{suggestion}</td>' in html
    admin_list = as_user("admin").get(reverse("admin:assessment_indicatorassessment_changelist")).content.decode()
    assert "新增固定资产投资总额" in admin_list
    jurisdiction = campaign.jurisdiction_id
    page = as_user("kewei").get(f"/j/{jurisdiction}/indicators/").content.decode()
    assert f'<span class="rating warn-' in page
