"""Messy social post -> plain words, and plain words -> search terms. Pure: no ORM.

Real queries are posts: URLs, @handles, hashtags, embedded-tweet signatures
("— Jane Doe (@jdoe) February 25, 2016"), emoji, capitals, numbers written as
words or digits. Both sides (the post and the stored fact-check) go through the
same `terms()`, so "five" meets "5", "5,000" meets "5000", "1.5 million" meets
"1500000", "#BuildTheWall" meets "build the wall".
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# "— Name (@handle) Month D, YYYY" closing an embedded tweet. The handle and the
# date go; the name stays, as it is often the claimant ("— Elon Musk (@elonmusk)").
_SIGNATURE = re.compile(
    r"\(@\w{1,30}\)\s*"
    r"(?:(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\s+\d{1,2},\s*\d{4})?\s*$",
    re.IGNORECASE,
)
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|io|win|ly|co)(?:/\S*)?\b|pic\.twitter\.com/\S+",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<!\w)@\w{1,30}")
_HASHTAG = re.compile(r"(?<!\w)#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")
_THOUSANDS = re.compile(r"(?<=\d)[,\u202f\u00a0](?=\d{3}\b)")
_MONEY_K = re.compile(r"\b(\d+(?:\.\d+)?)\s?k\b", re.IGNORECASE)
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+(?:'[^\W\d_]+)?")

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "grand": 1_000,
}
# Spellings that mean one thing: "per cent"/"%" -> percent, "dollars"/"$" vanish
# into the number they qualify (the number carries the match).
SYNONYMS = {
    "%": "percent",
    "pct": "percent",
    "covid": "covid",
    "coronavirus": "covid",
    "vax": "vaccine",
    "jab": "vaccine",
    "jabs": "vaccine",
    "vaxxed": "vaccinated",
    "us": "us",
    "usa": "us",
    "america": "us",
    "american": "us",
    "americans": "us",
    "uk": "uk",
    "britain": "uk",
    "british": "uk",
    "kids": "children",
    "kid": "child",
}

# English function words; the list PostgreSQL's english dictionary uses, trimmed.
_STOPWORD_TEXT = """
a about above after again against all am an and any are aren't as at be because been
before being below between both but by can can't cannot could couldn't did didn't do
does doesn't doing don't down during each few for from further had hadn't has hasn't
have haven't having he he'd he'll he's her here here's hers herself him himself his how
how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most
mustn't my myself no nor not of off on once only or other ought our ours ourselves out
over own same shan't she she'd she'll she's should shouldn't so some such than that
that's the their theirs them themselves then there there's these they they'd they'll
they're they've this those through to too under until up very was wasn't we we'd we'll
we're we've were weren't what what's when when's where where's which while who who's
whom why why's with won't would wouldn't you you'd you'll you're you've your yours
yourself yourselves just now will also get got rt via amp lol lmao omg u ur im dont
didnt doesnt thats
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_stemmer = snowballstemmer.stemmer("english")


def clean(text: str) -> str:
    """The post's own words: signature, URLs, handles and emoji gone; hashtags split."""
    text = unicodedata.normalize("NFKC", text)
    text = _SIGNATURE.sub(" ", text.strip())
    text = _URL.sub(" ", text)
    text = _HANDLE.sub(" ", text)
    text = _HASHTAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)).replace("_", " ") + " ", text)
    text = "".join(
        ch if unicodedata.category(ch)[0] not in "SC" or ch in "$%" else " " for ch in text
    )
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """Lower-case words and numbers of `clean(text)`, with numbers in one spelling."""
    text = clean(text)
    text = _THOUSANDS.sub("", text)
    text = _MONEY_K.sub(lambda m: str(_number(float(m.group(1)) * 1000)), text)
    text = text.replace("%", " percent ")
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    return _join_numbers(tokens)


def terms(text: str) -> list[str]:
    """Search terms: `words()` minus stop words, stemmed (Snowball English, as PostgreSQL)."""
    return [_stem(w) for w in words(text) if w not in STOPWORDS]


def word_count(text: str) -> int:
    """Words the post really says (for the 'never `same` under 8 words' rule)."""
    return len(words(text))


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    word = SYNONYMS.get(word, word)
    if word[0].isdigit():
        return word
    return _stemmer.stemWord(word.replace("'", ""))


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _join_numbers(tokens: list[str]) -> list[str]:
    """'twenty eight' -> '28', '1.5 million' -> '1500000', 'per cent' -> 'percent'."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        word = tokens[i]
        if word == "per" and i + 1 < len(tokens) and tokens[i + 1] == "cent":
            out.append("percent")
            i += 2
            continue
        value, used = _read_number(tokens, i)
        if used:
            out.append(_number(value))
            i += used
        else:
            out.append(word)
            i += 1
    return out


def _read_number(tokens: list[str], start: int) -> tuple[float, int]:
    """A number spelled in words and/or digits starting at `start`: (value, tokens used)."""
    total, current, i, seen = 0.0, 0.0, start, False
    while i < len(tokens):
        word = tokens[i]
        if word[0].isdigit() and not seen:
            current, seen = float(word), True
        elif word in UNITS and (not seen or (current % 10 == 0 and current % 100 >= 20)):
            current, seen = current + UNITS[word], True
        elif word in TENS and (not seen or (current % 100 == 0 and current)):
            current, seen = current + TENS[word], True
        elif word in SCALES and seen and not (word == "grand" and current >= 1000):
            if SCALES[word] == 100:
                current *= 100
            else:
                total, current = total + current * SCALES[word], 0.0
        elif (
            word == "and"
            and seen
            and i + 1 < len(tokens)
            and (tokens[i + 1] in UNITS or tokens[i + 1] in TENS)
        ):
            pass
        else:
            break
        i += 1
    if not seen:
        return 0.0, 0
    if tokens[i - 1] == "and":
        i -= 1
    return total + current, i - start
