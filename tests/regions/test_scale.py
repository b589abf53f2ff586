"""``planeval generate-scale``: the counts it promises, the same rows for the same seed, no second run."""
import io

import pytest
from django.core.management import CommandError, call_command

from planeval.monitoring.models import Observation
from planeval.organizations.models import Jurisdiction, Unit
from planeval.planning.models import Indicator, Project, Task
from planeval.regions.scale import ALREADY_GENERATED, Shape, scale_generate


def test_one_district_has_the_domain_sizes_and_a_second_run_is_refused(db):
    out = io.StringIO()
    call_command("generate-scale", "--jurisdictions", "1", "--province", "示例省丙", stdout=out)
    district = Jurisdiction.objects.get(parent__parent__name="示例省丙")
    assert Unit.objects.filter(jurisdiction=district).count() == 50
    assert Indicator.objects.filter(plan__jurisdiction=district).count() == 40
    assert Observation.objects.filter(indicator__plan__jurisdiction=district).count() == 400
    assert Task.objects.filter(plan__jurisdiction=district).count() == 120
    assert Project.objects.filter(plan__jurisdiction=district).count() == 50
    assert "50个单位、40项指标、400条指标数据、120项任务、50个重大项目" in out.getvalue()
    with pytest.raises(CommandError) as refused:
        call_command("generate-scale", "--jurisdictions", "1", "--province", "示例省丙", stdout=io.StringIO())
    assert str(refused.value) == ALREADY_GENERATED.format(name="示例省丙")
    assert Jurisdiction.objects.filter(name="示例省丙").count() == 1


def test_the_same_seed_gives_the_same_data(db):
    shape = Shape(units=5, indicators=6, values_per_indicator=5, tasks=10, projects=4, upper_tasks=2, peers=1)

    def snapshot(province):
        scale_generate(jurisdictions=3, seed=11, shape=shape, province_name=province, account_prefix=province)
        values = list(Observation.objects.filter(indicator__plan__jurisdiction__parent__parent__name=province)
                      .order_by("id").values_list("indicator__name", "year", "value"))
        states = list(Unit.objects.filter(jurisdiction__parent__parent__name=province).order_by("id")
                      .values_list("name", "submissions__state"))
        return values, states

    assert snapshot("甲省") == snapshot("乙省")
