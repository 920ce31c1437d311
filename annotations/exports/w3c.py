"""W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) for claims.

A claim becomes one Annotation: its target is the article with a TextQuoteSelector
and a TextPositionSelector (code points, end exclusive: exactly the model's unit
and ours), its bodies are the assessment(s) and one link per source. An article's
claims form an AnnotationCollection paged into AnnotationPages (model section 5).

Pure functions: the caller decides visibility (`verdicts_for`) and passes
claims loaded by `selectors.visible_claims`, whose prefetches are read here.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from annotations.exports import VerdictsFor, xsd_datetime
from annotations.models import Claim, Publication
from annotations.ratings import label
from articles.models import Article

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
GENERATOR_NAME = "factcheck"
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 200
API_PREFIX = "/api/v1"


@dataclass(frozen=True)
class Iris:
    """Absolute IRIs of the resources an export names.

    `base` is "scheme://host" without a trailing slash. Ids must be absolute
    (model 3.1); the paths mirror annotations.export_urls, kept here so the
    builders stay free of request and URLconf state.
    """

    base: str
    # Set for public readers: every creator is then this organisation, because who
    # on the desk marked or published a claim is not public information.
    public_author: str = ""

    @property
    def site(self) -> str:
        return f"{self.base}/"

    def annotation(self, claim_id: int) -> str:
        return f"{self.base}{API_PREFIX}/claims/{claim_id}/annotation/"

    def article(self, article_id: int) -> str:
        return f"{self.base}{API_PREFIX}/articles/{article_id}/"

    def revision(self, article_id: int, number: int) -> str:
        return f"{self.base}{API_PREFIX}/articles/{article_id}/revisions/{number}/"

    def collection(self, article_id: int) -> str:
        return f"{self.base}{API_PREFIX}/articles/{article_id}/annotations/"

    def user(self, username: str) -> str:
        return f"{self.base}{API_PREFIX}/users/{quote(username, safe='')}/"


@dataclass(frozen=True)
class Paging:
    """One page of a collection: `number` counts from 1, `total` is every visible claim."""

    number: int
    size: int
    total: int

    @property
    def last(self) -> int:
        # An empty collection still has page 1 (empty), so `?page=1` never 404s.
        return max(1, -(-self.total // self.size))

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.size


# --- one annotation -----------------------------------------------------------------------


def annotation_for(
    claim: Claim, *, iris: Iris, verdicts_for: VerdictsFor | None, same_as: list[dict] = ()
) -> dict[str, Any]:
    """The claim as a standalone Annotation document, with its own @context.

    `same_as`: records reviewers confirmed to be the same claim (annotations.claim_links),
    each an `identifying` SpecificResource body after the sources.
    """
    annotation = {"@context": ANNO_CONTEXT, **_annotation(claim, iris, verdicts_for)}
    if same_as:
        bodies = annotation.setdefault("body", [])
        for link in same_as:
            url = link["url"] if "://" in link["url"] else iris.base + link["url"]
            bodies.append({"type": "SpecificResource", "purpose": "identifying", "source": url})
        # Keep the key order of an annotation without links: body before target.
        annotation["target"] = annotation.pop("target")
    return annotation


def _annotation(claim: Claim, iris: Iris, verdicts_for: VerdictsFor | None) -> dict[str, Any]:
    assessments, changed = _assessments(claim, iris, verdicts_for)
    notices = _retraction_notices(claim, iris)
    sources = list(claim.sources.all())
    changed += [claim.updated_at] + [source.updated_at for source in sources]
    annotation = {
        "id": iris.annotation(claim.pk),
        "type": "Annotation",
        "motivation": "assessing" if assessments else "highlighting",
        "creator": _person(claim.created_by, iris),
        "created": xsd_datetime(claim.created_at),
        "modified": xsd_datetime(max(changed)),
        "generator": {"id": iris.site, "type": "Software", "name": GENERATOR_NAME},
    }
    bodies = assessments + notices + [_source_link(source.url) for source in sources]
    if bodies:
        annotation["body"] = bodies
    annotation["target"] = _target(claim, iris)
    return annotation


def _assessments(
    claim: Claim, iris: Iris, verdicts_for: VerdictsFor | None
) -> tuple[list[dict[str, Any]], list[datetime]]:
    """Assessing bodies and their timestamps (they count towards `modified`).

    A published claim is assessed by its current publication alone: that is
    the verdict the organisation stands behind. Otherwise (before publication,
    or after a retraction withdrew it) the reader gets the individual verdicts
    `verdicts_for` allows: the desk's, under blind review; the public's, none.
    """
    language = claim.article.language
    current = _current_publication(claim)
    if current:
        return [_publication_body(current, language, iris)], [current.published_at]
    verdicts = list(verdicts_for(claim)) if verdicts_for else []
    bodies = [_verdict_body(verdict, language, iris) for verdict in verdicts]
    return bodies, [verdict.updated_at for verdict in verdicts]


def _current_publication(claim: Claim):
    """The latest publication while the claim is published; None before, or once retracted."""
    publications = list(claim.publications.all())
    if claim.status != Claim.Status.PUBLISHED or not publications:
        return None
    return max(publications, key=lambda publication: (publication.published_at, publication.pk))


def _publication_body(publication, language: str, iris: Iris) -> dict[str, Any]:
    body = _assessment(publication.rating, publication.rationale, language)
    body.update(
        creator=_person(publication.editor, iris), created=xsd_datetime(publication.published_at)
    )
    return body


def _retraction_notices(claim: Claim, iris: Iris) -> list[dict[str, Any]]:
    """A retracted claim says so, with the editor's reason, instead of the withdrawn verdict."""
    retractions = [
        publication
        for publication in claim.publications.all()
        if publication.kind == Publication.Kind.RETRACTION
    ]
    if claim.status != Claim.Status.RETRACTED or not retractions:
        return []
    latest = max(retractions, key=lambda publication: (publication.published_at, publication.pk))
    return [
        {
            "type": "TextualBody",
            "purpose": "commenting",
            "value": f"Retracted: {latest.note}",
            "format": "text/plain",
            "language": claim.article.language,
            "creator": _person(latest.editor, iris),
            "created": xsd_datetime(latest.published_at),
        }
    ]


def _verdict_body(verdict, language: str, iris: Iris) -> dict[str, Any]:
    body = _assessment(verdict.rating, verdict.rationale, language)
    body.update(
        creator=_person(verdict.reviewer, iris),
        created=xsd_datetime(verdict.created_at),
        modified=xsd_datetime(verdict.updated_at),
    )
    return body


def _assessment(rating: str, rationale: str, language: str) -> dict[str, Any]:
    # The desk writes rationales in the language of the article it checks.
    return {
        "type": "TextualBody",
        "purpose": "assessing",
        "value": f"{label(rating)}: {rationale}",
        "format": "text/plain",
        "language": language,
    }


def _source_link(url: str) -> dict[str, Any]:
    # `purpose` is only allowed on SpecificResource and TextualBody (model 3.3.5),
    # so a source is a SpecificResource whose source is the cited page.
    return {"type": "SpecificResource", "purpose": "linking", "source": url}


def _target(claim: Claim, iris: Iris) -> dict[str, Any]:
    """The claim's span in the article's current revision.

    An article whose text changed says which revision the selectors apply to
    (a TimeState whose `cached` copy is that revision). An orphan, not found in
    the current text, targets the revision where it was last anchored instead,
    where its quote and offsets still hold.
    """
    quote_selector = {"type": "TextQuoteSelector", "exact": claim.quote}
    if claim.prefix:
        quote_selector["prefix"] = claim.prefix
    if claim.suffix:
        quote_selector["suffix"] = claim.suffix
    article = claim.article
    target = {
        "type": "SpecificResource",
        "source": article.url or iris.article(claim.article_id),
        "selector": [
            quote_selector,
            {"type": "TextPositionSelector", "start": claim.start, "end": claim.end},
        ],
    }
    current = getattr(article, "revision", 1)
    if claim.revision != current:
        target["source"] = iris.revision(claim.article_id, claim.revision)
    elif current > 1:
        target["state"] = {
            "type": "TimeState",
            "cached": iris.revision(claim.article_id, current),
            "sourceDate": xsd_datetime(article.revised_at or article.created_at),
        }
    return target


def _person(user, iris: Iris) -> dict[str, Any]:
    if iris.public_author:
        return {"id": iris.site, "type": "Organization", "name": iris.public_author}
    username = user.get_username()
    return {
        "id": iris.user(username),
        "type": "Person",
        "name": user.get_full_name() or username,
        "nickname": username,
    }


# --- collections and pages ----------------------------------------------------------------


def collection_for(
    article: Article,
    claims: list[Claim],
    *,
    paging: Paging,
    iris: Iris,
    verdicts_for: VerdictsFor | None,
) -> dict[str, Any]:
    """The article's AnnotationCollection with its first page embedded.

    `claims` are the first page's claims. An empty collection has no `first`
    or `last`: the model requires them only when there are annotations.
    """
    collection = {"@context": ANNO_CONTEXT, **_collection_summary(article, paging, iris)}
    if paging.total:
        collection["first"] = _page(article, claims, paging, iris, verdicts_for)
        collection["last"] = page_iri(article.pk, paging.last, paging.size, iris)
    return collection


def page_for(
    article: Article,
    claims: list[Claim],
    *,
    paging: Paging,
    iris: Iris,
    verdicts_for: VerdictsFor | None,
) -> dict[str, Any]:
    """One AnnotationPage; `partOf` describes the collection so clients need no second fetch."""
    part_of = _collection_summary(article, paging, iris)
    if paging.total:
        part_of["first"] = page_iri(article.pk, 1, paging.size, iris)
        part_of["last"] = page_iri(article.pk, paging.last, paging.size, iris)
    page = _page(article, claims, paging, iris, verdicts_for, part_of=part_of)
    return {"@context": ANNO_CONTEXT, **page}


def _collection_summary(article: Article, paging: Paging, iris: Iris) -> dict[str, Any]:
    return {
        "id": iris.collection(article.pk),
        "type": "AnnotationCollection",
        "label": f'Fact-check annotations on "{article.title}"',
        "total": paging.total,
    }


def _page(
    article: Article,
    claims: list[Claim],
    paging: Paging,
    iris: Iris,
    verdicts_for: VerdictsFor | None,
    part_of: dict[str, Any] | None = None,
) -> dict[str, Any]:
    page: dict[str, Any] = {
        "id": page_iri(article.pk, paging.number, paging.size, iris),
        "type": "AnnotationPage",
    }
    if part_of:
        page["partOf"] = part_of
    page["startIndex"] = paging.start_index
    if paging.number > 1:
        page["prev"] = page_iri(article.pk, paging.number - 1, paging.size, iris)
    if paging.number < paging.last:
        page["next"] = page_iri(article.pk, paging.number + 1, paging.size, iris)
    page["items"] = [_annotation(claim, iris, verdicts_for) for claim in claims]
    return page


def page_iri(article_id: int, number: int, size: int, iris: Iris) -> str:
    """A page's IRI; a non-default size is kept so next/prev stay on the same grid."""
    suffix = "" if size == DEFAULT_PAGE_SIZE else f"&page_size={size}"
    return f"{iris.collection(article_id)}?page={number}{suffix}"
