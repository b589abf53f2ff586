"""The satisfaction index and its 95% interval against a hand-computed example (docs/surveys.md)."""
import datetime

import pytest

from planeval.domain.rate_limit import client_bucket, window_start
from planeval.domain.satisfaction import satisfaction_index, scale_to_index, t_quantile


def test_hand_computed_example():
    # Answers 5,4,4,3,5,2,4,5 → 100,75,75,50,100,25,75,100: mean 75.
    # Squared deviations 625+0+0+625+625+2500+0+625 = 5000; s² = 5000/7 = 714.29; s = 26.726;
    # s/√8 = 9.449; t(0.975, 7) = 2.3646; half-width 22.34 → [52.66, 97.34].
    result = satisfaction_index([5, 4, 4, 3, 5, 2, 4, 5])
    assert result.n == 8
    assert result.index == 75.0
    assert result.low == pytest.approx(52.66, abs=0.01)
    assert result.high == pytest.approx(97.34, abs=0.01)
    assert result.favourable_share == 75.0   # six of eight answered 4 or 5


@pytest.mark.parametrize("df, expected", [(1, 12.706), (2, 4.303), (7, 2.365), (10, 2.228), (30, 2.042),
                                          (120, 1.980)])
def test_t_quantiles_match_the_printed_table(df, expected):
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=0.001)


def test_scale_maps_linearly_to_0_100():
    assert [scale_to_index(s) for s in (1, 2, 3, 4, 5)] == [0, 25, 50, 75, 100]
    with pytest.raises(ValueError):
        scale_to_index(6)


def test_interval_is_clipped_to_the_scale_and_needs_two_answers():
    assert satisfaction_index([5, 5, 5, 4]).high == 100.0
    single = satisfaction_index([4])
    assert single.index == 75.0 and single.low is None and single.high is None
    assert satisfaction_index([]).index is None


def test_identical_answers_have_no_spread():
    result = satisfaction_index([4, 4, 4])
    assert result.low == result.high == 75.0


def test_rate_limit_buckets_and_windows():
    assert client_bucket("203.0.113.7") == "203.0.113.7"
    assert client_bucket("2001:db8:1:2:3:4:5:6") == client_bucket("2001:db8:1:2:ffff::1") == "2001:db8:1:2::/64"
    assert client_bucket("::ffff:203.0.113.7") == "203.0.113.7"
    assert client_bucket("") == client_bucket("not an address") == "unknown"
    at = datetime.datetime(2023, 5, 1, 10, 59, 59, tzinfo=datetime.UTC)
    assert window_start(at, 3600) == datetime.datetime(2023, 5, 1, 10, 0, tzinfo=datetime.UTC)
    assert window_start(at + datetime.timedelta(seconds=1), 3600).hour == 11
