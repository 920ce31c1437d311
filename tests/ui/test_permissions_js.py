"""permissions.js answers every cell of the permission table as annotations.permissions does.

Runs the ES module in Node with the data the reader page sends
(card_permissions.reader_permissions), for every role, kind, action, owner and
claim status, and compares with `allowed()`; skipped when Node is missing.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from annotations.card_permissions import offered_actions, reader_permissions
from annotations.models import Claim, Source, Verdict
from annotations.permissions import PERMISSIONS, allowed
from annotations.selectors import blind_to_others_verdicts
from articles.models import Article
from tests.factories import UserFactory, VerdictFactory
from tests.workflow.helpers import claim_in

NODE = shutil.which("node")
MODULE = Path(__file__).resolve().parents[2] / "annotations/static/annotations/permissions.js"
OWNER_COLUMNS = {
    "article": "created_by",
    "claim": "created_by",
    "source": "added_by",
    "verdict": "reviewer",
}

pytestmark = [
    pytest.mark.skipif(NODE is None, reason="needs Node.js to run the ES modules"),
    pytest.mark.django_db,
]

# For each case: may(kind, action, row) and, for claims, actionsFor(row).
_SCRIPT = f"""
import {{ createPermissions }} from {json.dumps(MODULE.as_uri())};
let input = ""; for await (const chunk of process.stdin) input += chunk;
const {{ username, data, cases }} = JSON.parse(input);
const permissions = createPermissions(username, data);
console.log(JSON.stringify(cases.map(([kind, action, row]) => [
  permissions.may(kind, action, row),
  kind === "claim" ? permissions.actionsFor(row) : null,
])));
"""


# For each claim (an API object): blindTo(claim).
_BLIND_SCRIPT = f"""
import {{ createPermissions }} from {json.dumps(MODULE.as_uri())};
let input = ""; for await (const chunk of process.stdin) input += chunk;
const {{ username, data, cases }} = JSON.parse(input);
const permissions = createPermissions(username, data);
console.log(JSON.stringify(cases.map((claim) => permissions.blindTo(claim))));
"""


def run(username: str, data: dict, cases: list, script: str = _SCRIPT) -> list:
    result = subprocess.run(  # noqa: S603 - fixed argv, our own script
        [NODE, "--input-type=module", "-e", script],
        input=json.dumps({"username": username, "data": data, "cases": cases}),
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return json.loads(result.stdout)


def python_row(kind: str, owner_id, status: str):
    claim = Claim(status=status, created_by_id=owner_id)
    if kind == "article":
        return Article(created_by_id=owner_id)
    if kind == "source":
        return Source(claim=claim, added_by_id=owner_id)
    if kind == "verdict":
        return Verdict(claim=claim, reviewer_id=owner_id)
    return claim


@pytest.mark.parametrize("role", ["anonymous", "reviewer", "editor", "admin"])
def test_every_cell_agrees_with_allowed(role):
    user = AnonymousUser() if role == "anonymous" else UserFactory(username="me", role=role)
    other = UserFactory(username="other", role="reviewer")
    cases, expected = [], []
    for kind, actions in PERMISSIONS.items():
        for action in actions:
            for owner in (user, other):
                for status in Claim.Status.values:
                    # API rows name their owner by username; the status is the claim's
                    # (the "published" scope reads it; an article has none).
                    row = {OWNER_COLUMNS.get(kind, "owner"): owner.username}
                    if kind != "article":
                        row["status"] = status
                    if kind not in OWNER_COLUMNS:
                        # Rows of no stored kind (search, match...): allowed() gets no
                        # object, so the script gets no row either.
                        row = None
                    cases.append([kind, action, row])
                    obj = python_row(kind, owner.pk, status) if kind in OWNER_COLUMNS else None
                    claim = Claim(status=status, created_by_id=owner.pk)
                    expected.append([
                        allowed(user, kind, action, obj),
                        offered_actions(user, claim) if kind == "claim" else None,
                    ])  # fmt: skip
    answers = run(user.username, reader_permissions(user), cases)
    mismatches = [
        (case, want, got) for case, want, got in zip(cases, expected, answers, strict=True)
        if [want[0], want[1]] != [got[0], got[1]]
    ]  # fmt: skip
    assert mismatches == []
    assert len(cases) > 150


@pytest.mark.parametrize("role", ["reviewer", "editor"])
def test_blind_to_agrees_with_the_selectors(role):
    """The card's "Blind review" notice shows exactly when the API hides the others' verdicts."""
    user = UserFactory(username="me", role=role)
    cases, expected = [], []
    for status in Claim.Status.values:
        for gave_own in (False, True):
            claim = claim_in(status)
            VerdictFactory(claim=claim)  # someone else's
            if gave_own:
                VerdictFactory(claim=claim, reviewer=user)
            reviewers = [v.reviewer.username for v in claim.verdicts.select_related("reviewer")]
            cases.append({"status": status, "verdicts": [{"reviewer": r} for r in reviewers]})
            expected.append(blind_to_others_verdicts(claim, user))

    assert run(user.username, reader_permissions(user), cases, _BLIND_SCRIPT) == expected
    assert (role == "reviewer") == any(expected)
