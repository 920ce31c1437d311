"""factory_boy factories for every model; each builds a valid, distinct row."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.roles import assign_role
from annotations import anchoring
from annotations.models import Assignment, Claim, Publication, Source, Verdict
from annotations.ratings import Rating
from articles.models import Article
from articles.services import content_hash

ARTICLE_TEXT = (
    "Meanwhile the public safety that Parler talks about does not change the five officers "
    "that died, one who committed suicide nor the 56 officers who were injured. "
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if create and extracted:
            assign_role(user, extracted)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    publisher = "Example News"
    # Ten copies of the sentence give ClaimFactory plenty of distinct spans.
    text = factory.Sequence(lambda n: f"Story {n}. " + ARTICLE_TEXT * 10)
    content_hash = factory.LazyAttribute(lambda a: content_hash(a.title, a.text))


class ClaimFactory(factory.django.DjangoModelFactory):
    """A claim on a distinct span: the n-th claim starts at offset n."""

    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    start = factory.Sequence(lambda n: n % 500)
    end = factory.LazyAttribute(lambda c: c.start + 20)
    quote = factory.LazyAttribute(lambda c: c.article.text[c.start : c.end])
    prefix = factory.LazyAttribute(
        lambda c: anchoring.context_around(c.article.text, c.start, c.end)[0]
    )
    suffix = factory.LazyAttribute(
        lambda c: anchoring.context_around(c.article.text, c.start, c.end)[1]
    )
    created_by = factory.SubFactory(UserFactory, role="reviewer")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    claim = factory.SubFactory(ClaimFactory)
    url = factory.Sequence(lambda n: f"https://example.org/report/{n}")
    title = "Official report"
    publisher = "Example Agency"
    excerpt = "The report lists the officers who died."
    stance = Source.Stance.REFUTES
    added_by = factory.SubFactory(UserFactory, role="reviewer")


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory)
    reviewer = factory.SubFactory(UserFactory, role="reviewer")
    rating = Rating.MOSTLY_FALSE
    rationale = "The official count differs."


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    claim = factory.SubFactory(ClaimFactory)
    rating = Rating.FALSE
    rationale = "Official records contradict it."
    editor = factory.SubFactory(UserFactory, role="editor")
    published_at = factory.LazyFunction(timezone.now)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    claim = factory.SubFactory(ClaimFactory)
    reviewer = factory.SubFactory(UserFactory, role="reviewer")
    assigned_by = factory.SubFactory(UserFactory, role="editor")
