"""Forms of the reviewer UI's article pages: the list's filters and the import form."""

from pathlib import Path

from django import forms
from django.template.defaultfilters import filesizeformat

from articles.importing import SUPPORTED_EXTENSIONS

# One uploaded file, and the whole import request; the view refuses a bigger body
# before Django reads it (SECURITY-CASES #8). Demo articles are about 5 KB.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_REQUEST_BYTES = 5 * 1024 * 1024
MAX_FILES = 20


class ArticleFilterForm(forms.Form):
    """GET parameters of /articles/; invalid values are ignored rather than refused."""

    q = forms.CharField(label="Search", required=False, max_length=200, strip=True)
    publisher = forms.ChoiceField(label="Publisher", required=False)
    unreviewed = forms.BooleanField(label="Only with unreviewed claims", required=False)

    def __init__(self, *args, publishers: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["publisher"].choices = [("", "All publishers")] + [(p, p) for p in publishers]

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
        ("auto", "Detect"),
        ("text", "Plain text (first line is the title)"),
        ("html", "HTML page"),
    ]

    pasted = forms.CharField(
        label="Paste an article",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Plain text with the title on the first line, or the HTML of a page.",
    )
    format = forms.ChoiceField(
        label="Pasted format", choices=FORMAT_CHOICES, initial="auto", widget=forms.RadioSelect
    )
    files = MultipleFileField(
        label="Or upload files",
        required=False,
        widget=MultipleFileInput(attrs={"accept": ",".join(SUPPORTED_EXTENSIONS)}),
        help_text=(
            f"{', '.join(SUPPORTED_EXTENSIONS)}; up to {MAX_FILES} files of "
            f"{filesizeformat(MAX_FILE_BYTES)} each."
        ),
    )

    def clean_files(self) -> list:
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"Upload at most {MAX_FILES} files at once.")
        for upload in files:
            suffix = Path(upload.name).suffix.lower()
            if suffix not in SUPPORTED_EXTENSIONS:
                raise forms.ValidationError(
                    f"{upload.name}: unsupported type; use {', '.join(SUPPORTED_EXTENSIONS)}."
                )
            if upload.size > MAX_FILE_BYTES:
                raise forms.ValidationError(
                    f"{upload.name} is {filesizeformat(upload.size)}; the limit is "
                    f"{filesizeformat(MAX_FILE_BYTES)}."
                )
        return files

    def clean(self) -> dict:
        data = super().clean()
        if not (data.get("pasted") or "").strip() and not data.get("files"):
            raise forms.ValidationError("Paste an article or choose at least one file.")
        return data
