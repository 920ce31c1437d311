"""Claims in every state on the demo article, built through the services like real work."""

from dataclasses import dataclass

from django.core.management import call_command

from annotations import services
from annotations.models import Claim
from articles.models import Article

DEMO_PHRASE = "five officers that died"


def demo_article() -> Article:
    with open("/dev/null", "w") as quiet:
        call_command("load_demo", stdout=quiet)
    return Article.objects.get(text__contains=DEMO_PHRASE)


@dataclass
class Scene:
    article: Article
    published: Claim
    overlapping: Claim
    reviewed: Claim
    disputed: Claim
    unrated: Claim


def claim(article, author, quote, **fields) -> Claim:
    return services.create_claim(article=article, author=author, quote=quote, **fields)


def source(claim_, user, n=1, stance="refutes") -> None:
    services.add_source(
        claim=claim_,
        added_by=user,
        url=f"https://www.uscp.gov/media-center/press-releases/{n}",
        title="Capitol Police: line-of-duty deaths",
        publisher="United States Capitol Police",
        excerpt="One officer died of injuries sustained on January 6; others died later.",
        stance=stance,
    )


def verdict(claim_, reviewer, rating, rationale) -> None:
    services.record_verdict(claim=claim_, reviewer=reviewer, rating=rating, rationale=rationale)


def build_scene(*, reviewer, other_reviewer, editor) -> Scene:
    """Five claims on the demo article: published, overlapping, reviewed, disputed, unrated."""
    article = demo_article()
    published = claim(
        article,
        reviewer,
        DEMO_PHRASE,
        statement="Five police officers died because of the Capitol riot.",
        claimant="Article author",
    )
    source(published, reviewer)
    verdict(
        published,
        reviewer,
        "mostly-false",
        "One officer died the next day; the count mixes causes.",
    )
    verdict(
        published, other_reviewer, "mostly-false", "Later deaths were suicides, not riot deaths."
    )
    services.submit_claim(claim=published, actor=reviewer)
    services.publish_claim(
        claim=published,
        editor=editor,
        rating="mostly-false",
        rationale=(
            "One Capitol Police officer died the day after the riot. Four more officers "
            "died by suicide in the following months; the article counts them together."
        ),
    )
    overlapping = claim(
        article, reviewer, "officers that died, one who committed suicide", statement="One suicide."
    )
    reviewed = claim(article, reviewer, "the 56 officers who were injured")
    verdict(reviewed, reviewer, "mostly-true", "Police reported more than 50 injured officers.")
    disputed = claim(article, other_reviewer, "bum-rushed by more than 800 protesters")
    verdict(disputed, reviewer, "half-true", "Estimates range widely.")
    verdict(disputed, other_reviewer, "true", "Prosecutors cite over 800 people inside.")
    unrated = claim(article, reviewer, "Thirteen protesters have been charged in federal court")
    published.refresh_from_db()
    return Scene(article, published, overlapping, reviewed, disputed, unrated)
