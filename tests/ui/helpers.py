"""Helpers for browser tests: selecting article text the way a person would."""

import json

# Finds the n-th occurrence of `phrase` in the article's text and returns a DOM
# Range over it, walking text nodes in UTF-16 units (the DOM's own unit).
_RANGE_JS = """
([phrase, occurrence]) => {
  const root = document.querySelector("[data-reader-text]");
  const text = root.textContent;
  let start = -1;
  for (let i = 0; i <= occurrence; i += 1) start = text.indexOf(phrase, start + 1);
  if (start < 0) throw new Error(`phrase not in article: ${phrase}`);
  const end = start + phrase.length;
  const range = document.createRange();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (start >= seen && start < seen + node.length) range.setStart(node, start - seen);
    if (end > seen && end <= seen + node.length) { range.setEnd(node, end - seen); break; }
    seen += node.length;
  }
  return range;
}
"""


def _with_range(body: str) -> str:
    """A page function that builds the phrase's Range, then runs `body` with it."""
    return f"(args) => {{ const range = ({_RANGE_JS})(args); {body} }}"


def select_with_dom_range(page, phrase: str, occurrence: int = 0) -> None:
    """Select `phrase` through the Selection API (as assistive technology would)."""
    page.evaluate(
        _with_range(
            "const selection = window.getSelection(); selection.removeAllRanges();"
            " selection.addRange(range);"
        ),
        [phrase, occurrence],
    )


def drag_select(page, phrase: str, occurrence: int = 0) -> None:
    """Select `phrase` with a real mouse drag from its first to its last character."""
    script = _with_range(
        "const rects = [...range.getClientRects()].filter((r) => r.width > 0);"
        " const first = rects[0];"
        " window.scrollBy(0, first.top - window.innerHeight / 2);"
        " const fresh = [...range.getClientRects()].filter((r) => r.width > 0);"
        " const a = fresh[0], b = fresh[fresh.length - 1];"
        " return { x1: a.left + 1, y1: a.top + a.height / 2,"
        "          x2: b.right - 1, y2: b.top + b.height / 2 };"
    )
    box = page.evaluate(script, [phrase, occurrence])
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move((box["x1"] + box["x2"]) / 2, box["y2"], steps=5)
    page.mouse.move(box["x2"], box["y2"], steps=5)
    page.mouse.up()


def selected_text(page) -> str:
    return page.evaluate("() => window.getSelection().toString()")


def json_ld(page) -> dict:
    return json.loads(page.locator('script[type="application/ld+json"]').text_content())


def open_reader(page, article, fragment: str = "") -> None:
    """Open an article's reader and wait until its claims are drawn."""
    page.goto(f"/articles/{article.pk}/{fragment}")
    page.locator("[data-reader][data-state=ready]").wait_for()
