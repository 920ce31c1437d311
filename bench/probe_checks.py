"""Live checks of bench/security_probe.py beyond one request per case.

#37 (password guesses at the token endpoint, counted across workers), #38
(`create_user` with hostile names), #39 (the stored `<script>` text on the page
and in the API; the import command's peak RSS per hostile file) and #43 (which
pages may be framed). Each returns a line for the probe's report.
"""

import subprocess
import tempfile
from pathlib import Path

import requests

from bench.harness import BIN, ROOT
from bench.hostile_claimreviews import files as hostile_claimreviews
from bench.hostile_claimreviews import run_command

RLO = "\u202e"
GUESSED_PASSWORD = "the-right-one-4711"  # noqa: S105 - a throwaway bench account


def lockout_check(base: str) -> str:
    """#37: 12 wrong passwords then the right one at the token endpoint, spread over workers."""
    statuses, retry = [], ""
    for attempt in range(13):
        password = GUESSED_PASSWORD if attempt == 12 else f"wrong-{attempt}"
        response = requests.post(f"{base}/api/v1/auth/token/", timeout=30,
                                 json={"username": "omar", "password": password})  # fmt: skip
        statuses.append(response.status_code)
        retry = response.headers.get("Retry-After", retry)
    return f"statuses {statuses}, Retry-After {retry!r}"


def usernames_check(env: dict) -> str:
    """#38: `manage.py create_user` with hostile names (rita exists); each must be refused."""
    refused, names = 0, ["<b>eve</b>", f"eve{RLO}", "RITA", "r\u0456ta", "ri\u200bta", "r\u0131ta"]
    for name in names:
        result = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
            [str(BIN / "python"), "manage.py", "create_user", name, "--role", "reviewer"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        refused += result.returncode != 0 and "Traceback" not in result.stderr
    return f"{refused} of {len(names)} refused without a traceback"


def inert_check(base: str, session: str) -> str:
    """#39: the stored `<script>` text, on the editor's /claimreviews/ page and in the API."""
    page = requests.get(f"{base}/claimreviews/?q=alert", cookies={"sessionid": session},
                        timeout=30).text  # fmt: skip
    api = requests.get(f"{base}/api/v1/claimreviews/?q=alert", timeout=30)
    return (f"page: {page.count('<script>alert(1)')} raw / "
            f"{page.count('&lt;script&gt;alert(1)')} escaped; API: "
            f"{api.headers.get('Content-Type')}, "
            f"nosniff: {api.headers.get('X-Content-Type-Options') == 'nosniff'}")  # fmt: skip


def frame_check(base: str, published: int) -> str:
    """#43: the embed may be framed, the public page may not."""
    found = []
    for path in (f"/factchecks/{published}/embed/", f"/factchecks/{published}/", "/login/"):
        csp = requests.get(base + path, timeout=30).headers.get("Content-Security-Policy", "")
        found.append(f"{path} -> " + next((part.strip() for part in csp.split(";")
                                           if "frame-ancestors" in part), "(none)"))  # fmt: skip
    return "; ".join(found)


def command_runs(env: dict) -> list[str]:
    """#39 through `manage.py import_claimreviews --max-refused 10000`: peak RSS per file."""
    lines = []
    folder = Path(tempfile.mkdtemp(prefix="probe-claimreviews-"))
    for name, data in hostile_claimreviews():
        path = folder / name
        path.write_bytes(data)
        status, took, rss, summary = run_command(path, env, str(BIN / "python"), ROOT)
        lines.append(f"  {name:30} exit {status}  {took:5.1f} s  peak RSS {rss / 1024:6.0f} MiB"
                     f"  {summary}")  # fmt: skip
        path.unlink()
    return lines
