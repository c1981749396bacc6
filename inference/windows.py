"""Sliding windows over word-tokenised articles, and merging their predictions per word.

Articles are longer than the model's 512 positions, so each one is encoded as overlapping
windows (the tokenizer's truncation with ``stride``: its overflowing encodings). A word seen by several
windows takes the prediction of the window where it is most central, because a token
classifier is least reliable at a window's edges where half its context is cut off.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np

from araevents.text.proclitics import expand_words

if TYPE_CHECKING:
    from tokenizers import Tokenizer

    from araevents.text.proclitics import ProcliticSplitter


@dataclass
class Window:
    """One model input: its token ids and, per position, the word index of the doc (or None)."""

    doc: int
    input_ids: list[int]
    attention_mask: list[int]
    word_ids: list[int | None]
    first: list[bool]


def effective_max_length(model_max_length: int | None, max_positions: int | None, cap: int = 512) -> int:
    """The window size: the smaller of the tokenizer's and the position embeddings' limits."""
    limits = [cap]
    for limit in (model_max_length, max_positions):
        if isinstance(limit, int) and 0 < limit < 1_000_000:  # tokenizers without a limit store 1e30
            limits.append(limit)
    return min(limits)


def default_stride(max_length: int) -> int:
    """Overlap between windows: a quarter of the window gives every word ≥ 1/8 window of context."""
    return max(1, max_length // 4)


def make_windows(
    tokenizer: Tokenizer, docs_words: Sequence[Sequence[str]], max_length: int, stride: int | None = None,
    splitter: ProcliticSplitter | None = None,
) -> list[Window]:
    """Encode every non-empty doc into windows (first-sub-token word labels need ``word_ids``).

    ``tokenizer`` is a ``tokenizers.Tokenizer`` (a transformers fast tokenizer's
    ``backend_tokenizer``); its truncation is set here to ``max_length`` with ``stride``
    tokens of overlap, and each encoding's ``overflowing`` windows follow it in order. With a
    ``splitter`` (a model trained with ``split_proclitics``) a word's label is read at its
    stem; ``word_ids`` always index the doc's words.
    """
    stride = default_stride(max_length) if stride is None else stride
    idx = [i for i, w in enumerate(docs_words) if len(w) > 0]
    if not idx:
        return []
    post = tokenizer.post_processor
    specials = post.num_special_tokens_to_add(False) if post is not None else 0
    stride = min(stride, max(0, max_length - specials - 1))
    wanted = {"max_length": max_length, "stride": stride, "strategy": "longest_first", "direction": "right"}
    if tokenizer.truncation != wanted:  # the same values from every thread: setting them is idempotent
        tokenizer.enable_truncation(max_length, stride=stride, strategy="longest_first", direction="right")
    if tokenizer.padding is not None:
        tokenizer.no_padding()
    expanded = {i: expand_words(docs_words[i], splitter) for i in idx}
    windows = []
    for i, enc in zip(idx, tokenizer.encode_batch([expanded[i][0] for i in idx], is_pretokenized=True)):
        _, owner, carries = expanded[i]
        for part in [enc, *enc.overflowing]:
            windows.append(
                Window(
                    doc=i,
                    input_ids=list(part.ids),
                    attention_mask=list(part.attention_mask),
                    word_ids=[None if wid is None else owner[wid] for wid in part.word_ids],
                    # offsets are per word with pre-split input: a word's first sub-token starts at 0
                    first=[wid is not None and off[0] == 0 and carries[wid]
                           for wid, off in zip(part.word_ids, part.offsets)],
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
            if not win.first[k]:  # only a word's first (stem) sub-token carries its label
                continue
            wid = win.word_ids[k]
            centrality = min(k - lo, hi - k)
            if centrality > best[win.doc][wid]:
                best[win.doc][wid] = centrality
                out[win.doc][wid] = p[k]
    return out
