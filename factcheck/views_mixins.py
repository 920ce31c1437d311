"""The shape every API resource shares: service-backed writes, ETags, If-Match, bounded JSON.

A resource viewset declares its serializers and three hooks that call one
service each; this base turns them into HTTP: 201/200/204, `ETag` on every
object response, `If-Match` passed down as `expected_version` (the service
compares it under a row lock, so two writers with one ETag get 200 and 412).
"""

from django.core.exceptions import RequestDataTooBig
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from factcheck.concurrency import etag_for, parse_if_match
from factcheck.idempotency import idempotent

_ERRORS = {
    400: 'A field is invalid; the body names it: {"field": ["message"]}.',
    401: "No or invalid credentials.",
    403: "Your role or ownership does not allow this.",
    404: "Not found, or not visible to you.",
    409: "Clashes with stored data (duplicate, published); `existing_id` when known.",
    412: "If-Match names an outdated version; the response's ETag is current.",
    413: "The body is too large.",
    415: "The body is not JSON.",
    422: "This Idempotency-Key was used for a different request.",
    429: "Too many requests; retry after the seconds in the Retry-After header.",
}


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """Schema entries for the JSON errors an operation can answer with."""
    return {code: OpenApiResponse(OpenApiTypes.OBJECT, description=_ERRORS[code]) for code in codes}


def read_schema(
    output, *, list_summary: str, retrieve_summary: str, list_output=None, list_parameters=()
) -> dict:
    """extend_schema_view() arguments for a ServiceViewSet's list and retrieve.

    A list answers 400 to a bad filter value and 404 to a page past the end (or a
    parent the user may not see); a single object 404s when missing or not visible.
    Reads are public, but an unknown token is still a 401, never silently anonymous.
    """
    return {
        "list": extend_schema(
            summary=list_summary,
            parameters=list(list_parameters),
            responses={200: (list_output or output)(many=True), **error_responses(400, 401, 404)},
        ),
        "retrieve": extend_schema(
            summary=retrieve_summary, responses={200: output, **error_responses(401, 404)}
        ),
    }


def write_schema(noun: str, create, update, output) -> dict:
    """extend_schema_view() arguments for a ServiceViewSet's create, PATCH and DELETE."""
    return {
        "create": extend_schema(
            summary=f"Add {noun}",
            request=create,
            responses={201: output, **error_responses(400, 401, 403, 404, 409, 413, 415, 422)},
        ),
        "partial_update": extend_schema(
            summary=f"Change {noun} (send If-Match to avoid lost updates)",
            request=update,
            responses={200: output, **error_responses(400, 401, 403, 404, 409, 412, 413, 415)},
        ),
        "destroy": extend_schema(
            summary=f"Delete {noun}",
            responses={204: None, **error_responses(401, 403, 404, 409, 412)},
        ),
    }


REASON_HEADER = "X-Change-Reason"


def change_reason(request) -> str:
    return request.headers.get(REASON_HEADER, "").strip()[:1000]


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "too_large"


class BoundedBodyMixin:
    """Turns Django's "body too large" into a JSON 413 (SECURITY-CASES #8).

    DRF reads JSON through `request.body`, where Django enforces
    DATA_UPLOAD_MAX_MEMORY_SIZE by raising RequestDataTooBig; left alone, that
    becomes an HTML 400 from Django instead of an API error.
    """

    def handle_exception(self, exc):
        if isinstance(exc, RequestDataTooBig):
            exc = RequestTooLarge()
        return super().handle_exception(exc)


class ServiceViewSet(BoundedBodyMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """List, create, retrieve, PATCH and DELETE, each write delegated to a service.

    Subclasses set `serializer_class` (output), `create_serializer_class`,
    `update_serializer_class` (inputs) and implement the `*_object` hooks.
    PUT is not offered: every change is a partial update with If-Match.
    """

    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    create_serializer_class = None
    update_serializer_class = None

    def create_object(self, data: dict):
        raise NotImplementedError

    def update_object(self, instance, changes: dict, expected_version: int | None):
        raise NotImplementedError

    def delete_object(self, instance, expected_version: int | None) -> None:
        raise NotImplementedError

    def retrieve(self, request, *args, **kwargs):
        return self.object_response(self.get_object())

    @idempotent
    def create(self, request, *args, **kwargs):
        data = self.validated_input(self.create_serializer_class)
        instance = self.create_object(data)
        return self.object_response(self.created(instance), status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        instance = self.get_object()
        changes = self.validated_input(self.update_serializer_class, partial=True)
        updated = self.update_object(instance, changes, self.expected_version(instance))
        return self.object_response(self.reload(updated))

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        self.delete_object(instance, self.expected_version(instance))
        return Response(status=status.HTTP_204_NO_CONTENT)

    def validated_input(self, serializer_class, *, partial: bool = False) -> dict:
        serializer = serializer_class(
            data=self.request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def audit(self) -> dict:
        """Who is acting and why, for the service's history row.

        Clients may explain a change in the `X-Change-Reason` header (capped at
        1,000 characters); it is stored with the change, never interpreted.
        """
        return {"actor": self.request.user, "reason": change_reason(self.request)}

    def expected_version(self, instance) -> int | None:
        return parse_if_match(self.request.headers.get("If-Match"), instance)

    def created(self, instance):
        """The new row as the output serializer needs it; by default read again (reload).

        Subclasses that know everything the response shows (a new row has no
        children yet) return the instance as is and save the queries.
        """
        return self.reload(instance)

    def reload(self, instance):
        """The row again through get_queryset, with the annotations and prefetches output needs."""
        return self.get_queryset().get(pk=instance.pk)

    def object_response(self, instance, status_code: int = status.HTTP_200_OK) -> Response:
        data = self.get_serializer(instance).data
        return Response(data, status=status_code, headers={"ETag": etag_for(instance)})
