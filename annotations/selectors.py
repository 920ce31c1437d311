"""Reading claims, sources and verdicts: what a user may see, loaded in one batch.

Every list in the API and the UI comes from here, with the joins and prefetches
its serializer needs, so a page of 10 or 200 rows costs the same few queries.
Blind review is applied here too: until a claim is published (as a draft or in
review), a reviewer sees other reviewers' verdicts only once they have given
their own. Drafts count because the reader's "Add claim" dialog records a first
verdict on the new draft, and a claim can be sent back to draft from review.
"""

from functools import partial
from itertools import pairwise

from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, NullIf

from annotations import claim_list_cache
from annotations.agreement import claim_agreement
from annotations.models import PUBLIC_STATUSES, Assignment, Claim, Publication, Source, Verdict
from annotations.permissions import can_see_unpublished, sees_all_verdicts
from annotations.querysets import mark_flagged_parts
from factcheck.compiled import CompiledQuery
from factcheck.prefetch import related

# The claim's parts that ClaimSerializer shows, each prefetched by visible_claims.
CLAIM_PARTS = ("sources", "verdicts", "publications", "assignments")


def visible_claims(user) -> QuerySet[Claim]:
    """Claims `user` may read: all for the desk, published and retracted ones for others."""
    claims = Claim.objects.select_related("article", "created_by", "published_by")
    if not can_see_unpublished(user):
        claims = claims.filter(status__in=PUBLIC_STATUSES)
    return claims.skipping_empty_parts().prefetch_related(
        Prefetch("sources", queryset=Source.objects.select_related("added_by", "archive")),
        Prefetch("verdicts", queryset=Verdict.objects.select_related("reviewer")),
        Prefetch("publications", queryset=Publication.objects.select_related("editor")),
        Prefetch("assignments", queryset=Assignment.objects.select_related("reviewer")),
    )


def as_rendered(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """`claims` with what ClaimSerializer reads and no more: the article's id, not its
    row (no join, no Article instance per claim), and of the author and the publisher
    the username, not their other ten columns (a password hash among them)."""
    columns = [field.name for field in Claim._meta.concrete_fields]
    claims = claims.select_related(None).select_related("created_by", "published_by")
    return claims.only(*columns, "created_by__username", "published_by__username")


def _article_claims(desk: bool, article_id, fingerprint: bool = False) -> QuerySet[Claim]:
    claims = as_rendered(Claim.objects.all())
    if not desk:
        claims = claims.filter(status__in=PUBLIC_STATUSES)
    claims = claims.filter(article_id=article_id).with_part_flags()
    if fingerprint:
        # What the rows show, fingerprinted in the same statement (claim_list_cache);
        # PostgreSQL computes the uncorrelated subquery once, not per row.
        sql, template = claim_list_cache.fingerprint_sql(desk)
        params = [article_id if value == "article" else value for value in template]
        claims = claims.annotate(list_fingerprint=RawSQL(sql, params))  # noqa: S611
    return claims.order_by("start", "end", "id")


# Compiled once per process for the desk and for everyone else (issue 9: building
# and compiling this queryset was about a third of the request's CPU).
_ARTICLE_CLAIMS = {
    (desk, fingerprint): CompiledQuery(
        partial(_article_claims, desk, fingerprint=fingerprint), -918273645
    )
    for desk in (True, False)
    for fingerprint in (True, False)
}


def article_claims_queryset(user, article_id: int) -> QuerySet[Claim]:
    """The claims of one article `user` may see, in text order, as a queryset
    (keyset pages, counts); article_claims is the same rows, faster."""
    claims = _article_claims(can_see_unpublished(user), article_id)
    return claims.skipping_empty_parts().prefetch_related(
        *visible_claims(user)._prefetch_related_lookups
    )


def article_claims(user, article_id: int, *, limit: int, offset: int = 0) -> list[Claim]:
    """Rows `offset` to `offset + limit` of article_claims_queryset, with the same
    instances and prefetches, from SQL compiled once; parts only for claims that
    have some (flags in the same query)."""
    # With the claims list cache on, the rows carry their fingerprint (claim_list_cache).
    compiled = _ARTICLE_CLAIMS[can_see_unpublished(user), claim_list_cache.supported()]
    claims = compiled.rows(article_id, limit=limit, offset=offset)
    if claims and mark_flagged_parts(claims, list(CLAIM_PARTS)):
        prefetch_related_objects(claims, *visible_claims(user)._prefetch_related_lookups)
    return claims


def visible_sources(user) -> QuerySet[Source]:
    sources = Source.objects.select_related("added_by", "claim", "archive")
    if not can_see_unpublished(user):
        sources = sources.filter(claim__status__in=PUBLIC_STATUSES)
    return sources


def visible_verdicts(user) -> QuerySet[Verdict]:
    """Individual verdicts are desk records, under blind review until a claim is published."""
    verdicts = Verdict.objects.select_related("reviewer", "claim")
    if not can_see_unpublished(user):
        return verdicts.none()
    if sees_all_verdicts(user):
        return verdicts
    own_on_same_claim = Verdict.objects.filter(claim=OuterRef("claim"), reviewer=user)
    return verdicts.filter(
        Q(claim__status__in=PUBLIC_STATUSES) | Q(reviewer=user) | Exists(own_on_same_claim)
    )


def verdicts_visible_on(claim: Claim, user) -> list[Verdict]:
    """The claim's prefetched verdicts that `user` may see; no query (see visible_claims)."""
    if not can_see_unpublished(user) or blind_to_others_verdicts(claim, user):
        return []
    return list(related(claim, "verdicts"))


def blind_to_others_verdicts(claim: Claim, user) -> bool:
    """Does blind review still hide other reviewers' verdicts on `claim` from `user`?

    Uses the prefetched verdicts (see visible_claims): no query.
    """
    if sees_all_verdicts(user) or claim.status in PUBLIC_STATUSES:
        return False
    return not any(verdict.reviewer_id == user.pk for verdict in related(claim, "verdicts"))


def agreement_seen_by(claim: Claim, user, visible: list[Verdict] | None = None) -> str:
    """Agreement over the verdicts `user` may see, so blind review leaks nothing.

    Each reviewer counts with their first rating (Verdict.first_rating): a verdict
    changed after reading the others' must not turn a conflict into agreement.
    """
    if visible is None:  # callers that have verdicts_visible_on's answer pass it
        visible = verdicts_visible_on(claim, user)
    return claim_agreement([verdict.first_rating for verdict in visible])


# The rating each verdict was first given, in SQL (Verdict.first_rating).
FIRST_RATING = Coalesce(NullIf(F("original_rating"), Value("")), F("rating"))


def ratings_by_claim(*, viewer) -> dict[int, dict[str, str]]:
    """{claim id: {reviewer username: first rating}} in one query, for agreement figures.

    For a `viewer` under blind review only published and retracted claims count:
    even aggregate figures over the others could tell whether the reviewers agree.
    """
    rows = Verdict.objects.annotate(first=FIRST_RATING).values_list(
        "claim_id", "reviewer__username", "first"
    )
    if not sees_all_verdicts(viewer):
        rows = rows.filter(claim__status__in=PUBLIC_STATUSES)
    result: dict[int, dict[str, str]] = {}
    for claim_id, reviewer, rating in rows.order_by("claim_id", "id"):
        result.setdefault(claim_id, {})[reviewer] = rating
    return result


def agreement_by_claim(user, claims: QuerySet[Claim]) -> dict[int, str]:
    """{claim id: agreement `user` sees} for those of `claims` with two or more verdicts.

    One query, over the verdicts of `claims` only (a subquery), so a filtered list
    loads no more than its own claims' verdicts. The same answer as ClaimSerializer's
    `agreement` (agreement_seen_by), so the claim list's `?agreement=` filter never
    reveals what blind review hides: a reviewer without a verdict on an unpublished
    claim sees "none" there.
    """
    if not can_see_unpublished(user):
        return {}
    rows = (
        Verdict.objects.filter(claim__in=claims.values("pk"))
        .annotate(first=FIRST_RATING)
        .values_list("claim_id", "claim__status", "reviewer_id", "first")
    )
    by_claim: dict[int, tuple[str, dict[int, str]]] = {}
    for claim_id, status, reviewer_id, rating in rows.order_by("claim_id", "id"):
        by_claim.setdefault(claim_id, (status, {}))[1][reviewer_id] = rating
    blind = not sees_all_verdicts(user)
    return {
        claim_id: claim_agreement(list(ratings.values()))
        for claim_id, (status, ratings) in by_claim.items()
        if len(ratings) >= 2
        and not (blind and status not in PUBLIC_STATUSES and user.pk not in ratings)
    }


def corrections_of(claim: Claim) -> list[dict]:
    """Corrections in date order, each with the rating it replaced (no query: prefetched)."""
    rows = []
    for previous, current in pairwise(related(claim, "publications")):
        if current.kind == Publication.Kind.CORRECTION:
            rows.append(
                {"date": current.published_at, "note": current.note,
                 "previous_rating": previous.rating, "rating": current.rating}
            )  # fmt: skip
    return rows


def reader_marks(user, *, article_id: int) -> list[dict]:
    """The article's claims as the reader draws them: span, quote, status, rating and
    the ratings of the verdicts `user` may see (blind review applied, as in
    verdicts_visible_on), in text order; with the revision and anchor state the
    orphans panel needs (an orphan's span points into its own, older revision).

    Two queries of plain values whatever the number of claims: the reader embeds
    this in the page so that a 10,000-claim article draws at once; a card loads
    its claim in full from the API when opened.
    """
    claims = visible_claims(user).select_related(None).prefetch_related(None)
    rows = list(
        claims.filter(article_id=article_id)
        .order_by("start", "end", "id")
        .values("id", "start", "end", "quote", "revision", "anchor_state", "status", "rating")
    )
    given: dict[int, dict[int, str]] = {}
    if can_see_unpublished(user):
        verdicts = Verdict.objects.filter(claim__article_id=article_id).order_by("claim_id", "id")
        for claim_id, reviewer_id, rating in verdicts.values_list(
            "claim_id", "reviewer_id", "rating"
        ):
            given.setdefault(claim_id, {})[reviewer_id] = rating
    sees_all = sees_all_verdicts(user)
    for row in rows:
        ratings = given.get(row["id"], {})
        blind = not sees_all and row["status"] not in PUBLIC_STATUSES and user.pk not in ratings
        row["verdicts"] = [] if blind else [{"rating": rating} for rating in ratings.values()]
    return rows
