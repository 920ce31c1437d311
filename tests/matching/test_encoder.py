"""matching.encoder: the model's own tokenisation, and vectors that mean something."""

import numpy as np

from matching import embedding, encoder


def test_token_ids_equal_the_reference_bert_tokenizer():
    # Expected ids printed by transformers' AutoTokenizer for the model's own files.
    assert encoder.token_ids("Ivermectin cured my whole family in 48 hours!! 🐴 #ivermectin") == [
        101, 4921, 2121, 4168, 6593, 2378, 21391, 2026, 2878, 2155, 1999, 4466, 2847,
        999, 999, 100, 1001, 4921, 2121, 4168, 6593, 2378, 102,
    ]  # fmt: skip
    assert encoder.token_ids("Café Zürich: naïve résumé — 5,000 jabs") == [
        101, 7668, 10204, 1024, 15743, 13746, 1517, 1019, 1010, 2199, 14855, 5910, 102,
    ]  # fmt: skip


def test_long_text_is_cut_to_the_token_limit():
    assert len(encoder.token_ids("word " * 1000)) == encoder.MAX_TOKENS


def test_vectors_are_unit_length_and_paraphrases_are_closer_than_strangers():
    claim, paraphrase, stranger = encoder.embed_many([
        "The COVID-19 vaccines contain microchips to track people.",
        "they inject trackers into us with the covid shot so they always know where we are",
        "Arctic sea ice has grown back to its 1979 level.",
    ])  # fmt: skip
    assert np.allclose([np.linalg.norm(v) for v in (claim, paraphrase, stranger)], 1, atol=1e-3)
    assert claim @ paraphrase > claim @ stranger + 0.2


def test_one_text_or_a_batch_give_the_same_vector():
    texts = ["short", "a much longer sentence that needs padding in a batch with a short one"]
    batch = encoder.embed_many(texts)
    assert np.allclose(batch[1], encoder.embed(texts[1]), atol=1e-6)
    assert np.allclose(batch[0], encoder.embed(texts[0]), atol=1e-6)
    assert encoder.embed_many([]).shape == (0, encoder.DIMS)


def test_stored_bytes_round_trip():
    vector = encoder.embed("Mexico paid for the border wall.")
    assert np.allclose(embedding.from_bytes(embedding.to_bytes(vector)), vector, atol=1e-3)
