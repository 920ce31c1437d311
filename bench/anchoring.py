"""Anchoring speed: resolve claims by offsets and by quote in long texts.

Run: .venv/bin/python bench/anchoring.py
Prints microseconds per call for texts from 10 kB to 1 MB (code points), with
quotes that are unique, repeated (context decides) and near the end.
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotations.anchoring import codepoint_to_utf16, resolve_anchor, utf16_to_codepoint

WORDS = [
    "the",
    "five",
    "officers",
    "that",
    "died",
    "one",
    "who",
    "committed",
    "suicide",
    "🙂",
    "café",
    "naïve",
    "東京",
    "قال",
]


def make_text(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(WORDS)
        parts.append(word)
        length += len(word) + 1
    return " ".join(parts)[:size]


def per_call_us(function, repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - started) / repeat * 1e6


def bench(size: int) -> None:
    text = make_text(size)
    start = size - 200
    anchor = resolve_anchor(text, start=start, end=start + 40)
    repeated_at = text.rfind("officers")  # a word that occurs thousands of times
    repeated = resolve_anchor(text, start=repeated_at, end=repeated_at + len("officers"))
    rows = {
        "offsets": lambda: resolve_anchor(text, start=start, end=start + 40, quote=anchor.quote),
        "unique quote": lambda: resolve_anchor(text, quote=anchor.quote),
        "quote+context": lambda: resolve_anchor(
            text, quote="officers", prefix=repeated.prefix, suffix=repeated.suffix
        ),
        "utf16->cp": lambda: utf16_to_codepoint(text, codepoint_to_utf16(text, start)),
    }
    for name, function in rows.items():
        try:
            microseconds = per_call_us(function, repeat=20)
        except ValueError as error:  # e.g. "officers" ambiguous even with context
            print(f"{size:>9} {name:<14} refused: {error}")
            continue
        print(f"{size:>9} {name:<14} {microseconds:>10.1f} us/call")


if __name__ == "__main__":
    print(f"{'codepoints':>9} {'operation':<14} {'time':>10}")
    for size in (10_000, 100_000, 1_000_000):
        bench(size)
