"""Article input and output shapes for the API.

The list omits `text`: an article can be tens of kilobytes, and a page of 200
would ship megabytes nobody reads in a list. The detail includes it.
"""

import nh3
from django.core.validators import RegexValidator
from rest_framework import serializers

from annotations.fast_render import iso
from annotations.permissions import can_see_unpublished
from annotations.serializers import DeskUsername
from articles import importing
from articles.models import Article
from factcheck import limits
from factcheck.serializers import LongTextField, StrictInputSerializer
from factcheck.weburls import WebURLValidator

_WEB_URL = WebURLValidator()  # the rule for every stored address (factcheck.weburls)
# A BCP 47-shaped tag (en, de-CH, zh-Hant-TW); it ends up in HTML `lang` attributes.
_LANGUAGE_TAG = RegexValidator(
    r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z", "Must be a language tag like en or de-CH."
)
# Structure and head metadata survive sanitizing so the extractor can still find
# the title and byline; scripts, styles, event handlers and embeds never do.
_HTML_TAGS = nh3.ALLOWED_TAGS | {"title", "meta", "main", "section"}
_HTML_ATTRIBUTES = {"meta": {"name", "property", "content"}, "time": {"datetime"}}


class ArticleListSerializer(serializers.ModelSerializer):
    # Not a URLField: the schema would then promise a URI, and most articles have none ("").
    url = serializers.CharField(
        read_only=True, help_text="Canonical address of the original page, or empty."
    )
    # Who imported it is desk information: null for public readers (issue 8).
    created_by = DeskUsername("created_by")
    claim_count = serializers.IntegerField(
        read_only=True, help_text="Claims on this article that you may see."
    )

    class Meta:
        model = Article
        fields = [
            "id", "url", "title", "publisher", "byline", "published_at", "language",
            "claim_count", "revision", "revised_at", "created_by", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def to_representation(self, article: Article) -> dict:
        # ModelSerializer builds its fields from the model on every instance and renders
        # them one by one: about a tenth of an upload's CPU (issue 9). The same dictionary,
        # written out; tests/articles/test_article_render.py compares the two.
        if type(self) not in (ArticleListSerializer, ArticleSerializer):
            return super().to_representation(article)
        return article_dict(article, _viewer(self.context), text="text" in self.Meta.fields)

    def generic_representation(self, article: Article) -> dict:
        """DRF's own rendering from the declared fields: the reference for article_dict."""
        return super().to_representation(article)


class ArticleSerializer(ArticleListSerializer):
    class Meta(ArticleListSerializer.Meta):
        fields = [
            "id", "url", "title", "publisher", "byline", "published_at", "language", "text",
            "claim_count", "revision", "revised_at", "created_by", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


def _viewer(context: dict):
    request = context.get("request")
    return request.user if request is not None else None


def article_dict(article: Article, viewer, *, text: bool) -> dict:
    """ArticleSerializer's (text=True) or ArticleListSerializer's output for `viewer`
    (None without a request: no desk fields, as DeskUsername does)."""
    creator = None
    if viewer is not None and can_see_unpublished(viewer) and article.created_by is not None:
        creator = article.created_by.username
    shown = {
        "id": article.pk, "url": article.url, "title": article.title,
        "publisher": article.publisher, "byline": article.byline,
        "published_at": iso(article.published_at), "language": article.language,
    }  # fmt: skip
    if text:
        shown["text"] = article.text
    shown.update({
        "claim_count": article.claim_count, "revision": article.revision,
        "revised_at": iso(article.revised_at), "created_by": creator,
        "created_at": iso(article.created_at), "updated_at": iso(article.updated_at),
    })  # fmt: skip
    return shown


class AnchoringOutcomeSerializer(serializers.Serializer):
    """What a text change did to one claim (annotations.reanchoring)."""

    claim = serializers.IntegerField(help_text="The claim's id.")
    outcome = serializers.ChoiceField(
        choices=["unchanged", "moved", "fuzzy", "orphaned"],
        help_text="unchanged, moved (found word for word elsewhere), fuzzy (a similar span next "
        "to its context; flagged for review) or orphaned (not found; offsets unchanged).",
    )
    start = serializers.IntegerField(help_text="Offset into the text of `revision`.")
    end = serializers.IntegerField(help_text="End offset (exclusive) into `revision`'s text.")
    quote = serializers.CharField(help_text="The claim's quote now (the old one, if orphaned).")
    revision = serializers.IntegerField(help_text="The revision the offsets point into.")
    similarity = serializers.FloatField(
        allow_null=True, help_text="0..1 for fuzzy matches; 1 for exact ones; null for orphans."
    )


class ArticleChangeSerializer(ArticleSerializer):
    """The PATCH answer: the article, and each claim's re-anchoring when the text changed."""

    anchoring = AnchoringOutcomeSerializer(
        many=True,
        read_only=True,
        help_text="One entry per claim; empty when the text is unchanged.",
    )

    class Meta(ArticleSerializer.Meta):
        fields = ["anchoring", *ArticleSerializer.Meta.fields]
        read_only_fields = fields


class ArticleRevisionListSerializer(serializers.Serializer):
    """A revision without its text (the list), in the order the text changed."""

    number = serializers.IntegerField(help_text="1 is the text as first imported.")
    title = serializers.CharField(help_text="The headline at this revision.")
    text_sha256 = serializers.CharField(help_text="SHA-256 of the text (UTF-8).")
    origin = serializers.CharField(help_text="original, edit, import or check.")
    reason = serializers.CharField(help_text="Why, when the author said so.")
    created_by = DeskUsername(
        "created_by", help_text="Who changed the text; null for imports and system checks, and "
        "for public readers.",
    )  # fmt: skip
    created_at = serializers.DateTimeField(help_text="When this text became current.")


class ArticleRevisionSerializer(ArticleRevisionListSerializer):
    text = serializers.CharField(help_text="The full text at this revision; claims' offsets "
                                 "(for their `revision`) point into it.")  # fmt: skip


class ArticleUpdateSerializer(StrictInputSerializer):
    """PATCH: metadata and `text`; a new text adds a revision and re-anchors the claims."""

    title = serializers.CharField(max_length=500)
    url = serializers.CharField(max_length=2000, allow_blank=True, validators=[_WEB_URL])
    publisher = serializers.CharField(max_length=200, allow_blank=True)
    byline = serializers.CharField(max_length=300, allow_blank=True)
    published_at = serializers.DateTimeField(allow_null=True)
    language = serializers.CharField(max_length=35, validators=[_LANGUAGE_TAG])
    text = LongTextField(trim_whitespace=False, max_length=limits.ARTICLE_TEXT)


class ArticleCreateSerializer(ArticleUpdateSerializer):
    """POST: `text`, or `html` that the server sanitizes and reduces to plain text.

    With `html`, fields left out (title, byline, publisher, ...) are taken from
    the page; fields given in the body win.
    """

    title = serializers.CharField(max_length=500, required=False)
    url = serializers.CharField(
        max_length=2000, allow_blank=True, required=False, validators=[_WEB_URL]
    )
    publisher = serializers.CharField(max_length=200, allow_blank=True, required=False)
    byline = serializers.CharField(max_length=300, allow_blank=True, required=False)
    published_at = serializers.DateTimeField(allow_null=True, required=False)
    language = serializers.CharField(max_length=35, required=False, validators=[_LANGUAGE_TAG])
    text = LongTextField(trim_whitespace=False, required=False, max_length=limits.ARTICLE_TEXT)
    html = LongTextField(
        required=False, write_only=True, help_text="An HTML page; only its text is stored."
    )

    def validate(self, attrs: dict) -> dict:
        if ("text" in attrs) == ("html" in attrs):
            raise serializers.ValidationError(
                {"text": ["Give either text or html, not both and not neither."]}
            )
        if "html" in attrs:
            attrs = {**_from_html(attrs.pop("html")), **attrs}
        if not attrs.get("title"):
            raise serializers.ValidationError({"title": ["This field is required."]})
        return attrs


def _from_html(html: str) -> dict:
    """Sanitize with nh3, then extract text and metadata; markup is never stored."""
    try:
        (data,) = importing.parse_html(
            nh3.clean(html, tags=_HTML_TAGS, attributes=_HTML_ATTRIBUTES)
        )
    except importing.ImportDataError as error:
        raise serializers.ValidationError({"html": [error.message]}) from None
    extracted = {
        "title": data.title, "text": data.text, "url": data.url, "publisher": data.publisher,
        "byline": data.byline, "published_at": data.published_at,
    }  # fmt: skip
    return {name: value for name, value in extracted.items() if value}
