"""search.snippets: marked snippets are safe HTML whatever the stored text holds."""

from search.snippets import START, STOP, mark_similar, render


def test_render_escapes_text_and_marks_matches():
    assert render(f"a {START}<b>x</b>{STOP} & y") == "a <mark>&lt;b&gt;x&lt;/b&gt;</mark> &amp; y"


def test_render_balances_stray_markers():
    assert render(f"{STOP}a {START}b {START}c") == "a <mark>b c</mark>"


def test_render_never_lets_markup_through():
    html = render(f'<script>alert(1)</script> {START}<img src=x onerror="x()">{STOP}')
    assert "<script" not in html
    assert "<img" not in html
    assert html.count("<mark>") == 1


def test_mark_similar_marks_words_close_to_a_typo():
    assert render(mark_similar("The vaccine was tested", ["vacine"])) == (
        "The <mark>vaccine</mark> was tested"
    )


def test_mark_similar_cuts_long_text_around_the_first_match():
    text = "word " * 200 + "vaccine " + "word " * 200
    marked = render(mark_similar(text, ["vaccine"], max_chars=100))
    assert "<mark>vaccine</mark>" in marked
    assert marked.startswith("…")
    assert marked.endswith("…")
    assert len(marked) < 140
