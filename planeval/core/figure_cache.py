"""Dashboard figures, counted once per change of the data (the overview, the board, the children).

Counting a campaign's figures costs tens of milliseconds of SQL and ORM work at province scale,
and the figures change only when somebody changes data. Every such change appends a data event to
the audit log in its own transaction (planeval/audit: values, reports, workflow steps, imports,
settings, admin edits), so the figures are cached under the id of the newest data event: a
recorded change gives new keys, and the next page view counts afresh from the database.

A time limit (``PLANEVAL_FIGURE_CACHE_SECONDS``, default 300) bounds what a change made outside
the application (a management command, a database console) can leave stale; 0 turns caching off.
Each process keeps its own cache (Django's default local-memory cache) unless CACHES names a shared
one; keys carry the data event, so processes never disagree about what is current.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

from planeval.audit.selectors import last_data_change_id

T = TypeVar("T")


def figures(name: str, *key: object, compute: Callable[[], T]) -> T:
    """``compute()``, or its cached result when no data has changed since it was computed.

    ``key`` must name everything the figures depend on besides the data (the campaign, the unit,
    today's date where lateness is counted); permission checks stay in the view, before this.
    """
    seconds = settings.PLANEVAL_FIGURE_CACHE_SECONDS
    if not seconds:
        return compute()
    cache_key = ":".join(["planeval-figures", name, str(last_data_change_id()), *map(str, key)])
    found = cache.get(cache_key)
    if found is None:
        found = compute()
        cache.set(cache_key, found, seconds)
    return found
