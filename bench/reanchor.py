"""Re-anchoring speed: 500 claims in a 100 KB article after the text changed.

Run: .venv/bin/python bench/reanchor.py [--claims 500] [--kb 100] [--no-db]
Prints the pure re-anchoring time (annotations.reanchoring.reanchor_all: median
of 5 runs) and the whole text change as the PATCH runs it (services.change_article:
lock, revision rows, re-anchoring, one bulk UPDATE of the claims and one INSERT of
their history rows) on a scratch database: SQLite in a temporary file by default,
or DATABASE_URL's server (its database is used as is: point it at a scratch one).
The edit mixes what newsrooms do: a paragraph added on top, a word inserted in 10%
of the quotes, 5% of the sentences deleted, a few duplicated.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotations.anchoring import anchor_span
from annotations.reanchoring import reanchor_all

WORDS = (
    "officers police capitol riot senate report said injured died hospital department "
    "inquiry committee witnesses statement evidence federal court judge ruling election "
    "votes counted county official spokesperson according documents reviewed weeks months "
    "protesters building security footage video timeline hearing testimony chief mayor"
)
VOCABULARY = WORDS.split(" ")


def make_article(kb: int, seed: int) -> list[str]:
    """Sentences of varied words and numbers, about `kb` kilobytes in all."""
    rng = random.Random(seed)
    sentences, size = [], 0
    while size < kb * 1000:
        words = [rng.choice(VOCABULARY) for _ in range(rng.randint(8, 22))]
        words.insert(rng.randrange(len(words)), str(rng.randint(2, 9999)))
        sentence = " ".join(words).capitalize() + "."
        sentences.append(sentence)
        size += len(sentence) + 1
    return sentences


def join(sentences: list[str]) -> str:
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    return "\n\n".join(paragraphs)


def claims_on(text: str, count: int, seed: int):
    """`count` distinct spans of 3-8 words inside sentences."""
    rng = random.Random(seed)
    starts = [i + 1 for i, ch in enumerate(text) if ch == " "]
    chosen, anchors = set(), []
    while len(anchors) < count:
        start = rng.choice(starts)
        end = start
        for _ in range(rng.randint(3, 8)):
            end = text.find(" ", end + 1)
        if end == -1 or (start, end) in chosen or "\n" in text[start:end]:
            continue
        chosen.add((start, end))
        anchors.append(anchor_span(text, start, end))
    return anchors


def edit(sentences: list[str], anchors, text: str, seed: int) -> str:
    rng = random.Random(seed)
    edited = list(sentences)
    for index in sorted(rng.sample(range(len(edited)), len(edited) // 20), reverse=True):
        del edited[index]
    for index in rng.sample(range(len(edited)), 5):
        edited.insert(index, edited[index])
    new = "Editor's note: this story was updated with new figures.\n\n" + join(edited)
    for anchor in rng.sample(anchors, len(anchors) // 10):
        words = anchor.quote.split(" ")
        changed = " ".join([*words[:1], "reportedly", *words[1:]])
        new = new.replace(anchor.quote, changed, 1)
    return new


def pure(anchors, new: str) -> tuple[float, Counter]:
    timings, outcomes = [], None
    for _ in range(5):
        started = time.perf_counter()
        outcomes = reanchor_all(anchors, new)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), Counter(outcome.kind for outcome in outcomes)


def through_the_service(text: str, anchors, new: str) -> tuple[float, int]:
    os.environ.setdefault("DEBUG", "1")
    scratch = tempfile.mkdtemp(prefix="reanchor-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "factcheck.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    from accounts.roles import assign_role
    from annotations.models import Claim
    from articles.services import change_article, create_article

    editor, _ = get_user_model().objects.get_or_create(username="bench-editor")
    assign_role(editor, "editor")
    article = create_article(title=f"Bench {time.time()}", text=text, created_by=editor)
    Claim.objects.bulk_create(
        Claim(article=article, start=a.start, end=a.end, quote=a.quote, prefix=a.prefix,
              suffix=a.suffix, created_by=editor) for a in anchors
    )  # fmt: skip
    queries_before = len(connection.queries)
    started = time.perf_counter()
    change = change_article(article=article, changes={"text": new}, actor=editor)
    elapsed = time.perf_counter() - started
    return elapsed, len(change.anchoring), connection.vendor, queries_before


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=500)
    parser.add_argument("--kb", type=int, default=100)
    parser.add_argument("--no-db", action="store_true")
    args = parser.parse_args()
    sentences = make_article(args.kb, seed=12)
    text = join(sentences)
    anchors = claims_on(text, args.claims, seed=7)
    new = edit(sentences, anchors, text, seed=3)
    seconds, outcomes = pure(anchors, new)
    print(f"text: {len(text) / 1000:.0f} kB (code points), {len(anchors)} claims")
    print(f"pure re-anchoring (median of 5): {seconds * 1000:.1f} ms")
    print("outcomes: " + ", ".join(f"{kind} {n}" for kind, n in sorted(outcomes.items())))
    if not args.no_db:
        elapsed, count, vendor, _ = through_the_service(text, anchors, new)
        print(f"change_article on {vendor}, {count} claims re-anchored and saved: "
              f"{elapsed * 1000:.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
