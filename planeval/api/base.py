"""What every endpoint shares: id filters and jurisdiction scoping through accounts/access.py."""
from __future__ import annotations

from operator import attrgetter

import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.generics import get_object_or_404

from planeval.accounts.access import access_jurisdiction, visible_jurisdiction_ids

MAX_ID = 2**63 - 1
ID_INVALID = "请填写有效的编号（正整数）。"


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.Filter):
    """An object id in a query parameter: a positive integer, or 400."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        kwargs.setdefault("error_messages", {"invalid": ID_INVALID, "min_value": ID_INVALID,
                                             "max_value": ID_INVALID})
        super().__init__(*args, **kwargs)


class ScopedViewSet(viewsets.ReadOnlyModelViewSet):
    """Read-only endpoints over data that belongs to a jurisdiction.

    A list holds only the jurisdictions the user may see (``visible_jurisdiction_ids``); a
    detail of another jurisdiction's row is refused with the reason (``access_jurisdiction``),
    as the web pages do.
    """

    lookup_value_regex = "[0-9]+"
    jurisdiction_lookup = "jurisdiction_id"       # ORM path to the row's jurisdiction id
    jurisdiction_attribute = "jurisdiction_id"    # the same path as attributes, for one row

    def scoped(self, queryset):
        return queryset.filter(**{f"{self.jurisdiction_lookup}__in": visible_jurisdiction_ids(self.request.user)})

    def get_queryset(self):
        queryset = super().get_queryset()
        return self.scoped(queryset) if self.action == "list" else queryset

    def get_object(self):
        row = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        access_jurisdiction(self.request.user, attrgetter(self.jurisdiction_attribute)(row))
        return row


def username_of(source: str):
    """Who did it, by username; null when nobody is recorded (a sample row, a step not yet taken)."""
    return serializers.CharField(source=f"{source}.username", read_only=True, allow_null=True)
