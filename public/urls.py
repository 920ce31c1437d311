"""The public site's pages. `/factchecks/<id>/` itself is annotations' (factchecks:detail)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from public import datafeed, embed, feeds, views
from public.sitemaps import SITEMAPS

app_name = "public"

urlpatterns = [
    path("factchecks/", views.factcheck_index, name="index"),
    path("factchecks/feed.jsonld", datafeed.datafeed, name="datafeed"),
    path("factchecks/feed/atom/", feeds.FactcheckFeed(), name="feed-atom"),
    path("factchecks/feed/rss/", feeds.FactcheckRssFeed(), name="feed-rss"),
    path("factchecks/corrections/", views.corrections_log, name="corrections"),
    path(
        "factchecks/corrections/feed/atom/",
        feeds.CorrectionsFeed(),
        name="corrections-feed-atom",
    ),
    path(
        "factchecks/corrections/feed/rss/", feeds.CorrectionsRssFeed(), name="corrections-feed-rss"
    ),
    path("factchecks/<int:pk>/embed/", embed.embed, name="embed"),
    path("oembed", embed.oembed, name="oembed"),
    path("about/methodology/", views.methodology, name="methodology"),
    path("about/ratings/", views.rating_definitions, name="ratings"),
    path("about/corrections-policy/", views.corrections_policy, name="corrections-policy"),
    path("about/organisation/", views.organisation, name="organisation"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "public:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
]
