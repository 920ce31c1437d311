"""The public index /factchecks/: search, filters, facets, paging; nothing unpublished."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from annotations.models import Publication
from public.index import IndexFilterForm
from tests.factories import ClaimFactory, UserFactory
from tests.public.conftest import UNPUBLISHED, article, body_of, publish

pytestmark = pytest.mark.django_db


def outside_form(content: str) -> str:
    """The page without its search form, <title> and the language switcher's return
    address (`next`), which echo what the visitor typed."""
    head, _, rest = content.partition('<form method="get"')
    content = head + rest.partition("</form>")[2]
    head, _, rest = content.partition('<form class="language-switcher"')
    content = head + rest.partition("</form>")[2]
    head, _, rest = content.partition("<title>")
    return head + rest.partition("</title>")[2]


def listed(response) -> list[str]:
    return [claim.statement for claim in response.context["rows"]]


def test_lists_published_and_retracted_newest_first_without_unpublished(visitor, record):
    response = visitor.get("/factchecks/")

    assert response.status_code == 200
    assert listed(response) == [
        "The bridge cost ten billion.",
        "Unemployment doubled last year.",
        "Five officers died in the riot.",
    ]
    content = body_of(response)
    assert UNPUBLISHED not in content  # statements, claimants, publishers, facets, counts
    assert "3 fact-checks" in content


def test_retracted_is_marked_and_corrected_is_flagged(client, record):
    content = body_of(client.get("/factchecks/"))
    retracted_item = content.split(f'id="factcheck-{record.retracted.pk}"')[0].rsplit("<li", 1)[1]
    assert "is-retracted" in retracted_item
    assert 'data-state="retracted"' in retracted_item
    assert "Retracted" in retracted_item
    corrected_item = content.split(f'id="factcheck-{record.corrected.pk}"')[1].split("</li>")[0]
    assert "corrected" in corrected_item


def test_each_item_shows_claim_rating_date_and_claimant(client, record):
    content = body_of(client.get("/factchecks/"))
    first = record.published.publications.get(kind=Publication.Kind.PUBLICATION).published_at
    assert f'href="/factchecks/{record.published.pk}/"' in content
    assert '<span class="badge" data-state="published" data-rating="mostly-false">Mostly false' in (
        content
    )
    assert f'<time datetime="{first.isoformat()}">' in content
    assert "Claimed by <bdi>A senator</bdi>" in content
    assert "in <bdi>Daily Planet</bdi>" in content


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"rating": "half-true"}, ["Unemployment doubled last year."]),
        ({"claimant": "a senator"}, ["Five officers died in the riot."]),
        (
            {"publisher": "Daily Planet"},
            ["The bridge cost ten billion.", "Five officers died in the riot."],
        ),
        ({"publisher": f"{UNPUBLISHED} Gazette"}, []),
        ({"claimant": f"{UNPUBLISHED} claimant"}, []),
        ({"q": "unemployment"}, ["Unemployment doubled last year."]),
        ({"q": "officers riot"}, ["Five officers died in the riot."]),
        ({"q": "senator"}, ["Five officers died in the riot."]),  # the claimant is searched
        ({"q": UNPUBLISHED}, []),
        ({"q": "bridge", "rating": "false"}, []),
    ],
)
def test_filters_and_search(visitor, record, params, expected):
    response = visitor.get("/factchecks/", params)
    assert response.status_code == 200
    assert listed(response) == expected
    assert UNPUBLISHED not in outside_form(body_of(response))


def test_date_range_filters_on_first_publication(client, record):
    today = timezone.localdate()
    assert len(listed(client.get("/factchecks/", {"date_from": today.isoformat()}))) == 3
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert listed(client.get("/factchecks/", {"date_from": tomorrow})) == []
    yesterday = (today - timedelta(days=1)).isoformat()
    assert listed(client.get("/factchecks/", {"date_to": yesterday})) == []


def test_facets_count_public_fact_checks_only_and_ignore_their_own_filter(client, record):
    response = client.get("/factchecks/", {"rating": "half-true"})
    facets = response.context["facets"]
    ratings = {facet.value: facet.count for facet in facets["rating"]}
    # Counted without the rating filter: every rating the other filters allow.
    assert ratings == {"true": 1, "half-true": 1, "mostly-false": 1}
    publishers = {facet.value: facet.count for facet in facets["publisher"]}
    assert publishers == {"Metro Times": 1}  # the rating filter applies to other facets
    claimants = {facet.value for facet in facets["claimant"]}
    assert claimants == {"A minister"}
    assert 'aria-current="true"' in body_of(response)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"rating": "pants-on-fire"}, "rating"),
        ({"date_from": "yesterday"}, "date_from"),
        ({"date_from": "2024-05-02", "date_to": "2024-05-01"}, "date_to"),
        ({"q": "x" * 201}, "q"),
        ({"claimant": "c" * 301}, "claimant"),
    ],
)
def test_bad_filters_are_a_400_naming_the_field(client, record, params, field):
    response = client.get("/factchecks/", params)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    content = body_of(response)
    assert f'id="id_{field}_error"' in content or 'id="q-error"' in content


@pytest.mark.parametrize(
    "query",
    [
        "a & | ! ( :* <->",
        "'unterminated",
        "the of and",
        "🦄👩‍👩‍👧 émigré",
        "-officers",
        '"five officers"',
        "<script>alert(1)</script>",
    ],
)
def test_hostile_queries_never_fail(client, record, query):
    response = client.get("/factchecks/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in body_of(response)


def test_nul_in_the_query_is_a_400_naming_it(client, record):
    response = client.get("/factchecks/", {"q": "\x00officers"})
    assert response.status_code == 400
    assert "q" in response.context["form"].errors


def test_clean_query_drops_control_characters():
    form = IndexFilterForm({"q": "  five\x07 officers\x1f "})
    assert form.is_valid()
    assert form.cleaned_data["q"] == "five officers"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking needs PostgreSQL")
def test_search_ranks_the_claim_text_above_the_article_title(client, db):
    editor = UserFactory(role="editor")
    in_title = publish(
        ClaimFactory(article=article(title="Budget deficit explained"), statement="Taxes rose."),
        editor,
    )
    in_claim = publish(ClaimFactory(statement="The budget deficit tripled."), editor)
    rows = client.get("/factchecks/", {"q": "budget deficit"}).context["rows"]
    assert [row.pk for row in rows] == [in_claim.pk, in_title.pk]


def test_pages_of_twenty(client, db):
    editor = UserFactory(role="editor")
    for n in range(21):
        publish(ClaimFactory(statement=f"Claim number {n}."), editor)
    first = client.get("/factchecks/")
    second = client.get("/factchecks/", {"page": 2})
    assert len(first.context["rows"]) == 20
    assert listed(second) == ["Claim number 0."]
    assert 'rel="next"' in body_of(first)
    assert '<link rel="canonical" href="http://testserver/factchecks/?page=2">' in body_of(second)


@pytest.mark.parametrize("n_factchecks", [1, 25])
@pytest.mark.parametrize("who", ["anonymous", "reviewer"])
def test_index_query_count_does_not_grow(client, db, django_assert_max_num_queries, n_factchecks,
                                         who):  # fmt: skip
    editor = UserFactory(role="editor")
    for n in range(n_factchecks):
        publish(ClaimFactory(statement=f"Claim {n}.", claimant=f"Person {n}"), editor)
    if who == "reviewer":
        client.force_login(UserFactory(role="reviewer"))
    # count, page of claims (article joined, corrected as a subquery), rating, claimant and
    # publisher facets; a reviewer adds the session and the user.
    budget = 5 + (2 if who == "reviewer" else 0)
    with django_assert_max_num_queries(budget):
        response = client.get("/factchecks/", {"q": "claim", "publisher": "Example News"})
    assert response.status_code == 200
    assert len(response.context["rows"]) == min(n_factchecks, 20)


def test_index_announces_its_feeds_and_links_the_public_pages(client, record):
    content = body_of(client.get("/factchecks/"))
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Fact-checks and corrections (Atom)" href="http://testserver/factchecks/feed/atom/">'
    ) in content
    assert 'type="application/rss+xml"' in content
    assert '<link rel="canonical" href="http://testserver/factchecks/">' in content
    for path in ("/about/methodology/", "/about/ratings/", "/about/corrections-policy/",
                 "/factchecks/corrections/", "/about/organisation/"):  # fmt: skip
        assert f'<a href="{path}">' in content


def test_filtered_pages_are_not_indexed(client, record):
    assert '<meta name="robots" content="noindex, follow">' in body_of(
        client.get("/factchecks/", {"q": "bridge"})
    )
    assert 'name="robots"' not in body_of(client.get("/factchecks/"))
