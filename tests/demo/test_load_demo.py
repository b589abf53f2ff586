"""``planeval load-demo`` builds the demo from the seeds, and running it twice changes nothing."""
import io

from django.core.management import call_command

from planeval.campaigns.models import Campaign
from planeval.monitoring.models import Observation, ObservationRevision
from planeval.organizations.models import Contact, Jurisdiction, Unit
from planeval.planning.models import Indicator, Plan, Task


def putuo():
    return Jurisdiction.objects.get(name="普陀区")


def test_putuo_has_the_seed_counts(demo):
    j = putuo()
    assert Indicator.objects.filter(plan__jurisdiction=j, parent__isnull=True).count() == 25
    assert Task.objects.filter(plan__jurisdiction=j, children__isnull=True).count() == 112
    assert Task.objects.filter(plan__jurisdiction=j, depth=0).count() == 8
    assert Task.objects.filter(plan__jurisdiction=j, depth=1).count() == 34
    assert Plan.objects.filter(jurisdiction=j).exclude(kind=Plan.Kind.OUTLINE).count() == 44
    kinds = dict(
        (k, Plan.objects.filter(jurisdiction=j, kind=k).count())
        for k in (Plan.Kind.SPECIAL, Plan.Kind.REGIONAL, Plan.Kind.SPATIAL)
    )
    assert kinds == {Plan.Kind.SPECIAL: 30, Plan.Kind.REGIONAL: 13, Plan.Kind.SPATIAL: 1}


def test_indicator_four_has_its_four_parts_with_their_units(demo):
    parent = Indicator.objects.get(plan__jurisdiction=putuo(), name="重点培育产业税收占比")
    parts = {p.name: (p.target_text, p.lead_unit.name) for p in parent.parts.all()}
    assert parts == {
        "智能软件": ("12", "区科委"), "研发服务": ("8", "区科委"),
        "科技金融": ("12", "区金融办"), "生命健康": ("8", "区商务委"),
    }
    assert sorted(u.name for u in parent.co_units.all()) == ["区商务委", "区金融办"]


def test_binding_indicators_and_responsible_units_follow_the_seed(demo):
    binding = Indicator.objects.filter(plan__jurisdiction=putuo(), parent__isnull=True,
                                       attribute=Indicator.Attribute.BINDING)
    assert sorted(int(i.number) for i in binding) == [9, 11, 12, 19, 20, 22, 24]
    gdp = Indicator.objects.get(plan__jurisdiction=putuo(), number="1")
    assert (gdp.name, gdp.target_text, gdp.lead_unit.name) == ("地区生产总值年均增长率", "与市保持同步", "区发改委")


def test_task_hierarchy_and_several_lead_units(demo):
    item = Task.objects.get(plan__jurisdiction=putuo(), number="3", depth=2)
    assert item.parent.number == "（一）" and item.parent.parent.number == "一"
    assert item.lead_unit.name == "区科委"
    assert {u.name for u in item.co_units.all()} == {"区金融办", "苏河水岸经济发展带管委办"}
    # Item 22 stands before its section's label in the seed's table; it belongs to （八）.
    assert Task.objects.get(plan__jurisdiction=putuo(), number="22", depth=2).parent.title == "打造高水平营商环境"


def test_every_unit_named_in_the_seed_exists_and_aliases_resolve(demo):
    names = set(Unit.objects.filter(jurisdiction=putuo()).values_list("name", flat=True))
    assert {"区发改委", "区科委", "区金融办", "区应急局", "长征镇", "桃浦镇", "区规划资源局"} <= names
    assert Unit.objects.get(jurisdiction=putuo(), aliases__alias="区府办").name == "区政府办"


def test_campaign_phases_and_deadlines_from_attachment_one(demo):
    campaign = Campaign.objects.get(jurisdiction=putuo())
    assert campaign.document_number == "普发改综合〔2023〕2号"
    assert str(campaign.annual_cutoff) == "2022-12-31" and str(campaign.monthly_cutoff) == "2023-06-30"
    assert {str(d.due_on) for d in campaign.deadlines.all()} >= {"2023-05-15", "2023-07-10"}
    assert campaign.phases.first().stage == "筹备阶段"
    assert campaign.framework["key"] == "putuo_four_part"
    assert campaign.plans.count() == 45


def test_the_other_jurisdictions_of_the_seeds(demo):
    hongqiao = Jurisdiction.objects.get(name="红桥区")
    assert hongqiao.parent.name == "天津市"
    assert Plan.objects.filter(jurisdiction=hongqiao, kind=Plan.Kind.SPECIAL).count() == 19
    rongshui = Jurisdiction.objects.get(name="融水苗族自治县")
    assert rongshui.parent.name == "柳州市" and rongshui.parent.parent.name == "广西壮族自治区"
    assert Plan.objects.filter(jurisdiction=rongshui).exclude(kind=Plan.Kind.OUTLINE).count() == 13
    assert Contact.objects.get(unit__jurisdiction=rongshui).name == "石华"
    deadline = Campaign.objects.get(jurisdiction=rongshui).deadlines.get(working_days_after=15)
    assert deadline.after_event == "报审"
    ordos = Jurisdiction.objects.get(name="鄂尔多斯市")
    emergency = Plan.objects.get(jurisdiction=ordos, kind=Plan.Kind.SPECIAL)
    assert emergency.name == "鄂尔多斯市“十四五”应急体系建设规划"
    assert emergency.tasks.filter(parent__isnull=True).count() == 8


def test_sample_values_are_marked_as_sample(demo):
    values = Observation.objects.filter(indicator__plan__jurisdiction=putuo())
    assert values.count() > 50
    assert not values.filter(is_sample=False).exists()
    assert set(values.values_list("source", flat=True)) == {"示例数据"}
    assert not Indicator.objects.filter(baseline__isnull=False, baseline_is_sample=False).exists()


def test_loading_twice_changes_nothing(demo):
    def snapshot():
        return (Jurisdiction.objects.count(), Unit.objects.count(), Plan.objects.count(),
                Indicator.objects.count(), Task.objects.count(), Observation.objects.count(),
                ObservationRevision.objects.count(), sorted(Observation.objects.values_list("value", flat=True)))

    before = snapshot()
    out = io.StringIO()
    call_command("load-demo", stdout=out)
    assert snapshot() == before
    assert "演示数据已就绪" in out.getvalue()


def test_sample_submissions_are_marked_and_leave_kewei_untouched(demo):
    from planeval.submissions.models import Submission

    samples = Submission.objects.filter(campaign__jurisdiction=putuo())
    assert samples.filter(is_sample=True).count() >= 10
    assert set(samples.values_list("state", flat=True)) >= {"draft", "submitted", "returned", "accepted", "signed"}
    assert not samples.filter(unit__name="区科委").exists()
    assert not samples.filter(is_sample=False).exists()
