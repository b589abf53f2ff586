"""The audit log's hash chain: how one event is serialised and hashed (docs/audit.md).

Each event's hash is SHA-256 over the previous event's hash, a newline, and the event's
canonical serialisation: its fields as JSON with sorted keys, no whitespace, UTF-8, the time
in UTC with microseconds. The first event's previous hash is GENESIS. Anyone holding the rows
can recompute the chain with this module alone.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64

# The fields that enter the hash, in the order documented (the JSON is key-sorted regardless).
CHAINED_FIELDS = (
    "id", "at", "user_id", "username", "address", "action",
    "target_type", "target_id", "target_repr", "outcome", "detail",
)


def canonical(fields: dict[str, Any]) -> str:
    """The canonical JSON text of one event; ``at`` must be an aware datetime."""
    at: dt.datetime = fields["at"]
    if at.tzinfo is None:
        raise ValueError("audit time must be timezone-aware")
    payload = {name: fields[name] for name in CHAINED_FIELDS}
    payload["at"] = at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def event_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256(f"{prev_hash}\n{canonical(fields)}".encode()).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first broken link: the event id where verification failed and what is wrong."""
    event_id: int
    kind: str  # "altered" | "gap" | "relinked"
    expected: str
    found: str


@dataclass(frozen=True)
class Verdict:
    count: int
    head_id: int | None
    head_hash: str
    broken: Break | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify(events: Iterable[dict[str, Any]]) -> Verdict:
    """Walk events in id order (each a dict with CHAINED_FIELDS, prev_hash and hash).

    Stops at the first broken link. ``gap``: an id is missing (an event was deleted);
    ``relinked``: the event does not point at its predecessor's hash (deleted and renumbered,
    or moved); ``altered``: its fields no longer give its stored hash.
    """
    count, last_id, last_hash = 0, 0, GENESIS
    for event in events:
        if event["id"] != last_id + 1:
            return Verdict(count, last_id or None, last_hash,
                           Break(event["id"], "gap", str(last_id + 1), str(event["id"])))
        if event["prev_hash"] != last_hash:
            return Verdict(count, last_id or None, last_hash,
                           Break(event["id"], "relinked", last_hash, event["prev_hash"]))
        computed = event_hash(event["prev_hash"], event)
        if computed != event["hash"]:
            return Verdict(count, last_id or None, last_hash,
                           Break(event["id"], "altered", computed, event["hash"]))
        count, last_id, last_hash = count + 1, event["id"], event["hash"]
    return Verdict(count, last_id or None, last_hash, None)
