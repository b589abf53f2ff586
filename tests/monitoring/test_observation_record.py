"""Recording values: history kept, estimates never erased, stale forms refused."""
from decimal import Decimal

import pytest

from planeval.core.errors import StaleVersionError
from planeval.domain.periods import Period
from planeval.monitoring.models import Observation, ObservationRevision
from planeval.monitoring.services import observation_record
from tests.factories import IndicatorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_official_figure_sits_beside_the_estimate_it_replaces():
    indicator = IndicatorFactory()
    user = UserFactory(full_name="李明")
    observation_record(indicator=indicator, period=Period(2022), kind=Observation.Kind.ESTIMATE,
                       value=Decimal("31"), source="区科委预计", user=user)
    observation_record(indicator=indicator, period=Period(2022), kind=Observation.Kind.ACTUAL,
                       value=Decimal("33"), source="区统计局", user=user)
    kinds = dict(Observation.objects.filter(indicator=indicator).values_list("kind", "value"))
    assert kinds == {"estimate": Decimal("31"), "actual": Decimal("33")}


def test_every_change_is_kept_with_who_and_when():
    indicator = IndicatorFactory()
    user = UserFactory(full_name="李明")
    first = observation_record(indicator=indicator, period=Period.parse("2023H1"), kind="actual",
                               value=Decimal("10"), user=user)
    observation_record(indicator=indicator, period=Period.parse("2023H1"), kind="actual",
                       value=Decimal("12"), user=user, expected_version=first.version)
    history = list(ObservationRevision.objects.filter(indicator=indicator).order_by("id"))
    assert [(r.action, r.old_value, r.new_value, r.period) for r in history] == [
        ("created", None, Decimal("10"), "2023H1"),
        ("updated", Decimal("10"), Decimal("12"), "2023H1"),
    ]
    assert all(r.changed_by == user and r.changed_at for r in history)


def test_saving_the_same_value_again_writes_no_history():
    indicator = IndicatorFactory()
    for _ in range(2):
        observation_record(indicator=indicator, period=Period(2021), kind="actual", value=Decimal("5"))
    assert ObservationRevision.objects.filter(indicator=indicator).count() == 1


def test_a_stale_form_is_refused_and_changes_nothing():
    indicator = IndicatorFactory()
    alice, bob = UserFactory(full_name="张丽"), UserFactory(full_name="王强")
    opened = observation_record(indicator=indicator, period=Period(2022), kind="actual",
                                value=Decimal("20"), user=alice)
    observation_record(indicator=indicator, period=Period(2022), kind="actual", value=Decimal("21"),
                       user=alice, expected_version=opened.version)
    with pytest.raises(StaleVersionError) as refused:
        observation_record(indicator=indicator, period=Period(2022), kind="actual", value=Decimal("25"),
                           user=bob, expected_version=opened.version)
    assert "已被张丽于" in refused.value.message and "您的保存未生效" in refused.value.message
    assert refused.value.extra["theirs"] == Decimal("21")
    assert Observation.objects.get(indicator=indicator, kind="actual").value == Decimal("21")
