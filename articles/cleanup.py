"""Page clutter rules: what to strip from a scraped article before it is stored.

Pure functions, no ORM. Every rule matches a *whole line* (after trimming
surrounding whitespace, case-insensitively), never a fragment: a body sentence
such as "Readers may leave a comment below" must survive, because reviewers
anchor claims to the stored text and a silently dropped sentence is a
misquotation waiting to happen. Rules are deliberately narrow; a clutter line
that slips through costs a reviewer a glance, a body line lost costs accuracy.
"""

import re
from dataclasses import dataclass
from enum import Enum


class Action(Enum):
    DROP_LINE = "drop line"
    END_OF_BODY = "end of body"  # drop this line and everything after it


@dataclass(frozen=True)
class Rule:
    """One kind of clutter: a whole-line pattern, what to do, and why it is clutter."""

    pattern: str
    reason: str
    action: Action = Action.DROP_LINE

    def matches(self, line: str) -> bool:
        return re.fullmatch(self.pattern, line.strip(), flags=re.IGNORECASE) is not None


RULES: tuple[Rule, ...] = (
    Rule(
        r"leave a (?:comment|reply)",
        "Heading of the comment form under the article; only reader comments follow it.",
        Action.END_OF_BODY,
    ),
    Rule(
        r"your email address will not be published\.?(?:\s*required fields are marked \*)?",
        "Notice of the comment form; nothing of the article follows it.",
        Action.END_OF_BODY,
    ),
    Rule(
        r"related (?:news|posts|articles|stories)",
        "Heading of the teaser list of other articles at the end of the page.",
        Action.END_OF_BODY,
    ),
    Rule(
        r"(?:photo|image|picture) credits?\s*:.*",
        "Caption of the lead image; it credits a photographer, the article does not say it.",
    ),
    Rule(
        r"\d{1,7}(?:\s+\d{1,7}){0,3}",
        "Share and comment counters (e.g. '85 2') rendered by social widgets; a body "
        "paragraph is never only numbers.",
    ),
    Rule(
        r"\d+ comments?",
        "Comment counter next to the headline.",
    ),
    Rule(
        r"share(?: this(?: article| story)?)?\s*:?",
        "Label of the share buttons.",
    ),
    Rule(
        r"advertisement",
        "Placeholder label of an advertising slot.",
    ),
)

_BLANK_RUN = re.compile(r"\n{3,}")


def rule_for(line: str) -> Rule | None:
    """The first rule that treats `line` as clutter, or None for a body line."""
    return next((rule for rule in RULES if rule.matches(line)), None)


def clean_text(text: str) -> str:
    """Drop clutter lines and cut footers; paragraphs end up one blank line apart.

    Expects LF line breaks. Trailing spaces are removed from every line and the
    result has no leading or trailing blank lines; it may be empty when the
    input held nothing but clutter.
    """
    kept: list[str] = []
    for line in text.split("\n"):
        rule = rule_for(line)
        if rule is None:
            kept.append(line.rstrip())
        elif rule.action is Action.END_OF_BODY:
            break
    return _BLANK_RUN.sub("\n\n", "\n".join(kept)).strip("\n")
