"""Constrained Viterbi decoding: the best valid IOB2 sequence, checked against exhaustive search."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from araevents.inference.decoding import log_softmax, viterbi_ids, viterbi_tags

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]


def valid(tags) -> bool:
    prev = "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            return False
        prev = t
    return True


def brute_force(lp: np.ndarray) -> tuple[float, list[str]]:
    best = (-np.inf, [])
    for ids in itertools.product(range(len(LABELS)), repeat=len(lp)):
        tags = [LABELS[i] for i in ids]
        if valid(tags):
            score = float(sum(lp[t, i] for t, i in enumerate(ids)))
            if score > best[0]:
                best = (score, tags)
    return best


@pytest.mark.parametrize("seed", range(40))
def test_viterbi_finds_the_best_valid_sequence(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 6))
    lp = log_softmax(rng.normal(0, 2, (n, len(LABELS))))
    tags = viterbi_tags(lp, LABELS)
    assert valid(tags)
    best_score, _ = brute_force(lp)
    score = sum(lp[t, LABELS.index(tag)] for t, tag in enumerate(tags))
    assert score == pytest.approx(best_score)


def test_a_valid_argmax_is_kept_and_an_orphan_inside_is_resolved_by_the_scores():
    lp = np.log(np.array([
        [0.1, 0.8, 0.05, 0.03, 0.02],   # B-PER
        [0.1, 0.1, 0.7, 0.05, 0.05],    # I-PER
        [0.9, 0.02, 0.02, 0.03, 0.03],  # O
    ]))
    assert viterbi_tags(lp, LABELS) == ["B-PER", "I-PER", "O"]
    # argmax would be O, I-PER: the decoder must choose between O,O and B-PER,I-PER by score
    lp = np.log(np.array([
        [0.5, 0.4, 0.02, 0.04, 0.04],
        [0.1, 0.05, 0.75, 0.05, 0.05],
    ]))
    assert viterbi_tags(lp, LABELS) == ["B-PER", "I-PER"]  # 0.4*0.75 > 0.5*0.1 and > 0.5*0.05


def test_empty_input_and_label_mismatch():
    assert viterbi_ids(np.zeros((0, len(LABELS))), LABELS).shape == (0,)
    with pytest.raises(ValueError, match="labels"):
        viterbi_ids(np.zeros((2, 3)), LABELS)
    with pytest.raises(ValueError, match="B- counterpart"):
        viterbi_ids(np.zeros((1, 2)), ["O", "I-PER"])


def test_word_without_sub_tokens_keeps_later_words_in_place():
    """A lone tatweel is dropped by the embedded tokenizer: it is O and the next word keeps its own scores."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForTokenClassification

    from araevents.paths import resolve_model_ref
    from araevents.schema import id2label, label2id
    from araevents.training.predict import word_log_probs

    tok = AutoTokenizer.from_pretrained(resolve_model_ref("embedded"))
    torch.manual_seed(0)
    model = BertForTokenClassification(BertConfig(
        vocab_size=len(tok), hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32,
        id2label=dict(id2label), label2id=dict(label2id)))
    words = ["التقى", "ـ", "لافروف", "كيري"]
    assert tok.tokenize("ـ") == []
    (lp,) = word_log_probs(model, tok, [words])
    assert lp.shape == (4, model.config.num_labels)
    outside = model.config.label2id["O"]
    assert lp[1].argmax() == outside and lp[1][outside] == 0.0
    assert lp[3].max() < 0.0 and np.isclose(np.exp(lp[3]).sum(), 1.0, atol=1e-4)


def test_a_word_after_a_line_break_starts_a_span_with_its_continuation_mass() -> None:
    from araevents.inference.decoding import restart_at

    probs = np.array([[0.1, 0.8, 0.05, 0.05, 0.0],   # Pool: B-PER
                      [0.1, 0.05, 0.7, 0.1, 0.05]])  # كيري: I-PER, but on a new line
    assert viterbi_tags(np.log(probs), LABELS) == ["B-PER", "I-PER"]
    restarted = restart_at(probs, LABELS, [1])
    assert viterbi_tags(np.log(np.maximum(restarted, 1e-12)), LABELS) == ["B-PER", "B-PER"]
    np.testing.assert_allclose(restarted.sum(axis=1), probs.sum(axis=1))
    assert restarted[1, 2] == 0 and restarted[1, 4] == 0
    np.testing.assert_array_equal(restarted[0], probs[0])  # other words untouched
    np.testing.assert_array_equal(restart_at(probs, LABELS, []), probs)


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r", "\u2028"])
def test_the_embedded_model_never_runs_a_span_across_a_line_break(line_break: str) -> None:
    from araevents import tag

    text = f"التقى الوزير جون{line_break}كيري مع لافروف في روما"
    spans = tag(text)
    assert all(len(sp.text.splitlines()) == 1 for sp in spans), spans
    assert {"جون", "كيري"} <= {sp.text for sp in spans if sp.label == "PER"}
