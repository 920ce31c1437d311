"""Every kind of change the API makes, with the history rows it must leave.

Shared by test_history (exact rows) and test_history_walk (every write endpoint).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder

from articles.services import content_hash
from tests.factories import ArticleFactory, AssignmentFactory, SourceFactory, VerdictFactory
from tests.workflow.helpers import CORRECT, PUBLISH, RETRACT, claim_in


def _json(value):
    """A value as the history's JSON column stores it (datetimes to ISO, milliseconds)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _removed(**values) -> dict:
    return {name: [value, None] for name, value in values.items()}


def _added(**values) -> dict:
    return {name: [None, value] for name, value in values.items()}


@dataclass
class Change:
    """A change made through the API by `who`, and the history rows it must leave."""

    who: str
    method: str
    path: str
    body: dict | None
    rows: Callable[[], list[tuple]]  # (object_type, action, changes), read after the request


# Each case takes `made` (what the fixture built, for ids and old values).


def _article_create(made):
    text = "Five officers died."
    added = _added(title="Parler", url="", publisher="", byline="", published_at=None,
                   language="en", content_hash=content_hash("Parler", text))  # fmt: skip
    body = {"title": "Parler", "text": text}
    return Change("rita", "post", "/articles/", body, lambda: [("article", "create", added)])


def _article_update(made):
    article = made["article"]
    changes = {
        "title": [article.title, "Renamed"],
        "content_hash": [article.content_hash, content_hash("Renamed", article.text)],
    }
    path = f"/articles/{article.pk}/"
    return Change(
        "rita", "patch", path, {"title": "Renamed"}, lambda: [("article", "update", changes)]
    )


def _article_delete(made):
    a = made["article"]
    removed = _removed(title=a.title, url=a.url, publisher=a.publisher, byline=a.byline,
                       published_at=None, language=a.language,
                       content_hash=a.content_hash)  # fmt: skip
    return Change(
        "rita", "delete", f"/articles/{a.pk}/", None, lambda: [("article", "delete", removed)]
    )


def _claim_create(made):
    article = made["article"]
    added = _added(article=article.pk, start=0, end=5, quote=article.text[:5], statement="",
                   claimant="Parler", status="draft")  # fmt: skip
    body = {"article": article.pk, "start": 0, "end": 5, "claimant": "Parler"}
    return Change("rita", "post", "/claims/", body, lambda: [("claim", "create", added)])


def _claim_update(made):
    path, changes = f"/claims/{made['claim'].pk}/", {"statement": ["", "Five died."]}
    body = {"statement": "Five died."}
    return Change("rita", "patch", path, body, lambda: [("claim", "update", changes)])


def _claim_delete(made):
    """An editor's delete (the table's "cascade": the claim holds another's source and an
    assignment): its sources, verdicts and assignments go with it, each leaving its own row."""
    c = made["claim"]
    children = [("source", "delete", _source_removed(s)) for s in c.sources.order_by("id")]
    children += [("verdict", "delete", _removed(rating=v.rating, rationale=v.rationale))
                 for v in c.verdicts.order_by("id")]  # fmt: skip
    children += [("assignment", "delete", {"reviewer": [a.reviewer.username, None]})
                 for a in c.assignments.order_by("id")]  # fmt: skip
    removed = _removed(article=c.article_id, start=c.start, end=c.end, quote=c.quote,
                       statement="", claimant="", status="draft")  # fmt: skip
    return Change(
        "edna", "delete", f"/claims/{c.pk}/", None,
        lambda: [*children, ("claim", "delete", removed)],
    )  # fmt: skip


def _reattach(made):
    """Re-attaching moves the claim to another span of the current text."""
    c = made["claim"]
    start, end = c.start + 1, c.end + 1
    text = c.article.text
    changes = {"start": [c.start, start], "end": [c.end, end], "quote": [c.quote, text[start:end]]}
    body = {"start": start, "end": end}
    return Change("rita", "post", f"/claims/{c.pk}/reattach/", body,
                  lambda: [("claim", "update", changes)])  # fmt: skip


def _source_removed(source) -> dict:
    return _removed(url=source.url, title=source.title, publisher=source.publisher,
                    published_at=_json(source.published_at), excerpt=source.excerpt,
                    stance=source.stance)  # fmt: skip


def _source_add(made):
    claim, url = made["claim"], "https://police.example/report"
    added = _added(claim=claim.pk, url=url, title="Report", publisher="", published_at=None,
                   excerpt="", stance="refutes")  # fmt: skip
    body = {"url": url, "title": "Report", "stance": "refutes"}
    path = f"/claims/{claim.pk}/sources/"
    return Change("rita", "post", path, body, lambda: [("source", "create", added)])


def _source_update(made):
    # Editors may change any source, not only their own.
    path, changes = f"/sources/{made['source'].pk}/", {"stance": ["refutes", "supports"]}
    body = {"stance": "supports"}
    return Change("edna", "patch", path, body, lambda: [("source", "update", changes)])


def _source_delete(made):
    s = made["source"]
    removed = _source_removed(s)
    return Change(
        "rita", "delete", f"/sources/{s.pk}/", None, lambda: [("source", "delete", removed)]
    )


def _verdict_create(made):
    claim = made["claim"]
    added = _added(claim=claim.pk, rating="false", rationale="Four died.")
    body = {"rating": "false", "rationale": "Four died."}
    path = f"/claims/{claim.pk}/verdicts/"
    return Change("omar", "post", path, body, lambda: [("verdict", "create", added)])


def _verdict_update(made):
    path, changes = f"/verdicts/{made['verdict'].pk}/", {"rating": ["mostly-false", "half-true"]}
    body = {"rating": "half-true"}
    return Change("rita", "patch", path, body, lambda: [("verdict", "update", changes)])


def _verdict_delete(made):
    v = made["verdict"]
    removed = _removed(rating=v.rating, rationale=v.rationale)
    return Change(
        "rita", "delete", f"/verdicts/{v.pk}/", None, lambda: [("verdict", "delete", removed)]
    )


def _submit(made):
    path, changes = f"/claims/{made['claim'].pk}/submit/", {"status": ["draft", "in_review"]}
    return Change("rita", "post", path, None, lambda: [("claim", "transition", changes)])


def _reopen(made):
    path, changes = f"/claims/{made['in_review'].pk}/reopen/", {"status": ["in_review", "draft"]}
    # Editors only: back in draft the author could read the others' verdicts.
    return Change("edna", "post", path, None, lambda: [("claim", "transition", changes)])


def _assign(made):
    path, changes = f"/claims/{made['in_review'].pk}/assign/", {"reviewer": [None, "omar"]}
    body = {"reviewers": ["omar"]}
    return Change("edna", "post", path, body, lambda: [("assignment", "assign", changes)])


def _publish(made):
    claim = made["in_review"]

    def rows():
        claim.refresh_from_db()
        return [("claim", "publish", {
            "status": ["in_review", "published"], "rating": ["", "false"],
            "published_by": [None, made["edna"].pk],
            "published_at": [None, _json(claim.published_at)],
        })]  # fmt: skip

    return Change("edna", "post", f"/claims/{claim.pk}/publish/", PUBLISH, rows)


def _correct(made):
    claim = made["published"]
    first_published_at = _json(claim.published_at)

    def rows():
        claim.refresh_from_db()
        return [("claim", "correct", {
            "rating": ["false", "mostly-false"],
            "published_at": [first_published_at, _json(claim.published_at)],
        })]  # fmt: skip

    return Change("edna", "post", f"/claims/{claim.pk}/correct/", CORRECT, rows)


def _retract(made):
    path, changes = (
        f"/claims/{made['published'].pk}/retract/",
        {"status": ["published", "retracted"]},
    )
    return Change("edna", "post", path, RETRACT, lambda: [("claim", "retract", changes)])


CHANGES = [
    _article_create, _article_update, _article_delete, _claim_create, _claim_update,
    _claim_delete, _reattach, _source_add, _source_update, _source_delete, _verdict_create,
    _verdict_update, _verdict_delete, _submit, _reopen, _assign, _publish, _correct, _retract,
]  # fmt: skip


def build_scene(*, reviewer, other_reviewer, editor) -> dict:
    """What the cases change: rita's draft claim with a source and her verdict, and more."""
    claim = claim_in("draft", created_by=reviewer)
    AssignmentFactory(claim=claim, reviewer=other_reviewer, assigned_by=editor)
    return {
        "rita": reviewer,
        "omar": other_reviewer,
        "edna": editor,
        "article": ArticleFactory(created_by=reviewer),
        "claim": claim,
        "source": SourceFactory(claim=claim, added_by=reviewer),
        "verdict": VerdictFactory(claim=claim, reviewer=reviewer, rating="mostly-false"),
        "in_review": claim_in("in_review", created_by=reviewer),
        "published": claim_in("published", created_by=reviewer, editor=editor),
    }
