"""Admin for claims, sources, verdicts and publications.

Claims are created through services.create_claim (the admin form asks for a
quote or offsets, like the API), so the admin cannot store a span the API
would refuse. Publications are append-only and shown read-only.

The API's rules hold here too: the permission table decides which rows a user
may change or delete (forms for the others are not offered), blind review
decides which verdicts they see, and a published claim's record is read-only.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from annotations import anchoring, selectors, services
from annotations.models import Assignment, Claim, Publication, Source, SourceArchive, Verdict
from annotations.services.common import record_is_frozen, verdicts_are_frozen
from annotations.services.deletion import delete_blockers
from annotations.services.evidence import others_were_visible
from factcheck.admin_mixins import TableModelAdmin, require
from factcheck.errors import Conflict


class ClaimCreationForm(forms.ModelForm):
    """Anchor a new claim by quote (with optional context) or by offsets."""

    quote = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The exact words from the article, e.g. “five officers that died”."),
    )
    prefix = forms.CharField(required=False, help_text=_("Text just before, if the quote repeats."))
    suffix = forms.CharField(required=False, help_text=_("Text just after, if the quote repeats."))
    start = forms.IntegerField(required=False, min_value=0, help_text=_("Or: code-point offset."))
    end = forms.IntegerField(required=False, min_value=1, help_text=_("Exclusive end offset."))

    class Meta:
        model = Claim
        fields = ["article", "quote", "prefix", "suffix", "start", "end", "statement", "claimant"]

    def clean(self):
        data = super().clean()
        article = data.get("article")
        if article is None:
            return data
        try:
            data["anchor"] = anchoring.resolve_anchor(
                article.text,
                start=data.get("start"),
                end=data.get("end"),
                quote=data.get("quote") or None,
                prefix=data.get("prefix"),
                suffix=data.get("suffix"),
            )
        except anchoring.AnchoringError as error:
            raise ValidationError(
                {error.field if error.field in self.fields else "quote": error.message}
            ) from None
        return data

    def _post_clean(self):
        # Model validation runs in services.create_claim, once the span is known.
        pass


class FrozenInline(admin.StackedInline):
    """An inline whose rows stop changing once `frozen(claim)` (services decide)."""

    extra = 0

    @staticmethod
    def frozen(claim: Claim) -> bool:
        raise NotImplementedError

    def _open(self, obj) -> bool:
        return obj is None or not self.frozen(obj)

    def has_add_permission(self, request, obj=None) -> bool:
        return self._open(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._open(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._open(obj) and super().has_delete_permission(request, obj)


class SourceInline(FrozenInline):
    model = Source
    fields = ["url", "title", "publisher", "published_at", "stance", "excerpt", "added_by"]
    readonly_fields = ["added_by"]
    frozen = staticmethod(record_is_frozen)


class VerdictInline(FrozenInline):
    model = Verdict
    fields = ["reviewer", "rating", "rationale"]
    readonly_fields = ["reviewer"]
    frozen = staticmethod(verdicts_are_frozen)

    def get_queryset(self, request):
        return _blind_review(super().get_queryset(request), request.user)


def _blind_review(verdicts, user):
    """Only the verdicts `user` may see (selectors.visible_verdicts), as in the API."""
    return verdicts.filter(pk__in=selectors.visible_verdicts(user).values("pk"))


class PublicationInline(admin.TabularInline):
    model = Publication
    extra = 0
    can_delete = False
    fields = ["published_at", "rating", "rationale", "note", "editor"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


def _values(row, fields: tuple[str, ...]) -> dict:
    return {name: getattr(row, name) for name in fields}


INLINE_SERVICES = {
    Source: (
        lambda claim, user, **values: services.add_source(claim=claim, added_by=user, **values),
        lambda row, values, user: services.update_source(source=row, changes=values, actor=user),
        lambda row, user: services.delete_source(source=row, actor=user),
        services.SOURCE_EDITABLE_FIELDS,
    ),
    Verdict: (
        lambda claim, user, **values: services.record_verdict(claim=claim, reviewer=user, **values),
        lambda row, values, user: services.update_verdict(verdict=row, changes=values, actor=user),
        lambda row, user: services.delete_verdict(verdict=row, actor=user),
        services.VERDICT_EDITABLE_FIELDS,
    ),
}


@admin.register(Claim)
class ClaimAdmin(TableModelAdmin):
    kind = "claim"  # not frozen once published: its own verdicts are still added here
    list_display = ["quote_excerpt", "article", "status", "rating", "created_by", "created_at"]
    list_filter = ["status", "rating", "created_at", "article__publisher"]
    search_fields = ["quote", "statement", "claimant", "article__title"]
    list_select_related = ["article", "created_by"]
    autocomplete_fields = ["article"]
    inlines = [SourceInline, VerdictInline, PublicationInline]
    readonly_fields = [
        "article",
        "start",
        "end",
        "quote",
        "prefix",
        "suffix",
        "status",
        "rating",
        "published_by",
        "published_at",
        "created_by",
        "version",
        "created_at",
        "updated_at",
    ]
    fields = [
        "article",
        "start",
        "end",
        "prefix",
        "quote",
        "suffix",
        "statement",
        "claimant",
        "status",
        "rating",
        "published_by",
        "published_at",
        "created_by",
        "version",
        "created_at",
        "updated_at",
    ]

    @admin.display(description=_("Quote"), ordering="quote")
    def quote_excerpt(self, claim: Claim) -> str:
        return str(claim)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ClaimCreationForm
            kwargs["fields"] = ClaimCreationForm.Meta.fields
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if record_is_frozen(obj):  # the public record: an editor corrects it instead
            return [*self.readonly_fields, *services.CLAIM_EDITABLE_FIELDS]
        return self.readonly_fields

    def get_fields(self, request, obj=None):
        return self.fields if obj else ClaimCreationForm.Meta.fields

    def get_inlines(self, request, obj):
        return self.inlines if obj else []

    def delete_model(self, request, obj):
        require(request.user, "claim", "delete", obj)
        try:
            services.delete_claim(claim=obj, actor=request.user)
        except Conflict as error:  # e.g. a reviewer's claim with another reviewer's verdict
            raise PermissionDenied(error.message) from None

    def save_model(self, request, obj, form, change):
        if change:
            require(request.user, "claim", "edit", obj)
            changes = {
                name: form.cleaned_data[name]
                for name in form.changed_data
                if name in services.CLAIM_EDITABLE_FIELDS
            }
            # Saving the page for an inline alone must not touch a published claim's record.
            if changes:
                services.update_claim(claim=obj, actor=request.user, changes=changes)
            return
        anchor = form.cleaned_data["anchor"]
        created = services.create_claim(
            article=form.cleaned_data["article"],
            author=request.user,
            start=anchor.start,
            end=anchor.end,
            statement=form.cleaned_data.get("statement", ""),
            claimant=form.cleaned_data.get("claimant", ""),
        )
        obj.pk = created.pk
        obj.refresh_from_db()

    def save_formset(self, request, form, formset, change):
        """Inline sources and verdicts go through the services, so history records them.

        New rows belong to the user who adds them.
        """
        if formset.model not in INLINE_SERVICES:
            return super().save_formset(request, form, formset, change)
        add, update, delete, fields = INLINE_SERVICES[formset.model]
        formset.save(commit=False)  # fills new_objects, changed_objects, deleted_objects
        # The admin's change message names these rows, so they must be the saved ones.
        formset.new_objects = [
            add(claim=form.instance, user=request.user, **_values(row, fields))
            for row in formset.new_objects
        ]
        kind = formset.model._meta.model_name
        for row, _changed in formset.changed_objects:
            require(request.user, kind, "edit", row)
        for row in formset.deleted_objects:
            require(request.user, kind, "delete", row)
        formset.changed_objects = [
            (update(row, _values(row, fields), request.user), changed)
            for row, changed in formset.changed_objects
        ]
        try:  # e.g. a verdict whose author has seen the others' (a 409 in the API)
            for row in formset.deleted_objects:
                delete(row, request.user)
        except Conflict as error:
            raise PermissionDenied(error.message) from None
        return None

    def has_delete_permission(self, request, obj=None) -> bool:
        # Published claims are never deleted (retract them); the database agrees. Nor is
        # one whose delete would take rows of others the user may not delete (services
        # refuse it too); an editor's confirmation page lists everything that goes.
        if obj is not None and obj.publications.exists():
            return False
        if obj is not None and delete_blockers("claim", Claim.objects.filter(pk=obj.pk),
                                               request.user):  # fmt: skip
            return False
        return super().has_delete_permission(request, obj)


class EvidenceAdmin(TableModelAdmin):
    """Sources and verdicts are changed and deleted through the same services as inline."""

    def save_model(self, request, obj, form, change):
        require(request.user, self.kind, "edit", obj)
        _, update, _, _ = INLINE_SERVICES[self.model]
        update(obj, {name: form.cleaned_data[name] for name in form.changed_data}, request.user)

    def delete_model(self, request, obj):
        require(request.user, self.kind, "delete", obj)
        _, _, delete, _ = INLINE_SERVICES[self.model]
        try:
            delete(obj, request.user)
        except Conflict as error:
            raise PermissionDenied(error.message) from None


@admin.register(Source)
class SourceAdmin(EvidenceAdmin):
    kind = "source"
    list_display = ["__str__", "claim", "stance", "publisher", "added_by", "created_at"]
    list_filter = ["stance", "created_at"]
    search_fields = ["url", "title", "publisher", "excerpt", "claim__quote"]
    list_select_related = ["claim", "added_by"]
    readonly_fields = ["claim", "added_by", "version", "created_at", "updated_at"]

    def has_add_permission(self, request) -> bool:
        return False  # add sources from their claim's page, where the claim is known

    def is_frozen(self, obj: Source) -> bool:
        return record_is_frozen(obj.claim)


@admin.register(Verdict)
class VerdictAdmin(EvidenceAdmin):
    kind = "verdict"
    list_display = ["claim", "reviewer", "rating", "updated_at"]
    list_filter = ["rating", "updated_at"]
    search_fields = ["rationale", "claim__quote", "reviewer__username"]
    list_select_related = ["claim", "reviewer"]
    readonly_fields = ["claim", "reviewer", "version", "created_at", "updated_at"]

    def has_add_permission(self, request) -> bool:
        return False  # add verdicts from their claim's page

    def get_queryset(self, request):
        return _blind_review(super().get_queryset(request), request.user)

    def is_frozen(self, obj: Verdict) -> bool:
        return verdicts_are_frozen(obj.claim)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Not offered once its author could read the others' verdicts (the service refuses).
        if obj is not None and others_were_visible(obj):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    """Read-only: publications are written by services.publish_claim only."""

    list_display = ["claim", "rating", "editor", "published_at"]
    list_filter = ["rating", "published_at"]
    search_fields = ["claim__quote", "rationale", "note"]
    list_select_related = ["claim", "editor"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    """Read-only: editors assign through the claim card or the API, which record history."""

    list_display = ["claim", "reviewer", "assigned_by", "assigned_at"]
    list_filter = ["assigned_at", "reviewer"]
    search_fields = ["claim__quote", "reviewer__username", "assigned_by__username"]
    list_select_related = ["claim", "reviewer", "assigned_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SourceArchive)
class SourceArchiveAdmin(admin.ModelAdmin):
    """Archives are written by the archiving task only; the admin shows them."""

    list_display = ("url", "status", "http_status", "fetched_at", "attempts")
    list_filter = ("status",)
    search_fields = ("url", "title")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
