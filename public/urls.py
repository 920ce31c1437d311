"""The public site's pages. `/factchecks/<id>/` itself is annotations' (factchecks:detail)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from factcheck.caching import shared_cache
from public import datafeed, embed, feeds, views
from public.sitemaps import SITEMAPS

app_name = "public"

# Feeds, the DataFeed, oEmbed and the sitemaps are the same for every anonymous
# reader, like the pages: a shared cache may keep them (factcheck.caching).
urlpatterns = [
    path("factchecks/", views.factcheck_index, name="index"),
    path("factchecks/feed.jsonld", shared_cache(datafeed.datafeed), name="datafeed"),
    path("factchecks/feed/atom/", shared_cache(feeds.FactcheckFeed()), name="feed-atom"),
    path("factchecks/feed/rss/", shared_cache(feeds.FactcheckRssFeed()), name="feed-rss"),
    path("factchecks/corrections/", views.corrections_log, name="corrections"),
    path(
        "factchecks/corrections/feed/atom/",
        shared_cache(feeds.CorrectionsFeed()),
        name="corrections-feed-atom",
    ),
    path(
        "factchecks/corrections/feed/rss/",
        shared_cache(feeds.CorrectionsRssFeed()),
        name="corrections-feed-rss",
    ),
    path("factchecks/<int:pk>/embed/", embed.embed, name="embed"),
    path("oembed", shared_cache(embed.oembed), name="oembed"),
    path("about/methodology/", views.methodology, name="methodology"),
    path("about/ratings/", views.rating_definitions, name="ratings"),
    path("about/corrections-policy/", views.corrections_policy, name="corrections-policy"),
    path("about/organisation/", views.organisation, name="organisation"),
    path(
        "sitemap.xml",
        shared_cache(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "public:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        shared_cache(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", shared_cache(views.robots_txt), name="robots"),
]
