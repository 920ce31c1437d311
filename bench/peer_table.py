"""Per-pair table of ../shared/bench/peer_bench.py runs: doccano against factcheck.

    python3 bench/peer_table.py DIR a1 a2 a3      # reads DIR/d_a1.json and DIR/f_a1.json, ...

Each label is one alternated pair: the doccano run (d_LABEL.json) and the factcheck
run just after it (f_LABEL.json), both peer_bench's JSON output. It prints the
markdown table docs/benchmarks.md shows: each side's figure per pair, the ratio
per pair (how many times better factcheck did: doccano's time over ours, or our
rate over doccano's) and the median of those ratios. Only per-pair ratios mean
something on a shared machine; say the load average beside them.
"""

import json
import statistics
import sys
from pathlib import Path

# (row title, peer_bench phase, figure, higher is better)
ROWS = [
    ("upload a document, p50 ms", "b_upload_documents", "request_p50", False),
    ("documents uploaded per s", "b_upload_documents", "ops_per_s", True),
    ("create a claim/span, p50 ms", "c_create_spans", "request_p50", False),
    ("claims created per s", "c_create_spans", "ops_per_s", True),
    ("one document's 20 claims, p50 ms", "d1_list_document_spans", "request_p50", False),
    ("full listing of the run's claims, p50 ms", "d2_list_project_spans", "operation_p50", False),
    ("paging through the documents, p50 ms", "d3_list_documents", "operation_p50", False),
]


def figure(run: dict, phase: str, kind: str) -> float:
    p = run["phases"][phase]
    if kind == "ops_per_s":
        return p["ops_per_s"]
    latency = p["request_latency"] if kind == "request_p50" else p["operation_latency"]
    return latency["p50_ms"]


def table(folder: Path, labels: list[str]) -> str:
    doccano = [json.loads((folder / f"d_{label}.json").read_text()) for label in labels]
    ours = [json.loads((folder / f"f_{label}.json").read_text()) for label in labels]
    lines = [
        "| step | doccano | factcheck | factcheck better by (per pair) |",
        "|---|---:|---:|---|",
    ]
    for title, phase, kind, higher in ROWS:
        theirs = [figure(run, phase, kind) for run in doccano]
        mine = [figure(run, phase, kind) for run in ours]
        ratios = [m / t if higher else t / m for t, m in zip(theirs, mine, strict=True)]
        lines.append(
            f"| {title} | {', '.join(f'{x:.1f}' for x in theirs)} "
            f"| {', '.join(f'{x:.1f}' for x in mine)} "
            f"| {', '.join(f'{x:.2f}x' for x in ratios)} "
            f"(median {statistics.median(ratios):.2f}x) |"
        )
    lines += [
        "",
        f"factcheck errors per run: {[run['error_count'] for run in ours]} ; "
        f"doccano: {[run['error_count'] for run in doccano]}",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    print(table(Path(sys.argv[1]), sys.argv[2:]))
