"""Input and output shapes of the matching endpoints."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from factcheck.serializers import StrictInputSerializer

MAX_TEXT = 5000
MAX_LIMIT = 20


class MatchInputSerializer(StrictInputSerializer):
    """Strict like every API input: `"text": 0` is a 400, not a search for "0"
    (schemathesis ST201 against the live server, bench/security_probe.py)."""

    text = serializers.CharField(
        max_length=MAX_TEXT, help_text="The post or claim to look up (any messy text)."
    )
    limit = serializers.IntegerField(min_value=1, max_value=MAX_LIMIT, default=5)
    language = serializers.RegexField(
        r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", max_length=16, required=False, allow_blank=True,
        help_text=_("Only fact-checks in this language (BCP 47 tag, e.g. en or pt-BR)."),
    )  # fmt: skip

    def validate_text(self, value: str) -> str:
        if not any(ch.isalnum() for ch in value):
            raise serializers.ValidationError(_("The text needs at least one word."))
        return value


class MatchResultSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["factcheck", "claimreview", "claim"])
    id = serializers.IntegerField()
    text = serializers.CharField(help_text="The checked claim.")
    rating = serializers.CharField(allow_null=True, help_text="On our scale; null when unmapped.")
    rating_label = serializers.CharField(allow_blank=True)
    publisher = serializers.CharField(allow_blank=True)
    date = serializers.CharField(allow_null=True, help_text="When the check was published.")
    url = serializers.CharField(help_text="Our public page, or the imported url exactly.")
    retracted = serializers.BooleanField()
    score = serializers.FloatField(help_text="Calibrated 0-1: P(this is the same claim).")
    match = serializers.ChoiceField(choices=["same", "related"])
    reasons = serializers.ListField(child=serializers.CharField())
    link = serializers.CharField(
        allow_null=True, required=False, help_text="A reviewer's decision: confirmed or dismissed."
    )


class MatchLinkSerializer(serializers.Serializer):
    """A reviewer's decision, seen from one claim: the other side and who decided."""

    kind = serializers.ChoiceField(choices=["factcheck", "claimreview", "claim"])
    id = serializers.IntegerField()
    text = serializers.CharField()
    rating = serializers.CharField(allow_null=True)
    rating_label = serializers.CharField(allow_blank=True)
    publisher = serializers.CharField(allow_blank=True)
    date = serializers.CharField(allow_null=True)
    url = serializers.CharField()
    status = serializers.ChoiceField(choices=["confirmed", "dismissed"])
    score = serializers.FloatField()
    direction = serializers.ChoiceField(
        choices=["outgoing", "incoming"],
        help_text="outgoing: decided on this claim's card; incoming: on the other claim's.",
    )
    decided_by = serializers.CharField()
    decided_at = serializers.DateTimeField()


class MatchListSerializer(serializers.Serializer):
    results = MatchResultSerializer(many=True)


class ClaimMatchListSerializer(MatchListSerializer):
    links = MatchLinkSerializer(many=True, help_text="Decisions about this claim, both sides.")


class MatchLinkInputSerializer(StrictInputSerializer):
    kind = serializers.ChoiceField(choices=["factcheck", "claimreview", "claim"])
    target_id = serializers.IntegerField(min_value=1)
    status = serializers.ChoiceField(choices=["confirmed", "dismissed"])
    score = serializers.FloatField(min_value=0, max_value=1, default=0)
