"""Building ClaimReview records and feeds for the import tests."""

import json


def review(n: int = 1, **fields) -> dict:
    """A complete ClaimReview as fact-checkers publish it."""
    record = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://checker.example/reviews/{n}/",
        "claimReviewed": f"Claim number {n} about the economy.",
        "name": f"Fact check {n}",
        "datePublished": "2024-03-05",
        "inLanguage": "en",
        "author": {"@type": "Organization", "name": "Checker", "url": "https://checker.example/"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "A. Politician"},
            "datePublished": "2024-03-01T08:00:00Z",
            "appearance": [{"@type": "CreativeWork", "url": "https://social.example/post/1"}],
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "Pants on Fire",
            "ratingValue": 1,
            "bestRating": 6,
            "worstRating": 1,
        },
    }
    record.update(fields)
    return record


def jsonl(*records) -> str:
    return "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records
    )
