"""Logging filters for refused requests.

A request with a forged `Host` header (SECURITY-CASES #24) is answered 400, and
Django logs it on `django.security.DisallowedHost` at ERROR *with a traceback*:
anyone could fill the log with tracebacks, one per request, and bury real
errors. The refusal is worth one line (who was refused and why); the stack is
always the same and says nothing.
"""

import logging


class WithoutTraceback(logging.Filter):
    """Keep the record, drop its exception info (so no traceback is formatted)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True
