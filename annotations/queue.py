"""The review queue: claims that need a reviewer or an editor, and why.

A claim needs attention while it is unpublished: nobody has given a verdict
yet, the reviewers' ratings differ, or they agree and it awaits an editor.
Claims assigned to the user come first. Each reason is an annotation the
database computes, so the queue page costs the same few queries for any number
of rows.

Blind review holds here as in the API: on an unpublished claim, a reviewer who
has not given a verdict sees none of the others' (annotations.selectors), so
the counts, the reasons and the rating and agreement filters are computed over
the verdicts the user may see, never over all of them.
"""

from django.db import models
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.utils.translation import gettext_lazy as _

from annotations.models import PUBLIC_STATUSES, Assignment, Claim, Publication, Verdict
from annotations.permissions import can_publish, sees_all_verdicts
from annotations.selectors import agreement_by_claim


class Reason(models.TextChoices):
    """Why a claim is in the queue; the values are the page's `?review=` filter."""

    ORPHANED = "orphaned", _("Lost in the changed article: re-attach")
    ANCHOR_CHECK = "anchor-check", _("Quote changed with the article: confirm")
    ARTICLE_CHANGED = "article-changed", _("Article changed since publication")
    NEEDS_VERDICT = "needs-verdict", _("No verdict yet")
    DISPUTED = "disputed", _("Ratings differ")
    AWAITING_PUBLICATION = "awaiting-publication", _("Awaiting publication")


_REASON_FILTERS = {
    Reason.ORPHANED: Q(anchor_state="orphaned"),
    Reason.ANCHOR_CHECK: Q(anchor_state="fuzzy"),
    Reason.ARTICLE_CHANGED: Q(article_changed=True),
    Reason.NEEDS_VERDICT: Q(verdict_count=0),
    Reason.DISPUTED: Q(rating_count__gt=1),
    Reason.AWAITING_PUBLICATION: Q(verdict_count__gt=0, rating_count=1),
}


def review_queue(
    *, user, reason: str = "", status: str = "", rating: str = "", agreement: str = ""
) -> QuerySet[Claim]:
    """`user`'s queue: assigned claims first, then oldest first.

    Each claim is annotated with `assigned_to_me`, `blind` (others' verdicts are
    hidden from `user`), and `verdict_count` and `rating_count` (distinct ratings)
    over the verdicts `user` may see; its verdicts are prefetched for the same
    check (selectors.verdicts_visible_on). Without a `status`, published and
    retracted claims are left out (they have left the queue), except, for
    editors, published ones whose article changed since publication or whose
    anchor was lost: those need an editor's look. The user's own orphaned or
    fuzzy claims come right after the assigned ones. `rating` matches the
    published rating or a visible verdict's; `agreement` costs one query more.
    """
    claims = (
        Claim.objects.select_related("article")
        .defer("article__text")
        .annotate(
            assigned_to_me=Exists(Assignment.objects.filter(claim=OuterRef("pk"), reviewer=user)),
            blind=ExpressionWrapper(_blind_to(user), output_field=BooleanField()),
            article_changed=ExpressionWrapper(_article_changed(), output_field=BooleanField()),
            mine_to_reattach=ExpressionWrapper(
                Q(created_by=user.pk) & ~Q(anchor_state="anchored"), output_field=BooleanField()
            ),
        )
        .annotate(
            verdict_count=Count("verdicts", filter=Q(blind=False)),
            rating_count=Count("verdicts__rating", distinct=True, filter=Q(blind=False)),
        )
        .prefetch_related(
            Prefetch(
                "verdicts",
                queryset=Verdict.objects.only("claim", "reviewer", "rating", "original_rating"),
            )
        )
        .order_by("-assigned_to_me", "-mine_to_reattach", "created_at", "id")
    )
    claims = claims.filter(status=status) if status else claims.filter(_open_or_editors(user))
    if reason in _REASON_FILTERS:
        claims = claims.filter(_REASON_FILTERS[reason])
        if reason not in _EDITOR_REASONS:
            claims = claims.exclude(status__in=PUBLIC_STATUSES)
    if rating:
        rated = Verdict.objects.filter(claim=OuterRef("pk"), rating=rating)
        claims = claims.filter(Q(rating=rating) | (Exists(rated) & Q(blind=False)))
    if agreement:
        # The same blind-aware answer as the API's filter, over this queue's claims only.
        judged = agreement_by_claim(user, claims)
        claims = claims.filter(pk__in=[pk for pk, found in judged.items() if found == agreement])
    return claims


_EDITOR_REASONS = (Reason.ORPHANED, Reason.ANCHOR_CHECK, Reason.ARTICLE_CHANGED)


def _article_changed() -> Q:
    """Published, and no publication was made against the article's current revision."""
    current = Publication.objects.filter(
        claim=OuterRef("pk"), article_revision__gte=OuterRef("article__revision")
    )
    return Q(status=Claim.Status.PUBLISHED) & ~Exists(current)


def _open_or_editors(user) -> Q:
    """Unpublished claims; for editors also published ones the article's change affects."""
    unpublished = ~Q(status__in=PUBLIC_STATUSES)
    if not can_publish(user):
        return unpublished
    return (
        unpublished
        | Q(article_changed=True)
        | (Q(status=Claim.Status.PUBLISHED) & ~Q(anchor_state="anchored"))
    )


def _blind_to(user) -> Q | Value:
    """True for claims whose other verdicts blind review hides from `user` (selectors)."""
    if sees_all_verdicts(user):
        return Value(False)
    own_verdict = Verdict.objects.filter(claim=OuterRef("pk"), reviewer=user)
    return ~Q(status__in=PUBLIC_STATUSES) & ~Exists(own_verdict)


def reason_for(claim: Claim) -> Reason | None:
    """The queue reason of a claim annotated by review_queue; None once public and settled."""
    if claim.anchor_state == "orphaned":
        return Reason.ORPHANED
    if claim.anchor_state == "fuzzy":
        return Reason.ANCHOR_CHECK
    if getattr(claim, "article_changed", False):
        return Reason.ARTICLE_CHANGED
    if claim.status in PUBLIC_STATUSES:
        return None
    if claim.verdict_count == 0:
        return Reason.NEEDS_VERDICT
    if claim.rating_count > 1:
        return Reason.DISPUTED
    return Reason.AWAITING_PUBLICATION
