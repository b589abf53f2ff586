"""The order of the 提请审议 route (no database)."""
from datetime import date

from planeval.domain.congress_route import (
    EARLIER_DATE, EARLIER_MISSING, LATER_RECORDED, RouteStep, next_step, route_check,
)

G, P, C, PUB, F = RouteStep.GOVERNMENT, RouteStep.PARTY, RouteStep.CONGRESS, RouteStep.PUBLISH, RouteStep.FILING
DONE = {G: date(2023, 10, 16), P: date(2023, 10, 24), C: date(2023, 11, 2)}


def test_the_first_step_needs_nothing():
    assert route_check(G, date(2023, 10, 16), {}) == ""
    assert next_step({}) is G


def test_a_step_before_its_predecessor_is_refused():
    assert route_check(C, date(2023, 11, 2), {G: date(2023, 10, 16)}) == EARLIER_MISSING.format(
        missing="区委常委会", step="人大常委会审议")
    assert route_check(P, date(2023, 10, 1), {G: date(2023, 10, 16)}) == EARLIER_DATE.format(
        step="区委常委会", day="2023年10月1日", earlier="区政府常务会议", earlier_day="2023年10月16日")


def test_publishing_and_filing_follow_the_congress_in_either_order():
    assert route_check(F, date(2023, 11, 10), DONE) == ""         # Jiangbei: the city DRC first
    assert route_check(PUB, date(2023, 11, 20), {**DONE, F: date(2023, 11, 10)}) == ""
    assert route_check(PUB, date(2023, 11, 1), DONE).startswith("“公开发布”的日期")
    assert next_step(DONE) is PUB


def test_moving_an_earlier_step_after_a_later_one_is_refused():
    assert route_check(P, date(2023, 11, 5), DONE) == LATER_RECORDED.format(
        step="区委常委会", day="2023年11月5日", later="人大常委会审议", later_day="2023年11月2日")
    assert route_check(P, date(2023, 10, 25), DONE) == ""
