"""The benchmark's generated feed imports as intended: every good line stored, the broken reported.

Guards bench/claimreview_import.py's figures: were its records refused for a reason
nobody meant, the bench would time error reporting instead of imports.
"""

import importlib.util
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claimreviews.models import ClaimReview

BENCH = Path(__file__).resolve().parents[2] / "bench" / "claimreview_import.py"


def bench_module():
    spec = importlib.util.spec_from_file_location("claimreview_import_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_the_bench_feed_imports_all_its_good_records(tmp_path):
    path = tmp_path / "bench.jsonl"
    good = bench_module().write_feed(path, 1000)
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_claimreviews", str(path), stdout=io.StringIO(), stderr=err)

    assert good == 998
    assert ClaimReview.objects.count() == 998
    assert err.getvalue().count("broken_json") == 2
    assert ClaimReview.objects.filter(rating__isnull=True).exists()  # unknown labels stay null
    assert ClaimReview.objects.filter(rating="false").exists()
    assert ClaimReview.objects.values("publisher_name").distinct().count() == 9
