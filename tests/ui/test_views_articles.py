"""Article pages without a browser: access, filters, query budget, import, escaping."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from annotations.models import Claim
from articles.forms import MAX_FILE_BYTES, MAX_REQUEST_BYTES
from articles.models import Article
from tests.factories import ArticleFactory, ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db

XSS = "</script><script>alert(1)</script>"
DESK_PAGES = ["/articles/", "/articles/new/", "/claims/"]


@pytest.fixture
def desk(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.mark.parametrize("path", DESK_PAGES)
def test_desk_pages_send_anonymous_visitors_to_the_login_page(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={path}"


def test_reader_requires_login(client):
    article = ArticleFactory()
    assert client.get(f"/articles/{article.pk}/")["Location"].startswith("/login/")


@pytest.mark.parametrize("path", DESK_PAGES)
def test_desk_pages_refuse_accounts_without_a_role(client, path):
    client.force_login(get_user_model().objects.create_user("guest", password="x"))
    assert client.get(path).status_code == 403


def test_home_redirects_to_the_article_list(desk):
    response = desk.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/articles/"


def test_list_shows_counts_of_claims_and_published_claims(desk):
    article = ArticleFactory(title="Parler and Amazon", publisher="Daily Example")
    ClaimFactory.create_batch(2, article=article)
    ClaimFactory(
        article=article, status=Claim.Status.PUBLISHED, rating="false", published_at=timezone.now()
    )
    response = desk.get("/articles/")
    assert response.status_code == 200
    row = response.context["page"].object_list[0]
    assert (row.claim_count, row.published_count, row.has_unreviewed) == (3, 1, True)
    assert b"Parler and Amazon" in response.content


def test_search_matches_title_and_text(desk):
    ArticleFactory(title="Bridges collapsed", text="Nothing here.")
    ArticleFactory(title="Other", text="The five officers that died.")
    ArticleFactory(title="Unrelated", text="Weather report.")

    def titles(q):
        return [a.title for a in desk.get("/articles/", {"q": q}).context["page"]]

    assert titles("bridges") == ["Bridges collapsed"]
    assert titles("OFFICERS") == ["Other"]


def test_filters_by_publisher_and_unreviewed_claims(desk):
    reviewed = ArticleFactory(title="Reviewed", publisher="A")
    VerdictFactory(claim=ClaimFactory(article=reviewed))
    unreviewed = ArticleFactory(title="Unreviewed", publisher="B")
    ClaimFactory(article=unreviewed)
    ArticleFactory(title="No claims", publisher="B")

    def titles(**q):
        return [a.title for a in desk.get("/articles/", q).context["page"]]

    assert titles(publisher="A") == ["Reviewed"]
    assert titles(unreviewed="on") == ["Unreviewed"]
    assert sorted(titles(publisher="B")) == ["No claims", "Unreviewed"]
    assert len(titles(publisher="no such outlet")) == 3  # an unknown choice is ignored


def test_list_paginates(desk):
    ArticleFactory.create_batch(30)
    first = desk.get("/articles/")
    second = desk.get("/articles/", {"page": 2})
    assert len(first.context["page"]) == 25
    assert len(second.context["page"]) == 5
    assert b'rel="next"' in first.content


@pytest.mark.parametrize("n_articles", [1, 30])
def test_list_query_count_does_not_grow(desk, django_assert_max_num_queries, n_articles):
    for _ in range(n_articles):
        VerdictFactory(claim=ClaimFactory(article=ArticleFactory()))
    # session, user, user's groups (role check), publishers for the filter,
    # page count, one page of articles with counts and EXISTS annotated
    with django_assert_max_num_queries(6):
        response = desk.get("/articles/", {"q": "Story", "unreviewed": ""})
    assert response.status_code == 200
    assert len(response.context["page"]) == min(n_articles, 25)


def test_reflected_search_is_escaped(desk):
    response = desk.get("/articles/", {"q": XSS})
    assert XSS.encode() not in response.content
    assert b"&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in response.content
    assert "nonce-" in response["Content-Security-Policy"]


def test_reader_renders_the_text_escaped_and_exactly(desk):
    text = f"First line {XSS}\n\n  indented 🙂 line & more"
    article = ArticleFactory(title=f"Title {XSS}", text=text)
    response = desk.get(f"/articles/{article.pk}/")
    content = response.content.decode()
    assert XSS not in content
    assert "alert(1)" in content  # present, but only as escaped text
    # The text sits in <article> exactly as stored, HTML-escaped and nothing else.
    from django.utils.html import escape

    assert f">{escape(text)}</article>" in content
    assert 'type="module"' in content
    nonce = response.wsgi_request.csp_nonce
    assert f'nonce="{nonce}"' in content
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_reader_passes_the_rating_scale_through_json_script(desk):
    from annotations.ratings import scale

    article = ArticleFactory()
    response = desk.get(f"/articles/{article.pk}/")
    reader = response.context["reader"]
    assert [r["value"] for r in reader["ratings"]] == [r.value for r in scale()]
    assert b'<script id="reader-data" type="application/json">' in response.content


def test_reader_404_for_missing_article(desk):
    assert desk.get("/articles/999999/").status_code == 404


# --- import --------------------------------------------------------------------------


def test_import_pasted_text_creates_an_article(desk, reviewer):
    response = desk.post(
        "/articles/new/", {"pasted": "A headline\n\nThe body of the story.", "format": "auto"}
    )
    assert response.status_code == 200
    [outcome] = response.context["outcomes"]
    assert outcome.status == "imported"
    article = Article.objects.get()
    assert (article.title, article.text, article.created_by) == (
        "A headline",
        "The body of the story.",
        reviewer,
    )
    assert f'href="/articles/{article.pk}/"'.encode() in response.content


def test_import_pasted_html_keeps_only_text(desk):
    html = (
        "<html><head><title>Storm news</title><script>alert(1)</script></head><body>"
        "<article><h1>Storm news</h1><p>The storm closed 12 bridges on Monday, officials said."
        " Repairs will take weeks according to the city engineers who inspected them.</p>"
        '<p><img src=x onerror="alert(2)">More text about the storm and its many effects on'
        " the city and the people living near the river banks.</p></article></body></html>"
    )
    response = desk.post("/articles/new/", {"pasted": html, "format": "auto"})
    [outcome] = response.context["outcomes"]
    assert outcome.status == "imported", outcome.message
    article = Article.objects.get()
    assert "12 bridges" in article.text
    assert "alert" not in article.text
    assert "<" not in article.text


def test_import_uploaded_files_reports_each(desk):
    txt = io.BytesIO(b"Upload title\n\nUploaded body text.")
    txt.name = "story.txt"
    bad = io.BytesIO(b'{"title": "No text"}')
    bad.name = "broken.json"
    response = desk.post("/articles/new/", {"files": [txt, bad], "format": "auto"})
    outcomes = {o.source: o for o in response.context["outcomes"]}
    assert outcomes["story.txt"].status == "imported"
    assert outcomes["broken.json"].status == "error"
    assert "missing 'text'" in outcomes["broken.json"].message
    assert Article.objects.get().title == "Upload title"
    # Importing the same file again is reported, not duplicated.
    txt.seek(0)
    again = desk.post("/articles/new/", {"files": [txt], "format": "auto"})
    assert [o.status for o in again.context["outcomes"]] == ["unchanged"]


def test_import_refuses_unsupported_and_oversized_files(desk):
    exe = io.BytesIO(b"MZ")
    exe.name = "tool.exe"
    response = desk.post("/articles/new/", {"files": [exe], "format": "auto"})
    assert response.status_code == 400
    assert b"unsupported type" in response.content
    big = io.BytesIO(b"Title\n\n" + b"x" * (MAX_FILE_BYTES + 1))
    big.name = "big.txt"
    response = desk.post("/articles/new/", {"files": [big], "format": "auto"})
    assert response.status_code == 400
    assert b"the limit is 2.0\xc2\xa0MB" in response.content
    assert not Article.objects.exists()


def test_import_refuses_a_request_body_over_the_limit_before_reading_it(desk):
    files = []
    for n in range(3):
        upload = io.BytesIO(b"Title\n\n" + b"x" * (MAX_REQUEST_BYTES // 3))
        upload.name = f"part{n}.txt"
        files.append(upload)
    response = desk.post("/articles/new/", {"files": files, "format": "auto"})
    assert response.status_code == 413
    assert b"The upload is too large" in response.content
    assert not Article.objects.exists()


def test_import_needs_some_input(desk):
    response = desk.post("/articles/new/", {"pasted": "   ", "format": "auto"})
    assert response.status_code == 400
    assert b"Paste an article or choose at least one file." in response.content


def test_import_form_is_protected_by_csrf(reviewer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    response = client.post("/articles/new/", {"pasted": "Title\n\nBody.", "format": "auto"})
    assert response.status_code == 403
    assert not Article.objects.exists()
    # With the token from the form, the same post is accepted.
    token = client.get("/articles/new/").context["csrf_token"]
    response = client.post(
        "/articles/new/",
        {"pasted": "Title\n\nBody.", "format": "auto", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 200
    assert Article.objects.count() == 1


def test_uploaded_file_errors_are_escaped(desk):
    upload = io.BytesIO(f'{{"title": "{XSS}"}}'.encode())
    upload.name = f"{XSS}.json"
    response = desk.post("/articles/new/", {"files": [upload], "format": "auto"})
    assert XSS.encode() not in response.content
