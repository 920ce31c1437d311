"""Forms of the reviewer UI's article pages: the list's filters and the import form."""

from pathlib import Path

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.importing import SUPPORTED_EXTENSIONS

# One uploaded file, and the whole import request; the view refuses a bigger body
# before Django reads it (SECURITY-CASES #8). Demo articles are about 5 KB.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_REQUEST_BYTES = 5 * 1024 * 1024
MAX_FILES = 20


class ArticleFilterForm(forms.Form):
    """GET parameters of /articles/; invalid values are ignored rather than refused."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200, strip=True)
    publisher = forms.ChoiceField(label=_("Publisher"), required=False)
    unreviewed = forms.BooleanField(label=_("Only with unreviewed claims"), required=False)

    def __init__(self, *args, publishers: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(p, p) for p in publishers]
        self.fields["publisher"].choices = [("", _("All publishers")), *choices]

    def filters(self) -> dict:
        """Keyword arguments for articles.selectors.article_list."""
        if not self.is_valid():
            return {}
        return {
            "query": self.cleaned_data["q"],
            "publisher": self.cleaned_data["publisher"],
            "unreviewed": self.cleaned_data["unreviewed"],
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Zero or more files from one <input type=file multiple>."""

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class ImportForm(forms.Form):
    """Pasted text or HTML, and/or uploaded files; at least one of them."""

    FORMAT_CHOICES = [
        ("auto", _("Detect")),
        ("text", _("Plain text (first line is the title)")),
        ("html", _("HTML page")),
    ]

    pasted = forms.CharField(
        label=_("Paste an article"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text with the title on the first line, or the HTML of a page."),
    )
    format = forms.ChoiceField(
        label=_("Pasted format"), choices=FORMAT_CHOICES, initial="auto", widget=forms.RadioSelect
    )
    files = MultipleFileField(
        label=_("Or upload files"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ",".join(SUPPORTED_EXTENSIONS)}),
        help_text=format_lazy(
            _("{types}; up to {count} files of {size} each."),
            types=", ".join(SUPPORTED_EXTENSIONS),
            count=MAX_FILES,
            size=lazy(filesizeformat, str)(MAX_FILE_BYTES),
        ),
    )

    def clean_files(self) -> list:
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                gettext("Upload at most %(count)d files at once.") % {"count": MAX_FILES}
            )
        for upload in files:
            suffix = Path(upload.name).suffix.lower()
            if suffix not in SUPPORTED_EXTENSIONS:
                raise forms.ValidationError(
                    gettext("%(name)s: unsupported type; use %(types)s.")
                    % {"name": upload.name, "types": ", ".join(SUPPORTED_EXTENSIONS)}
                )
            if upload.size > MAX_FILE_BYTES:
                raise forms.ValidationError(
                    gettext("%(name)s is %(size)s; the limit is %(limit)s.")
                    % {
                        "name": upload.name,
                        "size": filesizeformat(upload.size),
                        "limit": filesizeformat(MAX_FILE_BYTES),
                    }
                )
        return files

    def clean(self) -> dict:
        data = super().clean()
        if not (data.get("pasted") or "").strip() and not data.get("files"):
            raise forms.ValidationError(gettext("Paste an article or choose at least one file."))
        return data
