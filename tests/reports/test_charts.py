"""The matplotlib figures: valid, fixed-size, deterministic PNGs with Chinese text that renders."""
import io
import warnings

import pytest
from PIL import Image

from planeval.reports import charts as charts_module
from planeval.reports.charts import NO_DATA, chart_figure, chart_png, cjk_font_name, has_data
from planeval.reports.documents import Chart

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
EXPECTED_SIZE = (944, 531)     # 16 × 9 cm at 150 dpi


def figure_texts(figure) -> list[str]:
    return [text.get_text() for text in figure.findobj(match=lambda o: hasattr(o, "get_text"))]


def test_every_kind_renders_a_png_of_the_fixed_size(charts):
    for chart in charts:
        data = chart_png(chart)
        assert data.startswith(PNG_MAGIC), chart.kind
        assert Image.open(io.BytesIO(data)).size == EXPECTED_SIZE, chart.kind


def test_output_is_deterministic(charts):
    for chart in charts:
        assert chart_png(chart) == chart_png(chart), chart.kind


def test_png_embeds_no_software_or_timestamp_text():
    data = chart_png(Chart(kind="rating_distribution", title="t", labels=("A", "B"),
                           series=(("数量", (1, 2)),)))
    assert b"tEXt" not in data and b"tIME" not in data


def test_chinese_text_uses_a_cjk_font_without_missing_glyphs(charts):
    if cjk_font_name() is None:
        pytest.skip("no CJK font installed on this machine")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for chart in charts:
            chart_png(chart, with_title=True)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert missing == []


def test_preferred_cjk_font_is_found_here():
    if cjk_font_name() is None:
        pytest.skip("no CJK font installed on this machine")
    assert cjk_font_name() in charts_module.CJK_FONT_PREFERENCE


def test_without_a_cjk_font_it_still_renders(monkeypatch, charts):
    monkeypatch.setattr(charts_module, "cjk_font_name", lambda: None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")        # boxes for the Chinese glyphs, but no crash
        data = chart_png(charts[0])
    assert data.startswith(PNG_MAGIC)


@pytest.mark.parametrize("chart", [
    Chart(kind="trajectory", title="无数据", labels=(), series=()),
    Chart(kind="trajectory", title="全部缺失", labels=("2021", "2022"),
          series=(("值", (None, None)),), target=10),
    Chart(kind="rating_distribution", title="全零", labels=("A", "B", "C", "D"),
          series=(("数量", (0, 0, 0, 0)),)),
    Chart(kind="progress_by_category", title="无系列", labels=("高质量发展",), series=()),
])
def test_a_chart_without_data_says_so(chart):
    assert not has_data(chart)
    figure = chart_figure(chart)
    assert NO_DATA in figure_texts(figure)
    data = chart_png(chart)
    assert data.startswith(PNG_MAGIC)
    assert Image.open(io.BytesIO(data)).size == EXPECTED_SIZE


def test_rating_distribution_colours_follow_the_rating():
    chart = Chart(kind="rating_distribution", title="评估结论", labels=("A", "B", "C", "D"),
                  series=(("数量", (3, 15, 5, 2)),))
    axes = chart_figure(chart).axes[0]
    colours = [patch.get_facecolor() for patch in axes.patches]
    from matplotlib.colors import to_rgba
    assert colours == [to_rgba(charts_module.RATING_COLOURS[r]) for r in "ABCD"]


def test_rating_distribution_per_category_is_stacked():
    chart = Chart(kind="rating_distribution", title="分类别评估结论", labels=("A", "B", "C", "D"),
                  series=(("高质量发展", (1, 6, 2, 1)), ("高品质生活", (2, 5, None, 0))))
    axes = chart_figure(chart).axes[0]
    assert len(axes.patches) == 8                      # 4 ratings × 2 categories
    assert [t.get_text() for t in axes.get_xticklabels()] == ["高质量发展", "高品质生活"]
    assert chart_png(chart).startswith(PNG_MAGIC)


def test_rating_distribution_accepts_one_series_per_rating():
    chart = Chart(kind="rating_distribution", title="主要指标评估结论分布",
                  labels=("高质量发展", "高品质生活", "高效能治理"),
                  series=(("A", (1.0, 2.0, 0.0)), ("B", (6.0, 5.0, 4.0)),
                          ("C", (2.0, 0.0, 3.0)), ("D", (1.0, 0.0, 1.0))))
    axes = chart_figure(chart).axes[0]
    assert [t.get_text() for t in axes.get_xticklabels()] == ["高质量发展", "高品质生活", "高效能治理"]
    from matplotlib.colors import to_rgba
    first_bar_colours = [patch.get_facecolor() for patch in axes.patches[::3]]
    assert first_bar_colours == [to_rgba(charts_module.RATING_COLOURS[r]) for r in "ABCD"]
    heights = [patch.get_height() for patch in axes.patches[:3]]
    assert heights == [1.0, 2.0, 0.0]


def test_trajectory_skips_gaps_and_draws_the_target(charts):
    trajectory = next(chart for chart in charts if chart.kind == "trajectory")
    axes = chart_figure(trajectory).axes[0]
    line, target = axes.get_lines()
    assert list(line.get_xdata()) == [1, 2, 3]            # 2020, 2024, 2025 are None
    assert list(target.get_ydata()) == [1400.0, 1400.0]
    assert target.get_linestyle() == "--"


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="未知的图表类型"):
        chart_png(Chart(kind="pie", title="x", labels=("a",), series=(("s", (1,)),)))


@pytest.mark.parametrize("with_title", [False, True])
def test_every_label_lies_inside_the_picture(with_title):
    """Margins are sized from the labels: three-line area names, a falling bar's label, the
    unit note and the title all stay inside the 16 × 9 cm picture, none cut at an edge."""
    chart = Chart(kind="progress_by_category", title="分领域目标进度与时间进度",
                  labels=("科技创新和产业发展领域", "城市更新", "生态环境保护与绿色低碳发展"),
                  series=(("目标进度", (12.5, -3.2, 1400.0)), ("时间进度", (40.0, 40.0, 40.0))), unit="%")
    figure = chart_figure(chart, with_title=with_title)
    renderer = figure.canvas.get_renderer()
    axes = figure.axes[0]
    assert any(label.get_text().count("\n") == 2 for label in axes.get_xticklabels())
    drawn = axes.get_tightbbox(renderer)      # every tick label, annotation, legend and the title
    picture = figure.bbox
    assert picture.x0 <= drawn.x0 and drawn.x1 <= picture.x1
    assert picture.y0 <= drawn.y0 and drawn.y1 <= picture.y1
