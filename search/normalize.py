"""Text normalisation for search and claim matching: pure functions, no Django, no ORM.

Two levels, for two kinds of input:

- `clean_query(text)`: what a person types in a search box. Only control
  characters (PostgreSQL refuses NUL) and runs of spaces go; quotes, `or` and
  `-word` stay, because the search endpoint reads them as websearch syntax.
- `normalize(text)` / `terms(text)`: what a desk pastes from social media, as
  claim matching (the match API) receives it. Such posts carry noise that never
  helps find the claim and often hurts: links, @handles, the tweet-embed
  signature ("— Jane Doe (@jane) February 25, 2016"), emoji, shouting capitals,
  and numbers written three ways ("five", "5,000", "1.5 million"). `normalize`
  removes the noise and writes every number as plain digits, so "five thousand"
  and "5,000" are the same term to the index; `terms` splits the result into
  words and drops the few function words that carry no topic.

Hashtags keep their words: "#COVID19Vaccine" becomes "covid19 vaccine" (camel
case split), because a tag is often the only place the topic is named.
"""

import re
import unicodedata

MAX_QUERY_CHARS = 1000
SIGNATURE_CHARS = 160

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Matched against one whitespace-separated token at a time, anchored at its start: one
# quantifier each, so a 10,000-character "a.a.a..." costs linear time, not quadratic.
_URL = re.compile(r"(?:https?://|www\.)|[\w.-]+\.(?:com|org|net|ly|co|io|gl|me|be)/", re.I)
_HANDLE = re.compile(r"(?<![\w@])@\w{1,30}")
_HASHTAG = re.compile(r"(?<![\w#])#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# The signature Twitter's embed code appends: "— Name (@handle) Month D, YYYY", at the end.
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_SIGNATURE = re.compile(
    r"[\u2014\u2013-]{1,2}\s*[^\n\u2014\u2013]{0,80}?\(@\w{1,30}\)\s*"
    rf"(?:(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}})?\s*$",
    re.I,
)
_GROUPED = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+)(?![\d,])")
_APOSTROPHE = "\u2019"
_WORD = re.compile(rf"[^\W_]+(?:[.'{_APOSTROPHE}][^\W_]+)*", re.UNICODE)

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SCALE_SUFFIXES = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}

# Function words that never name a topic; kept short on purpose (negations such as
# "not" and "no" stay: they change what a claim says).
_STOPWORDS_TEXT = (
    "a an the and or of to in on at by for from with as is are was were be been being "
    "this that these those it its it's there their they them he she his her we our you "
    "your i me my rt via just so very than then also has have had do does did will would "
    "can could should may might must about into over"
)
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def clean_query(text: str) -> str:
    """A search-box query without control characters or extra spaces, cut to MAX_QUERY_CHARS."""
    return " ".join(_CONTROL.sub(" ", text or "").split())[:MAX_QUERY_CHARS]


def normalize(text: str) -> str:
    """`text` as lower-case words and digits, without links, handles, signature and emoji.

    >>> normalize("Five thousand jobs lost! #JobsReport https://t.co/x — Ann (@ann) May 2, 2020")
    '5000 jobs lost jobs report'
    """
    text = unicodedata.normalize("NFKC", _CONTROL.sub(" ", text or ""))[: MAX_QUERY_CHARS * 10]
    # The signature ends the post: look for it in the last SIGNATURE_CHARS only.
    text = text.strip()
    text = text[:-SIGNATURE_CHARS] + _SIGNATURE.sub(" ", text[-SIGNATURE_CHARS:])
    text = " ".join(token for token in text.split() if not _URL.match(token))
    text = _HANDLE.sub(" ", text)
    text = _HASHTAG.sub(lambda match: " " + _CAMEL.sub(" ", match.group(1)) + " ", text)
    text = _GROUPED.sub(lambda match: match.group(1).replace(",", ""), text)
    words = [_strip_accents_of_symbols(word) for word in _WORD.findall(text.lower())]
    return " ".join(_numbers_as_digits([word for word in words if word]))


def terms(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """The normalised words of `text`, function words dropped, in order, without repeats."""
    seen: dict[str, None] = {}
    for word in normalize(text).split():
        if keep_stopwords or word not in STOPWORDS:
            seen.setdefault(word, None)
    return list(seen)


def _strip_accents_of_symbols(word: str) -> str:
    """Drop apostrophes and characters that are not letters or digits (emoji modifiers)."""
    word = word.replace(_APOSTROPHE, "'")
    if word.endswith("'s"):
        word = word[:-2]
    return "".join(ch for ch in word if ch.isalnum() or ch == ".").strip(".")


def _numbers_as_digits(words: list[str]) -> list[str]:
    """Numbers as digits: "forty two" -> "42", "1.5 million" -> "1500000"."""
    out: list[str] = []
    i = 0
    while i < len(words):
        value, used = _read_number(words, i)
        if used:
            out.append(_format(value))
            i += used
        else:
            out.append(words[i])
            i += 1
    return out


def _read_number(words: list[str], start: int) -> tuple[float, int]:
    """(value, words used) of the number starting at words[start]; (0, 0) if none."""
    total = current = 0.0
    used = 0
    for position in range(start, len(words)):
        word = words[position]
        if word in _UNITS:
            current += _UNITS[word]
        elif word == "hundred" and used:
            current = (current or 1) * 100
        elif word in _SCALES and used:
            total += (current or 1) * _SCALES[word]
            current = 0
        elif not used and (number := _as_number(word)) is not None:
            current = number
        else:
            break
        used += 1
    return total + current, used


def _as_number(word: str) -> float | None:
    """'5' -> 5, '1.5' -> 1.5, '5k' -> 5000, '2bn' -> 2e9; None for anything else."""
    for suffix, scale in _SCALE_SUFFIXES.items():
        if word.endswith(suffix) and _is_decimal(word[: -len(suffix)]):
            return float(word[: -len(suffix)]) * scale
    return float(word) if _is_decimal(word) else None


def _is_decimal(word: str) -> bool:
    return bool(re.fullmatch(r"\d+(?:\.\d+)?", word))


def _format(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"
