"""docs/security-cases.md names the test behind each case: every name must exist.

A renamed or deleted test would otherwise leave a row that proves nothing (it
happened once: the login-throttle tests were replaced by the lockout ones and
case 23 still named them).
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "security-cases.md"
_REFERENCE = re.compile(r"^([\w/]+\.py)(?:::(\w+))?$")
_SAME_FILE = re.compile(r"^::(\w+)$")


def references() -> list[tuple[str, str, str | None]]:
    """(first cell of the row, file, test name or None) for each `path.py::name`, `::name`."""
    found = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = line.split("|")
        if len(cells) < 3:  # every table row: the cases and the issue 8 points
            continue
        current = None
        for ref in re.findall(r"`([^`]+)`", line):
            if match := _REFERENCE.match(ref):
                current = match[1]
                found.append((cells[1].strip(), current, match[2]))
            elif (match := _SAME_FILE.match(ref)) and current:
                found.append((cells[1].strip(), current, match[1]))
    return found


def test_every_case_is_listed_once():
    numbers = [case for case, _file, _name in references() if case.isdigit()]
    rows = [
        line.split("|")[1].strip()
        for line in DOC.read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and line.split("|")[1].strip().isdigit()
    ]
    assert rows == [str(n) for n in range(1, 46)]
    assert len(set(numbers)) > 40  # nearly every case names a test or bench


def test_every_named_test_exists():
    missing = []
    for case, file, name in references():
        path = ROOT / "tests" / file
        if not path.exists():  # bench/... and project modules are named from the root
            path = ROOT / file
        if not path.exists():
            missing.append(f"#{case}: {file}")
        elif name and not re.search(rf"^(?:async )?def {name}\b", path.read_text(), re.M):
            missing.append(f"#{case}: {file}::{name}")
    assert missing == []
