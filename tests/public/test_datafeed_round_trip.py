"""Our DataFeed read back by our own ClaimReview import creates nothing: the URLs are ours.

The importer (`import_claimreviews`, app claimreviews) comes with issue 10 and is not
merged yet; these tests run as soon as it is installed. The second test shows the
first can fail: the same feed under another host is imported as someone else's.
"""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from annotations.models import Claim, Publication
from tests.public.conftest import body_of

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not apps.is_installed("claimreviews"),
        reason="import_claimreviews (claimreviews app, issue 10) is not merged into this branch",
    ),
]


OUR_HOST = "factcheck.example.org"


@pytest.fixture(autouse=True)
def _served_under_a_real_host_name(settings):
    # Imported ClaimReview URLs must be real web addresses ("testserver" has no domain).
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OUR_HOST]


def our_feed(client, tmp_path, host: str = OUR_HOST):
    text = body_of(client.get("/factchecks/feed.jsonld", HTTP_HOST=OUR_HOST))
    path = tmp_path / "feed.jsonld"
    path.write_text(text.replace(f"http://{OUR_HOST}/", f"http://{host}/"), encoding="utf-8")
    return path


def imported_reviews() -> int:
    return apps.get_model("claimreviews", "ClaimReview").objects.count()


def test_our_feed_imports_back_creating_nothing(client, record, tmp_path):
    before = (Claim.objects.count(), Publication.objects.count())
    call_command("import_claimreviews", str(our_feed(client, tmp_path)), stdout=StringIO())
    assert imported_reviews() == 0
    assert (Claim.objects.count(), Publication.objects.count()) == before


def test_the_same_feed_under_another_host_is_someone_elses(client, record, tmp_path):
    path = our_feed(client, tmp_path, host="other-factchecker.example")
    call_command("import_claimreviews", str(path), stdout=StringIO())
    assert imported_reviews() == 2  # published and corrected; the retracted one is not in it
