"""Django's PostgreSQL backend with a health check that costs no round trip, and
prepared statements for the few queries every request sends.

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

Prepared statements. Django binds parameters on the client (psycopg's
ClientCursor), so PostgreSQL parses and plans every statement it receives. For
the token lookup (a join and three EXISTS clauses) planning is most of the
query: about 0.6 ms against 0.15 ms for the same statement prepared, on every
API request (issue 9). `prepared_cursor()` binds on the server and prepares
each statement the first time a connection sends it (psycopg keeps the last
100 per connection); factcheck.compiled and history.insert_with_history use it
for SQL that never changes. Every other query keeps Django's cursor.
settings.DATABASE_PREPARED_STATEMENTS=0 (behind a pooler in transaction mode
older than PgBouncer 1.21, which cannot keep a session's prepared statements)
turns it off: prepared_cursor() is then Django's ordinary cursor.
"""

import select

from django.db.backends.postgresql import base, operations
from psycopg import errors, pq


def _has_input(fileno: int) -> bool:
    """True if the socket has bytes to read or is at end of file (never waits)."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fileno, select.POLLIN | select.POLLPRI)
        return bool(poller.poll(0))
    readable, _, _ = select.select([fileno], [], [], 0)  # pragma: no cover - no poll()
    return bool(readable)


# create_cursor's name for a PreparedCursor (a real name makes a server-side cursor).
_PREPARED = object()


class PreparedCursor(base.ServerBindingCursor):
    """Parameters bound by the server; each statement prepared once per connection."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=True, binary=binary)


class DatabaseOperations(operations.DatabaseOperations):
    def last_executed_query(self, cursor, sql, params):
        # Django reads a client-bound cursor's SQL back; a prepared one has none to read.
        # The SQL with its values written in is what query logs and budgets show.
        if isinstance(cursor, PreparedCursor):
            try:
                return self.compose_sql(sql, params)
            except errors.DataError:
                return None
        return super().last_executed_query(cursor, sql, params)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def get_connection_params(self):
        params = super().get_connection_params()
        # psycopg prepares nothing at all while prepare_threshold is None (Django's
        # default). Any number lets PreparedCursor ask; Django's ClientCursor never
        # prepares whatever the threshold, so nothing else changes. An operator's own
        # value stays.
        wanted = self.settings_dict["OPTIONS"].get("prepared_statements")
        if wanted and params.get("prepare_threshold") is None:
            params["prepare_threshold"] = 2**31 - 1
        params.pop("prepared_statements", None)
        return params

    def prepared_cursor(self):
        """A cursor that prepares what it sends (see the module docstring), made and
        wrapped as Django makes its own: health check, errors translated, queries
        logged and counted."""
        if not self.settings_dict["OPTIONS"].get("prepared_statements"):
            return self.cursor()
        return self._cursor(name=_PREPARED)

    def create_cursor(self, name=None):
        if name is not _PREPARED:
            return super().create_cursor(name)
        cursor = PreparedCursor(self.connection)
        # As Django does for its own cursors: datetimes in the connection's time zone.
        loader = self.connection.adapters.get_loader(base.TIMESTAMPTZ_OID, pq.Format.TEXT)
        if self.timezone != loader.timezone:
            base.register_tzloader(self.timezone, cursor)
        return cursor

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
