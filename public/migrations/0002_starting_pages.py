"""Starting text of the public pages, so every page answers 200 right after `migrate`.

The text describes the process factcheck itself enforces (independent verdicts,
sources on every fact-check, dated corrections, retractions kept). What only the
organisation can say (who it is, who funds it, how to reach it) is asked for
plainly on the organisation page until an admin writes it. Admins edit all of it
under Admin → Public pages. Frozen copy: migrations must not import app code.
"""

from django.db import migrations

PAGES = {
    "methodology": (
        "Methodology",
        """\
How we choose, check and rate claims.

## Which claims we check

We read news articles and mark statements of fact that can be checked against
evidence: numbers, events, quotes and causes. We give priority to claims that
reach many people, that could cause harm if wrong, and that readers ask us about.
We do not rate opinions or predictions.

## How we check a claim

1. **The claim in its words.** Every fact-check starts from the exact words of
   the article, shown on the fact-check page in their sentence, with the
   article's title, publisher and date, so readers can see what was said.
2. **Sources.** Reviewers look for the best available evidence, primary sources
   first (official records, data, documents, the people involved), and attach
   each source to the claim with a note of what it says and whether it supports
   the claim, refutes it or gives context. Every published fact-check lists its
   sources with links.
3. **Independent verdicts.** At least two reviewers rate the claim on our
   [rating scale](/about/ratings/) and explain why. Until a reviewer has given
   their own verdict they cannot see the others', so each judgement is
   independent. When the ratings differ, the reviewers and an editor discuss
   the evidence before anything is published.
4. **Publication.** An editor publishes the verdict: a rating and a written
   rationale, and at least one source. Nothing is published without an editor.

## When we are wrong

We correct openly: see our [corrections policy](/about/corrections-policy/) and
the [log of every correction and retraction](/factchecks/corrections/).

## Machine-readable

Each fact-check carries schema.org ClaimReview data, and all of them are
available as a [ClaimReview feed](/factchecks/feed.jsonld) and through Atom and
RSS feeds.
""",
    ),
    "ratings": (
        "Rating definitions",
        """\
Every fact-check ends with one rating from this scale, the same scale our
reviewers use, that our structured data (schema.org ClaimReview) publishes and
that partner platforms read. The rating sums up the rationale; the rationale
and the sources explain it.
""",
    ),
    "corrections-policy": (
        "Corrections policy",
        """\
We make mistakes, and we correct them in the open.

## Corrections

When new evidence or an error changes our verdict, an editor publishes a
correction. The fact-check page then shows the current verdict and, for every
correction, its date, the rating it replaced and a note saying what changed and
why. Earlier verdicts are never silently overwritten. Our structured data
(ClaimReview) carries the corrected rating and the date it changed.

## Retractions

If a fact-check cannot stand (for example because its main source was
withdrawn), we retract it. The page stays online, clearly marked as retracted,
with the date and the reason; its verdict is withdrawn from our structured data
so that search engines stop showing it.

## Where to find them

Every correction and retraction is listed, newest first, in our
[corrections log](/factchecks/corrections/), which is also available as an
Atom and an RSS feed.

## Asking for a correction

If you think we got something wrong, tell us, with the address of the
fact-check and the evidence. The ways to reach us are on our
[organisation page](/about/organisation/). We read every request and correct
what the evidence shows to be wrong.
""",
    ),
    "organisation": (
        "Funding and organisation",
        """\
Who we are, who funds us and how to reach us.

**This page has not been completed yet.** The organisation running this site
publishes here its legal name and status, its owners and leadership, every
source of funding, and how to contact it, as the International Fact-Checking
Network's code of principles asks. Administrators edit this text under
Admin → Public pages.

Until then, the [methodology](/about/methodology/) and the
[corrections policy](/about/corrections-policy/) describe how our fact-checks
are made and corrected.
""",
    ),
    "corrections": (
        "Corrections log",
        """\
Every correction and retraction of our published fact-checks, newest first,
with its date and our note. Our [corrections policy](/about/corrections-policy/)
explains when and how we correct.
""",
    ),
}


def add_pages(apps, schema_editor):
    Page = apps.get_model("public", "Page")
    for slug, (title, body) in PAGES.items():
        Page.objects.get_or_create(slug=slug, defaults={"title": title, "body": body.strip()})


def remove_untouched_pages(apps, schema_editor):
    Page = apps.get_model("public", "Page")
    for slug, (title, body) in PAGES.items():
        Page.objects.filter(slug=slug, title=title, body=body.strip()).delete()


class Migration(migrations.Migration):
    dependencies = [("public", "0001_public_pages")]

    operations = [migrations.RunPython(add_pages, remove_untouched_pages)]
