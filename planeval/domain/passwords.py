"""Password and session rules of the two policies, as plain data (等保 8.1.4.1 a/d, ASVS V2.1, V3.3).

dengbao: 等保2.0 三级 — long, three of four character classes, changed every 90 days, not reused.
asvs:    OWASP ASVS 4.0.3 — long, any characters, no composition rules (2.1.9), no periodic
         expiry (2.1.10), checked against common passwords (2.1.7).

The settings choose a policy; the accounts app turns each rule into a Django validator or gate.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


@dataclass(frozen=True)
class PasswordPolicy:
    name: str
    min_length: int
    max_length: int
    min_classes: int  # how many of upper, lower, digit, symbol must appear; 0 for no composition rule


# ASVS 2.1.2 wants at least 64 characters permitted and more than 128 denied; both policies agree.
POLICIES = {
    "dengbao": PasswordPolicy(name="dengbao", min_length=12, max_length=128, min_classes=3),
    "asvs": PasswordPolicy(name="asvs", min_length=12, max_length=128, min_classes=0),
}


class CharacterClass(StrEnum):
    UPPER = "upper"
    LOWER = "lower"
    DIGIT = "digit"
    SYMBOL = "symbol"


def character_classes(password: str) -> frozenset[CharacterClass]:
    """Which of the four classes the password uses. Letters outside ASCII (汉字) count as symbols:
    they are neither upper nor lower case, and they widen the alphabet as much as a symbol does."""
    found = set()
    for char in password:
        if char in string.ascii_uppercase or (char.isupper() and not char.isascii()):
            found.add(CharacterClass.UPPER)
        elif char in string.ascii_lowercase or (char.islower() and not char.isascii()):
            found.add(CharacterClass.LOWER)
        elif char.isdigit():
            found.add(CharacterClass.DIGIT)
        else:
            found.add(CharacterClass.SYMBOL)
    return frozenset(found)


class Problem(StrEnum):
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    TOO_SIMPLE = "too_simple"


def password_problems(password: str, policy: PasswordPolicy) -> list[Problem]:
    """What is wrong with the password under the policy, in a fixed order; empty when it passes.

    Length counts characters (code points), so a Chinese passphrase is measured as it is typed.
    """
    problems = []
    if len(password) < policy.min_length:
        problems.append(Problem.TOO_SHORT)
    if len(password) > policy.max_length:
        problems.append(Problem.TOO_LONG)
    if policy.min_classes and len(character_classes(password)) < policy.min_classes:
        problems.append(Problem.TOO_SIMPLE)
    return problems


def password_expired(changed_at: datetime, now: datetime, max_age_days: int) -> bool:
    """True once the password is max_age_days old; a max age of 0 means it never expires."""
    return max_age_days > 0 and now - changed_at >= timedelta(days=max_age_days)


class SessionEnd(StrEnum):
    IDLE = "idle"
    ABSOLUTE = "absolute"


def session_end(*, logged_in_at: datetime, last_seen_at: datetime, now: datetime,
                idle_minutes: int, max_hours: int) -> SessionEnd | None:
    """Why the session must end now, or None while it may go on (ASVS 3.3.2, 等保 8.1.4.1 b).

    The absolute limit wins when both apply: it is the one the user cannot extend.
    """
    if max_hours > 0 and now - logged_in_at >= timedelta(hours=max_hours):
        return SessionEnd.ABSOLUTE
    if idle_minutes > 0 and now - last_seen_at >= timedelta(minutes=idle_minutes):
        return SessionEnd.IDLE
    return None


# Writing the last-activity time on every request would save the session on every request;
# once a minute is precise enough for a 30-minute idle limit.
TOUCH_INTERVAL = timedelta(minutes=1)


def session_needs_touch(*, last_seen_at: datetime, now: datetime) -> bool:
    return now - last_seen_at >= TOUCH_INTERVAL
