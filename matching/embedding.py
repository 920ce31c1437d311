"""all-MiniLM-L6-v2's tokenisation, and how vectors are stored. Pure: no ORM.

The model's own WordPiece vocabulary (matching/data/vocab.txt, BERT uncased) and
tokeniser, in Python (no `tokenizers` dependency), for matching.encoder; vectors
are stored per fact-check (matching.models.MatchVector) as little-endian float16.
"""

import unicodedata
from functools import cache
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent / "data"
MAX_WORD_CHARS = 100


@cache
def vocabulary() -> dict[str, int]:
    """The model's WordPiece vocabulary (BERT uncased), token -> id."""
    vocab = (DATA / "vocab.txt").read_text(encoding="utf-8").splitlines()
    return {token: i for i, token in enumerate(vocab)}


def wordpieces(text: str) -> list[str]:
    """BERT uncased tokenisation (basic split, then greedy longest-match WordPiece)."""
    vocab = vocabulary()
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    pieces: list[str] = []
    for word in _basic_split(text):
        if len(word) > MAX_WORD_CHARS:
            pieces.append("[UNK]")
            continue
        start, word_pieces = 0, []
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in vocab:
                    word_pieces.append(piece)
                    break
                end -= 1
            if end == start:
                word_pieces = ["[UNK]"]
                break
            start = end
        pieces.extend(word_pieces)
    return pieces


def _basic_split(text: str) -> list[str]:
    out, current = [], []
    for ch in text:
        if ch.isspace():
            if current:
                out.append("".join(current))
                current = []
        elif _is_punctuation(ch):
            if current:
                out.append("".join(current))
                current = []
            out.append(ch)
        else:
            current.append(ch)
    if current:
        out.append("".join(current))
    return out


def _is_punctuation(ch: str) -> bool:
    code = ord(ch)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def to_bytes(vector: np.ndarray) -> bytes:
    return vector.astype("<f2").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<f2").astype(np.float32)
