"""Each seed table, rebuilt as the published .xlsx, imports into a fresh district with the seed's counts."""
from planeval.domain.targets import TargetKind
from planeval.planning.models import Indicator, Plan, Task
from planeval.planning.services import indicator_apply_target

from . import workbooks
from .conftest import run_import


def outline(jurisdiction) -> Plan:
    return Plan.objects.create(jurisdiction=jurisdiction, kind=Plan.Kind.OUTLINE,
                               name=workbooks.seed("putuo")["outline_plan"]["name"])


def test_putuo_indicators_import_with_parts_units_and_targets(putuo_fresh):
    plan = outline(putuo_fresh)
    result = run_import("indicators", workbooks.putuo_indicators(), putuo_fresh, plan=plan)
    assert result.ok and result.committed, [p.text for p in result.problems]
    assert (result.created, result.updated, result.unchanged) == (29, 0, 0)
    top = Indicator.objects.filter(plan=plan, parent=None)
    assert top.count() == 25
    composite = top.get(number="4")
    parts = list(composite.parts.order_by("position"))
    assert [(p.name, p.target_text, p.lead_unit.name, p.measure_unit, p.category) for p in parts] == [
        ("智能软件", "12", "区科委", "%", "高质量发展"), ("研发服务", "8", "区科委", "%", "高质量发展"),
        ("科技金融", "12", "区金融办", "%", "高质量发展"), ("生命健康", "8", "区商务委", "%", "高质量发展")]
    assert composite.lead_unit.name == "区科委"
    assert sorted(u.name for u in composite.co_units.all()) == ["区商务委", "区金融办"]
    # 指标10 lists two units separated by a space: the first leads.
    ten = top.get(number="10")
    assert ten.lead_unit.name == "区商务委" and [u.name for u in ten.co_units.all()] == ["区投促办"]
    # 17 and 18 sit after the repeated header with an empty (merged) category cell.
    assert top.get(number="17").category == "高品质生活" and top.get(number="18").category == "高品质生活"
    assert top.get(number="24").attribute == Indicator.Attribute.BINDING
    # The target went through planning.services: same kind as the demo loader gives.
    for indicator in top:
        expected = indicator_apply_target(Indicator(name=indicator.name, measure_unit=indicator.measure_unit,
                                                    target_text=indicator.target_text))
        assert indicator.target_kind == expected.target_kind and indicator.target == expected.target
    assert top.get(number="3").target_kind == TargetKind.CUMULATIVE


def test_putuo_tasks_import_as_eight_areas_34_sections_112_items(putuo_fresh):
    plan = outline(putuo_fresh)
    result = run_import("tasks", workbooks.putuo_tasks(), putuo_fresh, plan=plan)
    assert result.ok and result.committed, [p.text for p in result.problems]
    tasks = Task.objects.filter(plan=plan)
    assert (tasks.filter(depth=0).count(), tasks.filter(depth=1).count(), tasks.filter(depth=2).count()) == (8, 34, 112)
    assert result.created == 8 + 34 + 112
    data = workbooks.seed("putuo")
    area = data["tasks"][0]
    section = area["children"][0]
    item = section["children"][2]
    stored = tasks.get(depth=2, number=item["number"])
    assert (stored.title, stored.content) == (item["title"], item["content"])
    assert stored.parent.number == "（一）" and stored.parent.title == section["title"]
    assert stored.parent.parent.title == area["title"]
    assert stored.lead_unit.name == "区科委"
    assert sorted(u.name for u in stored.co_units.all()) == sorted(item["lead_units"][1:])
    eighteen = tasks.get(depth=2, number="18")
    assert eighteen.lead_unit.name == "区投促办" and eighteen.co_units_note == "各投促分中心、各街镇"
    # Item 34 says 区府办: the alias the DRC keeps finds 区政府办.
    assert tasks.get(depth=2, number="34").lead_unit.name == "区政府办"


def test_putuo_plans_catalogue_imports_44_plans_with_their_kinds(putuo_fresh):
    result = run_import("plans", workbooks.putuo_plans(), putuo_fresh)
    assert result.ok and result.committed, [p.text for p in result.problems]
    plans = Plan.objects.filter(jurisdiction=putuo_fresh)
    assert plans.count() == 44 and result.created == 44
    assert plans.filter(kind=Plan.Kind.REGIONAL).count() == 13
    assert plans.get(number="31").category == "区域规划"
    assert plans.get(number="44").kind == Plan.Kind.SPATIAL
    assert plans.get(number="29").category == "高效能治理"
    assert plans.get(number="21").lead_unit.name == "区政府办"


def test_hongqiao_catalogue_imports_19_plans(hongqiao_fresh):
    result = run_import("plans", workbooks.hongqiao_plans(), hongqiao_fresh)
    assert result.ok and result.committed, [p.text for p in result.problems]
    plans = Plan.objects.filter(jurisdiction=hongqiao_fresh)
    assert plans.count() == 19 and set(plans.values_list("kind", flat=True)) == {Plan.Kind.SPECIAL}
    assert plans.get(number="18").lead_unit.name == "区文化和旅游局"


def test_reimporting_the_same_files_changes_nothing(putuo_fresh):
    plan = outline(putuo_fresh)
    for kind, data in (("indicators", workbooks.putuo_indicators()), ("tasks", workbooks.putuo_tasks()),
                       ("plans", workbooks.putuo_plans())):
        run_import(kind, data, putuo_fresh, plan=plan)
        versions = (list(Indicator.objects.filter(plan=plan).values_list("id", "version")),
                    list(Task.objects.filter(plan=plan).values_list("id", "version")))
        again = run_import(kind, data, putuo_fresh, plan=plan)
        assert again.ok and again.created == 0 and again.updated == 0 and again.unchanged == len(again.changes) > 0
        assert versions == (list(Indicator.objects.filter(plan=plan).values_list("id", "version")),
                            list(Task.objects.filter(plan=plan).values_list("id", "version")))


def test_the_demo_district_already_holds_what_its_tables_say(demo):
    """The demo loader and the import agree: Putuo's own tables change nothing in the demo."""
    from planeval.organizations.models import Jurisdiction

    putuo = Jurisdiction.objects.get(name="普陀区")
    plan = Plan.objects.get(jurisdiction=putuo, kind=Plan.Kind.OUTLINE)
    for kind, data in (("indicators", workbooks.putuo_indicators()), ("tasks", workbooks.putuo_tasks()),
                       ("plans", workbooks.putuo_plans())):
        result = run_import(kind, data, putuo, plan=plan, commit=False)
        assert result.ok and result.created == 0 and result.updated == 0, (kind, result.changes[:3])
