"""Reading claims, sources and verdicts: what a user may see, loaded in one batch.

Every list in the API and the UI comes from here, with the joins and prefetches
its serializer needs, so a page of 10 or 200 rows costs the same few queries.
Blind review is applied here too: while a claim is in review, a reviewer sees
other reviewers' verdicts only once they have given their own.
"""

from itertools import pairwise

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from annotations.agreement import claim_agreement
from annotations.models import PUBLIC_STATUSES, Assignment, Claim, Publication, Source, Verdict
from annotations.permissions import can_see_unpublished, sees_all_verdicts


def visible_claims(user) -> QuerySet[Claim]:
    """Claims `user` may read: all for the desk, published and retracted ones for others."""
    claims = Claim.objects.select_related("article", "created_by", "published_by")
    if not can_see_unpublished(user):
        claims = claims.filter(status__in=PUBLIC_STATUSES)
    return claims.prefetch_related(
        Prefetch("sources", queryset=Source.objects.select_related("added_by")),
        Prefetch("verdicts", queryset=Verdict.objects.select_related("reviewer")),
        Prefetch("publications", queryset=Publication.objects.select_related("editor")),
        Prefetch("assignments", queryset=Assignment.objects.select_related("reviewer")),
    )


def visible_sources(user) -> QuerySet[Source]:
    sources = Source.objects.select_related("added_by", "claim")
    if not can_see_unpublished(user):
        sources = sources.filter(claim__status__in=PUBLIC_STATUSES)
    return sources


def visible_verdicts(user) -> QuerySet[Verdict]:
    """Individual verdicts are desk records, under blind review while a claim is in review."""
    verdicts = Verdict.objects.select_related("reviewer", "claim")
    if not can_see_unpublished(user):
        return verdicts.none()
    if sees_all_verdicts(user):
        return verdicts
    own_on_same_claim = Verdict.objects.filter(claim=OuterRef("claim"), reviewer=user)
    return verdicts.filter(
        ~Q(claim__status=Claim.Status.IN_REVIEW) | Q(reviewer=user) | Exists(own_on_same_claim)
    )


def verdicts_visible_on(claim: Claim, user) -> list[Verdict]:
    """The claim's prefetched verdicts that `user` may see; no query (see visible_claims)."""
    verdicts = list(claim.verdicts.all())
    if not can_see_unpublished(user):
        return []
    if sees_all_verdicts(user) or claim.status != Claim.Status.IN_REVIEW:
        return verdicts
    if any(verdict.reviewer_id == user.pk for verdict in verdicts):
        return verdicts
    return []


def blind_to_others_verdicts(claim: Claim, user) -> bool:
    """Does blind review still hide other reviewers' verdicts on `claim` from `user`?

    Uses the prefetched verdicts (see visible_claims): no query.
    """
    if sees_all_verdicts(user) or claim.status != Claim.Status.IN_REVIEW:
        return False
    return not any(verdict.reviewer_id == user.pk for verdict in claim.verdicts.all())


def agreement_seen_by(claim: Claim, user) -> str:
    """Agreement over the verdicts `user` may see, so blind review leaks nothing."""
    return claim_agreement([verdict.rating for verdict in verdicts_visible_on(claim, user)])


def ratings_by_claim(claim_ids=None, *, viewer=None) -> dict[int, dict[str, str]]:
    """{claim id: {reviewer username: rating}} in one query, for agreement figures.

    With a `viewer` who is under blind review, claims still in review are left
    out: even aggregate figures over them could tell whether the others agree.
    """
    rows = Verdict.objects.values_list("claim_id", "reviewer__username", "rating")
    if claim_ids is not None:
        rows = rows.filter(claim_id__in=claim_ids)
    if viewer is not None and not sees_all_verdicts(viewer):
        rows = rows.exclude(claim__status=Claim.Status.IN_REVIEW)
    result: dict[int, dict[str, str]] = {}
    for claim_id, reviewer, rating in rows.order_by("claim_id", "id"):
        result.setdefault(claim_id, {})[reviewer] = rating
    return result


def agreement_by_claim(user) -> dict[int, str]:
    """{claim id: agreement `user` sees} for every claim with two or more verdicts; one query.

    The same answer as ClaimSerializer's `agreement` (agreement_seen_by), so the
    claim list's `?agreement=` filter never reveals what blind review hides: a
    reviewer without a verdict on a claim in review sees "none" there.
    """
    if not can_see_unpublished(user):
        return {}
    rows = Verdict.objects.values_list("claim_id", "claim__status", "reviewer_id", "rating")
    claims: dict[int, tuple[str, dict[int, str]]] = {}
    for claim_id, status, reviewer_id, rating in rows.order_by("claim_id", "id"):
        claims.setdefault(claim_id, (status, {}))[1][reviewer_id] = rating
    blind = not sees_all_verdicts(user)
    return {
        claim_id: claim_agreement(list(ratings.values()))
        for claim_id, (status, ratings) in claims.items()
        if len(ratings) >= 2
        and not (blind and status == Claim.Status.IN_REVIEW and user.pk not in ratings)
    }


def conflicting_claim_ids() -> list[int]:
    """Claims whose reviewers conflict; one query over the verdicts, judged in Python."""
    return [
        claim_id
        for claim_id, ratings in ratings_by_claim().items()
        if claim_agreement(list(ratings.values())) == "conflict"
    ]


def corrections_of(claim: Claim) -> list[dict]:
    """Corrections in date order, each with the rating it replaced (no query: prefetched)."""
    rows = []
    for previous, current in pairwise(claim.publications.all()):
        if current.kind == Publication.Kind.CORRECTION:
            rows.append(
                {"date": current.published_at, "note": current.note,
                 "previous_rating": previous.rating, "rating": current.rating}
            )  # fmt: skip
    return rows
