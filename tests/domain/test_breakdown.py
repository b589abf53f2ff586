"""The breakdown rule: parts must add up to the period's total, exactly."""
from decimal import Decimal as D

import pytest

from planeval.domain.breakdown import (
    DOES_NOT_ADD_UP, DUPLICATE_CATEGORY, EMPTY_CATEGORY, NEGATIVE_PART, NO_PARTS, breakdown_problem,
)


@pytest.mark.parametrize("total, parts, expected", [
    (D(20), [("道路运输", D(12)), ("建筑施工", D(8))], None),
    (D("1.5"), [("甲", D("0.5")), ("乙", D("1.0"))], None),
    (D(20), [("道路运输", D(12)), ("建筑施工", D(5))],
     DOES_NOT_ADD_UP.format(parts="17", year=2022, total="20", difference="-3")),
    (D(20), [("道路运输", D(12)), ("建筑施工", D(9))],
     DOES_NOT_ADD_UP.format(parts="21", year=2022, total="20", difference="1")),
    (D(20), [], NO_PARTS),
    (D(20), [("甲", D(10)), ("甲", D(10))], DUPLICATE_CATEGORY.format(category="甲")),
    (D(20), [("甲", D(25)), ("乙", D(-5))], NEGATIVE_PART.format(category="乙")),
    (D(20), [("甲", D(10)), (" ", D(10))], EMPTY_CATEGORY.format(line=2)),
])
def test_breakdown_problem(total, parts, expected):
    assert breakdown_problem(total, parts, year=2022) == expected


def test_the_refusal_names_the_difference():
    message = breakdown_problem(D(20), [("道路运输", D(12)), ("建筑施工", D(5))], year=2022)
    assert message == "各分项合计为17，与2022年总数20不一致（相差-3），未保存。"
