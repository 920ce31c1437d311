"""An import of ClaimReviews queues their matching vectors, for a worker rather than the queries."""

import io

import pytest
from django.core.management import call_command

from claimreviews.models import ClaimReview
from claimreviews.signals import claimreviews_imported
from matching import tasks
from matching.models import MatchVector
from tests.claimreviews.helpers import jsonl, review

pytestmark = pytest.mark.django_db(transaction=True)


def _import(tmp_path, *records) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl(*records), encoding="utf-8")
    call_command("import_claimreviews", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_an_import_computes_the_new_records_vectors(tmp_path):
    # The tests' task backend runs tasks as a worker would, once the import committed.
    _import(tmp_path, review(1), review(2))

    stored = set(MatchVector.objects.values_list("object_id", flat=True))
    assert stored == set(ClaimReview.objects.values_list("pk", flat=True))
    assert len(stored) == 2


def test_an_import_that_changes_nothing_queues_nothing(tmp_path):
    _import(tmp_path, review(1))
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs["report"])

    claimreviews_imported.connect(listener)
    try:
        _import(tmp_path, review(1))  # the same record again: unchanged
        assert heard == []
        _import(tmp_path, review(2))
        assert [report.created for report in heard] == [1]
    finally:
        claimreviews_imported.disconnect(listener)


def test_the_task_is_idempotent(tmp_path):
    _import(tmp_path, review(1))

    assert tasks.fill_match_vectors.call()["computed"] == 0
