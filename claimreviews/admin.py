"""The label mapping table, edited here; imported ClaimReviews, read here.

Saving or deleting a label re-maps the stored ClaimReviews that carry it at once;
the "re-map all" action re-reads every row (after a bulk change elsewhere).
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from claimreviews.models import ClaimReview, RatingLabel
from claimreviews.services import remap


@admin.register(RatingLabel)
class RatingLabelAdmin(admin.ModelAdmin):
    list_display = ("label", "rating", "key")
    list_editable = ("rating",)
    list_filter = ("rating",)
    search_fields = ("label", "key")
    actions = ["remap_all"]

    def save_model(self, request, obj, form, change) -> None:
        before = RatingLabel.objects.filter(pk=obj.pk).values_list("key", flat=True).first()
        super().save_model(request, obj, form, change)
        self._remapped(request, remap(keys={obj.key, before} - {None}))

    def delete_model(self, request, obj) -> None:
        key = obj.key
        super().delete_model(request, obj)
        self._remapped(request, remap(keys={key}))

    def delete_queryset(self, request, queryset) -> None:
        keys = set(queryset.values_list("key", flat=True))
        super().delete_queryset(request, queryset)
        self._remapped(request, remap(keys=keys))

    @admin.action(description=_("Re-map every imported ClaimReview from this table"))
    def remap_all(self, request, queryset) -> None:
        self._remapped(request, remap())

    def _remapped(self, request, count: int) -> None:
        if count:
            message = ngettext(
                "%(count)d imported ClaimReview re-mapped.",
                "%(count)d imported ClaimReviews re-mapped.",
                count,
            ) % {"count": count}
            self.message_user(request, message, messages.INFO)


@admin.register(ClaimReview)
class ClaimReviewAdmin(admin.ModelAdmin):
    """Read-only: rows change only by importing them again from their publisher."""

    list_display = ("claim_reviewed", "publisher_name", "textual_rating", "rating",
                    "date_published")  # fmt: skip
    list_filter = ("rating", "language")
    search_fields = ("claim_reviewed", "url", "publisher_name")
    date_hierarchy = "date_published"
    show_full_result_count = False
    # Every field shown as text: no form fields are built for a row nobody may change.
    readonly_fields = [field.name for field in ClaimReview._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
