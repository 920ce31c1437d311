"""Sentence segmentation: our rules against spaCy's sentencizer and pysbd, on our hard cases.

    .venv/bin/python bench/segmentation.py

Prints, for each segmenter that is importable, how many of the hard cases in
tests/suggestions/segmentation_cases.py it gets exactly right (sentences and
offsets), its import time, and sentences per second on the demo articles. spaCy
and pysbd are not project dependencies: install them into a scratch virtualenv
(pip install spacy pysbd) and run this script with that interpreter to repeat
the comparison behind suggestions/segmentation.py's choice.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.suggestions.segmentation_cases import CASES  # noqa: E402


def ours():
    from suggestions.segmentation import split_sentences

    return split_sentences


def spacy_sentencizer():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return lambda text: _trimmed(text, [(s.start_char, s.end_char) for s in nlp(text).sents])


def pysbd_segmenter():
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda text: _trimmed(text, [(s.start, s.end) for s in segmenter.segment(text)])


def _trimmed(text, spans):
    result = []
    for start, end in spans:
        piece = text[start:end]
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        if end > start:
            result.append((start, end))
    return result


def measure(name, load):
    started = time.perf_counter()
    try:
        split = load()
    except ImportError:
        print(f"{name:<22} not installed")
        return
    imported = time.perf_counter() - started
    right = sum([text[a:b] for a, b in split(text)] == expected for text, expected in CASES)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "articles/demo").glob("*.txt"))]
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < 1.0:
        count += sum(len(split(text)) for text in texts)
    rate = count / (time.perf_counter() - started)
    print(
        f"{name:<22} {right}/{len(CASES)} cases right, import {imported:.2f} s, "
        f"{rate:,.0f} sentences/s"
    )


if __name__ == "__main__":
    measure("ours", ours)
    measure("spaCy sentencizer", spacy_sentencizer)
    measure("pysbd", pysbd_segmenter)
