"""Metric modules shipped with the package and loaded by local path (offline-safe)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

SEQEVAL_PATH = Path(__file__).parent / "araevents_seqeval" / "araevents_seqeval.py"


@lru_cache(maxsize=1)
def load_seqeval():
    """The strict-IOB2 seqeval module, loaded from the package, never from the Hub."""
    import evaluate

    return evaluate.load(str(SEQEVAL_PATH))
