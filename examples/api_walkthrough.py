"""The whole fact-check flow through the REST API, using only `requests`.

    python examples/api_walkthrough.py http://127.0.0.1:8000 REVIEWER_PASSWORD EDITOR_PASSWORD

With `make run`'s demo users (`reviewer` and `editor`, passwords printed by
load_demo): log in, import an article, mark "five officers that died" as a
claim by quote, attach two sources, give a verdict, submit it for review, let
the editor publish it, then fetch the W3C Web Annotation and the ClaimReview.
Prints each step; exits non-zero on the first unexpected answer.
"""

import json
import sys

import requests

ARTICLE = {
    "title": "Walkthrough: Capitol riot figures",
    "publisher": "Example News",
    "text": (
        "Meanwhile that public safety that Parler talks about doesn't change the five "
        "officers that died, one who committed suicide nor the 56 officers who were injured."
    ),
}
QUOTE = "five officers that died"


class Api:
    """A tiny client: base URL, token header, JSON in and out, loud on failure."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/") + "/api/v1"
        self.session = requests.Session()

    def login(self, username: str, password: str) -> None:
        token = self.call("POST", "/auth/token/", {"username": username, "password": password})
        self.session.headers["Authorization"] = f"Token {token['token']}"

    def call(self, method: str, path: str, body: dict | None = None, expect=(200, 201)) -> dict:
        response = self.session.request(method, self.base + path, json=body, timeout=30)
        if response.status_code not in expect:
            raise SystemExit(f"{method} {path} -> {response.status_code}: {response.text}")
        return response.json()


def walk(base: str, reviewer_password: str, editor_password: str) -> dict:
    reviewer, editor = Api(base), Api(base)
    reviewer.login("reviewer", reviewer_password)
    editor.login("editor", editor_password)
    article = reviewer.call("POST", "/articles/", ARTICLE, expect=(201, 409))
    article_id = article.get("id") or article["existing_id"]
    print(f"article {article_id}")
    claim = reviewer.call("POST", "/claims/", {"article": article_id, "quote": QUOTE,
                                               "statement": "Five police officers died.",
                                               "claimant": "The article"})  # fmt: skip
    print(f"claim {claim['id']} at {claim['start']}-{claim['end']}: {claim['quote']!r}")
    for source in (
        {"url": "https://www.uscp.gov/", "stance": "refutes", "title": "Capitol Police",
         "excerpt": "One officer died of injuries sustained on January 6."},
        {"url": "https://www.nytimes.com/", "stance": "context", "title": "Later deaths"},
    ):  # fmt: skip
        reviewer.call("POST", f"/claims/{claim['id']}/sources/", source)
    reviewer.call(
        "POST",
        f"/claims/{claim['id']}/verdicts/",
        {"rating": "mostly-false", "rationale": "One died that day; four later."},
    )
    reviewer.call("POST", f"/claims/{claim['id']}/submit/")
    editor.call(
        "POST",
        f"/claims/{claim['id']}/publish/",
        {"rating": "mostly-false", "rationale": "The deaths have different causes."},
    )
    annotation = editor.call("GET", f"/claims/{claim['id']}/annotation/")
    claimreview = editor.call("GET", f"/claims/{claim['id']}/claimreview/")
    print(json.dumps({"annotation": annotation, "claimreview": claimreview}, indent=2))
    return {"claim": claim, "annotation": annotation, "claimreview": claimreview}


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    walk(*sys.argv[1:])
