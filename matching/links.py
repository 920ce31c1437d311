"""Reading match links, from either side. Pure reads (selectors)."""

from django.db.models import Q
from django.urls import reverse

from annotations.models import PUBLIC_STATUSES
from annotations.ratings import label
from matching.models import MatchLink


def links_of(claim_id: int) -> list[MatchLink]:
    """Links made on this claim's card, and links other claims' cards made to it (one query)."""
    return list(
        MatchLink.objects.filter(Q(claim_id=claim_id) | Q(target_claim_id=claim_id))
        .select_related("claim", "target_claim", "target_claimreview", "created_by")
        .order_by("-created_at", "-id")
    )


def describe(link: MatchLink, claim_id: int) -> dict:
    """The other side of `link`, seen from claim `claim_id`, with what may be shown of it.

    A desk claim's verdicts are under blind review: only a published (or retracted)
    claim's public rating is ever shown.
    """
    if link.target_claimreview_id:
        review = link.target_claimreview
        other = {
            "kind": "claimreview",
            "id": review.pk,
            "text": review.claim_reviewed,
            "rating": review.rating,
            "rating_label": label(review.rating) if review.rating else "",
            "publisher": review.publisher_name,
            "url": review.url,
            "date": review.date_published.isoformat() if review.date_published else None,
        }
    else:
        target = link.claim if link.target_claim_id == claim_id else link.target_claim
        public = target.status in PUBLIC_STATUSES
        if public:
            url = reverse("factchecks:detail", args=[target.pk])
        else:
            url = f"/articles/{target.article_id}/#claim-{target.pk}"
        other = {
            "kind": "factcheck" if public else "claim",
            "id": target.pk,
            "text": target.quote,
            "rating": target.rating if public else None,
            "rating_label": label(target.rating) if public and target.rating else "",
            "publisher": "",
            "date": None,
            "url": url,
        }
    return {**other, "status": link.status, "score": link.score,
            "direction": "outgoing" if link.claim_id == claim_id else "incoming",
            "decided_by": link.created_by.get_username(),
            "decided_at": link.created_at.isoformat()}  # fmt: skip


def export_links(claim_id: int) -> list[dict]:
    """Confirmed links as plain JSON (the claim API and W3C annotation export them)."""
    return [
        {k: v for k, v in describe(link, claim_id).items() if k in ("kind", "id", "url", "text")}
        for link in links_of(claim_id)
        if link.status == MatchLink.Status.CONFIRMED
    ]


def same_claims_for_export(claim, user) -> list[dict]:
    """annotations.claim_links provider: confirmed links of `claim` that `user` may see.

    The public sees links to public records only (our published or retracted
    fact-checks, imported ClaimReviews), never that a desk claim exists.
    """
    from annotations.permissions import can_see_unpublished

    desk = can_see_unpublished(user)
    out = []
    for link in links_of(claim.pk):
        if link.status != MatchLink.Status.CONFIRMED:
            continue
        other = describe(link, claim.pk)
        if other["kind"] == "claim" and not desk:
            continue
        out.append({"url": other["url"], "kind": other["kind"], "text": other["text"]})
    return out
