"""Faults under load: a PostgreSQL restart, killed workers, a dump restored (#29, #30, #31).

Run as root (it creates a PostgreSQL cluster; loopback only; about 2 minutes):

    .venv/bin/python bench/faults.py            # --restart-load 60 --restart-at 20

Everything runs against a throwaway cluster 15/faults on port 5433, created at
the start and stopped and dropped at the end (bench/pgcluster.py); the shared
cluster on 5432 is never touched. gunicorn runs 2 workers x 4 threads with
production settings (DEBUG=0, collected static files) and persistent database
connections (DATABASE_CONN_MAX_AGE=60, health-checked), the harder case.

(a) Restart: readers (API lists and details, a signed-in HTML page), writers
    and a client sending bad inputs run for 60 s; the cluster restarts at 20 s.
    Expected: 0 500s; 503 with Retry-After (JSON for the API, the 503 page for
    HTML) while it is down; recovery within 10 s; no partial writes.
(b) kill -9: writers run for 12 s while a gunicorn worker is killed every 3 s.
    Expected: rolled-back transactions, no orphan rows.
(c) pg_dump -Fc under write load, restored into a fresh database: row counts and
    checksums equal those of the dump's snapshot; the restored app answers.

Writers retry each logical write until it is stored exactly once (see
bench/fault_clients.py), so "updates lost" counts writes that were not.
"""

import argparse
import itertools
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import psycopg
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fault_clients import (
    Log,
    Outcome,
    bad_input_client,
    bad_inputs,
    reader,
    run_threads,
    writer,
)
from bench.harness import (
    ARTICLE_TEXT,
    Gunicorn,
    make_user,
    server_env,
    session_cookie_for,
    setup_django,
    temporary_static_root,
)
from bench.pgcluster import ThrowawayCluster

DATABASE = "factcheck_faults"
CONNECTION_MODES = {
    "persistent": {"DATABASE_CONN_MAX_AGE": "60"},  # kept open, health-checked before reuse
    "pool": {"DATABASE_POOL": "1"},  # psycopg's pool, checked on checkout
    "per-request": {"DATABASE_CONN_MAX_AGE": "0"},  # Django's default
}
WRITE_TEXT = ARTICLE_TEXT * 250  # room for 30,000+ distinct spans


# --- checks -------------------------------------------------------------------------------

ORPHAN_QUERIES = {
    "claims without their history row": """
        SELECT count(*) FROM annotations_claim c WHERE NOT EXISTS (
          SELECT 1 FROM history_historyentry h
          WHERE h.object_type = 'claim' AND h.object_id = c.id AND h.action = 'create')""",
    "sources without their history row": """
        SELECT count(*) FROM annotations_source s WHERE NOT EXISTS (
          SELECT 1 FROM history_historyentry h
          WHERE h.object_type = 'source' AND h.object_id = s.id AND h.action = 'create')""",
    "sources without a claim": """
        SELECT count(*) FROM annotations_source s
        LEFT JOIN annotations_claim c ON c.id = s.claim_id WHERE c.id IS NULL""",
    "history rows of claims never stored": """
        SELECT count(*) FROM history_historyentry h
        WHERE h.object_type = 'claim' AND h.action = 'create'
          AND NOT EXISTS (SELECT 1 FROM annotations_claim c WHERE c.id = h.object_id)""",
    "written claims without exactly one source": """
        SELECT count(*) FROM annotations_claim c WHERE c.article_id = ANY(%(articles)s)
          AND (SELECT count(*) FROM annotations_source s WHERE s.claim_id = c.id) <> 1""",
}


def orphans(url: str, write_articles: list[int]) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {
            name: conn.execute(sql, {"articles": write_articles}).fetchone()[0]
            for name, sql in ORPHAN_QUERIES.items()
        }


def lost_updates(url: str, log: Log, article_id: int) -> dict[str, int]:
    """Acknowledged writes missing, and rows nobody was told about."""
    with psycopg.connect(url) as conn:
        stored = {
            row[0]
            for row in conn.execute(
                "SELECT id FROM annotations_claim WHERE article_id = %s", [article_id]
            )
        }
    acknowledged = set(log.acknowledged)
    return {
        "acknowledged": len(acknowledged),
        "acknowledged but missing": len(acknowledged - stored),
        "stored but never acknowledged": len(stored - acknowledged),
        "given up by the client": log.unfinished,
    }


CHECKSUM_TABLES = {
    "articles_article": "id",
    "annotations_claim": "id",
    "annotations_source": "id",
    "annotations_verdict": "id",
    "history_historyentry": "id",
    "auth_user": "id",
    "accounts_apitoken": "id",
    "api_support_idempotencykey": "id",
}


def checksums(conn) -> dict[str, tuple[int, str]]:
    """Row count and md5 of every row's text, in key order, per table."""
    return {
        table: conn.execute(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t.{key}), '')) "  # noqa: S608 - fixed names
            f"FROM {table} t"
        ).fetchone()
        for table, key in CHECKSUM_TABLES.items()
    }


# --- scenarios ----------------------------------------------------------------------------


@dataclass
class Context:
    cluster: ThrowawayCluster
    server: Gunicorn
    url: str
    env: dict
    token: str
    cookie: str
    seeded_article: int
    seeded_claim: int
    write_articles: dict[str, int]


def scenario_restart(
    ctx: Context, seconds: float, restart_at: float, outage_at: float, outage_seconds: float
) -> dict:
    """Load for `seconds`; `pg_ctlcluster restart` at restart_at, stop/start at outage_at."""
    log, events = Log(), []
    deadline = time.monotonic() + seconds
    spans, base, article = itertools.count(), ctx.server.url, ctx.write_articles["restart"]
    targets = {"article": ctx.seeded_article, "claim": ctx.seeded_claim}
    cases = bad_inputs(ctx.seeded_article, ctx.seeded_claim)

    def faults() -> None:
        began = time.monotonic()
        time.sleep(max(0.0, restart_at - (time.monotonic() - began)))
        events.append(timed("restart", lambda: ctx.cluster.ctl("restart")))
        time.sleep(max(0.0, outage_at - (time.monotonic() - began)))
        events.append(
            timed(
                f"stop, {outage_seconds:.0f} s down, start",
                lambda: stopped_for(ctx.cluster, outage_seconds),
            )
        )

    run_threads(
        [(writer, base, ctx.token, article, spans, log, deadline)] * 2
        + [(reader, base, ctx.token, ctx.cookie, targets, log, deadline)] * 3
        + [(bad_input_client, base, ctx.token, cases, log, deadline), (faults,)]
    )
    ends = [event["begin"] for event in events[1:]] + [deadline + 60]
    for event, window_end in zip(events, ends, strict=True):
        event.update(timeline(log, event, window_end))
    return {"log": log, "events": events, "lost": lost_updates(ctx.url, log, article)}


def timed(name: str, action) -> dict:
    begin = time.monotonic()
    action()
    return {"name": name, "begin": begin, "end": time.monotonic()}


def stopped_for(cluster: ThrowawayCluster, seconds: float) -> None:
    cluster.ctl("stop")
    time.sleep(seconds)
    cluster.ctl("start")


def timeline(log: Log, event: dict, window_end: float) -> dict:
    """What clients saw of one fault, in seconds from the moment it began."""
    begin, end = event["begin"], event["end"]
    seen = [o for o in log.outcomes if begin <= o.ended < window_end]
    failed = [o.ended for o in seen if o.status in (0, 502, 503, 504)]
    recovered = [o.ended for o in seen if o.started >= end and 200 <= o.status < 300]
    return {
        "failures": len(failed),
        "last_failure": (max(failed) - begin) if failed else 0.0,
        "first_success_after": (min(recovered) - end) if recovered else float("nan"),
        "took": end - begin,
    }


def scenario_kill(ctx: Context, seconds: float, kills: int) -> dict:
    log, killed = Log(), []
    deadline = time.monotonic() + seconds
    spans, base, article = itertools.count(), ctx.server.url, ctx.write_articles["kill"]

    def killer() -> None:
        for _ in range(kills):
            time.sleep(seconds / (kills + 1))
            pid = ctx.server.worker_pids()[0]
            subprocess.run(["kill", "-9", str(pid)], check=True)  # noqa: S603, S607
            killed.append(pid)

    run_threads([(writer, base, ctx.token, article, spans, log, deadline)] * 4 + [(killer,)])
    ctx.server.wait_ready()
    return {"log": log, "killed": killed, "lost": lost_updates(ctx.url, log, article)}


def scenario_dump(ctx: Context, seconds: float) -> dict:
    log = Log()
    deadline = time.monotonic() + seconds
    spans, base, article = itertools.count(), ctx.server.url, ctx.write_articles["dump"]
    result: dict = {}
    load = threading.Thread(
        target=run_threads, args=([(writer, base, ctx.token, article, spans, log, deadline)] * 3,)
    )
    load.start()
    time.sleep(seconds / 3)
    dump = Path(ctx.env["STATIC_ROOT"]) / "faults.dump"
    with psycopg.connect(ctx.url) as conn:  # holds the snapshot pg_dump reads
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        result["expected"] = checksums(conn)
        started = time.monotonic()
        command = [ctx.cluster.tool("pg_dump"), "-Fc", f"--snapshot={snapshot}", "-f", str(dump)]
        subprocess.run([*command, ctx.url], check=True)  # noqa: S603 - our own tools and URL
        result["dump_seconds"] = time.monotonic() - started
    load.join(timeout=120)
    result.update(restore(ctx, dump), log=log)
    return result


def restore(ctx: Context, dump: Path) -> dict:
    url = ctx.cluster.create_database("factcheck_restored")
    started = time.monotonic()
    command = [ctx.cluster.tool("pg_restore"), "--no-owner", "--jobs", "2", "-d", url]
    subprocess.run([*command, str(dump)], check=True)  # noqa: S603 - our own tools and URL
    seconds = time.monotonic() - started
    with psycopg.connect(url) as conn:
        restored = checksums(conn)
    return {
        "restore_seconds": seconds,
        "restored": restored,
        "dump_bytes": dump.stat().st_size,
        "smoke": smoke(ctx, url, restored["annotations_claim"][0]),
    }


def smoke(ctx: Context, url: str, claims: int) -> bool:
    """The app on the restored database lists every claim and opens one."""
    env = {**ctx.env, "DATABASE_URL": url}
    headers = {"Authorization": f"Token {ctx.token}"}
    with Gunicorn(env, workers=1, threads=2) as server:
        listed = requests.get(f"{server.url}/api/v1/claims/", headers=headers, timeout=30)
        detail = requests.get(
            f"{server.url}/api/v1/claims/{ctx.seeded_claim}/", headers=headers, timeout=30
        )
        page = requests.get(
            f"{server.url}/articles/", cookies={"sessionid": ctx.cookie}, timeout=30
        )
    return (listed.status_code, detail.status_code, page.status_code) == (200, 200, 200) and (
        listed.json()["count"] == claims
    )


# --- set-up and report --------------------------------------------------------------------


def seed(claims: int) -> dict:
    """Users, an article with `claims` claims, each with a source and both history rows.

    Bulk inserts (the services would take minutes) that write what create_claim and
    add_source write, so the orphan checks hold for seeded rows too.
    """
    from annotations.models import Claim, Source
    from articles.services import create_article
    from history.models import HistoryEntry

    user, token = make_user("fault-reviewer")
    article = create_article(title="Seeded", text=ARTICLE_TEXT * 80, created_by=user)
    made = Claim.objects.bulk_create(
        Claim(article=article, start=n, end=n + 20, quote=article.text[n : n + 20], created_by=user)
        for n in range(claims)
    )
    sources = Source.objects.bulk_create(
        Source(claim=c, url=f"https://example.org/s/{c.pk}", added_by=user) for c in made
    )
    HistoryEntry.objects.bulk_create(
        HistoryEntry(
            object_type=row._meta.model_name,
            object_id=row.pk,
            action="create",
            claim_id=getattr(row, "claim_id", row.pk),
            article_id=article.pk,
            actor=user,
        )
        for row in [*made, *sources]
    )
    writes = {
        name: create_article(title=f"Writes: {name}", text=WRITE_TEXT + name, created_by=user).pk
        for name in ("restart", "kill", "dump")
    }
    return {
        "token": token,
        "cookie": session_cookie_for(user),
        "seeded_article": article.pk,
        "seeded_claim": made[0].pk,
        "write_articles": writes,
    }


def server_errors(outcomes: list[Outcome]) -> int:
    """5xx other than the promised 503 (with Retry-After and the documented body)."""
    return sum(
        o.status >= 500 and not (o.status == 503 and o.retry_after and o.shape_ok) for o in outcomes
    )


def statuses(outcomes: list[Outcome], kind: str | None = None) -> str:
    """e.g. "200:380 409 duplicate_claim:2 503:5 dropped:1"."""
    counts = Counter(
        f"{o.status or 'dropped'}{' ' + o.code if o.code else ''}"
        for o in outcomes
        if kind is None or o.kind == kind
    )
    return " ".join(f"{status}:{n}" for status, n in sorted(counts.items()))


def report_restart(a: dict) -> None:
    outcomes = a["log"].outcomes
    print(f"(a) database faults under load: {len(outcomes)} requests")
    for kind in ("read", "html", "write", "bad"):
        print(f"    {kind:<6} {statuses(outcomes, kind)}")
    for event in a["events"]:
        print(
            f"    {event['name']}: took {event['took']:.1f} s; {event['failures']} requests "
            f"failed, the last +{event['last_failure']:.1f} s after it began (full recovery);"
            f" first 2xx {event['first_success_after']:.2f} s after it ended"
        )
    print(f"    writes: {a['lost']}")


def report_kill(b: dict, orphan_counts: dict) -> None:
    outcomes = b["log"].outcomes
    print(
        f"(b) kill -9 of {len(b['killed'])} workers mid-write: {len(outcomes)} requests; "
        f"{statuses(outcomes)}"
    )
    print(f"    writes: {b['lost']}")
    print(f"    orphans: {orphan_counts}")


def report_dump(c: dict) -> list[str]:
    mismatched = [t for t in c["expected"] if c["expected"][t] != c["restored"][t]]
    rows = sum(count for count, _ in c["expected"].values())
    size = c["dump_bytes"] / 1024
    print(
        f"(c) pg_dump -Fc under load: {c['dump_seconds']:.2f} s, {size:.0f} KiB;"
        f" pg_restore --jobs 2: {c['restore_seconds']:.2f} s; {rows} rows in "
        f"{len(c['expected'])} tables; checksum mismatches: {mismatched or 'none'}; "
        f"writes during the dump: {statuses(c['log'].outcomes)}; "
        f"smoke test on the restored app: {'passed' if c['smoke'] else 'FAILED'}"
    )
    return mismatched


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--restart-load", type=float, default=60.0, help="seconds of load in (a)")
    parser.add_argument("--restart-at", type=float, default=20.0, help="restart after (s)")
    parser.add_argument("--outage-at", type=float, default=40.0, help="stop after (s)")
    parser.add_argument("--outage-seconds", type=float, default=5.0, help="stopped for (s)")
    parser.add_argument("--seed", type=int, default=5000, help="claims seeded")
    parser.add_argument(
        "--connections",
        choices=sorted(CONNECTION_MODES),
        default="persistent",
        help="how workers hold database connections",
    )
    parser.add_argument("--kill-load", type=float, default=12.0, help="seconds of load in (b)")
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--dump-load", type=float, default=9.0, help="seconds of load in (c)")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    with ThrowawayCluster() as cluster, temporary_static_root() as static_root:
        url = cluster.create_database(DATABASE)
        env = server_env(url, static_root, **CONNECTION_MODES[args.connections])
        setup_django(env)
        seeded = seed(args.seed)
        from django.db import connections

        connections.close_all()  # this process is done with the database; the cluster restarts
        with Gunicorn(env) as server:
            ctx = Context(cluster, server, url, env, **seeded)
            a = scenario_restart(
                ctx, args.restart_load, args.restart_at, args.outage_at, args.outage_seconds
            )
            after_restart = orphans(url, list(ctx.write_articles.values()))
            b = scenario_kill(ctx, args.kill_load, args.kills)
            after_kill = orphans(url, list(ctx.write_articles.values()))
            c = scenario_dump(ctx, args.dump_load)
    return summarize(a, b, c, after_restart, after_kill)


def summarize(a: dict, b: dict, c: dict, after_restart: dict, after_kill: dict) -> int:
    print()
    report_restart(a)
    print(f"    orphans: {after_restart}")
    report_kill(b, after_kill)
    mismatched = report_dump(c)
    everything = a["log"].outcomes + b["log"].outcomes + c["log"].outcomes
    bad = [o for o in a["log"].outcomes if o.kind == "bad"]
    errors = server_errors(everything)
    lost = sum(
        s["lost"]["given up by the client"] + s["lost"]["stored but never acknowledged"]
        for s in (a, b)
    ) + (0 if c["smoke"] else 1)
    missing = sum(s["lost"]["acknowledged but missing"] for s in (a, b)) + len(mismatched)
    orphaned = sum(after_restart.values()) + sum(after_kill.values())
    survived = [
        *[
            e["last_failure"] - e["took"] <= 10 and not sum(after_restart.values())
            for e in a["events"]
        ],
        *[not sum(after_kill.values())] * len(b["killed"]),
        not mismatched and c["smoke"],
    ]
    print("\n== SECURITY-CASES figures (bench/faults.py)")
    print(f"bad inputs tried: {len(bad)} ({statuses(bad)}); server errors: {errors}")
    unavailable = sum(o.status == 503 and o.retry_after for o in everything)
    print(
        f"requests under faults: {len(everything)}; "
        f"500s: {sum(o.status == 500 for o in everything)}; 503 with Retry-After: {unavailable}"
    )
    outage = a["events"][-1]["name"]
    print(
        f"faults survived: {sum(survived)} of {len(survived)} (a restart, a {outage} "
        f"outage, {len(b['killed'])} worker kills, a dump restored)"
    )
    print(f"updates lost: {lost}")
    print(f"data lost: {missing + orphaned}")
    return 0 if not errors and all(survived) and not lost and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
