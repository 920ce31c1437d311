"""Two editors publish the same claim at the same moment: one publication, one 409.

publish_claim locks the claim row (SELECT ... FOR UPDATE) before checking the
transition, so the slower editor finds it already published. That needs real
row locks, so this runs on PostgreSQL only: SQLite serialises writers with a
database lock instead and would answer "database is locked" rather than 409.
"""

import threading

import pytest
from django.db import connection

from annotations.models import Publication
from history.models import HistoryEntry
from tests.factories import UserFactory
from tests.workflow.helpers import API, PUBLISH, claim_in, client_for

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL row locks (SELECT ... FOR UPDATE); run with DATABASE_URL=postgres://",
)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("if_match", "loser_status"),
    # Without If-Match the loser is told the claim is published now; with the ETag both
    # read before publishing, it is told that ETag is stale.
    [(False, 409), (True, 412)],
    ids=["plain", "if-match"],
)
def test_two_editors_publishing_at_once_end_with_one_publication(if_match, loser_status):
    editors = [UserFactory(role="editor") for _ in range(2)]
    claim = claim_in("in_review")
    headers = {"HTTP_IF_MATCH": f'"claim-{claim.pk}-v{claim.version}"'} if if_match else {}
    start = threading.Barrier(len(editors))
    responses: list = []

    def publish(editor) -> None:
        client = client_for(editor)
        try:
            start.wait(timeout=10)
            response = client.post(f"{API}/claims/{claim.pk}/publish/", PUBLISH, **headers)
            responses.append(response)
        finally:
            connection.close()  # each thread has its own connection; do not leak it

    threads = [threading.Thread(target=publish, args=(editor,)) for editor in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    won, lost = sorted(responses, key=lambda response: response.status_code)
    assert (won.status_code, lost.status_code) == (200, loser_status), lost.json()
    if loser_status == 409:
        assert lost.json()["current_status"] == "published"
    assert Publication.objects.filter(claim=claim).count() == 1
    assert HistoryEntry.objects.filter(claim_id=claim.pk, action="publish").count() == 1
    claim.refresh_from_db()
    assert (claim.status, claim.version) == ("published", 3)  # created v1, submitted v2
