from django.contrib import admin

from planeval.core.admin import ReadOnlyAdmin

from .models import PublicItem


@admin.register(PublicItem)
class PublicItemAdmin(ReadOnlyAdmin):
    """Read only: marks are set on the DRC's 公开内容设置 page, which records each change."""

    list_display = ["campaign", "figure", "indicator", "marked_by", "marked_at"]
    list_select_related = ["campaign", "indicator", "marked_by"]
