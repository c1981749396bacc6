"""Word-level predictions of a token classifier, as IOB2 tag strings (for evaluation).

Evaluation compares word tags with seqeval, so predictions are read at the first sub-token of
each word, exactly where training put the labels.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from araevents.formats.iob import repair_tags
from araevents.schema import OUTSIDE
from .data import IGNORE_INDEX, tokenize_and_align


def align_predictions(logits: np.ndarray, label_ids: np.ndarray, id2label: dict[int, str]):
    """Argmax predictions (decoded like the tagger's) and gold labels at labelled positions, as tag strings."""
    pred_ids = logits.argmax(-1)
    preds, golds = [], []
    for p_row, l_row in zip(pred_ids, label_ids):
        keep = l_row != IGNORE_INDEX
        preds.append(repair_tags([id2label[int(i)] for i in p_row[keep]]))
        golds.append([id2label[int(i)] for i in l_row[keep]])
    return preds, golds


def predict_tags(model, tokenizer, words: Sequence[Sequence[str]], *, max_length: int = 256,
                 batch_size: int = 32) -> list[list[str]]:
    """Tags for each word of each sequence, decoded as the tagger decodes them (orphan ``I-`` starts a span).

    Words cut off by ``max_length`` are tagged ``O``.
    """
    import torch
    from tqdm.auto import tqdm

    id2label = {int(k): v for k, v in model.config.id2label.items()}
    model.eval()
    out: list[list[str]] = []
    device = next(model.parameters()).device
    for b in tqdm(range(0, len(words), batch_size), desc="predicting", unit="batch", leave=False):
        chunk = [list(w) for w in words[b:b + batch_size]]
        enc = tokenize_and_align({"words": chunk, "tags": [[OUTSIDE] * len(w) for w in chunk]}, tokenizer, max_length)
        labels = enc.pop("labels")
        enc.pop("truncated")
        padded = tokenizer.pad(dict(enc), return_tensors="pt")
        with torch.inference_mode():
            logits = model(**{k: v.to(device) for k, v in padded.items()}).logits.float().cpu().numpy()
        for i, row in enumerate(labels):
            positions = [j for j, lab in enumerate(row) if lab != IGNORE_INDEX]
            tags = [id2label[int(logits[i, j].argmax())] for j in positions]
            out.append(repair_tags(tags + [OUTSIDE] * (len(chunk[i]) - len(tags))))
    return out
