"""matching.normalize: messy posts become the same terms as the fact-checks they quote."""

import pytest

from matching.normalize import clean, terms, word_count, words


def test_links_handles_signature_and_emoji_go_hashtags_split():
    post = (
        "Wow 😱 #BuildTheWall https://t.co/aBc123 pic.twitter.com/xyz @WHO explain "
        "— Jane Doe (@janedoe) February 25, 2016"
    )
    assert clean(post) == "Wow Build The Wall explain — Jane Doe"
    assert "janedoe" not in words(post)
    assert "2016" not in words(post)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("five people", "5"),
        ("5,000 deaths", "5000"),
        ("FIVE THOUSAND deaths", "5000"),
        ("1.5 million votes", "1500000"),
        ("twenty eight medals", "28"),
        ("two hundred and fifty one", "251"),
        ("$39k per patient", "39000"),
        ("ten grand", "10000"),
    ],
)
def test_numbers_in_words_or_digits_meet(text, number):
    assert number in words(text)


def test_percent_spellings_meet():
    assert (
        terms("9.1% inflation") == terms("9.1 per cent inflation") == ["9.1", "percent", "inflat"]
    )


def test_terms_stem_drop_stop_words_and_map_synonyms():
    assert terms("The jabs are killing the kids") == ["vaccin", "kill", "children"]


def test_word_count_ignores_links_and_emoji():
    assert word_count("🔥🔥 https://x.example/a wow such news") == 3
