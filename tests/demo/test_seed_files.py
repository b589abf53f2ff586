"""The demo seed files are faithful transcriptions of the five work plans in the seeds.

Pure JSON checks: no database, no Django. The counts come from the seed texts themselves
(Putuo's 附件2/3/4, Hongqiao's 附件1, Rongshui's 附件2, Ordos' 评估重点（二）).
"""

import json
import re
from datetime import date
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "planeval" / "demo" / "seeds"
SEED_NAMES = ["putuo", "hongqiao", "rongshui", "ordos", "jiangbei"]
CHINESE_NUMERALS = "一二三四五六七八九十"


def load(name):
    return json.loads((SEEDS / f"{name}.json").read_text(encoding="utf-8"))


def chinese_numeral(n):
    """1..99 in the style of the seeds' section labels: 十, 十二, 二十, 三十四."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CHINESE_NUMERALS[tens - 1] + "十")
    return head + ("" if ones == 0 else CHINESE_NUMERALS[ones - 1])


def unit_names(seed):
    return {u["name"] for u in seed["units"]}


@pytest.fixture(scope="module")
def putuo():
    return load("putuo")


# ---------------------------------------------------------------- every file


@pytest.mark.parametrize("name", SEED_NAMES)
def test_file_is_utf8_json_with_chinese_unescaped(name):
    text = (SEEDS / f"{name}.json").read_text(encoding="utf-8")
    assert "\\u" not in text
    assert json.loads(text)["source"].endswith(".txt")


@pytest.mark.parametrize("name", SEED_NAMES)
def test_units_are_unique_and_of_a_known_kind(name):
    seed = load(name)
    names = [u["name"] for u in seed["units"]]
    aliases = [a for u in seed["units"] for a in u["aliases"]]
    assert len(names) == len(set(names))
    assert not set(names) & set(aliases)
    assert {u["kind"] for u in seed["units"]} <= {"department", "street", "town", "zone", "company"}


@pytest.mark.parametrize("name", SEED_NAMES)
def test_plan_lead_units_are_units(name):
    seed = load(name)
    names = unit_names(seed)
    for plan in seed.get("plans", []):
        assert plan["lead_unit"] in names, plan
    if "outline_plan" in seed:
        assert seed["outline_plan"]["lead_unit"] in names


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_date_is_iso_and_every_file_notes_its_mends(name):
    seed = load(name)
    text = json.dumps(seed, ensure_ascii=False)
    for iso in re.findall(r'"(?:\w+_on|\w+_cutoff)": "([^"]*)"', text):
        date.fromisoformat(iso)
    assert seed["transcription_notes"]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_jurisdiction_chain_ends_at_a_higher_level(name):
    levels = ["district", "county", "city", "province"]
    node = load(name)["jurisdiction"]
    while "parent" in node:
        assert levels.index(node["parent"]["level"]) > levels.index(node["level"])
        node = node["parent"]


# ---------------------------------------------------------------- Putuo


def test_putuo_has_25_indicators_numbered_in_order(putuo):
    assert [i["number"] for i in putuo["indicators"]] == [str(n) for n in range(1, 26)]


def test_putuo_indicator_4_splits_its_target_of_40_into_four_parts(putuo):
    ind = putuo["indicators"][3]
    assert (ind["name"], ind["target_text"]) == ("重点培育产业税收占比", "40")
    parts = {p["name"]: (int(p["target_text"]), p["lead_unit"]) for p in ind["parts"]}
    assert parts == {
        "智能软件": (12, "区科委"),
        "研发服务": (8, "区科委"),
        "科技金融": (12, "区金融办"),
        "生命健康": (8, "区商务委"),
    }
    assert sum(target for target, _ in parts.values()) == 40
    assert (ind["lead_unit"], ind["co_units"]) == ("区科委", ["区金融办", "区商务委"])
    assert all(not i["parts"] for i in putuo["indicators"] if i["number"] != "4")


def test_putuo_indicator_units_are_units(putuo):
    names = unit_names(putuo)
    for ind in putuo["indicators"]:
        assert ind["lead_unit"] in names
        assert set(ind["co_units"]) <= names
        assert {p["lead_unit"] for p in ind["parts"]} <= names


def test_putuo_indicators_with_two_responsible_units(putuo):
    by_number = {i["number"]: i for i in putuo["indicators"]}
    assert (by_number["10"]["lead_unit"], by_number["10"]["co_units"]) == ("区商务委", ["区投促办"])
    assert (by_number["20"]["lead_unit"], by_number["20"]["co_units"]) == ("区建管委", ["区生态环境局"])
    assert by_number["20"]["name"] == "主要河道水质断面优于III类（含III类）水体比例"


def test_putuo_binding_indicators_are_the_seven_of_the_seed(putuo):
    attributes = {i["attribute"] for i in putuo["indicators"]}
    assert attributes <= {"预期性", "约束性"}
    binding = [i["number"] for i in putuo["indicators"] if i["attribute"] == "约束性"]
    assert binding == ["9", "11", "12", "19", "20", "22", "24"]


def test_putuo_indicator_categories_follow_the_merged_cells(putuo):
    categories = [i["category"] for i in putuo["indicators"]]
    assert categories == ["高质量发展"] * 10 + ["高品质生活"] * 8 + ["高效能治理"] * 7


def test_putuo_tasks_are_8_areas_34_sections_112_items(putuo):
    areas = putuo["tasks"]
    assert [a["number"] for a in areas] == list("一二三四五六七八")
    sections = [s for a in areas for s in a["children"]]
    assert [s["number"] for s in sections] == [f"（{chinese_numeral(n)}）" for n in range(1, 35)]
    assert all(s["children"] for s in sections)
    items = [i for s in sections for i in s["children"]]
    assert [i["number"] for i in items] == [str(n) for n in range(1, 113)]
    assert all(i["title"] for i in items)


def test_putuo_every_task_item_is_led_by_a_unit(putuo):
    names = unit_names(putuo)
    for area in putuo["tasks"]:
        for section in area["children"]:
            for item in section["children"]:
                assert item["lead_units"], item["number"]
                assert set(item["lead_units"]) <= names, item["number"]


def test_putuo_sections_mended_across_page_breaks(putuo):
    titles = {s["number"]: s["title"] for a in putuo["tasks"] for s in a["children"]}
    assert titles["（十二）"] == "推进城区数字化转型"
    assert titles["（十四）"] == "形成城区开放新格局"
    assert titles["（二十九）"] == "强化多层次社会保障"
    section_of = {
        i["number"]: s["number"] for a in putuo["tasks"] for s in a["children"] for i in s["children"]
    }
    assert section_of["22"] == "（八）"
    assert section_of["93"] == "（二十九）"


def test_putuo_task_item_titles_split_on_the_headline_sentence(putuo):
    items = {i["number"]: i for a in putuo["tasks"] for s in a["children"] for i in s["children"]}
    assert items["1"]["title"] == "深入推进武宁轴协同创新。"
    assert items["1"]["content"].startswith("借助武宁路科研院所")
    assert items["38"]["content"] == ""
    assert items["59"]["lead_units"] == ["桃浦智创城管委办", "区建管委", "区绿化市容局"]


def test_putuo_has_44_plans_by_kind(putuo):
    plans = putuo["plans"]
    assert [p["number"] for p in plans] == list(range(1, 45))
    kinds = [p["kind"] for p in plans]
    assert (kinds.count("special"), kinds.count("regional"), kinds.count("spatial")) == (30, 13, 1)
    assert {p["number"] for p in plans if p["kind"] == "regional"} == set(range(31, 44))
    assert plans[43]["kind"] == "spatial"


def test_putuo_units_merge_aliases_and_leave_out_collectives(putuo):
    by_name = {u["name"]: u for u in putuo["units"]}
    assert "区府办" in by_name["区政府办"]["aliases"]
    assert "区府办" not in by_name
    assert not {"各投促分中心", "各街镇"} & set(by_name)
    assert by_name["区发改委"]["full_name"] == "上海市普陀区发展和改革委员会"
    assert by_name["长征镇"]["kind"] == "town"
    assert by_name["万里街道"]["kind"] == "street"
    assert by_name["真如副中心管委办"]["kind"] == "zone"
    assert by_name["桃浦智创城公司"]["kind"] == "company"


def test_putuo_campaign(putuo):
    campaign = putuo["campaign"]
    assert campaign["document_number"] == "普发改综合〔2023〕2号"
    assert campaign["issued_on"] == "2023-04-19"
    assert [p.get("month") for p in campaign["phases"]] == [
        None, "4月", "5月", "6月", "7月", "8月", "9月", "10月初", "11月初"
    ]
    for phase in campaign["phases"]:
        assert phase["starts_on"] <= phase["ends_on"]
    due = {d["due_on"] for d in campaign["deadlines"]}
    assert {"2023-05-15", "2023-07-10"} <= due
    assert set(campaign["conclusions"]) == {"A", "B", "C", "D"}
    framework = campaign["report_framework"]
    assert framework["key"] == "putuo_four_part"
    assert [p["title"][:4] for p in framework["parts"][:4]] == ["第一部分", "第二部分", "第三部分", "第四部分"]
    assert framework["parts"][-1]["title"] == "附件：典型案例剖析"
    assert framework["format"]["title_size_pt"] == 22 and framework["format"]["body_size_pt"] == 16
    assert len(campaign["indicator_form_columns"]) == 6
    assert len(campaign["task_form_columns"]) == 5
    assert len(campaign["form_notes"]["indicator"]) == 4
    assert len(campaign["form_notes"]["task"]) == 3


# ---------------------------------------------------------------- the other four


def test_hongqiao_has_19_special_plans():
    seed = load("hongqiao")
    assert [p["number"] for p in seed["plans"]] == list(range(1, 20))
    assert {p["kind"] for p in seed["plans"]} == {"special"}
    assert "区发展改革委" in unit_names(seed)
    campaign = seed["campaign"]
    assert {d["due_on"] for d in campaign["deadlines"]} == {"2023-04-09", "2023-05-31", "2023-03-31"}
    assert campaign["report_framework"]["key"] == "three_part"
    assert campaign["third_party"] is True


def test_rongshui_has_13_special_plans_and_a_working_day_deadline():
    seed = load("rongshui")
    assert [p["number"] for p in seed["plans"]] == list(range(1, 14))
    assert seed["jurisdiction"]["parent"]["parent"]["name"] == "广西壮族自治区"
    campaign = seed["campaign"]
    assert campaign["counts"]["main_indicators"] == 27
    assert campaign["counts"]["binding_indicators"] == 17
    assert [s["due_on"] for s in campaign["schedule"]] == [
        "2023-05-31", "2023-06-30", "2023-07-31", "2023-08-31", "2023-09-30", "2023-10-31"
    ]
    (rule,) = [d for d in campaign["deadlines"] if "working_days_after" in d]
    assert (rule["working_days_after"], rule["after_event"]) == (15, "报审")
    sections = [s["number"] for s in campaign["report_framework"]["parts"][0]["sections"]]
    assert sections == ["（一）", "（二）", "（三）"]
    assert campaign["contacts"][0]["name"] == "石华"


def test_ordos_has_8_task_areas_led_by_the_emergency_bureau():
    seed = load("ordos")
    assert [t["title"] for t in seed["tasks"]] == [
        "完善应急管理体制机制", "完善安全风险防控体系", "筑牢安全生产管控屏障", "构筑自然灾害防御屏障",
        "增强急难险重处置能力", "凝聚同舟共济保障合力", "健全人才科技支撑体系", "推进应急管理社会共治",
    ]
    assert all(set(t["lead_units"]) <= unit_names(seed) for t in seed["tasks"])
    (plan,) = seed["plans"]
    assert plan["indicator_count"] == 11
    assert (plan["project_counts"]["plan"], plan["project_counts"]["autonomous_region_plan"]) == (42, 2)
    assert [p["name"] for p in seed["campaign"]["phases"]] == ["前期准备阶段", "报告编制阶段", "报送审定阶段"]
    assert seed["campaign"]["contacts_form_columns"] == ["单位名称", "姓名", "职务", "联系方式"]


def test_jiangbei_counts_and_task_areas():
    seed = load("jiangbei")
    campaign = seed["campaign"]
    assert campaign["counts"] == {"indicators": 30, "key_special_plans": 17, "task_areas": 9}
    assert len(seed["tasks"]) == 9
    assert len(campaign["evaluation_focus"]) == 8
    assert len(campaign["congress_special_plans"]) == 4
    assert [p["name"] for p in campaign["phases"]] == ["启动部署阶段", "调研起草阶段", "征求意见阶段", "报送审议阶段"]
