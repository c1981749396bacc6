"""The cached ``fold`` inference compares names with.

Assembly, lexicon lookups and scoring fold the same short names thousands of times per
article; :func:`araevents.text.normalize.fold` itself stays uncached because training folds
whole corpora once.
"""

from __future__ import annotations

from functools import lru_cache

from araevents.text.normalize import fold as _fold

__all__ = ["fold"]


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Name comparison key of event-gold.md: no diacritics/tatweel, أإآ→ا, ة→ه, ى→ي."""
    return _fold(text)
