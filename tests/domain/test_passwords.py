"""The password and session rules of both policies, by the table (no database)."""
from datetime import datetime, timedelta, timezone

import pytest

from planeval.domain.passwords import (
    POLICIES, CharacterClass, Problem, SessionEnd, character_classes, password_expired,
    password_problems, session_end, session_needs_touch,
)

DENGBAO, ASVS = POLICIES["dengbao"], POLICIES["asvs"]


@pytest.mark.parametrize("password, dengbao, asvs", [
    ("Short1!", [Problem.TOO_SHORT], [Problem.TOO_SHORT]),
    ("abcdefghijkl", [Problem.TOO_SIMPLE], []),                 # 12 lower-case letters: only ASVS allows it
    ("abcdefghijk1", [Problem.TOO_SIMPLE], []),                 # two classes
    ("Abcdefghijk1", [], []),                                   # three classes
    ("abcdefghij1!", [], []),
    ("规划评估监测平台密码很长的一句话", [Problem.TOO_SIMPLE], []),  # 16 汉字: one class (symbols)
    ("规划评估监测平台2025年Ok", [], []),
    ("Aa1!" * 32, [], []),                                      # 128 characters: the most allowed
    ("Aa1!" * 32 + "x", [Problem.TOO_LONG], [Problem.TOO_LONG]),
    ("a b c d e f g h", [Problem.TOO_SIMPLE], []),              # spaces are allowed characters
])
def test_password_problems_under_each_policy(password, dengbao, asvs):
    assert password_problems(password, DENGBAO) == dengbao
    assert password_problems(password, ASVS) == asvs


def test_character_classes():
    assert character_classes("aB3#") == {CharacterClass.LOWER, CharacterClass.UPPER, CharacterClass.DIGIT,
                                         CharacterClass.SYMBOL}
    assert character_classes("汉字 ") == {CharacterClass.SYMBOL}


NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("age_days, max_age, expired", [
    (89, 90, False), (90, 90, True), (400, 0, False), (0, 1, False),
])
def test_password_expiry(age_days, max_age, expired):
    assert password_expired(NOW - timedelta(days=age_days), NOW, max_age) is expired


@pytest.mark.parametrize("since_login, since_seen, expected", [
    (timedelta(hours=1), timedelta(minutes=29), None),
    (timedelta(hours=1), timedelta(minutes=30), SessionEnd.IDLE),
    (timedelta(hours=8), timedelta(minutes=1), SessionEnd.ABSOLUTE),
    (timedelta(hours=9), timedelta(hours=2), SessionEnd.ABSOLUTE),   # both: the absolute limit is named
    (timedelta(hours=7, minutes=59), timedelta(0), None),
])
def test_session_end(since_login, since_seen, expected):
    assert session_end(logged_in_at=NOW - since_login, last_seen_at=NOW - since_seen, now=NOW,
                       idle_minutes=30, max_hours=8) == expected


def test_last_activity_is_written_at_most_once_a_minute():
    assert not session_needs_touch(last_seen_at=NOW - timedelta(seconds=59), now=NOW)
    assert session_needs_touch(last_seen_at=NOW - timedelta(minutes=1), now=NOW)
