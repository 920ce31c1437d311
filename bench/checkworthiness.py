"""Check-worthiness figures: precision, recall, F1 and average precision, and speed.

    .venv/bin/python bench/checkworthiness.py            # print the figures
    .venv/bin/python bench/checkworthiness.py --train    # refit suggestions/weights.json

Quality is measured on our own fixture (bench/data/checkworthiness_*.txt): the
TUNE part, on which the weights are fitted (so its figures flatter), its 5-fold
cross-validation (each fold scored by weights fitted without it), and the
HELD-OUT part, which is never used to fit or tune anything. Speed is sentences
per second on one core: segmenting and scoring whole articles, and scoring the
fixture's single sentences (the shape of POST /api/v1/checkworthiness/).
No Django, no database: the pure modules are called directly.
"""

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from suggestions import scoring, training  # noqa: E402
from suggestions.segmentation import split_sentences  # noqa: E402

TUNE = ROOT / "bench/data/checkworthiness_tune.txt"
HELD_OUT = ROOT / "bench/data/checkworthiness_heldout.txt"
DEMO = ROOT / "articles/demo"
FOLDS = 5


def train() -> None:
    """Fit on TUNE only and write the weights file the scorer loads."""
    examples = training.read_fixture(TUNE)
    rows = [training.vector(e.sentence) for e in examples]
    model = training.fit(rows, [e.label for e in examples])
    document = {
        "about": "Logistic-regression weights over suggestions.features signals; "
        "refit with bench/checkworthiness.py --train.",
        "trained_on": str(TUNE.relative_to(ROOT)),
        "examples": len(examples),
        "l2_penalty": training.L2_PENALTY,
        **model,
    }
    scoring.WEIGHTS_FILE.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {scoring.WEIGHTS_FILE.relative_to(ROOT)} from {len(examples)} sentences")


def cross_validated(examples: list[training.Example]) -> list[float]:
    """Each sentence scored by weights fitted on the other folds (a fixed shuffle)."""
    rows = [training.vector(e.sentence) for e in examples]
    order = list(range(len(examples)))
    random.Random(7).shuffle(order)
    scores = [0.0] * len(examples)
    for fold in range(FOLDS):
        held = set(order[fold::FOLDS])
        kept = [i for i in order if i not in held]
        model = training.fit([rows[i] for i in kept], [examples[i].label for i in kept])
        for i in held:
            logit = model["bias"] + sum(model["weights"][k] * v for k, v in rows[i].items())
            scores[i] = training._sigmoid(logit)
    return scores


def report(name: str, examples: list[training.Example], scores: list[float]) -> None:
    metrics = training.measure([e.label for e in examples], scores, scoring.THRESHOLD)
    print(
        f"{name:<24} n={metrics.count:<4} precision={metrics.precision:.3f} "
        f"recall={metrics.recall:.3f} F1={metrics.f1:.3f} AP={metrics.average_precision:.3f}"
    )


def misses_by_kind(examples: list[training.Example], scores: list[float]) -> None:
    wrong = Counter(
        e.kind for e, s in zip(examples, scores, strict=True) if (s >= scoring.THRESHOLD) != e.label
    )
    total = Counter(e.kind for e in examples)
    counts = ", ".join(f"{kind} {wrong[kind]}/{total[kind]}" for kind in sorted(wrong))
    print(f"  wrong by kind (tune): {counts}")


def speed() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(DEMO.glob("*.txt"))]
    sentences = [e.sentence for e in training.read_fixture(TUNE)]
    for label, work in (
        ("articles (split + score)", lambda: _score_texts(texts)),
        ("sentences (score only)", lambda: len(scoring.score_sentences(sentences))),
    ):
        count, started = 0, time.perf_counter()
        while time.perf_counter() - started < 2.0:
            count += work()
        rate = count / (time.perf_counter() - started)
        print(f"{label:<24} {rate:,.0f} sentences/s on one core")


def _score_texts(texts: list[str]) -> int:
    count = 0
    for text in texts:
        spans = split_sentences(text)
        count += len(scoring.score_sentences(text[a:b] for a, b in spans))
    return count


def demo_rank() -> None:
    path = next(p for p in DEMO.glob("*.txt") if "Amazon Cloud suspends Parler" in p.read_text())
    text = path.read_text(encoding="utf-8")
    ranked = sorted(
        ((scoring.score_sentence(text[a:b]).score, text[a:b]) for a, b in split_sentences(text)),
        key=lambda pair: -pair[0],
    )
    rank = next(i for i, (_, s) in enumerate(ranked, 1) if "the five officers that died" in s)
    print(f"demo 'Amazon Cloud suspends Parler': 'the five officers that died' ranks #{rank}")
    for score, sentence in ranked[:5]:
        print(f"  {score:.3f}  {sentence[:90]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="store_true", help="refit suggestions/weights.json")
    if parser.parse_args().train:
        train()
        return
    tune, held_out = training.read_fixture(TUNE), training.read_fixture(HELD_OUT)
    tune_scores = [scoring.score_sentence(e.sentence).score for e in tune]
    print(f"threshold {scoring.THRESHOLD}; weights fitted on {TUNE.name} only")
    report("tune (fitted on)", tune, tune_scores)
    report(f"tune, {FOLDS}-fold cross-val", tune, cross_validated(tune))
    report("held-out", held_out, [scoring.score_sentence(e.sentence).score for e in held_out])
    misses_by_kind(tune, tune_scores)
    demo_rank()
    speed()


if __name__ == "__main__":
    main()
