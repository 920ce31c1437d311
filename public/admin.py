"""Admin for the public pages: admins edit the Markdown, with a sanitised preview.

The set of pages is fixed (the IFCN pages the site promises and links in its
footer), so pages are neither added nor deleted here. Saving goes through
services.update_page, which records the change in the history.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from public import services
from public.markdown import render_markdown
from public.models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "updated_at", "updated_by")
    fields = ("slug", "title", "body", "preview", "public_address", "updated_at", "updated_by")
    readonly_fields = ("slug", "preview", "public_address", "updated_at", "updated_by")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("Preview (as published, after sanitising)"))
    def preview(self, page: Page):
        return format_html('<div class="public-page-preview">{}</div>', render_markdown(page.body))

    @admin.display(description=_("Public address"))
    def public_address(self, page: Page):
        url = page.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)

    def save_model(self, request, obj: Page, form, change) -> None:
        services.update_page(page=obj, title=obj.title, body=obj.body, actor=request.user)
