"""Trim a leading proclitic (و ف ب ل ك) off word-level spans, only when the rest is attested.

The model labels whole words, so ``ولافروف`` comes out as a PER span. Names themselves may
start with these letters (بوتين، لافروف، كيري), so the letter is removed only when the
remainder is attested: it occurs elsewhere in the article as a standalone word (or as the
first word of another span of the same type), or it is a known state/capital/demonym.
"""

from __future__ import annotations

import re
from typing import Iterable

from araevents.document import Span
from araevents.schema import is_trigger

from .deps import fold
from .lexicon import is_known_form

_TRIMMABLE = ("PER", "ORG", "LOC")
_WORD = re.compile(r"\w+")


def _attested_words(text: str) -> set[str]:
    return {fold(m.group()) for m in _WORD.finditer(text)}


def trim_proclitics(text: str, spans: Iterable[Span]) -> list[Span]:
    """Spans with an attested leading proclitic moved out (``ولافروف`` → ``لافروف``)."""
    spans = list(spans)
    words = _attested_words(text)
    out = []
    for sp in spans:
        if sp.label in _TRIMMABLE or is_trigger(sp.label):
            sp = _trim(text, sp, words)
        out.append(sp)
    return out


def _trim(text: str, sp: Span, words: set[str]) -> Span:
    s = sp.start
    # at most two letters: وب/ول/فل... (وبموسكو), each trimmed only if what is left is attested
    for _ in range(2):
        if sp.end - s < 3 or text[s] not in "وفبلك":
            break
        rest = text[s + 1 : sp.end]
        first = rest.split()[0] if rest.split() else ""
        # لل + noun: the article ال was absorbed (للأمم المتحدة); dropping one ل leaves لأمم, not a word
        if text[s] == "ل" and first.startswith("ل") and not (fold(first) in words or is_known_form(rest)):
            break
        if fold(first) in words or is_known_form(rest) or is_known_form(first):
            s += 1
        else:
            break
    if s == sp.start:
        return sp
    return Span(s, sp.end, sp.label, text[s : sp.end], sp.score)
