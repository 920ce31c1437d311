"""Read-only admin for background jobs and watched articles: written by the tasks only."""

from django.contrib import admin

from fetching.models import Job, WatchedArticle


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "kind", "status", "url", "attempts", "requested_by", "article")
    list_filter = ("kind", "status", "created_at")
    search_fields = ("url", "reason")
    list_select_related = ("requested_by", "article")


@admin.register(WatchedArticle)
class WatchedArticleAdmin(ReadOnlyAdmin):
    list_display = ("url", "article", "last_checked_at", "next_check_at")
    search_fields = ("url",)
    list_select_related = ("article",)
