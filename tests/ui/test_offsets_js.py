"""The reader's offset conversion (offsets.js) agrees with the server's (anchoring.py).

Runs the ES modules in Node, no browser needed; skipped when Node is missing.
Text mixes emoji, ZWJ sequences, combining marks, astral letters and line breaks.
"""

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from annotations.anchoring import codepoint_to_utf16

NODE = shutil.which("node")
MODULES = Path(__file__).resolve().parents[2] / "annotations" / "static" / "annotations"
ALPHABET = [
    "a",
    "Z",
    " ",
    "\n",
    "é",
    "e\u0301",
    "中",
    "🙂",
    "👩\u200d👩\u200d👧",
    "\U0001d518",
    "\u05d0",
]

pytestmark = pytest.mark.skipif(NODE is None, reason="needs Node.js to run the ES modules")


def run_module(body: str, payload) -> object:
    script = (
        f"import * as offsets from {json.dumps((MODULES / 'offsets.js').as_uri())};\n"
        f"import * as marks from {json.dumps((MODULES / 'marks.js').as_uri())};\n"
        "let input = ''; for await (const chunk of process.stdin) input += chunk;\n"
        "const data = JSON.parse(input);\n"
        f"{body}\n"
    )
    result = subprocess.run(  # noqa: S603 - fixed argv, our own script
        [NODE, "--input-type=module", "-e", script],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return json.loads(result.stdout)


def test_conversions_match_the_server_both_ways():
    rng = random.Random(20260122)
    cases = []
    for _ in range(300):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 25)))
        cases += [[text, cp, codepoint_to_utf16(text, cp)] for cp in range(len(text) + 1)]
    failures = run_module(
        "const bad = data.filter(([text, cp, units]) =>"
        " offsets.codePointToUtf16(text, cp) !== units"
        " || offsets.utf16ToCodePoint(text, units) !== cp);"
        "console.log(JSON.stringify(bad));",
        cases,
    )
    assert len(cases) > 3000
    assert failures == []


def test_an_offset_inside_a_surrogate_pair_is_refused():
    outcome = run_module(
        "try { offsets.utf16ToCodePoint(data, 1); console.log(JSON.stringify('accepted')); }"
        " catch (error) { console.log(JSON.stringify(error.name)); }",
        "🙂x",
    )
    assert outcome == "RangeError"


def test_segments_cover_the_text_with_outer_claims_first():
    text = "ab🙂cdefgh"  # the emoji is 1 code point, 2 UTF-16 units
    claims = [
        {"id": 1, "start": 1, "end": 6},  # b🙂cde
        {"id": 2, "start": 2, "end": 4},  # 🙂c (nested)
        {"id": 3, "start": 5, "end": 8},  # efg (crosses claim 1's end)
    ]
    segments = run_module(
        "console.log(JSON.stringify(marks.segment(data.text, data.claims)));",
        {"text": text, "claims": claims},
    )
    # Offsets are UTF-16 units: the emoji spans units 2-4.
    assert segments == [
        {"from": 0, "to": 1, "ids": []},
        {"from": 1, "to": 2, "ids": [1]},
        {"from": 2, "to": 5, "ids": [1, 2]},
        {"from": 5, "to": 6, "ids": [1]},
        {"from": 6, "to": 7, "ids": [1, 3]},
        {"from": 7, "to": 9, "ids": [3]},
        {"from": 9, "to": 10, "ids": []},
    ]
