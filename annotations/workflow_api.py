"""Workflow endpoints on a claim: submit, reopen, assign, publish, correct, retract, history.

A mixin for ClaimViewSet so the CRUD viewset stays short. Each action checks
the permission table, calls one service (which checks the transition table
under a row lock) and answers with the claim, its ETag and the usual errors:
409 names the current status when a move is not allowed from it.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations import services
from annotations.agreement import agreement_stats
from annotations.filters import MAX_ID
from annotations.permissions import DeskOnly, EditorOnly, allowed, sees_all_verdicts
from annotations.selectors import blind_to_others_verdicts, ratings_by_claim
from annotations.serializers import (
    AgreementStatsSerializer,
    AssignSerializer,
    ClaimSerializer,
    CorrectSerializer,
    HistoryEntrySerializer,
    PublishSerializer,
    ReattachSerializer,
    RetractSerializer,
)
from factcheck.idempotency import idempotent
from factcheck.views_mixins import change_reason, error_responses
from history.models import HistoryEntry

_MOVE_ERRORS = error_responses(400, 401, 403, 404, 409, 412, 413, 415, 422)
_REFUSALS = {
    "submit": "Only the claim's author or an editor may do this.",
    "reopen": "Only editors may send a claim back to draft.",
}


def _claim_action(summary: str, request=None, permission_classes=None):
    """@extend_schema + @action(detail=True, POST) + @idempotent for a workflow move."""

    def decorate(method):
        extra = {"permission_classes": permission_classes} if permission_classes else {}
        routed = action(detail=True, methods=["post"], **extra)(idempotent(method))
        # extend_schema must wrap @action, not the reverse: @action replaces the method's
        # `kwargs`, where extend_schema keeps the schema, so the other order loses it.
        return extend_schema(
            summary=summary, request=request, responses={200: ClaimSerializer, **_MOVE_ERRORS}
        )(routed)

    return decorate


class ClaimWorkflowActions:
    """Mixed into ClaimViewSet, which provides get_object, validated_input and responses."""

    def _move(self, service, **kwargs):
        claim = self.get_object()
        moved = service(claim=claim, expected_version=self.expected_version(claim), **kwargs)
        return self.object_response(self.reload(moved))

    def _require(self, what: str, claim) -> None:
        if not allowed(self.request.user, "claim", what, claim):
            raise PermissionDenied(_REFUSALS[what])

    @_claim_action("Submit a draft for review (draft -> in_review)", request=None)
    def submit(self, request, pk=None):
        self._require("submit", self.get_object())
        return self._move(services.submit_claim, actor=request.user, reason=change_reason(request))

    @_claim_action("Send a claim in review back to draft (editors; in_review -> draft)",
                   request=None)  # fmt: skip
    def reopen(self, request, pk=None):
        self._require("reopen", self.get_object())
        return self._move(services.reopen_claim, actor=request.user, reason=change_reason(request))

    @_claim_action("Re-attach an orphaned or fuzzy claim to a span of the current text",
                   ReattachSerializer)  # fmt: skip
    def reattach(self, request, pk=None):
        claim = self.get_object()
        if not allowed(request.user, "claim", "edit", claim):
            raise PermissionDenied("Only the claim's author or an editor may re-attach it.")
        data = self.validated_input(ReattachSerializer)
        return self._move(services.reattach_claim, actor=request.user,
                          reason=change_reason(request), **data)  # fmt: skip

    @_claim_action("Publish the verdict (editors; in_review -> published)", PublishSerializer,
                   [EditorOnly])  # fmt: skip
    def publish(self, request, pk=None):
        data = self.validated_input(PublishSerializer)
        return self._move(services.publish_claim, editor=request.user,
                          reason=change_reason(request), **data)  # fmt: skip

    @_claim_action("Correct a published verdict (editors; a note is required)",
                   CorrectSerializer, [EditorOnly])  # fmt: skip
    def correct(self, request, pk=None):
        data = self.validated_input(CorrectSerializer)
        return self._move(services.correct_claim, editor=request.user,
                          reason=change_reason(request), **data)  # fmt: skip

    @_claim_action("Retract a published fact-check (editors; kept, never deleted)",
                   RetractSerializer, [EditorOnly])  # fmt: skip
    def retract(self, request, pk=None):
        data = self.validated_input(RetractSerializer)
        return self._move(services.retract_claim, editor=request.user,
                          reason=change_reason(request), **data)  # fmt: skip

    @_claim_action("Assign reviewers by username (editors)", AssignSerializer, [EditorOnly])
    def assign(self, request, pk=None):
        claim = self.get_object()
        data = self.validated_input(AssignSerializer)
        services.assign_reviewers(claim=claim, editor=request.user, usernames=data["reviewers"],
                                  reason=change_reason(request))  # fmt: skip
        return self.object_response(self.reload(claim))

    @extend_schema(
        summary="The claim's change history (desk only; still readable once it is deleted)",
        responses={200: HistoryEntrySerializer(many=True), **error_responses(401, 403, 404)},
    )
    # No filter_backends: the claim list's filters would otherwise be offered here and
    # applied to get_object(), turning ?status=draft into a 404 or ?article=x into a 400.
    @action(
        detail=True, methods=["get"], permission_classes=[DeskOnly], pagination_class=None,
        filter_backends=[],
    )  # fmt: skip
    def history(self, request, pk=None):
        try:
            claim = self.get_object()
        except Http404:
            # A deleted claim's trail outlives it (history rows keep the claim id).
            entries = deleted_claim_history(pk, request.user)
            if entries is None:
                raise
        else:
            entries = claim_history(claim, request.user)
        return Response(HistoryEntrySerializer(entries, many=True).data)


def claim_history(claim, user) -> QuerySet[HistoryEntry]:
    """The claim's trail as `user` may read it.

    Verdict rows carry ratings, so blind review hides other reviewers' ones here
    too until the user has given their own verdict.
    """
    entries = HistoryEntry.objects.filter(claim_id=claim.pk).select_related("actor")
    if blind_to_others_verdicts(claim, user):
        entries = entries.filter(~Q(object_type="verdict") | Q(actor=user))
    return entries


def deleted_claim_history(pk, user) -> QuerySet[HistoryEntry] | None:
    """The trail of a deleted claim, for the desk, or None if no claim `pk` was deleted.

    Blind review still holds: a reviewer who never gave a verdict on it sees no one
    else's verdict rows (the claim may have been deleted with them by an editor).
    """
    try:
        claim_id = int(pk)
    except (TypeError, ValueError):
        return None
    if not 0 < claim_id <= MAX_ID:
        return None
    entries = HistoryEntry.objects.filter(claim_id=claim_id).select_related("actor")
    deletion = entries.filter(object_type="claim", object_id=claim_id, action="delete")
    if not deletion.exists():
        return None
    own_verdict = entries.filter(object_type="verdict", action="create", actor=user)
    if not sees_all_verdicts(user) and not own_verdict.exists():
        entries = entries.filter(~Q(object_type="verdict") | Q(actor=user))
    return entries


class AgreementStatsView(APIView):
    """GET /api/v1/stats/agreement/: how often reviewers agree, overall and each."""

    permission_classes = [DeskOnly]

    @extend_schema(
        summary="Agreement between reviewers (desk only)",
        responses={200: AgreementStatsSerializer, **error_responses(401, 403)},
    )
    def get(self, request):
        stats = agreement_stats(ratings_by_claim(viewer=request.user))
        return Response(AgreementStatsSerializer(stats).data)
