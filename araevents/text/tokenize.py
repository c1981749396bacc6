"""Word tokenisation and sentence splitting with character offsets into the given string.

Both functions work on the raw article text (no normalisation needed) so that every offset
can be used directly against the text the user passed in: ``text[t.start:t.end] == t.text``
and ``text[s:e]`` is a sentence.

Uses the ``regex`` package (already a dependency of ``transformers``) because Python's
``re`` has no Unicode property classes (``\\p{M}`` for combining marks, emoji properties).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

__all__ = ["Token", "word_tokenize", "split_sentences", "LINE_BREAK_RE"]


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


# Invisible format characters (bidi marks, ZWSP, BOM, soft hyphen, word joiner...) are never
# tokens on their own and act as separators; ZWNJ/ZWJ are the exception inside a word,
# where they shape letters.
_JOINERS = "\u200c\u200d"

_TOKEN_RE = regex.compile(
    r"""
    # Latin letters mixed with ASCII digits stay one token: G20, F16, H1N1, 5G, mp3.
    (?=[A-Za-z0-9]*(?:[A-Za-z][0-9]|[0-9][A-Za-z]))[A-Za-z0-9]+\p{M}*
    # Numbers, with decimal/thousand/date/time separators between digits:
    # 2015, 3.5, 1,000, 27/2, 10:30, ٣٫٥. A digit run next to an Arabic letter is split
    # from it (2015م -> 2015 | م), as AraBERT's own preprocessing does.
    | \p{Nd}+(?:[.,\u066b\u066c/:]\p{Nd}+)*\p{M}*
    # Words: letters with their diacritics and tatweel; clitics stay attached
    # (AraBERT v0.2 is trained on unsegmented text).
    | \p{L}(?:[\p{L}\p{M}]|[""" + _JOINERS + r"""]+(?=[\p{L}\p{M}]))*
    # Emoji: flags (regional-indicator pairs), and pictographs with skin tones,
    # variation selectors and ZWJ sequences.
    | \p{RI}\p{RI}
    | \p{Extended_Pictographic}(?:[\p{M}\p{Emoji_Modifier}\ufe0f]|\u200d\p{Extended_Pictographic})*
    # Anything else visible is a token of one character (plus any combining marks on it).
    # (\x1c-\x1f are white space to Python's str.isspace but not to regex's \s.)
    | [^\s\x1c-\x1f\p{Cf}]\p{M}*
    """,
    regex.VERBOSE,
)


def word_tokenize(text: str) -> list[Token]:
    """Split ``text`` into words, numbers, emoji and single punctuation marks, with offsets.

    Clitics stay attached (``وبالمدينة`` is one token) because the model works on
    unsegmented words; punctuation is always split off so that span boundaries can fall
    next to it.
    """
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


# --------------------------------------------------------------------------- sentences

# Line breaks always end a sentence: headlines, captions and paragraphs in scraped news are
# separated by newlines and often carry no final punctuation.
LINE_BREAK_RE = regex.compile(r"\r\n?|[\n\v\f\x1c-\x1e\x85\u2028\u2029]")  # what str.splitlines() splits on
_BREAK_RE = regex.compile(rf"(?P<line>{LINE_BREAK_RE.pattern})|(?P<term>[.!?\u061f\u061b\u06d4\u2026]+)")
_STRONG = frozenset("!?\u061f\u061b")  # ! ? ؟ ؛
_CLOSERS = frozenset("»”’)]}›")
_STRAIGHT_QUOTES = frozenset("\"'")
_OPENERS = frozenset("«“‘(\"'[")
_ARABIC_LETTER_RE = regex.compile(r"\p{Arabic}")
_LATIN_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "gov", "sen", "rep",
     "jr", "sr", "st", "vs"}
)
# Single letters that, right after a number, are year markers (م: Gregorian, هـ: Hijri)
# and so may end a sentence: "في عام 2015 م." / "1435هـ."
_YEAR_MARKERS = frozenset({"م", "ه"})


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of an Arabic news text.

    A sentence ends at ``. ؟ ? ! ؛`` (and at every line break) but not at the Arabic comma
    ``،``, which joins clauses within a sentence in news prose. A period does *not* end a
    sentence when it belongs to an abbreviation or an initial (``(أ.ف.ب)``, ``د. محمد``,
    ``John F. Kennedy``), a number (``3.5``) or a URL, and an ellipsis (``...``, ``…``) is taken
    as a pause inside the sentence. Closing quotes and brackets right after the final mark
    (``.»``, ``?"``, ``.)``) belong to the sentence. Spans are stripped of surrounding white
    space and invisible format characters, are non-empty, ordered and non-overlapping.
    """
    cuts: list[int] = []
    for m in _BREAK_RE.finditer(text):
        if m.group("line") is not None:
            cuts.append(m.start())
            continue
        a, b = m.span()
        run = m.group()
        if any(c in _STRONG for c in run):
            if run == "?" and b < len(text) and text[b].isascii() and (text[b].isalnum() or text[b] in "=&/"):
                continue  # a URL query string, not a question
            cuts.append(_absorb_closers(text, b))
        elif run == "." and _period_ends_sentence(text, a):
            cuts.append(_absorb_closers(text, b))
        # longer runs of periods and "…" are ellipses: no break
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in cuts + [len(text)]:
        if cut < start:  # a cut inside closers already absorbed by the previous one
            continue
        span = _strip(text, start, cut)
        if span is not None:
            spans.append(span)
        start = cut
    return spans


def _period_ends_sentence(text: str, a: int) -> bool:
    """Decide whether the single period at ``text[a]`` ends a sentence."""
    if a + 1 >= len(text):
        return True
    nxt = text[a + 1]
    prev = text[a - 1] if a > 0 else ""
    if prev.isdigit() and nxt.isdigit():
        return False  # 3.5, 1.2.3
    word_start = _word_start(text, a)
    word = text[word_start:a]
    letters = [c for c in word if c.isalpha() and c != "\u0640"]  # tatweel is not a letter here
    if nxt.isspace() or nxt in _CLOSERS or nxt in _STRAIGHT_QUOTES:
        if len(letters) == 1:
            # An initial or a one-letter abbreviation (د. = doctor), unless it is a year
            # marker after a number.
            return letters[0] in _YEAR_MARKERS and _number_before(text, word_start)
        return word.lower() not in _LATIN_ABBREVIATIONS
    if _ARABIC_LETTER_RE.match(nxt) or nxt in _OPENERS:
        # "المنطقة.وأشارت": a missing space after the period. Single letters joined by
        # periods are abbreviations (أ.ف.ب) and Latin words are URLs/abbreviations (U.S.A).
        if len(letters) == 1:
            return letters[0] in _YEAR_MARKERS and _number_before(text, word_start)
        before = text[word_start - 1] if word_start > 0 else ""
        return len(letters) >= 2 and bool(_ARABIC_LETTER_RE.match(word)) and before != "."
    return False


def _word_start(text: str, end: int) -> int:
    """Start of the run of letters and combining marks that ends at ``end``."""
    i = end
    while i > 0 and (text[i - 1].isalpha() or unicodedata.category(text[i - 1])[0] == "M"):
        i -= 1
    return i


def _is_edge_char(c: str) -> bool:
    return c.isspace() or unicodedata.category(c) == "Cf"


def _number_before(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \u00a0":
        i -= 1
    return i >= 0 and text[i].isdigit()


def _absorb_closers(text: str, end: int) -> int:
    """Extend a sentence end over closing quotes/brackets that follow the final mark.

    Straight quotes are ambiguous (they open as well as close), so one is taken only when
    what follows it cannot be the start of the quoted words.
    """
    n = len(text)
    while end < n:
        c = text[end]
        if c in _CLOSERS or unicodedata.category(c)[0] == "M":  # marks stay on their base
            end += 1
        elif c in _STRAIGHT_QUOTES and (end + 1 == n or not text[end + 1].isalnum()):
            end += 1
        else:
            break
    return end


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and _is_edge_char(text[start]):
        start += 1
    while end > start and _is_edge_char(text[end - 1]):
        end -= 1
    return (start, end) if start < end else None
