"""Sliding windows over word-tokenised articles, and merging their predictions per word.

Articles are longer than the model's 512 positions, so each one is encoded as overlapping
windows (the tokenizer's ``return_overflowing_tokens`` + ``stride``). A word seen by several
windows takes the prediction of the window where it is most central, because a token
classifier is least reliable at a window's edges where half its context is cut off.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np


@dataclass
class Window:
    """One model input: its token ids and, per position, the word index of the doc (or None)."""

    doc: int
    input_ids: list[int]
    attention_mask: list[int]
    word_ids: list[int | None]
    first: list[bool]
    token_type_ids: list[int] | None = None


def effective_max_length(tokenizer: Any, config: Any, cap: int = 512) -> int:
    """The window size: the smaller of the tokenizer's and the position embeddings' limits."""
    limits = [cap]
    mml = getattr(tokenizer, "model_max_length", None)
    if isinstance(mml, int) and 0 < mml < 1_000_000:
        limits.append(mml)
    mpe = getattr(config, "max_position_embeddings", None)
    if isinstance(mpe, int) and mpe > 0:
        limits.append(mpe)
    return min(limits)


def default_stride(max_length: int) -> int:
    """Overlap between windows: a quarter of the window gives every word ≥ 1/8 window of context."""
    return max(1, max_length // 4)


def make_windows(
    tokenizer: Any, docs_words: Sequence[Sequence[str]], max_length: int, stride: int | None = None
) -> list[Window]:
    """Encode every non-empty doc into windows (first-sub-token word labels need ``word_ids``)."""
    stride = default_stride(max_length) if stride is None else stride
    idx = [i for i, w in enumerate(docs_words) if len(w) > 0]
    if not idx:
        return []
    specials = tokenizer.num_special_tokens_to_add(pair=False)
    stride = min(stride, max(0, max_length - specials - 1))
    enc = tokenizer(
        [list(docs_words[i]) for i in idx],
        is_split_into_words=True,
        truncation=True,
        max_length=max_length,
        stride=stride,
        return_overflowing_tokens=True,
        padding=False,
        return_offsets_mapping=True,
    )
    mapping = enc["overflow_to_sample_mapping"]
    windows = []
    for w, sample in enumerate(mapping):
        windows.append(
            Window(
                doc=idx[int(sample)],
                input_ids=list(enc["input_ids"][w]),
                attention_mask=list(enc["attention_mask"][w]),
                word_ids=list(enc.word_ids(w)),
                # offsets are per word with pre-split input: a word's first sub-token starts at 0
                first=[wid is not None and off[0] == 0 for wid, off in zip(enc.word_ids(w), enc["offset_mapping"][w])],
                token_type_ids=list(enc["token_type_ids"][w]) if "token_type_ids" in enc else None,
            )
        )
    return windows


def merge_windows(
    windows: Sequence[Window], probs: Sequence[np.ndarray], n_words: Sequence[int], n_labels: int, outside_id: int = 0
) -> list[np.ndarray]:
    """Per doc, an ``(n_words, n_labels)`` probability matrix from the most central window.

    ``probs[k]`` is the ``(len(windows[k].input_ids), n_labels)`` softmax of window k. Words
    that no window covers (the tokenizer produced no sub-token for them) get ``O`` with p=1.
    """
    out = []
    best: list[np.ndarray] = []
    for n in n_words:
        m = np.zeros((n, n_labels), dtype=np.float32)
        m[:, outside_id] = 1.0
        out.append(m)
        best.append(np.full(n, -1, dtype=np.int64))
    for win, p in zip(windows, probs):
        positions = [k for k, wid in enumerate(win.word_ids) if wid is not None]
        if not positions:
            continue
        lo, hi = positions[0], positions[-1]
        for k in positions:
            if not win.first[k]:  # only a word's first sub-token carries its label
                continue
            wid = win.word_ids[k]
            centrality = min(k - lo, hi - k)
            if centrality > best[win.doc][wid]:
                best[win.doc][wid] = centrality
                out[win.doc][wid] = p[k]
    return out
