"""Claim, source, verdict and publication shapes for the API.

Output serializers render rows that selectors already loaded with their
relations (no query per row). Input serializers check shape only; the
services decide everything else (anchoring, duplicates, publication rules).
"""

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from annotations import selectors
from annotations.fast_render import archive_excerpt, claim_dict
from annotations.filters import MAX_ID
from annotations.models import Assignment, Claim, Publication, Source, SourceArchive, Verdict
from annotations.permissions import can_see_unpublished
from annotations.ratings import Rating
from factcheck import limits
from factcheck.serializers import RatingField, StrictInputSerializer, StrictIntegerField
from history.models import HistoryEntry


class DeskUsername(serializers.CharField):
    """A desk member's username, or null for public readers.

    Who marked, sourced, rated or published a claim is desk information: the
    public sees the organisation's fact-check, not its staff's login names.
    """

    def __init__(self, source: str, **kwargs) -> None:
        kwargs.setdefault("allow_null", True)
        super().__init__(source=f"{source}.username", read_only=True, **kwargs)

    def get_attribute(self, instance):
        request = self.context.get("request")
        if request is None or not can_see_unpublished(request.user):
            return None
        return super().get_attribute(instance)


def _username(source: str, **kwargs) -> serializers.CharField:
    return DeskUsername(source, **kwargs)


class SourceArchiveSerializer(serializers.ModelSerializer):
    """The archived copy of a source. The archived text is the desk's: for the public
    (someone else's work) only the date, the hash and a short excerpt."""

    text = serializers.SerializerMethodField(help_text="The archived text; null for the public.")
    excerpt = serializers.SerializerMethodField(help_text="The first 200 characters of the text.")
    reason = serializers.SerializerMethodField(help_text="Why the last attempt failed.")

    class Meta:
        model = SourceArchive
        fields = [
            "status", "url", "final_url", "http_status", "title", "sha256", "fetched_at",
            "attempts", "next_attempt_at", "reason", "excerpt", "text",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_text(self, archive: SourceArchive) -> str | None:
        return archive.text if self._desk() else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_reason(self, archive: SourceArchive) -> str | None:
        return archive.reason if self._desk() else None

    def get_excerpt(self, archive: SourceArchive) -> str:
        return archive_excerpt(archive.text)

    def _desk(self) -> bool:
        request = self.context.get("request")
        return request is not None and can_see_unpublished(request.user)


class SourceSerializer(serializers.ModelSerializer):
    added_by = _username("added_by")
    archive = serializers.SerializerMethodField(
        help_text="The archived copy, fetched in the background; null until the job starts."
    )

    class Meta:
        model = Source
        fields = [
            "id", "claim", "url", "title", "publisher", "published_at", "excerpt", "stance",
            "added_by", "created_at", "updated_at", "archive",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(SourceArchiveSerializer(allow_null=True))
    def get_archive(self, source: Source) -> dict | None:
        # select_related by the selectors; a missing archive is cached as absent, no query.
        archive = getattr(source, "archive", None)
        if archive is None:
            return None
        return SourceArchiveSerializer(archive, context=self.context).data


class VerdictRevisionSerializer(serializers.Serializer):
    """An earlier version of a verdict, replaced by a change (issue 8: peek then edit)."""

    rating = serializers.ChoiceField(choices=Rating.choices, help_text="The rating it had.")
    rationale = serializers.CharField(help_text="The rationale it had.")
    replaced_at = serializers.DateTimeField(help_text="When a change replaced it.")
    others_visible = serializers.BooleanField(
        allow_null=True,
        help_text="Whether other reviewers' verdicts were visible to the author when they "
        "changed it (null: not recorded, for changes before this was kept).",
    )


class VerdictSerializer(serializers.ModelSerializer):
    reviewer = _username("reviewer")
    first_rating = serializers.ChoiceField(
        choices=Rating.choices, read_only=True,
        help_text="The rating as first given; agreement figures count it, not later changes.",
    )  # fmt: skip
    revisions = VerdictRevisionSerializer(
        many=True, read_only=True,
        help_text="Earlier versions, oldest first; empty while the verdict is unchanged.",
    )  # fmt: skip

    class Meta:
        model = Verdict
        fields = ["id", "claim", "reviewer", "rating", "first_rating", "rationale", "revisions",
                  "created_at", "updated_at"]  # fmt: skip
        read_only_fields = fields


class PublicationSerializer(serializers.ModelSerializer):
    editor = _username("editor")

    class Meta:
        model = Publication
        fields = ["kind", "rating", "rationale", "note", "editor", "published_at"]
        read_only_fields = fields


class CorrectionSerializer(serializers.Serializer):
    """A dated correction of a published verdict, for readers and ClaimReview consumers."""

    date = serializers.DateTimeField(help_text="When the correction was published.")
    note = serializers.CharField(help_text="What changed and why.")
    previous_rating = serializers.ChoiceField(choices=Rating.choices)
    rating = serializers.ChoiceField(choices=Rating.choices, help_text="The corrected rating.")


def _user_of(context: dict):
    request = context.get("request")
    return request.user if request else AnonymousUser()


class VisibleVerdicts(serializers.ListSerializer):
    """A claim's verdicts that the reader may see (blind review: selectors decide).

    One field for the whole list, built once with the ClaimSerializer rather
    than a new VerdictSerializer per claim (issue 9).
    """

    def get_attribute(self, claim: Claim) -> list[Verdict]:
        return selectors.verdicts_visible_on(claim, _user_of(self.context))


class ClaimSerializer(serializers.ModelSerializer):
    """A claim with everything a reader needs; individual verdicts only for the desk."""

    created_by = _username("created_by")
    published_by = _username("published_by")
    rating = serializers.SerializerMethodField()
    sources = SourceSerializer(many=True, read_only=True)
    verdicts = VisibleVerdicts(
        child=VerdictSerializer(),
        read_only=True,
        help_text="Reviewers' verdicts; empty for anonymous readers.",
    )
    publications = PublicationSerializer(
        many=True, read_only=True, help_text="Every publication, oldest first; later ones correct."
    )
    agreement = serializers.SerializerMethodField(
        help_text="none (<2 verdicts), agree, adjacent (one step apart) or conflict; computed "
        "over the verdicts you may see."
    )
    corrections = serializers.SerializerMethodField()
    assigned_to = serializers.SerializerMethodField(help_text="Usernames of assigned reviewers.")

    class Meta:
        model = Claim
        fields = [
            "id", "article", "start", "end", "quote", "prefix", "suffix", "revision",
            "anchor_state", "statement", "claimant", "status", "rating", "created_by",
            "created_at", "updated_at",
            "published_at", "published_by", "publications", "corrections", "agreement",
            "assigned_to", "sources", "verdicts",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=Rating.choices, allow_null=True))
    def get_rating(self, claim: Claim) -> str | None:
        return claim.rating or None

    @extend_schema_field(serializers.ChoiceField(choices=["none", "agree", "adjacent", "conflict"]))
    def get_agreement(self, claim: Claim) -> str:
        return selectors.agreement_seen_by(claim, self._user())

    @extend_schema_field(CorrectionSerializer(many=True))
    def get_corrections(self, claim: Claim) -> list[dict]:
        return CorrectionSerializer(selectors.corrections_of(claim), many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_assigned_to(self, claim: Claim) -> list[str]:
        if not can_see_unpublished(self._user()):
            return []
        return [assignment.reviewer.username for assignment in claim.assignments.all()]

    def _user(self):
        return _user_of(self.context)

    def to_representation(self, claim: Claim) -> dict:
        # The same dictionary as DRF's field-by-field rendering, several times faster
        # (fast_render.py; tests compare the two for every role).
        return claim_dict(claim, self._user())

    def generic_representation(self, claim: Claim) -> dict:
        """DRF's own rendering from the declared fields: the reference for claim_dict."""
        return super().to_representation(claim)


class ArticleIdField(serializers.IntegerField):
    """An article's id; whether it exists is for the service, which reads the row anyway."""

    default_error_messages = {"incorrect_type": "Incorrect type. Expected pk value."}

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("incorrect_type")
        return super().to_internal_value(data)


class ClaimCreateSerializer(StrictInputSerializer):
    """POST /claims/: an article plus either start/end or a quote (with optional context)."""

    # An id, not a PrimaryKeyRelatedField: create_claim reads (and locks) the article
    # anyway, so checking it here would read its text twice (issue 9).
    article = ArticleIdField(help_text="Id of the article the claim is anchored to.")
    start = StrictIntegerField(required=False, min_value=0, help_text="Inclusive offset.")
    end = StrictIntegerField(required=False, min_value=0, help_text="Exclusive offset.")
    offset_unit = serializers.ChoiceField(
        choices=["codepoint", "utf-16"],
        default="codepoint",
        help_text="Unit of start/end: Unicode code points (default) or UTF-16 code units.",
    )
    quote = serializers.CharField(
        required=False,
        trim_whitespace=False,
        max_length=limits.ARTICLE_TEXT,
        help_text="With offsets: cross-checked.",
    )
    prefix = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    suffix = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    statement = serializers.CharField(required=False, allow_blank=True, max_length=limits.STATEMENT)
    claimant = serializers.CharField(required=False, allow_blank=True, max_length=limits.CLAIMANT)
    revision = StrictIntegerField(
        required=False, min_value=1, max_value=2**31 - 1,
        help_text="The article revision the offsets were taken from; 409 if it is no longer "
        "current (the text changed meanwhile).",
    )  # fmt: skip


class ReattachSerializer(StrictInputSerializer):
    """POST /claims/{id}/reattach/: a span of the article's current text for the claim."""

    start = StrictIntegerField(min_value=0, help_text="Inclusive offset into the current text.")
    end = StrictIntegerField(min_value=0, help_text="Exclusive offset into the current text.")
    offset_unit = serializers.ChoiceField(
        choices=["codepoint", "utf-16"], default="codepoint", help_text="Unit of start/end."
    )
    quote = serializers.CharField(
        required=False,
        trim_whitespace=False,
        max_length=limits.ARTICLE_TEXT,
        help_text="Cross-checked against the offsets.",
    )
    revision = StrictIntegerField(
        required=False, min_value=1, max_value=2**31 - 1,
        help_text="The revision the offsets were taken from; 409 if it is no longer current.",
    )  # fmt: skip


class ClaimUpdateSerializer(StrictInputSerializer):
    """PATCH: only what the reviewer wrote; the anchored span and workflow never change here."""

    statement = serializers.CharField(allow_blank=True, max_length=limits.STATEMENT)
    claimant = serializers.CharField(allow_blank=True, max_length=limits.CLAIMANT)


class SourceInputSerializer(StrictInputSerializer):
    """POST and PATCH of a source; the URL rules live in services.validate_source_url."""

    url = serializers.CharField(max_length=limits.URL, help_text="An http or https address.")
    title = serializers.CharField(required=False, allow_blank=True, max_length=limits.TITLE)
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=200)
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    excerpt = serializers.CharField(required=False, allow_blank=True, max_length=limits.EXCERPT)
    stance = serializers.ChoiceField(choices=Source.Stance.choices, required=False)


class VerdictInputSerializer(StrictInputSerializer):
    rating = RatingField()
    rationale = serializers.CharField(max_length=limits.PROSE)


class PublishSerializer(StrictInputSerializer):
    rating = RatingField()
    rationale = serializers.CharField(max_length=limits.PROSE, help_text="Published reasoning.")
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=limits.PROSE,
        help_text="Correction note, when publishing again.",
    )


class CorrectSerializer(StrictInputSerializer):
    rating = RatingField()
    rationale = serializers.CharField(max_length=limits.PROSE, help_text="The corrected reasoning.")
    note = serializers.CharField(
        max_length=limits.PROSE, help_text="What was corrected and why; shown to readers."
    )


class RetractSerializer(StrictInputSerializer):
    note = serializers.CharField(
        max_length=limits.PROSE, help_text="Why the fact-check is retracted; shown to readers."
    )


class AssignSerializer(StrictInputSerializer):
    reviewers = serializers.ListField(
        child=serializers.CharField(max_length=150),
        min_length=1,
        max_length=50,
        help_text="Usernames of reviewers to assign.",
    )


class AssignmentSerializer(serializers.ModelSerializer):
    reviewer = _username("reviewer")
    assigned_by = _username("assigned_by")

    class Meta:
        model = Assignment
        fields = ["reviewer", "assigned_by", "assigned_at"]
        read_only_fields = fields


class HistoryEntrySerializer(serializers.ModelSerializer):
    actor = serializers.CharField(
        source="actor.username", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = HistoryEntry
        fields = ["id", "at", "actor", "action", "object_type", "object_id", "changes", "reason"]
        read_only_fields = fields


class ReviewerAgreementSerializer(serializers.Serializer):
    reviewer = serializers.CharField()
    claims = serializers.IntegerField(help_text="Claims with 2+ verdicts this reviewer rated.")
    pairs = serializers.IntegerField(help_text="Comparisons with other reviewers' verdicts.")
    agreeing_pairs = serializers.IntegerField()
    percent = serializers.FloatField(allow_null=True, help_text="agreeing_pairs / pairs.")


class AgreementStatsSerializer(serializers.Serializer):
    claims = serializers.IntegerField(help_text="Claims with two or more verdicts.")
    verdicts = serializers.IntegerField()
    percent_agreement = serializers.FloatField(
        allow_null=True, help_text="Share of reviewer pairs per claim giving the same rating."
    )
    alpha_nominal = serializers.FloatField(
        allow_null=True, help_text="Krippendorff's alpha, ratings as categories."
    )
    alpha_interval = serializers.FloatField(
        allow_null=True, help_text="Krippendorff's alpha on the graded 5..1 ratings only."
    )
    reviewers = ReviewerAgreementSerializer(many=True)


class RatingInfoSerializer(serializers.Serializer):
    # A plain string: as a ChoiceField, the schema would name the same enum twice.
    value = serializers.CharField(help_text="The value verdicts and publications use.")
    label = serializers.CharField()
    numeric_value = serializers.IntegerField(
        allow_null=True, help_text="schema.org ratingValue (5 true .. 1 false); null if ungraded."
    )
    description = serializers.CharField()
