"""From per-word label scores to tags: the best sequence that is valid strict IOB2.

A token classifier scores every word independently; its per-word argmax can end a name
early, run two names together or open a span with ``I-``. Constrained Viterbi decoding picks
the highest-scoring tag *sequence* in which ``I-X`` only follows ``B-X`` or ``I-X``. It is
the CRF-free way to get a CRF's consistency: the transition scores are 0 (allowed) or -inf
(forbidden), so no extra parameters are learned and any token classifier's output can be
decoded. Measured on the shipped 4x256 model (seeds gold, strict micro F1): 0.782 with argmax
plus repair, 0.818 with this decoder; ANERcorp PER/LOC/ORG 0.459 → 0.473.

Training evaluation and inference both decode here, so the scores are those of the spans the
product outputs.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import numpy as np


@lru_cache(maxsize=16)
def _structure(labels: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Indices of the ``I-X`` labels and of their ``B-X``; a mask of labels that may start a
    sequence; each label's type number (-1 for ``O``)."""
    index = {lab: i for i, lab in enumerate(labels)}
    inside, begin = [], []
    for i, lab in enumerate(labels):
        if lab.startswith("I-"):
            b = index.get("B-" + lab[2:])
            if b is None:
                raise ValueError(f"label {lab!r} has no B- counterpart in the model's labels")
            inside.append(i)
            begin.append(b)
    may_start = np.array([not lab.startswith("I-") for lab in labels])
    types = sorted({lab[2:] for lab in labels if lab[:2] in ("B-", "I-")})
    type_of = np.array([types.index(lab[2:]) if lab[:2] in ("B-", "I-") else -1 for lab in labels])
    return np.array(inside, dtype=np.int64), np.array(begin, dtype=np.int64), may_start, type_of


def _is_valid(ids: np.ndarray, may_start: np.ndarray, type_of: np.ndarray) -> bool:
    """Whether every ``I-X`` in ``ids`` continues a ``B-X``/``I-X``."""
    inside = ~may_start[ids]
    if not inside.any():
        return True
    if inside[0]:
        return False
    cont = type_of[ids[:-1]] == type_of[ids[1:]]
    return bool(np.all(~inside[1:] | cont))


def viterbi_ids(log_probs: np.ndarray, labels: Sequence[str]) -> np.ndarray:
    """Label ids of the best valid IOB2 path through ``log_probs`` (``(n_words, n_labels)``).

    ``O`` and ``B-X`` may follow anything, ``I-X`` only ``B-X`` or ``I-X``; so each step needs
    the best previous score overall and, per type, the better of its ``B``/``I`` scores: O(L)
    per word instead of the O(L²) of a full transition matrix.
    """
    n, n_labels = log_probs.shape
    if n_labels != len(labels):
        raise ValueError(f"{n_labels} scores per word for {len(labels)} labels")
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    inside, begin, may_start, type_of = _structure(tuple(labels))
    best_each = log_probs.argmax(axis=1)
    if _is_valid(best_each, may_start, type_of):
        return best_each  # the unconstrained optimum is valid, hence the constrained one (most sentences)
    lp = log_probs.astype(np.float64, copy=False)
    back = np.empty((n, n_labels), dtype=np.int64)
    score = np.where(may_start, lp[0], -np.inf)
    back[0] = -1
    for t in range(1, n):
        best = int(score.argmax())
        new = score[best] + lp[t]
        back[t] = best
        from_b = score[begin] >= score[inside]
        new[inside] = np.where(from_b, score[begin], score[inside]) + lp[t, inside]
        back[t, inside] = np.where(from_b, begin, inside)
        score = new
    path = np.empty(n, dtype=np.int64)
    path[-1] = int(score.argmax())
    for t in range(n - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def viterbi_tags(log_probs: np.ndarray, labels: Sequence[str]) -> list[str]:
    """Tags of :func:`viterbi_ids` (strict IOB2: no repair needed)."""
    return [labels[i] for i in viterbi_ids(log_probs, labels)]


def restart_at(probs: np.ndarray, labels: Sequence[str], rows: Sequence[int]) -> np.ndarray:
    """``probs`` with the words at ``rows`` unable to continue a span: each ``I-X``'s probability
    moves to ``B-X``. The tagger reads an article as one stream of words, so it cannot see a line
    break and runs a caption's last word into the next line's first name (``Pool`` + line break + ``كيري``);
    what it meant as "more of X" still says "X" when a new line starts."""
    if not len(rows):
        return probs
    inside, begin, _, _ = _structure(tuple(labels))
    out = probs.copy()
    r = np.asarray(rows, dtype=np.int64)[:, None]
    out[r, begin[None, :]] += out[r, inside[None, :]]
    out[r, inside[None, :]] = 0.0
    return out


def log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def outside_row(n_labels: int, outside_id: int) -> np.ndarray:
    """Log-probabilities of a word the model saw no sub-token of: certainly ``O``."""
    row = np.full(n_labels, -1e4, dtype=np.float32)
    row[outside_id] = 0.0
    return row


__all__ = ["viterbi_ids", "viterbi_tags", "restart_at", "log_softmax", "outside_row"]
