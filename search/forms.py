"""The search page's form: the same parameters as the API's `q` and `type`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from search import kinds
from search.normalize import MAX_QUERY_CHARS, clean_query

KIND_LABELS = {
    kinds.FACTCHECK: _("Published fact-checks"),
    kinds.CLAIMREVIEW: _("Other fact-checkers' reviews"),
    kinds.CLAIM: _("Claims on the desk"),
    kinds.ARTICLE: _("Articles"),
}
KIND_BADGES = {
    kinds.FACTCHECK: _("Fact-check"),
    kinds.CLAIMREVIEW: _("ClaimReview"),
    kinds.CLAIM: _("Claim"),
    kinds.ARTICLE: _("Article"),
}


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_CHARS)
    type = forms.ChoiceField(label=_("Show"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = kinds.kinds_for(user)
        self.fields["type"].choices = [("", _("Everything"))] + [
            (kind, KIND_LABELS[kind]) for kind in allowed
        ]

    def clean_q(self) -> str:
        return clean_query(self.cleaned_data["q"])
