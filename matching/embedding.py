"""Sentence vectors from a static token table distilled from all-MiniLM-L6-v2. Pure: no ORM.

The table (matching/data/minilm_static.i8.gz, 30,522 WordPiece tokens x 256 int8)
was distilled once, at build time, by bench/matching_distill.py: each token of the
model's vocabulary through the transformer alone, PCA, frequency weights. At run
time a text's vector is the mean of its tokens' rows, L2-normalised: a table
look-up, ~0.1 ms a text, no PyTorch, no model download, no network. It keeps much
of the model's sense of which words mean alike ("jab" ~ "vaccine", "kills" ~
"dies"), which BM25 cannot see. Vectors are stored per fact-check (see
matching.models) as little-endian float16 bytes.
"""

import gzip
import json
import unicodedata
from functools import cache
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent / "data"
MAX_WORD_CHARS = 100


@cache
def _table() -> tuple[dict[str, int], np.ndarray]:
    meta = json.loads((DATA / "minilm_static.json").read_text(encoding="utf-8"))
    vocab = (DATA / "vocab.txt").read_text(encoding="utf-8").splitlines()
    with gzip.open(DATA / "minilm_static.i8.gz", "rb") as handle:
        raw = np.frombuffer(handle.read(), dtype=np.int8)
    matrix = raw.reshape(meta["rows"], meta["dims"]).astype(np.float32) * meta["scale"]
    return {token: i for i, token in enumerate(vocab)}, matrix


def dims() -> int:
    return _table()[1].shape[1]


def wordpieces(text: str) -> list[str]:
    """BERT uncased tokenisation (basic split, then greedy longest-match WordPiece)."""
    vocab = _table()[0]
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


def embed(text: str) -> np.ndarray:
    """Unit vector of `text` (zeros when it has no known token)."""
    vocab, matrix = _table()
    ids = [vocab[p] for p in wordpieces(text) if p != "[UNK]"]
    if not ids:
        return np.zeros(matrix.shape[1], dtype=np.float32)
    vector = matrix[ids].mean(axis=0)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def embed_many(texts: list[str]) -> np.ndarray:
    return np.stack([embed(t) for t in texts]) if texts else np.zeros((0, dims()), np.float32)


def to_bytes(vector: np.ndarray) -> bytes:
    return vector.astype("<f2").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<f2").astype(np.float32)
