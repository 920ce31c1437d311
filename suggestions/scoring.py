"""Check-worthiness: a score in [0, 1] per sentence, with the reasons behind it.

Pure functions, no ORM. The score is a logistic function of the named signals in
suggestions.features, with the weights in weights.json (fitted on our own
labelled fixture; see suggestions.training). Every signal whose weight moves the
score noticeably becomes a reason, so the same arithmetic that ranks a sentence
also explains it. Deterministic: no randomness, no network, no model download.

THRESHOLD is the one cut-off between "worth checking" and not: 0.5, the point
where the model finds both equally likely. It is not tuned to any data set; on a
fixture with half check-worthy sentences it is also where F1 peaks (bench/).
"""

import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from suggestions.features import Signal, extract

THRESHOLD = 0.5
# Languages whose grammar the signals read; "en-GB", "en-US" match "en".
SUPPORTED_LANGUAGES = ("en",)
LANGUAGE_NOT_SUPPORTED = "language not supported"
# A signal is named as a reason when it moves the log-odds by at least this much.
REASON_MIN_EFFECT = 0.3
MAX_RAISING_REASONS = 4
MAX_LOWERING_REASONS = 3

_HERE = Path(__file__).parent
WEIGHTS_FILE = _HERE / "weights.json"
_MODEL = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
BIAS: float = _MODEL["bias"]
WEIGHTS: dict[str, float] = _MODEL["weights"]
# Part of the cache key, so cached results of other weights or rules are never served:
# a digest of the weights and of every module that shapes a result.
MODEL_VERSION = hashlib.sha256(
    b"".join(
        (_HERE / name).read_bytes()
        for name in ("weights.json", "features.py", "lexicon.py", "scoring.py", "segmentation.py")
    )
).hexdigest()[:16]

# What each signal is called in a reason; "{}" takes its evidence from the sentence.
REASONS = {
    "number": "a number: {}",
    "money_or_percent": "money or a percentage: {}",
    "year": "a year: {}",
    "date": "a date: {}",
    "comparison": "a comparison: {}",
    "record": "a record or first: {}",
    "superlative": "a superlative: {}",
    "past_tense": "a past event: {}",
    "named_actor": "a named actor: {}",
    "third_person": "about someone: {}",
    "actor_past_event": "a past event with a named actor",
    "first_person_record": "the speaker's own record: {}",
    "event_word": "a verifiable event: {}",
    "change": "a change: {}",
    "statistic": "a statistic: {}",
    "law_or_vote": "a law, vote or ruling: {}",
    "source": "attributed to a source: {}",
    "reported_speech": "reports what someone said: {}",
    "plain_statement": "a plain statement: no opinion, question or promise",
    "length": "a detailed sentence",
    "question": "a question",
    "exclamation": "an exclamation",
    "first_person_opinion": "first-person opinion: {}",
    "future": "a prediction or promise: {}",
    "promised_figure": "a figure in a promise: {}",
    "obligation": "a call to action: {}",
    "hypothetical": "a hypothetical: {}",
    "modal": "a conditional: {}",
    "hedge": "hedged: {}",
    "chatter": "chatter or thanks",
    "procedure": "debate procedure: {}",
    "vague": "vague: {}",
    "opinion_word": "an opinion word: {}",
    "discourse_opener": "a spoken aside: {}",
    "second_person": "addressed to someone: {}",
    "we_subject": "about us: {}",
    "i_subject": "about the speaker: {}",
    "short": "too short to state a fact",
}
# When the combined reason is given, its parts would only repeat it.
_IMPLIED_BY = {
    "actor_past_event": ("past_tense", "named_actor", "third_person"),
    "number": ("money_or_percent",),
}


@dataclass(frozen=True, slots=True)
class Scored:
    """One sentence's verdict: `score` is None when the language is not supported."""

    score: float | None
    worthy: bool
    reasons: tuple[str, ...]


NOT_SUPPORTED = Scored(score=None, worthy=False, reasons=(LANGUAGE_NOT_SUPPORTED,))


def supports(language: str) -> bool:
    """Is `language` (a BCP 47 tag such as "en" or "en-GB") one the signals can read?"""
    primary = (language or "").strip().lower().replace("_", "-").split("-")[0]
    return primary in SUPPORTED_LANGUAGES


def score_sentences(sentences: Iterable[str], language: str = "en") -> list[Scored]:
    """A Scored for each sentence, in order; unsupported languages get NOT_SUPPORTED."""
    if not supports(language):
        return [NOT_SUPPORTED for _ in sentences]
    return [score_sentence(sentence) for sentence in sentences]


def score_sentence(sentence: str) -> Scored:
    """Score one English sentence; the reasons say what raised or lowered it, strongest first."""
    signals = extract(sentence)
    effects = [(WEIGHTS.get(signal.name, 0.0) * signal.value, signal) for signal in signals]
    logit = BIAS + sum(effect for effect, _ in effects)
    score = round(1.0 / (1.0 + math.exp(-logit)), 3)
    worthy = score >= THRESHOLD
    return Scored(score=score, worthy=worthy, reasons=_reasons(effects, worthy))


def _reasons(effects: list[tuple[float, Signal]], worthy: bool) -> tuple[str, ...]:
    effects = _merged(effects)
    raising = sorted((e for e in effects if e[0] > 0), key=lambda e: -e[0])
    lowering = sorted((e for e in effects if e[0] < 0), key=lambda e: e[0])
    shown = [e for e in raising if e[0] >= REASON_MIN_EFFECT][:MAX_RAISING_REASONS]
    if worthy and not shown:
        shown = raising[:1]  # a worthy sentence always says what made it so
    shown += [e for e in lowering if -e[0] >= REASON_MIN_EFFECT][:MAX_LOWERING_REASONS]
    return tuple(_phrase(signal) for _, signal in shown)


def _merged(effects: list[tuple[float, Signal]]) -> list[tuple[float, Signal]]:
    """A combined signal takes over its parts' effects, so the reason is given once."""
    names = {signal.name for _, signal in effects}
    absorbed = {part: whole for whole in names for part in _IMPLIED_BY.get(whole, ())}
    totals = {signal.name: effect for effect, signal in effects}
    for part, whole in absorbed.items():
        if part in totals:
            totals[whole] += totals.pop(part)
    return [(totals[s.name], s) for _, s in effects if s.name in totals]


def _phrase(signal: Signal) -> str:
    template = REASONS[signal.name]
    if "{}" not in template:
        return template
    if not signal.evidence:
        return template.split(":")[0]
    return template.format(signal.evidence)
