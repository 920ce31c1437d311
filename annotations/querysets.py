"""Claim querysets that skip prefetching relations a page of claims does not have.

A list of claims prefetches four relations (sources, verdicts, publications,
assignments), one query each, even when none of the claims has any: a fresh
article's claims, most drafts. Here one query first asks which of the page's
claims have rows in each relation (a UNION of index lookups on the claim
foreign keys); relations that are empty for a claim are recorded as such in
Django's prefetch cache, and Django then prefetches only for the claims still
missing their cache (prefetch_related_objects skips fetched instances), or not
at all. A page of new claims costs 1 query instead of 4; a page where every
relation has rows costs 5.
"""

from django.db import connection, models

from factcheck.prefetch import empty_results, mark_relations_empty

# Relation name -> (table, claim foreign key column), read from the models lazily.
_PARTS = ("sources", "verdicts", "publications", "assignments")


def _part_tables() -> dict[str, str]:
    from annotations.models import Claim

    return {name: getattr(Claim, name).rel.related_model._meta.db_table for name in _PARTS}


class _HasRows(models.Func):
    """EXISTS (SELECT 1 FROM <table> WHERE <column> = this row's pk), as Django's Exists
    writes it for a subquery on the part's claim foreign key, but built without a
    subquery: resolving and compiling four Exists(QuerySet) took about 1 ms of every
    claim list and claim detail (issue 9). The outer primary key is an ordinary
    column reference, so aliases are relabelled as for any expression."""

    output_field = models.BooleanField()

    def __init__(self, table: str, column: str) -> None:
        super().__init__(models.F("pk"))
        self.table, self.column = table, column

    def as_sql(self, compiler, connection, **extra):
        quote = connection.ops.quote_name
        template = (
            f"EXISTS(SELECT 1 FROM {quote(self.table)} factcheck_part "  # noqa: S608 - identifiers from _meta
            f"WHERE factcheck_part.{quote(self.column)} = (%(expressions)s))"
        )
        return super().as_sql(compiler, connection, template=template, **extra)


class ClaimQuerySet(models.QuerySet):
    # Opt-in (skipping_empty_parts): a page prefetching one or two parts that most
    # of its claims have (the review queue's verdicts, a public page's publications)
    # would only pay one more query for the question.
    _skip_empty_parts = False

    def _clone(self):
        clone = super()._clone()
        clone._skip_empty_parts = self._skip_empty_parts
        return clone

    def skipping_empty_parts(self) -> "ClaimQuerySet":
        """Prefetch only the parts the loaded claims have (see the module docstring)."""
        clone = self._chain()
        clone._skip_empty_parts = True
        return clone

    def with_part_flags(self) -> "ClaimQuerySet":
        """Say in the claims' own query which parts each has (EXISTS on the parts' claim
        foreign key indexes), saving the separate question below: for lists whose rows
        are all read (one article's claims, one claim), not for deep OFFSET pages,
        where PostgreSQL would evaluate the subqueries for every skipped row too.
        """
        from annotations.models import Claim

        flags = {}
        for name in _PARTS:
            part = getattr(Claim, name).rel
            flags[f"has_{name}"] = _HasRows(part.related_model._meta.db_table, part.field.column)
        return self.annotate(**flags)

    def _prefetch_related_objects(self) -> None:
        wanted = [name for name in _PARTS if name in _lookup_names(self._prefetch_related_lookups)]
        if wanted and self._result_cache and self._skip_empty_parts:
            if all(hasattr(self._result_cache[0], f"has_{name}") for name in wanted):
                mark_flagged_parts(self._result_cache, wanted)
            else:
                _mark_empty_parts(self._result_cache, wanted)
        super()._prefetch_related_objects()


def mark_flagged_parts(claims: list, wanted: list[str]) -> bool:
    """Mark the parts each claim's has_<part> flag says it lacks as empty; True if
    some claim still has a part to prefetch."""
    empties = empty_results(claims[0], *wanted)
    missing = False
    for claim in claims:
        empty = [name for name in wanted if not getattr(claim, f"has_{name}")]
        if empty:
            mark_relations_empty(claim, *empty, empties=empties)
        missing = missing or len(empty) < len(wanted)
    return missing


def _lookup_names(lookups) -> set[str]:
    return {getattr(lookup, "prefetch_to", lookup).split("__")[0] for lookup in lookups}


def _mark_empty_parts(claims: list, wanted: list[str]) -> None:
    """One query: which claims have rows in each wanted relation; mark the others empty."""
    ids = [claim.pk for claim in claims]
    tables = _part_tables()
    # PostgreSQL takes the ids as one array: short SQL, the same text for any page (an
    # IN list of 200 placeholders per part cost psycopg milliseconds to parse each time).
    postgres = connection.vendor == "postgresql"
    match = "= ANY(%s)" if postgres else f"IN ({', '.join(['%s'] * len(ids))})"
    sql = " UNION ALL ".join(
        # One row per claim and relation that has rows: DISTINCT keeps it small.
        f"SELECT DISTINCT claim_id, {i} FROM {tables[name]} WHERE claim_id {match}"  # noqa: S608
        for i, name in enumerate(wanted)
    )
    params = [ids] * len(wanted) if postgres else ids * len(wanted)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        present = {(claim_id, wanted[i]) for claim_id, i in cursor.fetchall()}
    empties = empty_results(claims[0], *wanted)
    for claim in claims:
        empty = [name for name in wanted if (claim.pk, name) not in present]
        if empty:
            mark_relations_empty(claim, *empty, empties=empties)
