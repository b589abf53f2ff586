"""Ratings, warnings and the tunable thresholds."""
import json

import pytest

from planeval.domain.ratings import (
    DEFAULT_THRESHOLDS,
    Rating,
    Thresholds,
    WarningLevel,
    suggest_rating,
    warning_for,
    worst_rating,
)


def test_labels_are_the_seeds_wording():
    assert [r.label for r in Rating] == [
        "进展超前、可以提前完成", "进展良好、可以如期完成", "进展较慢、需要加快推进", "情况变化、难以完成"]
    assert [w.label for w in WarningLevel] == ["绿", "黄", "红"]
    assert [warning_for(r) for r in Rating] == [WarningLevel.GREEN, WarningLevel.GREEN, WarningLevel.YELLOW,
                                                WarningLevel.RED]
    assert warning_for(None) is None
    assert worst_rating([Rating.B, None, Rating.C, Rating.A]) is Rating.C
    assert worst_rating([None]) is None


# anticipated, progress, expected, binding, tolerance_allowed -> rating
@pytest.mark.parametrize("anticipated,progress,expected,binding,tolerance,rating", [
    (1.2, 0.50, 0.40, False, True, Rating.A),
    (1.0, 0.50, 0.40, True, True, Rating.A),
    (1.2, 0.49, 0.40, False, True, Rating.B),
    (1.2, None, 0.40, False, True, Rating.B),
    (0.96, 0.45, 0.40, False, True, Rating.B),
    (0.96, 0.45, 0.40, True, True, Rating.C),   # binding: any shortfall is at least C
    (0.96, 0.45, 0.40, False, False, Rating.C),  # ratio measures get no tolerance
    (0.95, 0.45, 0.40, False, True, Rating.B),
    (0.75, 0.30, 0.40, False, True, Rating.C),
    (0.7499, 0.30, 0.40, False, True, Rating.D),
    (None, 0.30, 0.40, False, True, None),
    (float("nan"), 0.30, 0.40, False, True, None),
])
def test_suggest_rating_table(anticipated, progress, expected, binding, tolerance, rating):
    result, reasons = suggest_rating(anticipated=anticipated, progress=progress, expected=expected,
                                     binding=binding, tolerance_allowed=tolerance)
    assert result is rating
    assert bool(reasons) == (rating is not None)


def test_a_needs_the_high_end_of_a_range():
    rating, reasons = suggest_rating(anticipated=1.5, progress=0.9, expected=0.5, binding=False,
                                     reaches_ahead=False, ahead_bound="20家")
    assert rating is Rating.B
    assert reasons[-1] == "预计未达到目标区间的较优一端（20家），不评为A"


def test_thresholds_round_trip_through_json():
    tuned = Thresholds(ahead_margin=0.15, jump_bound=0.3)
    stored = json.dumps(tuned.to_dict())
    assert Thresholds.from_dict(json.loads(stored)) == tuned
    assert Thresholds.from_dict({}) == DEFAULT_THRESHOLDS
    assert Thresholds.from_dict({"slow": "0.7"}).slow == 0.7
    assert set(DEFAULT_THRESHOLDS.to_dict()) == {
        "ahead_margin", "on_track", "on_track_anticipatory", "slow", "approx_relative", "approx_points",
        "approx_rate_points", "jump_bound", "parts_tolerance", "lag_yellow_points", "lag_red_points"}


@pytest.mark.parametrize("data,message", [
    ({"slw": 0.7}, "未知的研判阈值：slw"),
    ({"slow": "abc"}, "研判阈值“slow”应为数字，而不是“abc”"),
    ({"slow": 0.99}, "研判阈值应满足 slow ≤ on_track_anticipatory ≤ on_track"),
    ({"lag_yellow_points": 40}, "研判阈值应满足 lag_yellow_points ≤ lag_red_points"),
    ({"jump_bound": -1}, "研判阈值“jump_bound”应为非负有限数，而不是“-1.0”"),
])
def test_bad_thresholds_are_refused(data, message):
    with pytest.raises(ValueError) as error:
        Thresholds.from_dict(data)
    assert str(error.value) == message
