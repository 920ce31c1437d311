"""Refresh the screenshots in docs/screenshots/: reader, card, history, queue, public pages.

Runs the screenshot tests (tests/ui/test_screenshots.py, the suggestions one in
tests/ui/test_suggestions.py, the public index and embed in
tests/ui/test_public_pages.py, and "Checked elsewhere" in tests/ui/test_claimreviews_page.py)
in Debian's Chromium
against a throwaway test database, with FACTCHECK_SCREENSHOTS_DIR pointing at
docs/screenshots. Usage: .venv/bin/python bench/screenshots.py
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    folder = ROOT / "docs" / "screenshots"
    environment = {**os.environ, "FACTCHECK_SCREENSHOTS_DIR": str(folder)}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "tests/ui/test_screenshots.py",
        "tests/ui/test_suggestions.py::test_screenshot",
        "tests/ui/test_public_pages.py::test_screenshots_of_the_index_and_the_embed",
        "tests/ui/test_living_articles.py",
        "tests/ui/test_verdict_revisions_card.py",
        "tests/ui/test_search_page.py::test_header_search_finds_every_kind_with_marked_words",
        "tests/ui/test_claimreviews_page.py::test_a_reviewer_searches_with_the_keyboard",
        "-q",
        "-p",
        "no:cacheprovider",
    ]
    result = subprocess.run(command, cwd=ROOT, env=environment, check=False)  # noqa: S603
    if result.returncode == 0:
        for path in sorted(folder.glob("*.png")):
            print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
