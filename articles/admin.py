"""Admin for articles: browsing, search, and edits that go through the services.

Who may change or delete which article is the permission table's call, as in
the API (factcheck.admin_mixins): a reviewer sees other people's articles read-only.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from annotations.permissions import can_publish
from annotations.services.deletion import delete_blockers
from articles import services
from articles.models import Article, ArticleRevision
from factcheck.admin_mixins import TableModelAdmin, require
from factcheck.errors import Conflict


class ArticleAdminForm(forms.ModelForm):
    """Checks up front what the services would refuse, so errors land on the form.

    `save_model` runs after validation and cannot report back to the form; the
    services stay the final guard against a race.
    """

    # Explicit so a typed "example.org/story" becomes https://, not http://.
    url = forms.URLField(
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text=Article.url.field.help_text,
    )

    class Meta:
        model = Article
        fields = services.EDITABLE_FIELDS

    def clean_text(self) -> str:
        # A new text becomes a revision and the claims are re-anchored (services.change_article).
        return services.normalize_text(self.cleaned_data["text"])

    def clean(self) -> dict:
        cleaned = super().clean()
        title, text = (cleaned.get("title") or "").strip(), cleaned.get("text")
        if title and text:
            same = Article.objects.filter(content_hash=services.content_hash(title, text))
            if same.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "text",
                    ValidationError(
                        _("An article with the same title and text is already stored."),
                        code="duplicate_article",
                    ),
                )
        return cleaned


@admin.register(Article)
class ArticleAdmin(TableModelAdmin):
    kind = "article"
    form = ArticleAdminForm
    list_display = ("title", "publisher", "language", "published_at", "created_at")
    list_filter = ("publisher", "language", "created_at")
    search_fields = ("title", "text", "url")
    date_hierarchy = "created_at"
    readonly_fields = ("content_hash", "version", "revision", "revised_at", "created_by",
                       "created_at", "updated_at")  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        """A published fact-check's article: its guarded fields are an editor's to change
        (services.require_editor_once_published refuses anyone else; shown read-only)."""
        fields = super().get_readonly_fields(request, obj)
        if obj is None or can_publish(request.user):
            return fields
        if not obj.claims.filter(publications__isnull=False).exists():
            return fields
        return (*fields, *services.EDITOR_ONLY_ONCE_PUBLISHED)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Not offered when the service would refuse it: the article holds rows of others.
        if obj is not None and delete_blockers("article", obj.claims.all(), request.user):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        """Through the service: it refuses articles with published fact-checks and records
        the deletion (and that of the drafts on it) in the history."""
        require(request.user, "article", "delete", obj)
        try:
            services.delete_article(article=obj, actor=request.user)
        except Conflict as error:
            raise PermissionDenied(error.message) from None

    def save_model(self, request, obj, form, change):
        """Create or update through the services, which keep content_hash and version."""
        # Read-only fields (see get_readonly_fields) are not on the form.
        fields = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS
                  if name in form.cleaned_data}  # fmt: skip
        if change:
            require(request.user, "article", "edit", obj)
            changes = {name: fields[name] for name in form.changed_data if name in fields}
            try:
                saved = services.update_article(article=obj, changes=changes, actor=request.user)
            except Conflict as error:  # e.g. the text of a published article, by a reviewer
                raise PermissionDenied(error.message) from None
        else:
            saved = services.create_article(**fields, created_by=request.user)
        # The admin logs and redirects with `obj`, so it must become the stored row.
        obj.pk = saved.pk
        obj.refresh_from_db()


@admin.register(ArticleRevision)
class ArticleRevisionAdmin(admin.ModelAdmin):
    """Revisions are written by services.change_article only; the admin shows them."""

    list_display = ("article", "number", "origin", "created_by", "created_at")
    list_filter = ("origin", "created_at")
    search_fields = ("article__title", "reason")
    list_select_related = ("article", "created_by")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
