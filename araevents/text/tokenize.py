"""Word tokenisation and sentence splitting with character offsets into the given string."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


# A word is a run of letters/digits/marks (clitics stay attached: AraBERT v0.2 is unsegmented);
# every other non-space character is a token of its own.
_TOKEN_RE = re.compile(r"[^\W_]+(?:[\u0640\u064B-\u065F\u0670]+[^\W_]*)*|\S", re.UNICODE)


def word_tokenize(text: str) -> list[Token]:
    """Split ``text`` into words and single punctuation marks, each with its offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
