"""The reader preloads exactly the modules its script imports (none missing, none stale)."""

import re
from pathlib import Path

from articles.views import READER_MODULES

MODULES = Path(__file__).resolve().parents[2] / "annotations" / "static" / "annotations"
IMPORT = re.compile(r'^import .* from "\./([\w-]+\.js)";$', re.MULTILINE)


def test_preloaded_modules_are_the_readers_import_graph():
    seen, todo = set(), ["reader.js"]
    while todo:
        module = todo.pop()
        for imported in IMPORT.findall((MODULES / module).read_text()):
            if imported not in seen:
                seen.add(imported)
                todo.append(imported)

    assert set(READER_MODULES) == seen
