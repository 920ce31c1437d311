"""How fast the reader draws and answers with 1,000 and 10,000 claims on one article.

Run (loopback only; Debian's Chromium; about a minute):

    .venv/bin/python bench/reader_timing.py
    .venv/bin/python bench/reader_timing.py --database-url postgres://postgres@127.0.0.1:5432/x

It recreates the database, seeds two articles (1,000 claims on ~30,000
characters, 10,000 claims on ~300,000; a third of the claims with a verdict, a
fifth with a source), serves them with gunicorn as production does
(gunicorn.conf.py, DEBUG=0) and opens each reader in headless Chromium as a
signed-in reviewer, `--runs` times, printing medians of:

- marks after DOMContentLoaded: from the DOMContentLoaded event to the moment
  the reader sets data-state=ready (every mark drawn), checked to be all claims;
- server time to first byte and DOMContentLoaded from navigation start;
- using the 10,000-claim page: opening a claim's card by clicking its mark,
  selecting a phrase until the "Add claim" button shows, and the longest frame
  while scrolling through the whole article (requestAnimationFrame gaps).

Target (issue 9): every mark of the 1,000-claim article within 300 ms of
DOMContentLoaded on this machine.
"""

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    Gunicorn,
    make_user,
    recreate_postgres_database,
    server_env,
    session_cookie_for,
    setup_django,
    temporary_static_root,
)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/factcheck_reader_bench"
SENTENCE = "Officials said that five officers died and fifty were injured in the riot. "
# Records, from before any page script runs, when the reader has drawn every mark.
MARKS = 'document.querySelectorAll("mark[data-claim-id]:not([data-fragment])")'
READY_PROBE = """
new MutationObserver((_, observer) => {
  const reader = document.querySelector("[data-reader][data-state=ready]");
  if (reader && !window.__readyAt) { window.__readyAt = performance.now(); observer.disconnect(); }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
"""


def seed(claims: int, reviewer) -> int:
    """An article with `claims` non-overlapping 15-character claims, every 30 characters."""
    from annotations import anchoring
    from annotations.models import Claim, Source, Verdict
    from articles.models import Article

    text = SENTENCE * (claims * 30 // len(SENTENCE) + 1)
    article = Article.objects.create(
        title=f"{claims} claims", text=text, content_hash=f"reader-{claims}"
    )
    rows = []
    for k in range(claims):
        start, end = k * 30, k * 30 + 15
        prefix, suffix = anchoring.context_around(text, start, end)
        rows.append(Claim(article=article, start=start, end=end, quote=text[start:end],
                          prefix=prefix, suffix=suffix, created_by=reviewer))  # fmt: skip
    created = Claim.objects.bulk_create(rows, batch_size=2000)
    Verdict.objects.bulk_create(
        [Verdict(claim=c, reviewer=reviewer, rating="false", rationale="No.") for c in created[::3]]
    )
    Source.objects.bulk_create(
        [Source(claim=c, url=f"https://e.example/{c.pk}", added_by=reviewer) for c in created[::5]]
    )
    return article.pk


def open_reader(browser, base: str, cookie: str, article_id: int) -> tuple:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": base}])
    context.add_init_script(READY_PROBE)
    page = context.new_page()
    page.goto(f"{base}/articles/{article_id}/")
    page.wait_for_function("() => window.__readyAt !== undefined", timeout=120_000)
    timing = page.evaluate(
        """() => { const nav = performance.getEntriesByType("navigation")[0];
        return { ttfb: nav.responseStart, html: nav.responseEnd,
                 dcl: nav.domContentLoadedEventStart,
                 ready: window.__readyAt,
                 marks: MARKS.length }; }""".replace("MARKS", MARKS)
    )
    return context, page, timing


def interactions(page) -> dict:
    """Open a card, select a phrase, scroll the article: what a reviewer does next."""
    mark = page.locator("mark[data-claim-id]:not([data-fragment])").nth(5000)
    mark.scroll_into_view_if_needed()
    opened = page.evaluate(
        """async () => { const mark = MARKS[5000];
        const card = document.querySelector("[data-claim-card]");
        const t0 = performance.now(); mark.click();
        while (card.hidden) await new Promise((r) => requestAnimationFrame(r));
        return performance.now() - t0; }""".replace("MARKS", MARKS)
    )
    page.keyboard.press("Escape")
    selected = page.evaluate(
        """async () => { const root = document.querySelector("[data-reader-text]");
        const button = document.querySelector("[data-add-claim]");
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let node = walker.nextNode(); for (let i = 0; i < 8001; i += 1) node = walker.nextNode();
        node.parentElement.scrollIntoView({ block: "center" });
        const range = document.createRange(); range.setStart(node, 1); range.setEnd(node, 10);
        const t0 = performance.now();
        const selection = window.getSelection();
        selection.removeAllRanges(); selection.addRange(range);
        while (button.hidden) await new Promise((r) => requestAnimationFrame(r));
        return performance.now() - t0; }"""
    )
    frames = page.evaluate(
        """async () => { window.scrollTo(0, 0); await new Promise((r) => requestAnimationFrame(r));
        let last = performance.now(); const gaps = [];
        const step = window.innerHeight / 2; const end = document.body.scrollHeight;
        for (let y = 0; y < end; y += step) {
          window.scrollTo(0, y);
          await new Promise((r) => requestAnimationFrame(r));
          const now = performance.now(); gaps.push(now - last); last = now; }
        gaps.sort((a, b) => a - b);
        return { p50: gaps[Math.floor(gaps.length / 2)],
                 p95: gaps[Math.floor(gaps.length * 0.95)], worst: gaps[gaps.length - 1] }; }"""
    )
    return {"open card ms": opened, "select -> Add claim ms": selected,
            "scroll frame p50 ms": frames["p50"], "scroll frame p95 ms": frames["p95"],
            "worst scroll frame ms": frames["worst"]}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    recreate_postgres_database(args.database_url)
    with temporary_static_root() as static_root:
        env = server_env(args.database_url, static_root)
        setup_django(env)
        reviewer, _ = make_user("reader-bench")
        cookie = session_cookie_for(reviewer)
        articles = {n: seed(n, reviewer) for n in (1000, 10000)}
        with Gunicorn(env) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            for claims, article_id in articles.items():
                runs = []
                for _ in range(args.runs):
                    context, page, timing = open_reader(browser, server.url, cookie, article_id)
                    if timing["marks"] != claims:
                        raise SystemExit(f"{timing['marks']} marks drawn, {claims} expected")
                    if claims == 10000:
                        timing.update(interactions(page))
                    runs.append(timing)
                    context.close()
                report(claims, runs)
            browser.close()
    return 0


def report(claims: int, runs: list[dict]) -> None:
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    after_dcl = [max(0.0, run["ready"] - run["dcl"]) for run in runs]
    print(f"-- {claims:,} claims ({len(runs)} runs, medians)")
    # The module runs before DOMContentLoaded fires, so the marks are usually there first.
    print(f"   every mark drawn, after DOMContentLoaded: {statistics.median(after_dcl):7.1f} ms "
          f"(worst {max(after_dcl):.1f})")  # fmt: skip
    drawn = median["ready"] - median["html"]
    print(f"   every mark drawn, after the HTML arrived: {drawn:7.1f} ms "
          "(parsing, the module, drawing)")  # fmt: skip
    print(f"   first byte {median['ttfb']:.1f} ms, HTML received {median['html']:.1f} ms, "
          f"DOMContentLoaded {median['dcl']:.1f} ms, marks drawn {median['ready']:.1f} ms "
          "(from navigation start)")  # fmt: skip
    for key in ("open card ms", "select -> Add claim ms", "scroll frame p50 ms",
                "scroll frame p95 ms", "worst scroll frame ms"):  # fmt: skip
        if key in median:
            print(f"   {key:<26} {median[key]:7.1f}")


if __name__ == "__main__":
    sys.exit(main())
