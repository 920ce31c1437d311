"""The reviewer page's search form and the editors' upload form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from annotations.ratings import Rating
from claimreviews.selectors import UNMAPPED


class SearchForm(forms.Form):
    """GET parameters of /claimreviews/; an unknown value is ignored, not an error page."""

    q = forms.CharField(label=_("Search"), required=False, max_length=500)
    publisher = forms.CharField(label=_("Publisher"), required=False, max_length=300)
    rating = forms.ChoiceField(
        label=_("Our rating"),
        required=False,
        choices=[("", _("Any rating")), *Rating.choices, (UNMAPPED, _("Not mapped"))],
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: self.cleaned_data[name].strip() for name in ("q", "publisher", "rating")}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("ClaimReview file"),
        help_text=_(
            "One ClaimReview, a JSON array, a schema.org DataFeed, JSON Lines, or HTML with "
            "ld+json blocks; .gz allowed."
        ),
    )
