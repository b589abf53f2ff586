"""The target geometry of the indicator chart: target line, band, pace and cumulative paths."""
import pytest

from planeval.domain.target_path import target_path
from planeval.domain.targets import parse_target


@pytest.mark.parametrize("text, unit, baseline, line, band, pace", [
    # A level: the pace line runs straight from the baseline (2020) to the target (2025).
    ("4000", "亿元", 1000, 4000.0, None, {2020: 1000.0, 2023: 2800.0, 2025: 4000.0}),
    # A floor is reached like a level.
    (">84", "%", 80, 84.0, None, {2020: 80.0, 2025: 84.0}),
    # A range is a band; from below it, the path heads to the lower edge.
    ("3-5", "%", 1, None, (3.0, 5.0), {2020: 1.0, 2025: 3.0}),
    # …from above it, to the upper edge.
    ("3-5", "%", 9, None, (3.0, 5.0), {2020: 9.0, 2025: 5.0}),
    # "About" (左右) in percent: a band of ±2 points, the engine's tolerance.
    ("85左右", "%", 75, None, (83.0, 87.0), {2020: 75.0, 2025: 85.0}),
    # "About" in other units: ±2% of the target.
    ("1000左右", "亿元", 500, None, (980.0, 1020.0), {2025: 1000.0}),
    # No baseline: the target is drawn, but there is no path to draw.
    ("4000", "亿元", None, 4000.0, None, None),
])
def test_level_like_targets(text, unit, baseline, line, band, pace):
    path = target_path(parse_target(text, unit=unit), baseline=baseline, baseline_year=2020, unit=unit)
    assert path.years == (2020, 2021, 2022, 2023, 2024, 2025)
    assert path.target_line == line
    assert path.band == (pytest.approx(band) if band else None)
    if pace is None:
        assert path.pace is None
    else:
        for year, value in pace.items():
            assert path.pace[year] == pytest.approx(value)


def test_half_the_time_half_the_way():
    """时间过半、任务过半: at mid-period (2022.5) the pace line stands halfway to the target."""
    path = target_path(parse_target("200", unit="家"), baseline=100, baseline_year=2020)
    assert (path.pace[2022] + path.pace[2023]) / 2 == pytest.approx(150)


def test_a_cumulative_target_is_a_running_path_over_the_plan_years():
    path = target_path(parse_target("累计1400", unit="亿元"), baseline=None, baseline_year=2020, unit="亿元")
    assert path.cumulative
    assert path.years == (2021, 2022, 2023, 2024, 2025)
    assert path.pace == {2021: 280.0, 2022: 560.0, 2023: 840.0, 2024: 1120.0, 2025: 1400.0}
    assert path.target_line == 1400.0


def test_a_growth_rate_has_a_rate_line_and_no_pace():
    path = target_path(parse_target("年均增长6%", unit="%"), baseline=100, baseline_year=2020, unit="%")
    assert path.target_line == 6.0 and path.pace is None


@pytest.mark.parametrize("text", ["与市保持同步", "全覆盖"])
def test_words_draw_nothing(text):
    path = target_path(parse_target(text), baseline=1, baseline_year=2020)
    assert path.target_line is None and path.band is None and path.pace is None
    assert path.note
