"""sitemap.xml (django.contrib.sitemaps): every public fact-check page and the site's pages.

Retracted fact-checks stay listed: their page still answers, marked as
retracted, and search engines should re-read it to drop the old verdict.
`lastmod` is the fact-check's latest publication, correction or retraction.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from annotations.models import PUBLIC_STATUSES, Claim
from public.models import PAGE_URL_NAMES, Page


class FactcheckSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return (
            Claim.objects.filter(status__in=PUBLIC_STATUSES)
            .annotate(last_change=Max("publications__published_at"))
            .only("pk")
            .order_by("pk")
        )

    def location(self, claim: Claim) -> str:
        return reverse("factchecks:detail", args=[claim.pk])

    def lastmod(self, claim: Claim):
        return claim.last_change


class SitePagesSitemap(Sitemap):
    """The index and the IFCN pages."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        updated = dict(Page.objects.values_list("slug", "updated_at"))
        return [("public:index", None)] + [
            (name, updated.get(slug)) for slug, name in PAGE_URL_NAMES.items()
        ]

    def location(self, item) -> str:
        return reverse(item[0])

    def lastmod(self, item):
        return item[1]


SITEMAPS = {"factchecks": FactcheckSitemap, "pages": SitePagesSitemap}
