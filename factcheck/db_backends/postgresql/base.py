"""Django's PostgreSQL backend with a health check that costs no round trip.

Persistent connections (settings: DATABASE_CONN_MAX_AGE) are checked before a
request reuses them, so a connection the server dropped (a restart, an
administrator's pg_terminate_backend, SECURITY-CASES #29) is replaced instead of
failing the request. Django checks with `SELECT 1`: one more round trip on
every request, about a sixth of a claim create's (issue 9).

A server that ends a session tells the client: it sends an error ("terminating
connection due to administrator command") and closes the socket. Between two
requests nothing else arrives on an idle connection (factcheck never LISTENs),
so a socket with something to read, or at end of file, is one the server gave
up; one with nothing to read is alive as far as anything but a query can tell.
That is a poll with no timeout: no query, no wait. A connection that is not
idle, or that psycopg already saw fail, gets Django's own check. What the poll
cannot see (a peer that vanished without closing, like a cut cable) the query
would not have seen quickly either: it waits for TCP to give up; that request
fails with a 503 (factcheck.resilience) and the next one reconnects.
"""

import select

from django.db.backends.postgresql import base
from psycopg import pq


def _has_input(fileno: int) -> bool:
    """True if the socket has bytes to read or is at end of file (never waits)."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fileno, select.POLLIN | select.POLLPRI)
        return bool(poller.poll(0))
    readable, _, _ = select.select([fileno], [], [], 0)  # pragma: no cover - no poll()
    return bool(readable)


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        if connection.pgconn.transaction_status != pq.TransactionStatus.IDLE:
            return super().is_usable()
        try:
            return not _has_input(connection.fileno())
        except (OSError, ValueError):
            return False
