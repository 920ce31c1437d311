from django.contrib import admin

from api_support.models import IdempotencyKey


@admin.register(IdempotencyKey)
class IdempotencyKeyAdmin(admin.ModelAdmin):
    """Read-only: stored answers for retried POSTs, kept 24 hours; useful when a client
    asks why a retry replayed instead of creating."""

    list_display = ["created_at", "user", "method", "path", "status_code", "key"]
    list_filter = ["method", "status_code", "created_at"]
    search_fields = ["key", "path", "user__username"]
    list_select_related = ["user"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
