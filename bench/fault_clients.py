"""The clients bench/faults.py runs: careful writers, readers, a bad-input sender.

Each records every answer (or a dropped connection, as status 0) in a shared
Log; each loop ends at its deadline. Writers behave like a careful client: a
logical write (a claim, then its source) carries an Idempotency-Key and is
retried every 0.5 s on 503 or a dropped connection; a key still "in use" by a
request that died is replaced by a fresh key, and a 409 duplicate means an
earlier try was stored. So every write a client started must end stored
exactly once.
"""

import itertools
import threading
import time
from dataclasses import dataclass, field

import requests


@dataclass
class Outcome:
    started: float
    ended: float
    kind: str  # read, html, write, bad
    status: int  # 0: the connection dropped before an HTTP answer
    retry_after: bool = False
    shape_ok: bool = True  # a 503 has the JSON code (API) or the 503 page (HTML)
    code: str = ""  # the JSON error code of a 409


@dataclass
class Log:
    outcomes: list[Outcome] = field(default_factory=list)
    acknowledged: list[int] = field(default_factory=list)  # claim ids a writer completed
    unfinished: int = 0  # writes a client gave up on (deadline)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)


def send(session, log: Log, kind: str, method: str, url: str, **kwargs):
    started = time.monotonic()
    try:
        response = session.request(method, url, timeout=30, **kwargs)
    except requests.RequestException:
        log.add(Outcome(started, time.monotonic(), kind, 0))
        return None
    retry_after = "Retry-After" in response.headers
    log.add(
        Outcome(
            started,
            time.monotonic(),
            kind,
            response.status_code,
            retry_after,
            _shape_ok(response),
            _conflict_code(response) or "",
        )
    )
    return response


def _shape_ok(response) -> bool:
    if response.status_code != 503:
        return True
    if response.headers.get("Content-Type", "").startswith("application/json"):
        return response.json().get("code") == "database_unavailable"
    return b"Back in a moment" in response.content


def _conflict_code(response) -> str | None:
    if response is None or response.status_code != 409:
        return None
    return response.json().get("code")


# --- clients ------------------------------------------------------------------------------


def _ensure(session, log, url: str, body: dict, key: str, duplicate_code: str, give_up: float):
    """POST until stored; the new row's id, the duplicate's id, True, or None on give-up."""
    attempt = 0
    while time.monotonic() < give_up:
        response = send(
            session,
            log,
            "write",
            "POST",
            url,
            json=body,
            headers={"Idempotency-Key": f"{key}-{attempt}"},
        )
        if response is not None and response.status_code in (200, 201):
            return response.json()["id"]
        code = _conflict_code(response)
        if code == duplicate_code:
            return response.json().get("existing_id") or True
        if code == "key_in_use":  # its request died holding the key: start afresh
            attempt += 1
        elif response is not None and response.status_code not in (502, 503, 504):
            return None  # a real refusal: counted as a lost update by the caller
        time.sleep(0.5)
    return None


def writer(base: str, token: str, article_id: int, spans, log: Log, deadline: float) -> None:
    with requests.Session() as session:
        session.headers["Authorization"] = f"Token {token}"
        while time.monotonic() < deadline:
            n = next(spans)
            give_up = deadline + 30
            # Keys are per user: name the article so that scenarios never share one.
            claim_id = _ensure(
                session,
                log,
                f"{base}/api/v1/claims/",
                {"article": article_id, "start": n, "end": n + 12},
                f"a{article_id}-claim-{n}",
                "duplicate_claim",
                give_up,
            )
            source = claim_id and _ensure(
                session,
                log,
                f"{base}/api/v1/claims/{claim_id}/sources/",
                {"url": f"https://example.org/fault/{n}", "stance": "refutes"},
                f"a{article_id}-source-{n}",
                "duplicate_source",
                give_up,
            )
            with log.lock:
                if claim_id and source:
                    log.acknowledged.append(claim_id)
                else:
                    log.unfinished += 1


def reader(base: str, token: str, cookie: str, targets: dict, log: Log, deadline: float) -> None:
    api = requests.Session()
    api.headers["Authorization"] = f"Token {token}"
    html = requests.Session()
    html.cookies.set("sessionid", cookie)
    urls = itertools.cycle(
        [
            (api, "read", f"{base}/api/v1/claims/"),
            (api, "read", f"{base}/api/v1/articles/{targets['article']}/claims/"),
            (api, "read", f"{base}/api/v1/claims/{targets['claim']}/"),
            (html, "html", f"{base}/articles/"),
        ]
    )
    while time.monotonic() < deadline:
        session, kind, url = next(urls)
        response = send(session, log, kind, "GET", url)
        if response is None or response.status_code >= 500:
            time.sleep(0.1)


def bad_inputs(article_id: int, claim_id: int) -> list[tuple[str, dict]]:
    """(path, requests kwargs) pairs from SECURITY-CASES #1-3, 6-8, 10; each must be a 4xx."""
    claims, sources = "/api/v1/claims/", f"/api/v1/claims/{claim_id}/sources/"
    verdicts = f"/api/v1/claims/{claim_id}/verdicts/"

    def claim(**fields) -> tuple[str, dict]:
        return claims, {"json": {"article": article_id, **fields}}

    return [
        claim(start=10, end=5),
        claim(start=5, end=5),
        claim(start=-1, end=5),
        claim(start=0, end=10**9),
        claim(start=2**63, end=2**63 + 1),
        claim(start="5", end=9),
        claim(start=True, end=9),
        claim(start=None, end=9),
        claim(start=1e3, end=1005),
        claim(start=0, end=5, quote="nope!"),
        claim(start=0, end=5, statement="a\x00b"),
        (claims, {"json": {"article": 10**9, "start": 0, "end": 5}}),
        (claims, {"data": '{"article": ', "headers": {"Content-Type": "application/json"}}),
        (claims, {"data": {"article": article_id}}),  # form-encoded: 415
        (claims, {"json": [{"article": article_id}] * 10_000}),
        (sources, {"json": {"url": "javascript:alert(1)"}}),
        (sources, {"json": {"url": "data:text/html,<script>alert(1)</script>"}}),
        (sources, {"json": {"url": "\x08javascript:alert(1)"}}),
        (sources, {"json": {"url": "//evil.example/x"}}),
        (sources, {"json": {"url": "https://example.org/" + "a" * 5000}}),
        (verdicts, {"json": {"rating": "pants-on-fire", "rationale": "x"}}),
        (verdicts, {"json": {"rating": "false", "rationale": "   "}}),
    ]


def bad_input_client(base: str, token: str, cases, log: Log, deadline: float) -> None:
    with requests.Session() as session:
        session.headers["Authorization"] = f"Token {token}"
        for path, kwargs in itertools.cycle(cases):
            if time.monotonic() >= deadline:
                return
            send(session, log, "bad", "POST", f"{base}{path}", **kwargs)
            time.sleep(0.05)


def run_threads(targets: list) -> None:
    threads = [threading.Thread(target=function, args=args) for function, *args in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
