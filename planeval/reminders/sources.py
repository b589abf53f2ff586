"""Where reminders come from: every app that sets deadlines exposes ``selectors.due_items(campaign)``.

The registry names modules rather than importing them so an app that is not installed (or
not written yet) is simply skipped; an error inside an installed source is not hidden.
"""
from __future__ import annotations

import importlib

from django.apps import apps

from planeval.domain.reminders import DueItem

SOURCES = (
    "planeval.submissions.selectors",
    "planeval.specialplans.selectors",
    "planeval.topics.selectors",
    "planeval.consultations.selectors",
    "planeval.congress.selectors",
)


def _source(module_name: str):
    if not apps.is_installed(module_name.rsplit(".", 1)[0]):
        return None
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as missing:
        if missing.name and module_name.startswith(missing.name):
            return None
        raise
    return getattr(module, "due_items", None)


def due_items(campaign) -> list[DueItem]:
    """Every item with a deadline in the campaign, from every installed source."""
    items: list[DueItem] = []
    for module_name in SOURCES:
        source = _source(module_name)
        if source is not None:
            items.extend(source(campaign))
    return items
