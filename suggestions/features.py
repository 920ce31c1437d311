"""What a sentence shows that makes it worth checking, or not: named, explainable signals.

Pure functions, no ORM. `extract(sentence)` returns the signals found in one
sentence, each with the words that triggered it (its evidence), so every score
can say why: "a number: five officers", "a question". The weights live in
suggestions.scoring and the word lists in suggestions.lexicon.

Speed matters (2,000 sentences/s on one core is the floor): the sentence is
tokenised once, and every word and run of up to four words is looked up in one
dictionary built at import, instead of trying dozens of regular expressions.
English only: the signals read English grammar (tense, modal verbs, word order).
"""

import re
from dataclasses import dataclass

from suggestions import lexicon as lx

_TOKEN = re.compile(
    r"[$£€%]|\d[\d,]*(?:\.\d+)?(?:s\b)?|[A-Za-z]+(?:['\u2019][A-Za-z]+)*(?:-[A-Za-z]+)*"
)
_YEAR = re.compile(r"(?:19|20)\d\d(?:s)?")
_QUESTION_END = re.compile("\\?[\"'\u201d\u2019)\\]]*\\s*$")
_EXCLAIM_END = re.compile("![\"'\u201d\u2019)\\]]*\\s*$")
_STAGE_DIRECTION = re.compile(r"^[(\[][A-Za-z ,.'-]+[)\]]$")
_LIST_MARK = re.compile(r"^\s*\d{1,2}[.)]\s")
MAX_PHRASE = 4


@dataclass(frozen=True, slots=True)
class Signal:
    """One thing found in a sentence: its name, strength (usually 1.0) and evidence."""

    name: str
    value: float
    evidence: str = ""


def _index() -> dict[str, tuple[str, ...]]:
    """Every word or phrase of the lexicon -> the signals it raises."""
    sources = {
        "money_or_percent": lx.MONEY_OR_PERCENT,
        "date": lx.DATE_WORDS | lx.DATE_PHRASES,
        "comparison": lx.COMPARISON_PHRASES,
        "record": lx.RECORD_PHRASES,
        "source": lx.SOURCE_PHRASES,
        "reported_speech": lx.REPORTED_SPEECH,
        "law_or_vote": lx.LAW_PHRASES,
        "event_word": lx.EVENT_WORDS,
        "change": lx.CHANGE_WORDS,
        "statistic": lx.STATISTIC_WORDS,
        "first_person_opinion": lx.OPINION_PHRASES,
        "future": lx.FUTURE_PHRASES,
        "obligation": lx.OBLIGATION_PHRASES,
        "hypothetical": lx.HYPOTHETICAL_PHRASES,
        "modal": lx.MODAL_WORDS,
        "hedge": lx.HEDGE_PHRASES,
        "opinion_word": lx.OPINION_WORDS,
        "chatter": lx.CHATTER_PHRASES,
        "procedure": lx.PROCEDURE_PHRASES,
        "vague": lx.VAGUE_PHRASES,
    }
    index: dict[str, tuple[str, ...]] = {}
    for name, phrases in sources.items():
        for phrase in phrases:
            key = " ".join(_lower(token) for token in _TOKEN.findall(phrase))
            if not 0 < len(key.split()) <= MAX_PHRASE:
                raise ValueError(f"lexicon phrase {phrase!r} must have 1-{MAX_PHRASE} words")
            index[key] = (*index.get(key, ()), name)
    return index


def _lower(token: str) -> str:
    return token.lower().replace("\u2019", "'")


_INDEX = _index()
# Every proper prefix of a phrase ("thank" of "thank you"): a run of words is extended
# only while it can still become a phrase, so most words cost one lookup.
_PREFIXES = frozenset(
    " ".join(key.split()[:n]) for key in _INDEX for n in range(1, len(key.split()))
)


class _Sentence:
    """A sentence tokenised once, and the signals found in it so far."""

    def __init__(self, text: str) -> None:
        self.text = text.strip()
        self.tokens = _TOKEN.findall(_LIST_MARK.sub("", self.text, count=1))
        self.lowered = [_lower(token) for token in self.tokens]
        self.words = [i for i, token in enumerate(self.tokens) if token[0].isalpha()]
        self.found: dict[str, Signal] = {}
        self.start = self._after_lead_in()

    def add(self, name: str, evidence: str = "", value: float = 1.0) -> None:
        if name not in self.found:
            self.found[name] = Signal(name, value, evidence.strip(" ,.;:")[:60])

    def span(self, start: int, end: int) -> str:
        return " ".join(self.tokens[start:end])

    def _after_lead_in(self) -> int:
        """Index of the first token past "And", "Well", "Look"...: where the subject sits."""
        i = 0
        while i < len(self.lowered) and self.lowered[i] in lx.LEAD_IN_WORDS:
            i += 1
        return i


def extract(sentence: str) -> list[Signal]:
    """The signals in `sentence`, in a fixed order (SIGNAL_NAMES)."""
    s = _Sentence(sentence)
    _lexicon_signals(s)
    _quantities(s)
    _events(s)
    _framing(s)
    _combinations(s)
    _size(s)
    return [s.found[name] for name in SIGNAL_NAMES if name in s.found]


def _lexicon_signals(s: _Sentence) -> None:
    lowered, count = s.lowered, len(s.lowered)
    for i in range(count):
        key, end = lowered[i], i + 1
        while True:
            for name in _INDEX.get(key, ()):
                if name == "opinion_word" and not (s.tokens[i].islower() or i == 0):
                    continue  # "Fair" in "the Fair Housing Act" is a name, not a judgement
                s.add(name, s.span(i, end))
            if end >= count or key not in _PREFIXES:
                break
            key, end = f"{key} {lowered[end]}", end + 1


def _quantities(s: _Sentence) -> None:
    """Numbers (with what they count), years, comparisons and superlatives."""
    tokens, lowered = s.tokens, s.lowered
    for i, token in enumerate(tokens):
        if token[0].isdigit() and _YEAR.fullmatch(token):
            s.add("year", token)
            if i and lowered[i - 1] == "since":
                s.add("record", f"since {token}")
        elif i and lowered[i - 1] in lx.DATE_WORDS and token[0].isdigit():
            s.add("date", s.span(i - 1, i + 1))  # "Jan. 11" is a date, not a count
        elif token[0].isdigit() or lowered[i] in lx.NUMBER_WORDS:
            s.add("number", _number_phrase(tokens, i))
        elif lowered[i] == "one" and i + 2 < len(tokens) and lowered[i + 1] in ("in", "out"):
            s.add("number", s.span(i, i + 4))
        elif lowered[i] == "than":
            s.add("comparison", s.span(max(0, i - 3), i + 2))
        elif lowered[i] == "the" and i + 1 < len(tokens) and _superlative(lowered[i + 1]):
            s.add("superlative", s.span(i, i + 3))


def _number_phrase(tokens: list[str], i: int) -> str:
    """The number with its currency sign, magnitude and up to two words of what it counts."""
    start = i - 1 if i and tokens[i - 1] in "$£€" else i
    end = i + 1
    while end < len(tokens) and _lower(tokens[end]) in lx.MONEY_OR_PERCENT:
        end += 1
    counted = 0
    while end < len(tokens) and counted < 2 and tokens[end][0].isalpha():
        if _lower(tokens[end]) in _FUNCTION_WORDS:
            break
        end, counted = end + 1, counted + 1
    return "".join(tokens[start : i + 1]) + " " + " ".join(tokens[i + 1 : end])


_FUNCTION_WORDS = lx.COMMON_OPENERS | lx.SETTING_WORDS


_NOT_SUPERLATIVE_EST = lx.words("interest protest request honest forest suggest arrest")


def _superlative(word: str) -> bool:
    if word in lx.SUPERLATIVES:
        return True
    return len(word) > 5 and word.endswith("est") and word not in _NOT_SUPERLATIVE_EST


def _events(s: _Sentence) -> None:
    """Past events, who did them, and the speaker's own record."""
    past = _past_tense(s) or _perfect(s)
    if past:
        s.add("past_tense", past)
    actor = _named_actor(s)
    if actor:
        s.add("named_actor", actor)
    else:
        actor = _third_person_subject(s)
        if actor:
            s.add("third_person", actor)
    if past and actor:
        s.add("actor_past_event", f"{actor} … {past}")
    record = _first_person_record(s)
    if record:
        s.add("first_person_record", record)


def _past_tense(s: _Sentence) -> str:
    """The first past-tense verb, preferring a main verb ("died") to "was" or "had"."""
    auxiliary = ""
    for i in s.words:
        word = s.lowered[i]
        if word in _PAST_AUXILIARIES:
            auxiliary = auxiliary or s.tokens[i]
        elif word in lx.IRREGULAR_PAST:
            return s.tokens[i]
        elif len(word) >= 4 and word.endswith("ed") and word not in lx.NOT_PAST_ED:
            if i and s.lowered[i - 1] in lx.NOT_BEFORE_PAST:
                continue  # "be expanded", "being ignored": not an event
            return s.tokens[i]
    return auxiliary


_PAST_AUXILIARIES = lx.words("was were had did")


def _perfect(s: _Sentence) -> str:
    """ "has voted", "have never been", "we've lost": the present perfect reports the past."""
    lowered = s.lowered
    for i, word in enumerate(lowered[:-1]):
        if word in lx.PERFECT_AUXILIARIES or word.endswith("'ve"):
            j = i + 1
            if lowered[j] in ("not", "never", "already", "just", "now", "also") and j + 1 < len(
                lowered
            ):
                j += 1
            after = lowered[j]
            if after in lx.PARTICIPLES or (len(after) > 4 and after.endswith("ed")):
                return s.span(i, j + 1)
    return ""


def _named_actor(s: _Sentence) -> str:
    """The first person, body or place that acts in the sentence, or ""."""
    setting = False  # inside a capitalised name that follows "in", "from"...
    for position, i in enumerate(s.words):
        key = s.lowered[i].removesuffix("'s")
        token = s.tokens[i]
        if key in lx.ACTOR_NOUNS and not (setting and token[0].isupper()):
            return _with_following_capitals(s, i)
        if not token[0].isupper() or key in _NOT_NAMES or key in lx.STAGE_WORDS:
            setting = False
            continue
        if position == 0 and i == 0 and not _opens_with_name(s):
            continue
        if setting or (i and s.lowered[i - 1] in lx.SETTING_WORDS):
            setting = True  # "a diner in Toledo", "in New York City": where, not who
            continue
        return _with_following_capitals(s, i)
    return ""


_NOT_NAMES = lx.COMMON_OPENERS | lx.NUMBER_WORDS | {"i", "one", "god"}
_SAYS = lx.words("said says told reported reports announced")


def _opens_with_name(s: _Sentence) -> bool:
    """Is a capitalised first word a name? Every sentence's first word is capitalised
    ("Stand with us", "Critics say"), so it counts only with more evidence."""
    first = s.lowered[0]
    if first.removesuffix("'s") in lx.PLACES or first.endswith("'s"):
        return True
    if len(s.tokens) < 2 or not s.tokens[1][0].isalpha():
        return False
    follower = s.lowered[1]
    if s.tokens[1][0].isupper() and follower not in _NOT_NAMES:
        return True  # "Judge Barbara", "Parler CEO"
    acts = follower in lx.IRREGULAR_PAST or follower.endswith("ed") or follower in _SAYS
    return acts and not first.endswith("s")  # "Parler tried"; not "Premiums went"


def _with_following_capitals(s: _Sentence, i: int) -> str:
    end = i + 1
    while end < min(len(s.tokens), i + 4) and s.tokens[end][0].isupper():
        end += 1
    return s.span(i, end)


def _third_person_subject(s: _Sentence) -> str:
    for n in (2, 1):
        phrase = " ".join(s.lowered[s.start : s.start + n])
        if phrase in lx.THIRD_PERSON_SUBJECTS:
            return s.span(s.start, s.start + n)
    return ""


def _first_person_record(s: _Sentence) -> str:
    """ "I voted against", "I've never taken", "I was the first": the speaker's checkable past."""
    lowered = s.lowered
    for i, word in enumerate(lowered):
        if word not in ("i", "i've"):
            continue
        j = i + 1
        while j < len(lowered) and lowered[j] in ("have", "never", "always", "also", "just"):
            j += 1
        if j < len(lowered) and lowered[j] in lx.RECORD_VERBS:
            return s.span(i, j + 1)
        if j + 1 < len(lowered) and lowered[j] == "was" and lowered[j + 1] in _WAS_RECORD:
            return s.span(i, j + 2)
    return ""


_WAS_RECORD = lx.words("the a against for elected")


def _framing(s: _Sentence) -> None:
    """What lowers a score: questions, opinion, promises, hypotheticals, chatter."""
    text, lowered = s.text, s.lowered
    if _QUESTION_END.search(text):
        s.add("question", text[-40:])
    elif _EXCLAIM_END.search(text):
        s.add("exclamation", text[-40:])
    if _STAGE_DIRECTION.match(text) or (lowered and all(w in lx.INTERJECTIONS for w in lowered)):
        s.add("chatter", text)
    _opinion_and_modality(s)
    first = lowered[s.start] if s.start < len(lowered) else ""
    if first in lx.HYPOTHETICAL_OPENERS:
        s.add("hypothetical", s.tokens[s.start])
    if lowered and lowered[0] in lx.DISCOURSE_OPENERS:
        s.add("discourse_opener", s.tokens[0])
    you = next((s.tokens[i] for i in s.words if lowered[i] in _YOU and not _filler(s, i)), "")
    if you:
        s.add("second_person", you)
    if first in ("we", "we're", "we've", "we'll", "we'd", "our"):
        s.add("we_subject", s.tokens[s.start])
    elif first in _I_WORDS or (first == "my" and "opponent" not in s.lowered[s.start + 1 :][:1]):
        s.add("i_subject", s.tokens[s.start])


def _filler(s: _Sentence, i: int) -> bool:
    """ "you know", "you see", "thank you": spoken habits, not words to someone."""
    after = s.lowered[i + 1] if i + 1 < len(s.lowered) else ""
    before = s.lowered[i - 1] if i else ""
    return after in ("know", "see") or before == "thank"


_YOU = lx.words("you your you're you've you'll you'd yours")
_I_WORDS = lx.words("i i'm i've i'll i'd")
_I_ADVERBS = lx.words("really just truly honestly personally strongly do don't do not")


def _opinion_and_modality(s: _Sentence) -> None:
    lowered = s.lowered
    for i, word in enumerate(lowered):
        if word.endswith("'ll"):
            s.add("future", s.tokens[i])
        elif word.endswith("'d") and word != "i'd've":
            s.add("modal", s.tokens[i])
        if word == "i":
            j = i + 1
            while j < len(lowered) and j < i + 3 and lowered[j] in _I_ADVERBS:
                j += 1
            if j < len(lowered) and lowered[j] in lx.OPINION_VERBS:
                s.add("first_person_opinion", s.span(i, j + 1))
        elif word == "i'm" and i + 1 < len(lowered):
            after = lowered[i + 1]
            if after in lx.OPINION_AFTER_IM or after in ("a", "an", "the", "not"):
                s.add("first_person_opinion", s.span(i, i + 2))


_FRAMING = lx.words(
    "question exclamation first_person_opinion future obligation hypothetical hedge modal "
    "chatter procedure vague second_person i_subject"
)


def _combinations(s: _Sentence) -> None:
    """Signals that mean more together: a figure in a promise, a statement without framing."""
    if "number" in s.found and "future" in s.found:
        s.add("promised_figure", s.found["number"].evidence)
    if not _FRAMING & s.found.keys():
        s.add("plain_statement")


def _size(s: _Sentence) -> None:
    """Longer sentences carry more content; a few words rarely state a checkable fact."""
    count = len(s.words)
    if count <= 4:
        s.add("short", f"{count} words")
    s.add("length", value=min(count, 40) / 40)


# Every signal, in the order extract() returns them (and weights.json lists them).
SIGNAL_NAMES = tuple(
    lx.words_in_order(
        "number money_or_percent year date comparison record superlative past_tense "
        "named_actor third_person actor_past_event first_person_record event_word change "
        "statistic law_or_vote source reported_speech question exclamation "
        "first_person_opinion future promised_figure obligation hypothetical modal hedge "
        "chatter procedure vague opinion_word discourse_opener second_person we_subject "
        "i_subject plain_statement short length"
    )
)
