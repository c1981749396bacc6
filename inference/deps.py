"""The text and format helpers inference uses, behind one calling convention.

``normalize_for_model``/``fold`` (``araevents.text.normalize``), ``split_sentences``
(``araevents.text.tokenize``) and IOB2 decoding (``araevents.formats.iob``) are owned by other
modules; this file only adapts them: ``fold`` is cached (rules fold the same words many
times), sentences come back trimmed, and decoded chunks as plain tuples.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from araevents.formats.iob import iob_chunks
from araevents.text.normalize import fold as _fold
from araevents.text.normalize import normalize_for_model
from araevents.text.tokenize import split_sentences

__all__ = ["decode_iob", "fold", "normalize_for_model", "sentence_offsets"]


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Name comparison key of event-gold.md: no diacritics/tatweel, أإآ→ا, ة→ه, ى→ي."""
    return _fold(text)


def sentence_offsets(text: str) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` pairs, trimmed of surrounding whitespace, in order."""
    out = []
    for s, e in split_sentences(text):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def decode_iob(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """Word-level labels → ``(type, first_word, end_word_exclusive)``, with the formats module's repair."""
    return [(c.label, c.start, c.end) for c in iob_chunks(labels)]
