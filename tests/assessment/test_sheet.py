"""The analyst's sheet: Putuo's 25 indicators (附件2) with sample values (示例数据), judged row by row."""
import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from planeval.assessment.sheet import SheetError, assess_sheet
from planeval.domain import assessment_text as text

HEADER = ["类别", "序号", "指标", "单位", "目标值", "责任部门", "属性", "基期值", "2021", "2022", "2023H1"]

# 附件2 of the Putuo seed: names, units, targets and attributes as published; the numbers
# after the attribute (基期值, 2021, 2022, 2023H1) are sample data, not Putuo's statistics.
# Growth and reduction rows hold annual rates; 累计 rows hold each period's addition.
PUTUO = [
    ["高质量发展", "1", "地区生产总值年均增长率", "%", "与市保持同步", "区发改委", "预期性", "", "8.6", "-1.2", ""],
    ["", "2", "区级一般公共预算收入年均增长率", "%", "3-5", "区财政局", "预期性", "", "9.5", "-5.2", ""],
    ["", "3", "新增固定资产投资总额", "亿元", "累计 1400", "区发改委", "预期性", "", "285", "262", "118"],
    ["", "4", "重点培育产业税收占比", "%", "40（智能软件12、研发服务8、科技金融12、生命健康8）",
     "区科委 区金融办 区商务委", "预期性", "31.5", "33.8", "35.2", ""],
    ["", "", "其中：智能软件", "%", "", "区科委", "", "9.0", "9.8", "10.5", ""],
    ["", "", "其中：研发服务", "%", "", "区科委", "", "6.5", "7.0", "7.3", ""],
    ["", "", "其中：科技金融", "%", "", "区金融办", "", "10.2", "10.9", "11.2", ""],
    ["", "", "其中：生命健康", "%", "", "区商务委", "", "5.8", "6.1", "6.2", ""],
    ["", "5", "每万人口高价值发明专利拥有量", "件", "16", "区市场监管局", "预期性", "9.1", "10.6", "12.4", ""],
    ["", "6", "新增高新技术企业数", "家", "累计 150", "区科委", "预期性", "", "38", "41", "12"],
    ["", "7", "新增企业上市数", "家", "累计 10-20", "区金融办", "预期性", "", "3", "2", "1"],
    ["", "8", "重点楼宇单位面积税收产出", "元/平方米", "4000", "区投促办", "预期性", "3150", "3420", "3280", ""],
    ["", "9", "单位生产总值能耗降低率", "%", "完成市下达目标", "区发改委", "约束性", "", "3.2", "2.1", ""],
    ["", "10", "新增跨国公司地区总部数", "个", "累计 15", "区商务委 区投促办", "预期性", "", "3", "2", "1"],
    ["高品质生活", "11", "旧住房综合修缮改造面积", "万平方米", "累计 350", "区房管局", "约束性", "", "82", "65", "30"],
    ["", "12", "旧住房成套改造面积", "万平方米", "累计 36", "区房管局", "约束性", "", "5.2", "6.8", "2.1"],
    ["", "13", "新增文化设施面积", "万平方米", "累计 10", "区文旅局", "预期性", "", "1.2", "0.8", "0.5"],
    ["", "14", "人均体育场地面积", "平方米/人", "1.1", "区体育局", "预期性", "0.92", "0.96", "1.01", ""],
    ["", "15", "新增养老床位数", "张", "累计 857", "区民政局", "预期性", "", "210", "185", "90"],
    ["", "16", "新增病床数", "张", "累计 1000", "区卫生健康委", "预期性", "", "120", "260", "40"],
    ["", "17", "居民平均预期寿命", "岁", ">84", "区卫生健康委", "预期性", "84.1", "84.3", "84.2", ""],
    ["", "18", "城镇登记失业人数", "人", "完成市下达目标", "区人社局", "预期性", "", "14500", "16800", ""],
    ["高效能治理", "19", "空气质量优良率 AQI", "%", "85 左右", "区生态环境局", "约束性", "87.7", "91.8", "87.1", ""],
    ["", "20", "主要河道水质断面优于 III 类 (含 III 类) 水体比例", "%", "50", "区建管委 区生态环境局", "约束性",
     "35", "45", "52", ""],
    ["", "21", "新建绿地面积", "万平方米", "累计 75", "区绿化市容局", "预期性", "", "16", "14", "6"],
    ["", "22", "生活垃圾回收利用率", "%", ">45", "区绿化市容局", "约束性", "40", "41.5", "42.3", ""],
    ["", "23", "新增景观特色道路", "条(段)", "50", "区绿化市容局", "预期性", "", "12", "10", "4"],
    ["", "24", "单位生产总值生产安全事故死亡率", "人/亿元", "0.01", "区应急局", "约束性", "0.012", "0.011", "0.008", ""],
    ["", "25", "生态环境满意度", "%", "80 左右", "区生态环境局", "预期性", "78.5", "80.2", "81.0", ""],
]
NAMES = [row[2] for row in PUTUO if not row[2].startswith("其中")]
RELATIVE = {"地区生产总值年均增长率", "单位生产总值能耗降低率", "城镇登记失业人数"}
REFERENCE = {  # 参照2021, 参照2022: the city's growth, the quota handed down (sample data)
    "地区生产总值年均增长率": ["8.1", "-0.2"],
    "单位生产总值能耗降低率": ["3", "3"],
    "城镇登记失业人数": ["18000", "18000"],
}


def write_csv(path, header, rows, *, bom=True):
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path, header, rows):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        # numbers as numbers, the way Excel stores them
        sheet.append([_as_number(cell) for cell in row])
    workbook.save(path)
    return path


def _as_number(cell):
    try:
        return float(cell) if "." in cell else int(cell)
    except ValueError:
        return cell or None


def with_reference(rows):
    return [row + (REFERENCE.get(row[2], ["", ""])) for row in rows]


@pytest.fixture
def putuo_csv(tmp_path):
    return write_csv(tmp_path / "putuo.csv", HEADER, PUTUO)


def judged(path, **kw) -> list[dict]:
    return json.loads(assess_sheet(path, as_of=kw.pop("as_of", 2022), fmt="json", **kw))


def test_every_putuo_row_is_judged(putuo_csv):
    records = judged(putuo_csv)
    assert [r["name"] for r in records] == NAMES
    for record in records:
        assert {"name", "kind", "progress", "expected", "forecast", "anticipated", "suggestion", "warning",
                "reasons"} <= set(record)
        assert record["reasons"], record["name"]
        if record["name"] in RELATIVE:
            assert record["suggestion"] is None and record["warning"] is None
            assert text.REFERENCE_NEEDED in record["reasons"]
        else:
            assert record["suggestion"] in ("A", "B", "C", "D"), record
            assert record["warning"] in ("green", "yellow", "red")


def test_putuo_rows_read_as_the_seed_means(putuo_csv):
    by_name = {r["name"]: r for r in judged(putuo_csv)}
    assert by_name["新增固定资产投资总额"]["kind"] == "cumulative"
    assert by_name["新增固定资产投资总额"]["expected"] == 0.5  # total to June 2023
    assert by_name["新增固定资产投资总额"]["current"] == "665"
    assert by_name["每万人口高价值发明专利拥有量"]["expected"] == 0.4  # the 2022 value
    assert by_name["区级一般公共预算收入年均增长率"]["kind"] == "growth_rate"
    assert by_name["居民平均预期寿命"]["kind"] == "at_least"
    assert by_name["单位生产总值生产安全事故死亡率"]["kind"] == "at_most"
    assert by_name["空气质量优良率 AQI"]["kind"] == "approximately"
    assert by_name["地区生产总值年均增长率"]["category"] == "高质量发展"
    assert by_name["生态环境满意度"]["category"] == "高效能治理"  # carried down from the block's first row
    taxes = by_name["重点培育产业税收占比"]
    assert taxes["kind"] == "composite"
    assert [p["name"] for p in taxes["parts"]] == ["智能软件", "研发服务", "科技金融", "生命健康"]
    assert taxes["suggestion"] == "D"  # 生命健康 lags: the worst part drives the parent
    assert taxes["checks"] == []  # parts add up to the total, targets 12+8+12+8 = 40


def test_reference_columns_let_relative_rows_be_judged(tmp_path):
    path = write_csv(tmp_path / "putuo.csv", HEADER + ["参照2021", "参照2022"], with_reference(PUTUO))
    by_name = {r["name"]: r for r in judged(path)}
    assert by_name["地区生产总值年均增长率"]["suggestion"] == "C"
    assert by_name["地区生产总值年均增长率"]["reasons"][0] == "以市2021—2022年年均增长3.9%作为同步目标"
    assert by_name["城镇登记失业人数"]["suggestion"] == "A"
    assert by_name["单位生产总值能耗降低率"]["suggestion"] == "C"  # binding: the shortfall is not B


def test_csv_output_has_the_chinese_columns(putuo_csv):
    rows = list(csv.DictReader(io.StringIO(assess_sheet(putuo_csv, as_of=2022, fmt="csv"))))
    assert {"指标", "目标类型", "目标进度", "时间进度", "预计期末值", "预计完成程度", "建议结论", "预警",
            "研判理由"} <= set(rows[0])
    assert len(rows) == 25 + 4  # the four parts of the tax share follow their total
    fixed = next(r for r in rows if r["指标"] == "新增固定资产投资总额")
    assert (fixed["目标类型"], fixed["目标进度"], fixed["时间进度"]) == ("累计值", "48%", "50%")
    assert fixed["预警"] in ("绿", "黄", "红") and fixed["建议结论"] in "ABCD"
    assert fixed["研判理由"].startswith("截至2023年上半年累计完成665亿元")
    assert next(r for r in rows if r["指标"] == "城镇登记失业人数")["研判理由"] == text.REFERENCE_NEEDED
    assert [r["指标"] for r in rows[4:8]] == ["其中：智能软件", "其中：研发服务", "其中：科技金融", "其中：生命健康"]


def test_xlsx_and_csv_without_bom_give_the_same_judgement(tmp_path, putuo_csv):
    def same(records):
        # Excel stores 81.0 as 81: compare the numbers, not their spelling.
        return [{**r, "current": r["current"] and Decimal(r["current"]), "parts": same(r["parts"])} for r in records]

    from_csv = same(judged(putuo_csv))
    assert same(judged(write_xlsx(tmp_path / "putuo.xlsx", HEADER, PUTUO))) == from_csv
    assert same(judged(write_csv(tmp_path / "plain.csv", HEADER, PUTUO, bom=False))) == from_csv


def test_estimates_forecasts_and_close_out(tmp_path):
    header = ["指标", "单位", "属性", "基期值", "目标值", "2021", "2022", "2023H1", "2023预测", "2024预测", "2025预测"]
    rows = [["新增养老床位数", "张", "预期性", "", "累计 857", "210", "185", "90（预计）", "190", "180", "170"]]
    record = judged(write_csv(tmp_path / "beds.csv", header, rows))[0]
    assert record["forecast_source"] == "unit" and record["forecast"] == "935.0"
    assert record["checks"] == [{"code": "estimate_pending",
                                 "message": "2023年上半年数值为预计数，待统计数据发布后替换为统计数"}]
    close_header = ["指标", "单位", "属性", "基期值", "目标值", "2021", "2022", "2023", "2024", "2025"]
    close = [["新增养老床位数", "张", "预期性", "", "累计 857", "210", "185", "190", "180", "170"]]
    final = judged(write_csv(tmp_path / "close.csv", close_header, close), as_of=2025)[0]
    assert final["expected"] == 1.0 and final["progress"] == pytest.approx(935 / 857, abs=1e-4)


def test_bad_input_lists_every_problem_by_row_and_column(tmp_path):
    header = ["指标", "单位", "属性", "目标值", "2021", "2022", "2019", "2027预测"]
    rows = [["新增病床数", "张", "预期性", "累计 1000", "120", "abc"]]
    with pytest.raises(SheetError) as error:
        assess_sheet(write_csv(tmp_path / "bad.csv", header, rows), as_of=2022, fmt="json")
    assert error.value.messages == [
        "第1行：无法识别的年份列“2019”（应写作2021、2023H1、2023预测或参照2021，年份在2021—2025年之间）",
        "第1行：无法识别的年份列“2027预测”（应写作2021、2023H1、2023预测或参照2021，年份在2021—2025年之间）",
        "第1行：缺少必需的列“基期值”",
    ]


def test_bad_cells_are_all_collected(tmp_path):
    rows = [row[:] for row in PUTUO]
    rows[3][9] = "abc"   # 重点培育产业税收占比, 2022 (line 5 of the file)
    rows[9][8] = "1O"    # 新增高新技术企业数, 2021 (line 11): a letter O
    rows[12][6] = "约束"  # 单位生产总值能耗降低率, 属性 (line 14)
    rows[14][4] = ""     # 旧住房综合修缮改造面积 without its target (line 16)
    with pytest.raises(SheetError) as error:
        assess_sheet(write_csv(tmp_path / "bad.csv", HEADER, rows), as_of=2022, fmt="csv")
    assert error.value.messages == [
        "第5行“2022”列：“abc”不是数字",
        "第11行“2021”列：“1O”不是数字",
        "第14行“属性”列：“约束”应为“预期性”或“约束性”",
        "第16行“目标值”列：不能为空",
    ]
    assert str(error.value).splitlines() == error.value.messages


@pytest.mark.parametrize("name,content,message", [
    ("missing.csv", None, "找不到文件"),
    ("sheet.xls", "x", "不支持的文件格式“.xls”，请使用 .csv 或 .xlsx"),
    ("empty.csv", "", "文件中没有表头行"),
    ("header.csv", "指标,单位,属性,基期值,目标值\n", "文件中没有指标行"),
    ("gbk.csv", "", "GBK 编码的表格请另存为 UTF-8"),
    ("broken.xlsx", "not a workbook", "不是有效的 .xlsx 文件或 UTF-8 编码的 .csv 文件"),
])
def test_unreadable_files(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    if name == "gbk.csv":
        path.write_bytes("指标,单位\n".encode("gbk"))
    with pytest.raises(SheetError) as error:
        assess_sheet(path, as_of=2022, fmt="json")
    assert message in error.value.messages[0]


def test_options_are_checked(putuo_csv):
    with pytest.raises(SheetError, match="输出格式应为 csv 或 json"):
        assess_sheet(putuo_csv, as_of=2022, fmt="xml")
    with pytest.raises(SheetError, match="评估年份应在2021—2025年之间"):
        assess_sheet(putuo_csv, as_of=2030, fmt="json")


# --- the management command -------------------------------------------------------------------------
def test_assess_command_writes_the_judgement(putuo_csv, tmp_path):
    out = io.StringIO()
    call_command("assess", str(putuo_csv), "--format", "json", stdout=out)
    assert [r["name"] for r in json.loads(out.getvalue())] == NAMES
    target = tmp_path / "result.csv"
    call_command("assess", str(putuo_csv), "--as-of", "2022", "--out", str(target))
    content = target.read_text(encoding="utf-8-sig")
    assert content.startswith("类别,指标,单位,目标值,目标类型")


def test_assess_command_reports_every_problem(tmp_path):
    path = write_csv(tmp_path / "bad.csv", ["指标", "单位", "属性", "基期值", "目标值", "2022"],
                     [["新增病床数", "张", "预期", "", "累计 1000", "abc"]])
    err = io.StringIO()
    with pytest.raises(CommandError, match="指标表有2处问题，未生成研判结果"):
        call_command("assess", str(path), stderr=err)
    assert err.getvalue().splitlines() == ["第2行“属性”列：“预期”应为“预期性”或“约束性”",
                                           "第2行“2022”列：“abc”不是数字"]
