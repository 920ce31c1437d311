# ruff: noqa: E501 (posts and claims are long literal strings)
"""matching.ranker: order, calibrated scale, thresholds and reasons (pure, no database)."""

from matching import bm25, ranker
from matching.ranker import Candidate

CHECKS = [
    ("garlic", "Eating garlic prevents infection with the new coronavirus.", "Garlic does not protect against COVID-19"),
    ("lemon", "Drinking hot water with lemon every morning cures cancer.", "No, hot lemon water does not cure cancer"),
    ("5g", "5G mobile networks spread the coronavirus.", "5G networks do not spread the coronavirus"),
    ("bleach", "Drinking bleach or chlorine dioxide kills the coronavirus.", "Drinking bleach is dangerous"),
    ("onion", "Onions placed in the corners of a room absorb viruses.", "Cut onions do not absorb viruses"),
    ("wall", "Mexico paid for the border wall.", "Mexico did not pay for the border wall"),
    ("ice", "Arctic sea ice has grown back to its 1979 level.", "Arctic sea ice remains well below 1979"),
    ("vax", "The COVID-19 vaccines contain microchips to track people.", "No microchips in vaccines"),
]  # fmt: skip


def candidates(retracted=()):
    return [Candidate(key, claim, name, retracted=key in retracted) for key, claim, name in CHECKS]


def stats():
    counts = bm25.Stats()
    for _, claim, name in CHECKS:
        counts.add(ranker.document_terms(claim, name))
    return counts


def test_a_messy_post_finds_its_fact_check_first_and_same():
    post = "Drinking HOT water with lemon every morning cures cancer!! 🍋☕ #health https://t.co/x — Ann (@ann) May 2, 2020"
    ranked = ranker.rank(post, candidates(), stats())
    assert ranked[0].candidate.key == "lemon"
    assert ranked[0].match == "same"
    assert all(0 <= r.score <= 1 for r in ranked)
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)


def test_paraphrase_without_shared_keywords_still_ranks_first():
    post = (
        "they want to inject trackers into us with the covid shot so they always know where we are"
    )
    assert ranker.rank(post, candidates(), stats())[0].candidate.key == "vax"


def test_never_same_under_eight_words_even_when_certain():
    ranked = ranker.rank("Mexico paid for the border wall", candidates(), stats())
    assert ranked[0].candidate.key == "wall"
    assert ranked[0].match == "related"
    assert "text-too-short-for-same" in ranked[0].reasons


def test_retracted_is_returned_marked_but_never_same():
    post = (
        "Mexico paid for the border wall, just like he promised us all along, look at the receipts"
    )
    ranked = ranker.rank(post, candidates(retracted={"wall"}), stats())
    assert ranked[0].candidate.key == "wall"
    assert ranked[0].match == "related"
    assert "retracted" in ranked[0].reasons


def test_unrelated_text_falls_under_the_floor():
    assert (
        ranker.rank(
            "my cat likes the new sofa we bought on saturday afternoon", candidates(), stats()
        )
        == []
    )


def test_limit_and_no_candidates():
    post = "coronavirus coronavirus coronavirus garlic bleach 5G vaccines onions"
    assert len(ranker.rank(post, candidates(), stats(), limit=2)) <= 2
    assert ranker.rank(post, [], stats()) == []
