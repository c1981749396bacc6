"""Word-level predictions of a token classifier, as IOB2 tag strings (for evaluation).

Evaluation compares word tags with seqeval, so predictions are read at the first sub-token of
each word (of its stem, for a model that splits proclitics), exactly where training put the
labels, and decoded as the tagger decodes them (constrained Viterbi,
``araevents.inference.decoding``): the scores are those of the spans the product outputs.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from araevents.inference.decoding import log_softmax, outside_row, viterbi_tags
from araevents.schema import OUTSIDE
from .data import IGNORE_INDEX, encode_words, input_splitter


def align_predictions(logits: np.ndarray, label_ids: np.ndarray, id2label: dict[int, str]):
    """Decoded predictions and gold labels at the labelled positions, as tag strings."""
    labels = [id2label[i] for i in range(len(id2label))]
    log_probs = log_softmax(np.asarray(logits, dtype=np.float32))
    preds, golds = [], []
    for lp_row, l_row in zip(log_probs, label_ids):
        keep = l_row != IGNORE_INDEX
        preds.append(viterbi_tags(lp_row[keep], labels))
        golds.append([id2label[int(i)] for i in l_row[keep]])
    return preds, golds


def word_log_probs(model, tokenizer, words: Sequence[Sequence[str]], *, max_length: int = 256,
                   batch_size: int = 32) -> list[np.ndarray]:
    """``(n_words, n_labels)`` log-probabilities per sequence, read where training put each word's label.

    A word with no sub-token (cut off by ``max_length``, or one the tokenizer drops, such as a
    lone tatweel) gets a certain ``O``, in its own position: later words keep theirs.
    """
    import torch
    from tqdm.auto import tqdm

    outside_id = int(model.config.label2id.get(OUTSIDE, 0))
    splitter = input_splitter(model, tokenizer)
    model.eval()
    out: list[np.ndarray] = []
    device = next(model.parameters()).device
    for b in tqdm(range(0, len(words), batch_size), desc="predicting", unit="batch", leave=False):
        chunk = [list(w) for w in words[b:b + batch_size]]
        enc, label_at = encode_words(chunk, tokenizer, max_length, splitter)
        padded = tokenizer.pad(dict(enc), return_tensors="pt")
        with torch.inference_mode():
            logits = model(**{k: v.to(device) for k, v in padded.items()}).logits.float().cpu().numpy()
        log_probs = log_softmax(logits)
        for i, row in enumerate(label_at):
            scores = np.tile(outside_row(log_probs.shape[-1], outside_id), (len(chunk[i]), 1))
            for j, wid in enumerate(row):
                if wid is not None:
                    scores[wid] = log_probs[i, j]
            out.append(scores)
    return out


def predict_tags(model, tokenizer, words: Sequence[Sequence[str]], *, max_length: int = 256,
                 batch_size: int = 32) -> list[list[str]]:
    """Tags for each word of each sequence, decoded as the tagger decodes them."""
    id2label = {int(k): v for k, v in model.config.id2label.items()}
    labels = [id2label[i] for i in range(len(id2label))]
    return [viterbi_tags(lp, labels) for lp in word_log_probs(model, tokenizer, words, max_length=max_length,
                                                              batch_size=batch_size)]
