from django.contrib import admin

from history.models import HistoryEntry


@admin.register(HistoryEntry)
class HistoryEntryAdmin(admin.ModelAdmin):
    """Read-only: the trail is written by services and never edited."""

    list_display = ["at", "actor", "action", "object_type", "object_id", "claim_id", "reason"]
    list_filter = ["action", "object_type", "at"]
    search_fields = ["reason", "actor__username", "object_type"]
    list_select_related = ["actor"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
