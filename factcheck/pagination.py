"""Page-number pagination with a client-chosen page size, capped at 200."""

from rest_framework import pagination
from rest_framework.exceptions import ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request) -> int:
        """The requested size, capped at max_page_size; an empty value means the default.

        DRF falls back to the default for `?page_size=abc` or `0`, which hides the
        client's mistake; a 400 naming the parameter says what went wrong.
        """
        raw = request.query_params.get(self.page_size_query_param)
        if not raw:
            return self.page_size
        # isascii: str.isdigit() also accepts "²", which int() then rejects.
        if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
            raise ValidationError(
                {self.page_size_query_param: ["Must be a whole number of 1 or more."]},
                code="invalid",
            )
        return min(int(raw), self.max_page_size)
