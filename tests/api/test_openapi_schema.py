"""The published OpenAPI document and its Swagger UI page.

The schema at /api/v1/schema/ must be valid OpenAPI, describe every operation
of the contract with its request and response bodies, and document the errors
each operation can answer with (schemathesis relies on that: see
test_schemathesis.py). The docs page must load only our own static files and
run under the site's CSP, which refuses inline scripts without the nonce.
"""

import re
from html.parser import HTMLParser

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/v1/schema/?format=json"
DOCS_URL = "/api/v1/docs/"
JSON = "application/json"

# The contract: path (under /api/v1) -> method -> (request body component or None,
# success status, success media type, success body). A body is a component name,
# "[Name]" for a list of that component, or a bare JSON type.
CONTRACT = {
    "/articles/": {
        "get": (None, "200", JSON, "PaginatedArticleListList"),
        "post": ("ArticleCreateRequest", "201", JSON, "Article"),
    },
    "/articles/{id}/": {
        "get": (None, "200", JSON, "Article"),
        "patch": ("PatchedArticleUpdateRequest", "200", JSON, "ArticleChange"),
        "delete": (None, "204", None, None),
    },
    "/claims/": {
        "get": (None, "200", JSON, "PaginatedClaimList"),
        "post": ("ClaimCreateRequest", "201", JSON, "Claim"),
    },
    "/claims/{id}/": {
        "get": (None, "200", JSON, "Claim"),
        "patch": ("PatchedClaimUpdateRequest", "200", JSON, "Claim"),
        "delete": (None, "204", None, None),
    },
    "/articles/{article_pk}/claims/": {"get": (None, "200", JSON, "PaginatedClaimList")},
    "/claims/{claim_pk}/sources/": {
        "get": (None, "200", JSON, "PaginatedSourceList"),
        "post": ("SourceInputRequest", "201", JSON, "Source"),
    },
    "/sources/{id}/": {
        "get": (None, "200", JSON, "Source"),
        "patch": ("PatchedSourceInputRequest", "200", JSON, "Source"),
        "delete": (None, "204", None, None),
    },
    "/claims/{claim_pk}/verdicts/": {
        "get": (None, "200", JSON, "PaginatedVerdictList"),
        "post": ("VerdictInputRequest", "201", JSON, "Verdict"),
    },
    "/verdicts/{id}/": {
        "get": (None, "200", JSON, "Verdict"),
        "patch": ("PatchedVerdictInputRequest", "200", JSON, "Verdict"),
        "delete": (None, "204", None, None),
    },
    "/articles/{id}/revisions/": {"get": (None, "200", JSON, "[ArticleRevisionList]")},
    "/articles/{id}/revisions/{number}/": {"get": (None, "200", JSON, "ArticleRevision")},
    "/claims/{id}/reattach/": {"post": ("ReattachRequest", "200", JSON, "Claim")},
    "/claims/{id}/publish/": {"post": ("PublishRequest", "200", JSON, "Claim")},
    "/claims/{id}/submit/": {"post": (None, "200", JSON, "Claim")},
    "/claims/{id}/assign/": {"post": ("AssignRequest", "200", JSON, "Claim")},
    "/claims/{id}/correct/": {"post": ("CorrectRequest", "200", JSON, "Claim")},
    "/claims/{id}/retract/": {"post": ("RetractRequest", "200", JSON, "Claim")},
    "/claims/{id}/history/": {"get": (None, "200", JSON, "[HistoryEntry]")},
    "/ratings/": {"get": (None, "200", JSON, "[RatingInfo]")},
    "/auth/token/": {"post": ("AuthTokenRequest", "200", JSON, "Token")},
    "/stats/agreement/": {"get": (None, "200", JSON, "AgreementStats")},
    "/claims/{id}/annotation/": {"get": (None, "200", "application/ld+json", "object")},
    "/articles/{id}/annotations/": {"get": (None, "200", "application/ld+json", "object")},
    "/claims/{id}/claimreview/": {"get": (None, "200", "application/ld+json", "object")},
    "/claims/export.csv": {"get": (None, "200", "text/csv", "string")},
    "/claims/export.jsonl": {"get": (None, "200", "application/jsonl", "string")},
    "/articles/{article_pk}/suggestions/": {"get": (None, "200", JSON, "SuggestionList")},
    "/checkworthiness/": {
        "post": ("CheckworthinessInputRequest", "200", JSON, "CheckworthinessList")
    },
}
CONTRACT_OPERATIONS = [
    (path, method, *expected)
    for path, methods in CONTRACT.items()
    for method, expected in methods.items()
]
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schema(django_db_blocker) -> dict:
    # The schema view reads no rows; one fetch serves every test in the module.
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get(SCHEMA_URL)
    assert response.status_code == 200
    return response.json()


def _operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def _body_schema(content: dict, media_type: str) -> dict:
    assert media_type in content, f"documented media types: {sorted(content)}"
    return content[media_type]["schema"]


def _describes(body_schema: dict, expected: str) -> bool:
    if expected.startswith("["):
        item = body_schema.get("items", {}).get("$ref", "")
        return body_schema.get("type") == "array" and item.endswith(f"/{expected[1:-1]}")
    if expected in ("object", "string"):
        return body_schema.get("type") == expected
    return body_schema.get("$ref") == f"#/components/schemas/{expected}"


def test_schema_is_valid_openapi(schema):
    validate(schema)  # raises on the first violation of the OpenAPI 3.0 specification
    assert schema["openapi"].startswith("3.0")


@pytest.mark.parametrize(
    ("path", "method", "request_body", "status", "media_type", "response_body"),
    CONTRACT_OPERATIONS,
    ids=[f"{method.upper()} {path}" for path, method, *_ in CONTRACT_OPERATIONS],
)
def test_contract_operation_is_described(
    schema, path, method, request_body, status, media_type, response_body
):
    operation = schema["paths"].get(f"/api/v1{path}", {}).get(method)
    assert operation is not None, f"{method.upper()} {path} is missing from the schema"

    if request_body is None:
        assert "requestBody" not in operation
    else:
        body = _body_schema(operation["requestBody"]["content"], JSON)
        assert body == {"$ref": f"#/components/schemas/{request_body}"}
        assert f"{request_body}" in schema["components"]["schemas"]

    response = operation["responses"].get(status)
    assert response is not None, f"no {status}; documented: {sorted(operation['responses'])}"
    if media_type is None:
        assert "content" not in response
    else:
        assert _describes(_body_schema(response["content"], media_type), response_body)


def test_every_operation_documents_the_errors_it_can_answer(schema):
    # 404 wherever a path names an object; 400 wherever query or body input can be
    # wrong; 401 wherever credentials are read (every operation but the token login).
    missing = []
    for path, method, operation in _operations(schema):
        codes = set(operation["responses"])
        parameters = operation.get("parameters", [])
        expected = set()
        if any(p["in"] == "path" for p in parameters):
            expected.add("404")
        if "requestBody" in operation or any(p["in"] == "query" for p in parameters):
            expected.add("400")
        if path != "/api/v1/auth/token/":
            expected.add("401")
        if method in ("post", "patch", "delete") and path != "/api/v1/auth/token/":
            expected.add("403")
        missing += [f"{method.upper()} {path}: {code}" for code in sorted(expected - codes)]
    assert missing == []


def test_optional_query_parameters_accept_an_empty_value(schema):
    # `?status=` means "not given" everywhere (DRF's paginator and django-filter skip it).
    strict = [
        f"{method.upper()} {path} ?{parameter['name']}"
        for path, method, operation in _operations(schema)
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query"
        and not parameter.get("allowEmptyValue")
        # A required parameter (the search's `q`) is a 400 when empty, as when missing.
        and not parameter.get("required")
    ]
    assert strict == []


class _Tags(HTMLParser):
    """Collects <script> and <link> tags, with each script's inline text."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict] = []
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append({**dict(attrs), "text": ""})
        elif tag == "link":
            self.links.append(dict(attrs))

    def handle_data(self, data):
        if self.scripts and self.lasttag == "script":
            self.scripts[-1]["text"] += data


def _parse(html: str) -> _Tags:
    tags = _Tags()
    tags.feed(html)
    return tags


def test_docs_page_loads_only_local_static_files(client):
    response = client.get(DOCS_URL)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    tags = _parse(response.content.decode())
    scripts = [script["src"] for script in tags.scripts if "src" in script]
    addresses = scripts + [link["href"] for link in tags.links]
    assert addresses  # the bundle, the preset, the init script, the stylesheet, the icon
    for address in addresses:
        assert address.startswith("/"), address
        assert not address.startswith("//"), address
    assert not re.search(rb"""(src|href)=["']?(https?:)?//""", response.content)


def test_docs_page_runs_under_the_csp(client):
    response = client.get(DOCS_URL)
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)

    # script-src 'self' + nonce: every script must be a same-origin file or carry our nonce.
    assert "script-src 'self' 'nonce-" in policy
    scripts = _parse(response.content.decode()).scripts
    inline = [s for s in scripts if s["text"].strip() and s.get("nonce") != nonce]
    assert inline == []
    assert all("src" in s or s.get("nonce") == nonce for s in scripts)

    # Swagger UI's start-up code comes as a file from this view (?script), not inline.
    (init_src,) = [s["src"] for s in scripts if "script" in s["src"].split("?", 1)[-1]]
    init = client.get(init_src)
    assert init.status_code == 200
    assert init["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle(" in init.content
    assert b'url: "/api/v1/schema/"' in init.content
