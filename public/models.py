"""The public site's editable pages: methodology, rating definitions, corrections policy,
funding and organisation, and the introduction of the corrections log.

The IFCN code of principles asks every signatory to publish these, and Google
asked ClaimReview publishers for a corrections policy. Admins edit them in
Markdown (rendered by public.markdown, sanitised with nh3); the starting text
comes from a data migration, so every page answers right after `migrate`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from factcheck import limits
from factcheck.limits import capped_text, length_caps


class PageSlug(models.TextChoices):
    METHODOLOGY = "methodology", _("Methodology")
    RATINGS = "ratings", _("Rating definitions")
    CORRECTIONS_POLICY = "corrections-policy", _("Corrections policy")
    ORGANISATION = "organisation", _("Funding and organisation")
    CORRECTIONS_LOG = "corrections", _("Corrections log")


class Page(models.Model):
    """One of the fixed public pages; the set is fixed, only title and text change."""

    Slug = PageSlug

    slug = models.CharField(
        max_length=40,
        unique=True,
        choices=PageSlug,
        help_text=_("Which page this is; fixed, it decides the page's address."),
    )
    title = models.CharField(max_length=200, help_text=_("Heading of the page."))
    body = capped_text(
        limits.PAGE_BODY,
        blank=True,
        default="",
        help_text=_(
            "Markdown. Links may be http, https, mailto or relative; raw HTML is shown as "
            "text. Headings start at ## (the page title is the only top-level heading)."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True, help_text=_("When the text last changed."))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who last changed the text; empty for the starting text."),
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("public page")
        verbose_name_plural = _("public pages")
        constraints = [
            models.CheckConstraint(
                condition=Q(slug__in=[choice.value for choice in PageSlug]),
                name="public_page_slug_known",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="public_page_title_present"),
            length_caps("public_page_lengths_capped", {"body": limits.PAGE_BODY}),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(PAGE_URL_NAMES[self.slug])


PAGE_URL_NAMES = {
    PageSlug.METHODOLOGY: "public:methodology",
    PageSlug.RATINGS: "public:ratings",
    PageSlug.CORRECTIONS_POLICY: "public:corrections-policy",
    PageSlug.ORGANISATION: "public:organisation",
    PageSlug.CORRECTIONS_LOG: "public:corrections",
}
