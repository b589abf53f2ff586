"""The rule of the public forms' rate limit: which client a request counts for, and in which window.

Fixed windows (10:00–11:00, 11:00–12:00 …) rather than a sliding one: one counter row per client
and window is enough, and the row can be deleted as soon as its window ends. The price is that a
client may send up to twice the limit across a window boundary; for a flood deterrent that is
accepted (docs/surveys.md).
"""
from __future__ import annotations

import datetime
import ipaddress

IPV6_PREFIX = 64   # one home or office gets a /64: counting whole addresses would let it rotate freely


def client_bucket(address: str) -> str:
    """The part of ``address`` a limit counts: an IPv4 address whole, an IPv6 address's /64 network.

    An unparseable or empty address (a misconfigured proxy) is one shared bucket, so it is limited
    rather than unlimited.
    """
    try:
        parsed = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return "unknown"
    if parsed.version == 6 and parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_PREFIX}", strict=False))
    return str(parsed)


def window_start(now: datetime.datetime, seconds: int) -> datetime.datetime:
    """The start of the fixed window of ``seconds`` that contains ``now`` (aligned to the epoch)."""
    if seconds <= 0:
        raise ValueError("a rate-limit window must be positive")
    epoch = datetime.datetime(1970, 1, 1, tzinfo=now.tzinfo or datetime.UTC)
    elapsed = int((now - epoch).total_seconds())
    return epoch + datetime.timedelta(seconds=elapsed - elapsed % seconds)
