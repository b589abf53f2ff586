"""Properties: the engine never raises on any numbers, and a better actual is never judged worse."""
import json
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings, strategies as st

from planeval.domain.assessment import (
    EvaluationPoint,
    IndicatorInput,
    ProjectInput,
    assess_indicator,
    assess_project,
)
from planeval.domain.targets import Direction, Target, TargetKind, TargetPart

WILD = st.one_of(
    st.none(),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal(0), Decimal("-0"), Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"),
                     Decimal("-Infinity"), Decimal("1e400"), Decimal("-1e400"), Decimal("1e-400"),
                     Decimal("-100"), Decimal("100"), Decimal("-99.9999")]),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: Decimal(repr(f)) if f == f else Decimal("NaN")),
)
PERIODS = st.sampled_from(["2019", "2020", "2021", "2022", "2023", "2023H1", "2024", "2025", "2022H2", "2023-06"])


@st.composite
def any_target(draw):
    kind = draw(st.sampled_from(list(TargetKind)))
    parts = ()
    if kind is TargetKind.COMPOSITE:
        parts = tuple(TargetPart(label, Target(TargetKind.LEVEL, "", low=draw(WILD), high=draw(WILD)))
                      for label in draw(st.lists(st.sampled_from(["智能软件", "研发服务"]), max_size=2)))
    return Target(
        kind=kind, raw=draw(st.text(max_size=5)), low=draw(WILD), high=draw(WILD),
        direction=draw(st.sampled_from(list(Direction))), cumulative=draw(st.booleans()),
        annual_rate=draw(st.booleans()), strict=draw(st.booleans()),
        relative_to=draw(st.sampled_from([None, "市"])),
        relation=draw(st.sampled_from([None, "in_step", "quota", "above"])), parts=parts)


@st.composite
def any_input(draw, depth=0):
    series = st.dictionaries(PERIODS, WILD, max_size=6)
    parts = ()
    if depth == 0 and draw(st.booleans()):
        parts = tuple(draw(st.lists(any_input(depth=1), max_size=3)))
    return IndicatorInput(
        name=draw(st.sampled_from(["地区生产总值年均增长率", "单位生产总值能耗降低率", "城镇登记失业人数",
                                   "新增高新技术企业数", "指标"])),
        unit=draw(st.sampled_from(["", "%", "件"])),
        target=draw(any_target()),
        baseline=draw(WILD),
        binding=draw(st.booleans()),
        values=draw(series),
        estimates=frozenset(draw(st.lists(PERIODS, max_size=2))),
        forecasts=draw(st.dictionaries(st.sampled_from([2022, 2023, 2024, 2025, 2026]), WILD, max_size=3)),
        reference=draw(series),
        parts=parts,
    )


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_input(), st.sampled_from([2021, 2022, 2023, 2025]))
def test_never_raises_on_any_numbers(item, year):
    result = assess_indicator(item, point=EvaluationPoint.as_of_year(year))
    # and the result is always JSON without NaN or infinity
    json.dumps(result.to_dict(), allow_nan=False)
    assert result.suggestion is None or result.reasons
    assert (result.warning is None) == (result.suggestion is None)


@settings(max_examples=200, deadline=None)
@given(total=WILD, completed=WILD,
       start=st.one_of(st.none(), st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 1, 1))),
       finish=st.one_of(st.none(), st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 1, 1))),
       status=st.sampled_from([None, "", "前期论证", "即将开工", "开工在建", "已建成", "已取消", "乱写"]))
def test_projects_never_raise(total, completed, start, finish, status):
    result = assess_project(ProjectInput("项目", status, total, completed, start, finish), as_of=date(2023, 6, 30))
    json.dumps(result.to_dict(), allow_nan=False)


# --- monotonicity -------------------------------------------------------------------------------------
POSITIVE = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("10000"), places=2)
RATE = st.decimals(min_value=Decimal("-50"), max_value=Decimal("50"), places=2)


def severity(result) -> int:
    assert result.suggestion is not None, result.reasons
    return result.suggestion.severity


@st.composite
def level_case(draw):
    """A level target moving away from its baseline; 'better' is toward the target."""
    lower = draw(st.booleans())
    baseline = draw(POSITIVE)
    step = draw(POSITIVE)
    if lower:
        assume(baseline - step > 0)
    goal = baseline - step if lower else baseline + step
    direction = Direction.LOWER if lower else Direction.HIGHER
    return Target(TargetKind.LEVEL, "", low=goal, high=goal, direction=direction), baseline, lower


@settings(max_examples=300, deadline=None)
@given(level_case(), POSITIVE, POSITIVE, POSITIVE, st.booleans(), st.one_of(st.none(), POSITIVE))
def test_level_monotonic(case, v2021, a, b, binding, forecast):
    target, baseline, lower = case
    worse, better = sorted([a, b], reverse=lower)
    results = [assess_indicator(IndicatorInput(
        name="指标", target=target, baseline=baseline, binding=binding,
        values={"2021": v2021, "2022": v}, forecasts={} if forecast is None else {2025: forecast}))
        for v in (worse, better)]
    assert severity(results[1]) <= severity(results[0])


@settings(max_examples=300, deadline=None)
@given(POSITIVE, POSITIVE, POSITIVE, POSITIVE, POSITIVE, st.booleans(), st.one_of(st.none(), POSITIVE))
def test_cumulative_monotonic(goal, v2021, v2022, a, b, binding, forecast):
    target = Target(TargetKind.CUMULATIVE, "", low=goal, high=goal, cumulative=True)
    results = [assess_indicator(IndicatorInput(
        name="新增", target=target, binding=binding, values={"2021": v2021, "2022": v2022, "2023H1": v},
        forecasts={} if forecast is None else {2024: forecast})) for v in sorted([a, b])]
    assert severity(results[1]) <= severity(results[0])


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=Decimal("-5"), max_value=Decimal("15"), places=1), st.booleans(), RATE, RATE, RATE,
       st.booleans())
def test_growth_monotonic(goal, is_range, r2021, a, b, binding):
    target = Target(TargetKind.GROWTH_RATE, "", low=goal, high=goal + 2 if is_range else goal, annual_rate=True)
    results = [assess_indicator(IndicatorInput(name="增长率", target=target, binding=binding,
                                               values={"2021": r2021, "2022": v})) for v in sorted([a, b])]
    assert severity(results[1]) <= severity(results[0])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([TargetKind.AT_LEAST, TargetKind.AT_MOST]), POSITIVE, st.one_of(st.none(), POSITIVE),
       POSITIVE, POSITIVE, POSITIVE, st.booleans())
def test_thresholds_monotonic(kind, bound, baseline, v2021, a, b, binding):
    lower = kind is TargetKind.AT_MOST
    target = Target(kind, "", low=bound, high=bound, direction=Direction.LOWER if lower else Direction.HIGHER)
    worse, better = sorted([a, b], reverse=lower)
    results = [assess_indicator(IndicatorInput(name="指标", target=target, baseline=baseline, binding=binding,
                                               values={"2021": v2021, "2022": v})) for v in (worse, better)]
    assert severity(results[1]) <= severity(results[0])
