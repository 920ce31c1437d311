"""ClaimReview import speed and memory, end to end, on PostgreSQL.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/fc_bench .venv/bin/python \\
         bench/claimreview_import.py [--lines 10000] [--also 50000]
It migrates that database, EMPTIES its imported ClaimReviews, writes a JSON Lines file
of realistic, varied records (publishers in several languages, known and unknown
labels, appearances, long review bodies, a few broken lines), and times
`manage.py import_claimreviews FILE` as a child process: start-up included. It prints
records/s and the child's peak RSS for the first import and for a re-import of the
same file (every row unchanged), and, with --also N, the peak RSS for N lines, to
show memory stays flat as the input grows. The load average is printed beside them.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PUBLISHERS = [
    (
        "PolitiFact",
        "https://www.politifact.com",
        "en",
        ["Pants on Fire", "False", "Mostly False", "Half True", "Mostly True", "True"],
    ),
    (
        "FactCheck.org",
        "https://www.factcheck.org",
        "en",
        ["False", "Misleading", "Distorts the Facts", "Cherry Picks", "No Evidence"],
    ),
    (
        "Snopes",
        "https://www.snopes.com",
        "en",
        ["False", "Mixture", "Unproven", "Miscaptioned", "Labeled Satire", "Legend"],
    ),
    (
        "Full Fact",
        "https://fullfact.org",
        "en",
        ["Incorrect", "Missing context", "This is not what the report says.", "Correct"],
    ),
    (
        "AFP Fact Check",
        "https://factcheck.afp.com",
        "en",
        ["False", "Partly false", "Missing context", "Altered photo", "Satire"],
    ),
    ("Maldita", "https://maldita.es", "es", ["Falso", "Engañoso", "Bulo", "Sin evidencias"]),
    ("Newtral", "https://www.newtral.es", "es", ["Falso", "Engañoso", "Verdad a medias"]),
    (
        "Aos Fatos",
        "https://www.aosfatos.org",
        "pt",
        ["Falso", "Distorcido", "Impreciso", "Insustentável"],
    ),
    (
        "Correctiv",
        "https://correctiv.org",
        "de",
        ["Falsch", "Teilweise falsch", "Fehlender Kontext", "Frei erfunden"],
    ),
]
_VOCABULARY = ("the government vaccine million tax climate election border study shows that "
         "photo video police school minister president crime unemployment billion percent "
         "COVID masks 5G ballots immigrants prices energy wind farm hospital waiting "
         "ministro gobierno vacuna Regierung impfung eleições governo")  # fmt: skip
WORDS = _VOCABULARY.split()


def sentence(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def record(rng: random.Random, index: int) -> dict:
    name, site, language, labels = rng.choice(PUBLISHERS)
    year, month, day = rng.randint(2016, 2026), rng.randint(1, 12), rng.randint(1, 28)
    rating = {"@type": "Rating", "alternateName": rng.choice(labels)}
    if name == "PolitiFact":
        rating.update(ratingValue=rng.randint(1, 6), bestRating=6, worstRating=1)
    claim = {
        "@type": "Claim",
        "author": {"@type": "Person", "name": f"{rng.choice(['Senator', 'Post by', 'Minister'])} "
                   f"{rng.choice(['A. Smith', 'B. García', 'C. Müller', 'D. Silva'])}"},
        "datePublished": f"{year}-{month:02d}-{max(1, day - 1):02d}",
        "appearance": [{"@type": "CreativeWork", "url": f"https://social.example/p/{index}-{n}"}
                       for n in range(rng.randint(0, 3))],
    }  # fmt: skip
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{site}/factchecks/{year}/{month:02d}/claim-{index}/",
        "claimReviewed": sentence(rng, 6, 40),
        "name": sentence(rng, 5, 14),
        "datePublished": f"{year}-{month:02d}-{day:02d}T10:00:00Z",
        "inLanguage": language,
        "author": {"@type": "Organization", "name": name, "url": site},
        "itemReviewed": claim,
        "reviewRating": rating,
        "reviewBody": " ".join(sentence(rng, 8, 30) for _ in range(rng.randint(0, 12))),
    }


def write_feed(path: Path, lines: int, seed: int = 10) -> int:
    """The JSON Lines file; one line in 500 is broken on purpose. Returns the good ones."""
    rng = random.Random(seed)
    good = 0
    with path.open("w", encoding="utf-8") as out:
        for index in range(lines):
            if index % 500 == 499:
                out.write('{"@type": "ClaimReview", "url": "https://broken.example/\n')
                continue
            out.write(json.dumps(record(rng, index), ensure_ascii=False) + "\n")
            good += 1
    return good


def run_import(path: Path, env: dict) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB, exit status of one `manage.py import_claimreviews`."""
    started = time.perf_counter()
    child = subprocess.Popen(  # noqa: S603 (our own interpreter and script)
        [sys.executable, str(ROOT / "manage.py"), "import_claimreviews", str(path)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, child.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--also", type=int, default=0, help="Also measure peak RSS for N lines.")
    options = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database this bench may empty.")
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": os.environ.get("SECRET_KEY", "b" * 50)}
    env.setdefault("ALLOWED_HOSTS", "localhost")
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"],  # noqa: S603
                   env=env, check=True, cwd=ROOT)  # fmt: skip
    empty = "from claimreviews.models import ClaimReview; ClaimReview.objects.all().delete()"
    manage = [sys.executable, str(ROOT / "manage.py"), "shell", "-v", "0", "-c", empty]
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "claimreviews.jsonl"
        good = write_feed(feed, options.lines)
        size = feed.stat().st_size / 1e6
        print(f"{options.lines} lines ({good} good records, {size:.1f} MB), "
              f"load average {os.getloadavg()[0]:.2f}")  # fmt: skip
        subprocess.run(manage, env=env, check=True, cwd=ROOT)  # noqa: S603
        for label in ("first import", "re-import (unchanged)"):
            seconds, rss, code = run_import(feed, env)
            print(f"{label}: {seconds:.2f} s, {options.lines / seconds:,.0f} records/s "
                  f"end to end, peak RSS {rss:.0f} MB, exit status {code} "
                  f"(1: the broken lines were reported)")  # fmt: skip
        if options.also:
            big = Path(folder) / "bigger.jsonl"
            write_feed(big, options.also, seed=11)
            subprocess.run(manage, env=env, check=True, cwd=ROOT)  # noqa: S603
            seconds, rss, _code = run_import(big, env)
            print(f"{options.also} lines: {seconds:.2f} s, {options.also / seconds:,.0f} "
                  f"records/s, peak RSS {rss:.0f} MB")  # fmt: skip
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
