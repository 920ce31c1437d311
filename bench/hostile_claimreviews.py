"""SECURITY-CASES #39 inputs for bench/security_probe.py: hostile ClaimReview files.

`files()` builds them (in memory: about 200 MB at most, for the 50 MB line plain):
`<script>` in every text property, `javascript:` urls, a 50 MB line (in JSON
Lines, as the first line, inside a one-line array), 10,000 nesting levels (in a
record, in a feed of feeds, in an HTML script block), a DataFeed of 10,000 items,
and gzip bombs (1 GiB of zeros; a record then 1 GiB of spaces; 100 MB of `{}`
lines). The probe sends each to POST /api/v1/claimreviews/import/ as a multipart
upload (.gz when it is one) and, when small enough, as the raw body; and runs
`manage.py import_claimreviews` on each, measuring the command's peak RSS
(os.wait4) and the server workers' (VmHWM).
"""

import functools
import gzip
import json
import subprocess
import tempfile
import time
import zlib
from pathlib import Path

SCRIPT = '<script>alert(1)</script><img src=x onerror="alert(2)">'
TIME = "/usr/bin/time"  # GNU time (Debian package `time`), for the command's peak RSS
DEEP = "[" * 10_000 + "]" * 10_000


def record(n: int, **fields) -> dict:
    base = {
        "@context": "https://schema.org", "@type": "ClaimReview",
        "url": f"https://checker.example/probe/{n}", "claimReviewed": f"Claim {n}",
        "author": {"@type": "Organization", "name": "Checker"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    }  # fmt: skip
    return {**base, **fields}


def _lines(*values) -> bytes:
    return "".join((v if isinstance(v, str) else json.dumps(v)) + "\n" for v in values).encode()


def _bomb(head: bytes, unit: bytes, mebibytes: int) -> bytes:
    """`head`, then `mebibytes` MiB of `unit`, gzipped in one stream."""
    chunk = unit * (1024 * 1024 // len(unit))
    z = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: with a gzip header
    parts = [z.compress(head)]
    parts += [z.compress(chunk) for _ in range(mebibytes)]
    parts.append(z.flush())
    return b"".join(parts)


@functools.cache
def files() -> list[tuple[str, bytes]]:
    """(file name, bytes): .gz names hold gzip data."""
    big = "x" * (50 * 1024 * 1024)
    deep_record = json.dumps(record(40))[:-1] + ', "x": ' + DEEP + "}"
    nested_feed = '{"@type":"DataFeed","dataFeedElement":[' * 10_000 + "]}" * 10_000
    js = [
        record(20, url=u)
        for u in (
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "\tjavascript:alert(1)",
            "https://u:p@evil.example/",
        )
    ]
    js.append(record(21, author={"name": "X", "url": "javascript:alert(1)"},
                     itemReviewed={"appearance": ["javascript:alert(1)"]}))  # fmt: skip
    feed = {"@type": "DataFeed",
            "dataFeedElement": [{"@type": "DataFeedItem", "item": record(1000 + i)}
                                for i in range(10_000)]}  # fmt: skip
    html = (f'<script type="application/ld+json">{json.dumps(record(50))}</script>\n'
            f'<script type="application/ld+json">{{"x": {DEEP}}}</script>\n'
            f'<script type="application/ld+json">{json.dumps(record(51))}</script>')  # fmt: skip
    out = [
        ("script.jsonl", _lines(record(10, claimReviewed=SCRIPT, name=SCRIPT,
                                           author={"name": SCRIPT}), record(11))),
        ("javascript-urls.jsonl", _lines(*js, record(22))),
        ("deep-record.jsonl", _lines(record(30), deep_record, record(31))),
        ("deep-record.json", f"[{json.dumps(record(32))},{deep_record},{json.dumps(record(33))}]"
         .encode()),
        ("feed-of-feeds.json", f"[{nested_feed},\n{json.dumps(record(34))}]".encode()),
        ("deep-block.html", html.encode()),
        ("feed-10000-items.json", json.dumps(feed).encode()),
    ]  # fmt: skip
    lines50 = _lines(record(60), record(61, claimReviewed=big), record(62))
    first50 = _lines(record(63, claimReviewed=big), record(64))
    out += [
        ("50mb-line.jsonl.gz", gzip.compress(lines50, 1)),
        ("50mb-first-line.jsonl.gz", gzip.compress(first50, 1)),
        ("50mb-line.jsonl", lines50),
        ("bomb-zeros-1gib.gz", _bomb(b"", b"\0", 1024)),
        ("bomb-spaces-1gib.gz", _bomb(_lines(record(70)), b" ", 1024)),
        ("bomb-empty-objects-100mb.gz", _bomb(b"", b"{}\n", 100)),
    ]
    return out


def peak_rss_of_workers(master_pid: int) -> int:
    """The largest VmHWM (KiB) among the direct children of `master_pid`."""
    peak = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master_pid) and "VmHWM" in fields:
            peak = max(peak, int(fields["VmHWM"].split()[0]))
    return peak


def run_command(path: Path, env: dict, python: str, root: Path) -> tuple[int, float, int, str]:
    """(exit status, seconds, peak RSS in KiB, summary line) of the import command.

    The peak is GNU time's (%M): os.wait4 would report this probe's own size, since
    a child's ru_maxrss counts what it had before exec, and the probe holds the files.
    """
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        out, err, rss = (Path(folder) / name for name in ("out", "err", "rss"))
        command = [python, str(root / "manage.py"), "import_claimreviews",
                   "--max-refused", "10000", str(path)]  # fmt: skip
        with out.open("wb") as stdout, err.open("wb") as stderr:
            status = subprocess.call(  # noqa: S603 - GNU time and our own manage.py
                [TIME, "-f", "%M", "-o", str(rss), *command],
                cwd=root, env=env, stdout=stdout, stderr=stderr,
            )  # fmt: skip
        took = time.monotonic() - started
        summary = (out.read_text(errors="replace").strip().splitlines() or [""])[-1]
        problems = err.read_bytes().count(b"\n")
        peak = int(rss.read_text().split()[-1])
    return status, took, peak, f"{summary.split(': ', 1)[-1]} ({problems} lines on stderr)"
