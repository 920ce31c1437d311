"""Bad inputs against a production-style server: every answer counted, 5xx seen (target 0).

    .venv/bin/python bench/security_probe.py                     # PostgreSQL fc_s8c, port 8103
    .venv/bin/python bench/security_probe.py --schemathesis      # then schemathesis x 3 roles
    .venv/bin/python bench/security_probe.py --database-url postgres://postgres@127.0.0.1:5432/x \\
        --port 8110 --workers 4

It recreates the database, migrates, seeds a reviewer (rita), a second
reviewer (omar), an editor (edna), an article, a draft, a claim in review
with a source and a verdict, and a published claim; starts gunicorn on
127.0.0.1 with production settings (DEBUG off, bench.harness.server_env);
then sends each case below as the caller it names and prints one line per
case: the status, and whether it is the class of answer the case expects.

What counts: answers of 500 or more (target 0), and tracebacks in the server's
log (target 0: a refused input is a 4xx and is never logged with a traceback).
Throttles are raised out of the way, as in the other server benches, so every
case reaches its view. With --schemathesis, schemathesis then fuzzes every
operation of /api/v1/schema/ against the same live server as an anonymous
reader, a reviewer and an editor, DELETE included (its destructive calls hit
this throwaway database only), and the summary of each run is printed.

Cases follow ../shared/SECURITY-CASES.md (the number in brackets) and issue 8.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    BIN,
    HOST,
    Gunicorn,
    make_user,
    recreate_postgres_database,
    server_env,
    session_cookie_for,
    setup_django,
)
from bench.hostile_claimreviews import files as hostile_claimreviews
from bench.hostile_claimreviews import peak_rss_of_workers
from bench.probe_checks import (
    GUESSED_PASSWORD,
    command_runs,
    frame_check,
    inert_check,
    lockout_check,
    usernames_check,
)

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/fc_s8c"
RLO = "\u202e"
HOSTILE_QUERIES = (  # #40
    ("tsquery", "a & | ! ( <-> :* '"),
    ("600 chars", "x" * 600),
    ("10,000 chars", "x" * 10_000),
    ("NUL", "a\x00b"),
    ("emoji", "\U0001f469\u200d\U0001f469\u200d\U0001f467 \U0001f1e9\U0001f1ea"),
    ("stop words", "the and of"),
    ("only punctuation", "!!! ??? ..."),
)
DEEP_ARRAY = "[" * 3000 + "]" * 3000  # 6 KB: the probe
DEEP_OBJECT = '{"a":' * 3000 + "1" + "}" * 3000
ARTICLE = (
    "The mayor said twelve bridges collapsed last year. Records show none did. "
    "The council met on Tuesday and voted to repair the old ferry terminal. "
) * 4


@dataclass
class Case:
    name: str
    who: str  # anonymous, reviewer, editor, other
    method: str
    path: str
    expect: str  # "4xx", "2xx", "2xx|4xx"
    ref: str = ""  # SECURITY-CASES number or issue point
    json: object = None
    data: bytes | str | None = None
    headers: dict = field(default_factory=dict)
    files: dict | None = None  # multipart upload


def seed() -> dict:
    """Users, tokens and one claim in each state, through the services."""
    from annotations import services
    from articles.importing import ArticleData
    from articles.services import import_article

    users = {}
    for name, role in (("rita", "reviewer"), ("omar", "reviewer"), ("edna", "editor")):
        users[name] = make_user(name, role)
    rita, edna = users["rita"][0], users["edna"][0]
    article, _ = import_article(
        ArticleData(title="Bridges", text=ARTICLE, url="https://news.example/bridges"),
        created_by=rita,
    )
    draft = services.create_claim(article=article, author=rita, start=4, end=9)
    in_review = services.create_claim(article=article, author=rita, start=10, end=14)
    source = services.add_source(claim=in_review, added_by=rita, url="https://stats.example/r")
    verdict = services.record_verdict(claim=in_review, reviewer=rita, rating="false",
                                      rationale="Records show none.")  # fmt: skip
    # #35: another reviewer's verdict, which rita's delete of the claim may not take along.
    services.record_verdict(claim=in_review, reviewer=users["omar"][0], rating="false",
                            rationale="Agreed.")  # fmt: skip
    users["omar"][0].set_password(GUESSED_PASSWORD)  # #37: guessed at the token endpoint
    users["omar"][0].save(update_fields=["password"])
    services.submit_claim(claim=in_review, actor=rita)
    published = services.create_claim(article=article, author=rita, start=15, end=20)
    services.add_source(claim=published, added_by=rita, url="https://stats.example/p")
    services.submit_claim(claim=published, actor=rita)
    services.publish_claim(claim=published, editor=edna, rating="false", rationale="None fell.")
    return {
        "tokens": {
            "reviewer": users["rita"][1], "other": users["omar"][1], "editor": users["edna"][1],
        },
        "article": article.pk, "draft": draft.pk, "in_review": in_review.pk,
        "published": published.pk, "source": source.pk, "verdict": verdict.pk,
        "editor_session": session_cookie_for(edna),
    }  # fmt: skip


def cases(ids: dict) -> list[Case]:
    a, draft, rev, pub = ids["article"], ids["draft"], ids["in_review"], ids["published"]
    claim_body = {"article": a, "start": 30, "end": 40}
    # fmt: off
    out = [
        # issue 8 point 4 / #34: nesting
        Case("token: 3,000-level array", "anonymous", "POST", "/api/v1/auth/token/", "4xx",
             "#34", data=DEEP_ARRAY),
        Case("token: 3,000-level object", "anonymous", "POST", "/api/v1/auth/token/", "4xx",
             "#34", data=DEEP_OBJECT),
        Case("article create: deep JSON", "reviewer", "POST", "/api/v1/articles/", "4xx", "#34",
             data=DEEP_ARRAY),
        Case("claim create: deep JSON", "reviewer", "POST", "/api/v1/claims/", "4xx", "#34",
             data=DEEP_OBJECT),
        Case("claim create: 40 levels in a field", "reviewer", "POST", "/api/v1/claims/", "4xx",
             "#34", json={**claim_body, "statement": json.loads("[" * 40 + "]" * 40)}),
        # issue 8 point 5: export filters
        *[
            # An anonymous ?assigned_to= is a 400 naming it (issue 8.9), never a 500.
            Case(f"export.{fmt}?{q}", who, "GET", f"/api/v1/claims/export.{fmt}?{q}",
                 "4xx" if who == "anonymous" and "assigned_to" in q else "2xx", "issue 8.5/8.9")
            for fmt in ("csv", "jsonl")
            for q in ("agreement=conflict", "assigned_to=rita", "agreement=none")
            for who in ("anonymous", "editor")
        ],
        Case("export.csv?agreement=bogus", "editor", "GET",
             "/api/v1/claims/export.csv?agreement=bogus", "4xx", "issue 8.5"),
        # #7, #8: malformed bodies
        Case("malformed JSON", "reviewer", "POST", "/api/v1/articles/", "4xx", "#7",
             data='{"title": "T", "text": '),
        Case("NUL in text", "reviewer", "POST", "/api/v1/articles/", "4xx", "#7",
             json={"title": "T", "text": "a\x00b"}),
        Case("wrong Content-Type", "reviewer", "POST", "/api/v1/articles/", "4xx", "#7",
             data="title=T", headers={"Content-Type": "application/x-www-form-urlencoded"}),
        Case("6 MB body", "reviewer", "POST", "/api/v1/articles/", "4xx", "#8",
             json={"title": "T", "text": "x" * 6_000_000}),
        Case("10,000-item list", "reviewer", "POST", "/api/v1/claims/", "4xx", "#8",
             json={**claim_body, "quote": ["x"] * 10_000}),
        # #1, #2: offsets
        *[
            Case(f"offsets {label}", "reviewer", "POST", "/api/v1/claims/", "4xx", "#1/#2",
                 json={"article": a, **span})
            for label, span in (
                ("end<start", {"start": 20, "end": 10}), ("end==start", {"start": 5, "end": 5}),
                ("start<0", {"start": -1, "end": 3}), ("end>len", {"start": 0, "end": 10**6}),
                ("1e3", {"start": 1e3, "end": 1001}), ('"5"', {"start": "5", "end": 9}),
                ("true", {"start": True, "end": 9}), ("null", {"start": None, "end": 9}),
                ("2^63", {"start": 2**63, "end": 2**63 + 1}),
            )
        ],
        # issue 8 point 13: length caps
        *[
            Case(f"claim {name} {size:,} chars", "reviewer", "POST", "/api/v1/claims/", "4xx",
                 "issue 8.13", json={**claim_body, name: "x" * size})
            for name, size in (("statement", 2_001), ("statement", 4_000_000), ("claimant", 301))
        ],
        Case("source excerpt 5,001 chars", "reviewer", "POST", f"/api/v1/claims/{rev}/sources/",
             "4xx", "issue 8.13", json={"url": "https://a.example/x", "excerpt": "x" * 5001}),
        Case("verdict rationale 10,001 chars", "other", "POST", f"/api/v1/claims/{rev}/verdicts/",
             "4xx", "issue 8.13", json={"rating": "false", "rationale": "x" * 10_001}),
        Case("article text 2,000,001 chars", "reviewer", "POST", "/api/v1/articles/", "4xx",
             "issue 8.13", json={"title": "Long", "text": "x" * 2_000_001}),
        Case("article title 501 chars", "reviewer", "POST", "/api/v1/articles/", "4xx",
             "issue 8.13", json={"title": "x" * 501, "text": "Body."}),
        # #10, issue 8 point 11: URLs
        *[
            Case(f"source url {label}", "reviewer", "POST", f"/api/v1/claims/{rev}/sources/",
                 "4xx", "#10/issue 8.11", json={"url": url})
            for label, url in (
                ("javascript:", "javascript:alert(1)"), ("data:", "data:text/html,<b>x</b>"),
                ("\\x08javascript:", "\x08javascript:alert(1)"), ("//evil", "//evil.example/"),
                ("5,000 chars", "https://a.example/" + "x" * 5000),
                ("userinfo", "https://trusted.org@evil.example/"),
                ("user:pass", "https://u:p@a.example/"), ("quote", 'https://a.example/"x'),
                ("angle brackets", "https://a.example/<script>"),
                ("space", "https://a.example/a b"), ("backslash", "https://a.example\\x"),
                ("RLO", f"https://a.example/{RLO}gnp.exe"),
            )
        ],
        Case("article url userinfo (PATCH)", "reviewer", "PATCH", f"/api/v1/articles/{a}/",
             "4xx", "issue 8.11", json={"url": "https://trusted.org@evil.example/"}),
        Case("import-url userinfo", "reviewer", "POST", "/api/v1/articles/import-url/", "4xx",
             "#25/issue 8.11", json={"url": "https://trusted.org@evil.example/"}),
        *[
            Case(f"import-url {url}", "reviewer", "POST", "/api/v1/articles/import-url/", "4xx",
                 "#25", json={"url": url})
            for url in ("http://127.0.0.1/", "http://[::1]/", "http://2130706433/",
                        "http://169.254.169.254/", "file:///etc/passwd", "gopher://x.example/")
        ],
        # #6: ratings
        Case("verdict rating outside scale", "other", "POST", f"/api/v1/claims/{rev}/verdicts/",
             "4xx", "#6", json={"rating": "purple", "rationale": "x"}),
        Case("verdict empty rationale", "other", "POST", f"/api/v1/claims/{rev}/verdicts/",
             "4xx", "#6", json={"rating": "false", "rationale": ""}),
        # #15-#20, #36: access
        Case("other's draft PATCH", "other", "PATCH", f"/api/v1/claims/{draft}/", "4xx", "#15",
             json={"statement": "mine now"}),
        Case("other's draft DELETE", "other", "DELETE", f"/api/v1/claims/{draft}/", "4xx", "#15"),
        Case("published claim statement PATCH", "reviewer", "PATCH", f"/api/v1/claims/{pub}/",
             "4xx", "#36", json={"statement": "rewritten"}),
        *[
            Case(f"published article {name} PATCH", "reviewer", "PATCH", f"/api/v1/articles/{a}/",
                 "4xx", "#36", json={name: value})
            for name, value in (("url", "https://phish.example/"), ("title", "Rewritten"),
                                ("publisher", "Someone else"), ("byline", "Nobody"))
        ],
        Case("article with others' claims DELETE", "reviewer", "DELETE", f"/api/v1/articles/{a}/",
             "4xx", "#35"),
        Case("claim with another's verdict DELETE", "reviewer", "DELETE", f"/api/v1/claims/{rev}/",
             "4xx", "#35"),
        Case("reviewer publishes", "reviewer", "POST", f"/api/v1/claims/{rev}/publish/", "4xx",
             "#19", json={"rating": "false", "rationale": "x"}),
        Case("?ordering=author__password", "anonymous", "GET",
             "/api/v1/claims/?ordering=created_by__password", "2xx|4xx", "#20"),
        Case("?created_by__password__startswith=p", "anonymous", "GET",
             "/api/v1/claims/?created_by__password__startswith=p", "2xx|4xx", "#20"),
        Case("repeated ?status", "anonymous", "GET", "/api/v1/claims/?status=a&status=b", "4xx",
             "#20"),
        Case("?article=1.5", "anonymous", "GET", "/api/v1/claims/?article=1.5", "4xx", "#20"),
        Case("?article=2^70", "anonymous", "GET", f"/api/v1/claims/?article={2**70}", "4xx",
             "#20"),
        Case("?page=-1", "anonymous", "GET", "/api/v1/claims/?page=-1", "4xx", "#20"),
        Case("?page=abc", "anonymous", "GET", "/api/v1/claims/?page=abc", "4xx", "#20"),
        Case("claim id 2^70", "anonymous", "GET", f"/api/v1/claims/{2**70}/", "4xx", "#20"),
        Case("claim id -1", "anonymous", "GET", "/api/v1/claims/-1/", "4xx", "#20"),
        # #21, #24: credentials and host
        Case("no credentials write", "anonymous", "POST", "/api/v1/claims/", "4xx", "#21",
             json=claim_body),
        Case("bad token", "anonymous", "GET", "/api/v1/claims/", "4xx", "#21",
             headers={"Authorization": "Token " + "0" * 40}),
        Case("token in query string", "anonymous", "POST", "/api/v1/claims/?token=x", "4xx",
             "#21", json=claim_body),
        Case("Host: evil.example", "anonymous", "GET", "/api/v1/claims/", "4xx", "#24",
             headers={"Host": "evil.example"}),
        # #40: search (200 with results or 400 naming the field)
        *[
            Case(f"search query={label}", "anonymous", "GET",
                 "/api/v1/factchecks/search/?" + urlencode({"query": q}), "2xx|4xx", "#40")
            for label, q in HOSTILE_QUERIES
        ],
        # #40: the desk search and claim matching (search and matching apps)
        *[
            Case(f"{kind} {label}", "anonymous", method, path(q), "2xx|4xx", "#40",
                 json=None if method == "GET" else {"text": q})
            for kind, method, path in (
                ("search q=", "GET", lambda q: "/api/v1/search/?" + urlencode({"q": q})),
                ("match text=", "POST", lambda q: "/api/v1/match/"),
            )
            for label, q in HOSTILE_QUERIES
        ],
        # #44: oEmbed
        *[
            Case(f"oembed url={label}", "anonymous", "GET", "/oembed?" + urlencode({"url": url}),
                 "4xx", "#44")
            for label, url in (
                ("other host", "https://evil.example/factchecks/1/"),
                ("draft", f"http://{HOST}/factchecks/{draft}/"),
                ("traversal", f"http://{HOST}/factchecks/../admin/"),
            )
        ],
        # #12: reflected payloads on pages
        Case("?q=<script> on the public index", "anonymous", "GET",
             "/factchecks/?q=%3Cscript%3Ealert(1)%3C/script%3E", "2xx|4xx", "#12"),
        Case("404 page with a payload", "anonymous", "GET", "/%3Cscript%3E/", "4xx", "#12"),
    ]
    # fmt: on
    return out + claimreview_cases()


BODY_TYPES = {"gz": "application/gzip", "jsonl": "application/x-ndjson",
              "json": "application/json", "html": "text/html"}  # fmt: skip


def claimreview_cases() -> list[Case]:
    """#39: each hostile file as a multipart upload, and as the raw body when under 5 MB."""
    out = []
    for name, data in hostile_claimreviews():
        out.append(Case(f"claimreview upload {name}", "editor", "POST",
                        "/api/v1/claimreviews/import/", "2xx|4xx", "#39",
                        files={"file": (name, data)}))  # fmt: skip
        if len(data) < 5 * 1024 * 1024:
            kind = BODY_TYPES[name.rsplit(".", 1)[1]]
            out.append(Case(f"claimreview body {name}", "editor", "POST",
                            "/api/v1/claimreviews/import/", "2xx|4xx", "#39", data=data,
                            headers={"Content-Type": kind}))  # fmt: skip
    return out


def send(base: str, case: Case, tokens: dict) -> int:
    headers = dict(case.headers)
    if case.who in tokens:
        headers["Authorization"] = f"Token {tokens[case.who]}"
    if case.data is not None and "Content-Type" not in headers:
        headers["Content-Type"] = "application/json"
    try:
        response = requests.request(
            case.method, base + case.path, json=case.json, data=case.data, headers=headers,
            files=case.files, timeout=300, allow_redirects=False,
        )  # fmt: skip
    except requests.RequestException:
        return 0
    return response.status_code


def matches(expect: str, status: int) -> bool:
    return any(status // 100 == int(kind[0]) for kind in expect.split("|"))


def private_check(base: str, tokens: dict) -> tuple[str, str]:
    """Cache-Control with a token and without (issue 8 point 14)."""
    with_token = requests.get(
        f"{base}/api/v1/claims/", headers={"Authorization": f"Token {tokens['editor']}"},
        timeout=30,
    ).headers.get("Cache-Control", "")  # fmt: skip
    anonymous = requests.get(f"{base}/api/v1/claims/", timeout=30).headers.get("Cache-Control", "")
    return with_token, anonymous


def run_schemathesis(base: str, tokens: dict, examples: int, report_dir: Path) -> list[str]:
    """schemathesis against the live server as each role; its summary and the 5xx count.

    Every check runs except positive_data_acceptance: it counts as a failure any
    400 to a request the schema allows, and our 400s there are cross-field rules
    a schema cannot state (`text` or `html`, `page` or `cursor`), not bugs. The
    in-process suite (tests/api/test_schemathesis.py) leaves it out for the same
    reason. DELETE /auth/token/ is fuzzed as the anonymous caller only.
    """
    lines = []
    for role in ("anonymous", "reviewer", "editor"):
        command = [
            str(BIN / "schemathesis"), "run", f"{base}/api/v1/schema/?format=json",
            "--checks", "all", "--exclude-checks", "positive_data_acceptance",
            "--max-examples", str(examples), "--workers", "1", "--generation-deterministic",
            "--no-color", "--suppress-health-check", "all", "--request-timeout", "30",
            "--report", "junit", "--report-junit-path", str(report_dir / f"{role}.xml"),
        ]  # fmt: skip
        if role in tokens:
            # DELETE /auth/token/ revokes the token the run signs with: every later
            # call would be a 401, and the run would test nothing (it did, once).
            command += ["--header", f"Authorization: Token {tokens[role]}",
                        "--exclude-operation-id", "auth_token_destroy"]  # fmt: skip
        started = time.monotonic()
        # Run from the report folder: schemathesis keeps a cache in its working directory.
        result = subprocess.run(  # noqa: S603 - our own venv's schemathesis, fixed arguments
            command, capture_output=True, text=True, check=False, cwd=report_dir
        )
        took = time.monotonic() - started
        output = result.stdout + result.stderr
        (report_dir / f"{role}.txt").write_text(output, encoding="utf-8")
        summary = output.split("= SUMMARY =")[-1].splitlines()
        keep = [line for line in summary if line.strip() and "Seed:" not in line]
        server_errors = len(re.findall(r"^\[5\d\d\]", output, flags=re.M))
        lines.append(f"--- schemathesis as {role}: {took:.0f} s, exit {result.returncode}, "
                     f"5xx answers shown in failures: {server_errors} ---")  # fmt: skip
        lines += [line for line in keep if not line.startswith(("Reports", "  - JUnit"))]
    return lines


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DB, help="recreated from scratch")
    parser.add_argument("--port", type=int, default=8103)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--schemathesis", action="store_true", help="also fuzz as three roles")
    parser.add_argument("--examples", type=int, default=10, help="schemathesis examples per op")
    parser.add_argument("--skip-command", action="store_true",
                        help="skip the #39 runs of manage.py import_claimreviews")  # fmt: skip
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    recreate_postgres_database(args.database_url)
    static_root = tempfile.mkdtemp(prefix="probe-static-")
    env = server_env(args.database_url, static_root, LOG_LEVEL="WARNING",
                     FACTCHECK_THROTTLE_CHECKWORTHINESS="1000000/min")  # fmt: skip
    setup_django(env)
    ids = seed()
    tokens = ids["tokens"]
    to_send = cases(ids)
    statuses: Counter[int] = Counter()
    unexpected, server_errors = [], []
    with Gunicorn(env, workers=args.workers, port=args.port) as server:
        for case in to_send:
            status = send(server.url, case, tokens)
            statuses[status] += 1
            ok = matches(case.expect, status)
            flag = "ok " if ok else "UNEXPECTED"
            print(f"{flag} {status:>3}  [{case.ref}] {case.who:9} {case.method:6} {case.name}")
            if not ok:
                unexpected.append(case.name)
            if status >= 500 or status == 0:
                server_errors.append(f"{status} {case.name}")
        private, public = private_check(server.url, tokens)
        worker_rss = peak_rss_of_workers(server.process.pid)
        lockout = lockout_check(server.url)
        frames = frame_check(server.url, ids["published"])
        usernames = usernames_check(env)
        inert = inert_check(server.url, ids["editor_session"])
        log = Path(server.log.name).read_text(encoding="utf-8", errors="replace")
        schemathesis_lines = []
        if args.schemathesis:
            report_dir = Path(tempfile.mkdtemp(prefix="probe-schemathesis-"))
            schemathesis_lines = run_schemathesis(server.url, tokens, args.examples, report_dir)
            schemathesis_lines.append(f"full output and JUnit reports: {report_dir}")
    load = os.getloadavg()
    print()
    print(f"bad inputs tried: {len(to_send)}   statuses: {dict(sorted(statuses.items()))}")
    print(f"5xx (or dropped) seen: {len(server_errors)}   {server_errors or ''}")
    print(f"answers of an unexpected class: {len(unexpected)}   {unexpected or ''}")
    tracebacks = log.count("Traceback (most recent call last)")
    print(f"tracebacks in the server log: {tracebacks}")
    if tracebacks:
        first = log.index("Traceback (most recent call last)")
        print("first one:\n" + "\n".join(log[max(0, first - 300) :].splitlines()[:40]))
    print(f"Cache-Control with a token: {private!r}; anonymous: {public!r}")
    print(f"#37 token endpoint, 12 wrong passwords then the right one: {lockout}")
    print(f"#38 create_user with look-alike, bidi, HTML and case-variant names: {usernames}")
    print(f"#43 frame-ancestors: {frames}")
    print(f"#39 stored <script> text: {inert}")
    print(f"#39 server workers' peak RSS (VmHWM) after every case: {worker_rss / 1024:.0f} MiB")
    if not args.skip_command:
        print("#39 manage.py import_claimreviews --max-refused 10000 on each hostile file:")
        for line in command_runs(env):
            print(line)
    print(f"gunicorn: {args.workers} workers, DEBUG off, PostgreSQL; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")  # fmt: skip
    for line in schemathesis_lines:
        print(line)
    return 1 if server_errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
