"""Every API query parameter takes one value: `?article=1&article=2` is a 400.

Django's QueryDict.get() silently keeps the last of repeated values, so a
client (or a proxy that checked the first value) and the API would disagree
on what was asked: HTTP parameter pollution. No API parameter is a list in
repeated form; those that take several values (`ordering`) separate them with
commas.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse

API_PREFIX = "/api/"


class SingleValuedQueryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            repeated = sorted(name for name, values in request.GET.lists() if len(values) > 1)
            if repeated:
                return repeated_parameters(repeated)
        return self.get_response(request)


def repeated_parameters(names: list[str]) -> JsonResponse:
    message = "Give this parameter once; separate several values with commas."
    body = {name: [message] for name in names}
    return JsonResponse({**body, "code": "repeated_parameter"}, status=400)
