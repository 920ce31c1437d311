"""examples/api_walkthrough.py, a client using only `requests`, against a live server."""

import importlib.util
from pathlib import Path

import pytest

from tests.factories import UserFactory

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "api_walkthrough.py"
PASSWORD = "correct horse battery staple"


def load_walkthrough():
    spec = importlib.util.spec_from_file_location("api_walkthrough", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db(transaction=True)
def test_requests_client_marks_publishes_and_exports_a_claim(live_server, capsys):
    UserFactory(username="reviewer", role="reviewer")
    UserFactory(username="editor", role="editor")

    result = load_walkthrough().walk(live_server.url, PASSWORD, PASSWORD)

    assert result["claim"]["quote"] == "five officers that died"
    annotation, review = result["annotation"], result["claimreview"]
    assert annotation["motivation"] == "assessing"
    selectors = {s["type"]: s for s in annotation["target"]["selector"]}
    assert selectors["TextQuoteSelector"]["exact"] == "five officers that died"
    assert selectors["TextPositionSelector"]["end"] - selectors["TextPositionSelector"][
        "start"
    ] == len("five officers that died")
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"]["ratingValue"] == 2
    assert review["reviewRating"]["alternateName"] == "Mostly false"
    assert "claim" in capsys.readouterr().out
