"""List pagination: numbered pages with an exact count, or keyset pages with `?cursor=`.

Numbered pages (`?page=N&page_size=M`, capped at 200) are what the UI and most
clients use; their `count` is exact. A client that walks a whole list (a sync,
an export) asks for keyset pages instead by sending `cursor` (empty for the
first page) and then following `next`: each page continues after the last id
seen, so it costs the same at row 10 or row 1,000,000, and rows inserted or
deleted meanwhile never make it repeat or skip a row that existed throughout.
Keyset pages are in id order and have no `count`.

With a text query (`q`), a list holds at most SEARCH_CAP matches, best first (the
search backend ranks a capped candidate set, search/filtering.py): `count` is
then at most SEARCH_CAP, SEARCH_CAP meaning "that many or more", and `cursor` is
refused with such a ranked `q` (walking those few in id order would look like
every match); a plain substring `q` (ClaimReviews, or without the search app)
keeps its keyset pages.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.core.paginator import Paginator as DjangoPaginator
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

from factcheck import text_search

CURSOR_PARAM = "cursor"
# Larger offsets overflow the database's integers; no list is that long.
MAX_OFFSET = 2**31
MAX_PAGE_SIZE = 200
QUERY_PARAM = "q"
# search.engine.CANDIDATE_CAP (this lower package cannot import the search app), kept
# equal by tests/search/test_list_cap.py.
SEARCH_CAP = 500


def _page_size(request, param: str, default: int) -> int:
    """The requested size, capped; a malformed one is a 400 naming the parameter.

    DRF falls back to the default for `?page_size=abc` or `0`, which hides the
    client's mistake.
    """
    raw = request.query_params.get(param)
    if not raw:
        return default
    # isascii: str.isdigit() also accepts "²", which int() then rejects.
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise ValidationError({param: ["Must be a whole number of 1 or more."]}, code="invalid")
    return min(int(raw), MAX_PAGE_SIZE)


class CountWhenNeededPaginator(DjangoPaginator):
    """Django's paginator, reading the page before counting, and counting only if needed.

    A page with fewer rows than the page size is the last one, so the exact count
    is the rows before it plus its own: no COUNT query. Most lists a client reads
    (an article's claims, a filtered list) fit in one page, and a COUNT over a
    large table costs more than the page itself. A full page still gets an exact
    COUNT, as does a page past the end (to say where the end is).
    """

    def validate_number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        if (number - 1) * self.per_page > MAX_OFFSET:  # past any list; too big for OFFSET
            raise EmptyPage("That page contains no results")
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page])
        if (rows and len(rows) < self.per_page) or (not rows and number == 1):
            self.__dict__["count"] = bottom + len(rows)  # exact: this is the last page
        elif not rows:
            raise EmptyPage("That page contains no results")
        return self._get_page(rows, number, self)


class KeysetPagination(pagination.CursorPagination):
    """DRF's opaque cursor over the primary key (unique and never changing)."""

    cursor_query_param = CURSOR_PARAM
    ordering = ("id",)
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        return _page_size(request, self.page_size_query_param, self.page_size)


class PageNumberPagination(pagination.PageNumberPagination):
    """Numbered pages by default; keyset pages (KeysetPagination) when `cursor` is sent."""

    django_paginator_class = CountWhenNeededPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        self.keyset = None
        if CURSOR_PARAM not in request.query_params:
            return super().paginate_queryset(queryset, request, view)
        ranked = getattr(queryset, "query", None)
        if ranked is not None and text_search.RANK in ranked.annotations:
            # Ranked by the search backend, so capped at SEARCH_CAP rows: keyset pages
            # would walk those few in id order and look like every match.
            raise ValidationError(
                {QUERY_PARAM: [f"Cannot be combined with `{CURSOR_PARAM}`: a text query "
                               f"ranks at most {SEARCH_CAP} matches; use `page`."]},
                code="invalid",
            )  # fmt: skip
        for clash in ("page", "ordering"):
            if request.query_params.get(clash):
                raise ValidationError(
                    {clash: [f"Cannot be combined with `{CURSOR_PARAM}` (keyset pages are "
                             "in id order and follow `next`)."]},
                    code="invalid",
                )  # fmt: skip
        self.keyset = KeysetPagination()
        return self.keyset.paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        if self.keyset is not None:
            return self.keyset.get_paginated_response(data)
        return super().get_paginated_response(data)

    def get_page_size(self, request) -> int:
        return _page_size(request, self.page_size_query_param, self.page_size)

    def get_schema_operation_parameters(self, view):
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": CURSOR_PARAM,
                "required": False,
                "in": "query",
                "description": (
                    "Keyset pagination: send it empty for the first page, then follow "
                    "`next`. Pages are in id order, without `count`; cannot be combined "
                    "with `page`, `ordering` or a ranked text query (`q` on the claims "
                    "and articles lists)."
                ),
                "schema": {"type": "string"},
            },
        ]

    def get_paginated_response_schema(self, schema):
        paged = super().get_paginated_response_schema(schema)
        paged["required"] = ["results"]
        paged["properties"]["count"]["description"] = (
            f"Exact total; absent with `cursor`. With `q`, at most {SEARCH_CAP}: the list "
            f"ranks the first {SEARCH_CAP} matches the index finds, so {SEARCH_CAP} means "
            f'"{SEARCH_CAP} or more" (refine the query).'
        )
        return paged
