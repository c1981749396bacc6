"""Text normalisation that remembers where every normalised character came from.

The model must see exactly the text AraBERT v0.2 was pre-trained on (its own preprocessing),
but spans must be reported in -- and gold spans read from -- the user's original text. So every
rewrite step here is a regex substitution that also rewrites a character alignment:
``starts[i], ends[i]`` is the span of the original text that produced normalised character
``i``. Both arrays are non-decreasing, which makes ``to_original`` O(1) and ``to_normalized`` a
binary search; building is linear (copies between matches are slices of C arrays).

Alignment conventions:

* a kept (or 1:1 substituted) character maps to its own original character;
* a replacement (an html entity, a URL -> ``[رابط]``, a collapsed run of white space) maps
  every character it produced to the whole original stretch it replaced, so deleted
  characters inside it are covered;
* deleted characters (diacritics, tatweel, invisible marks) map to nothing; a span of the
  normalised text maps back to everything between its first and last character, deleted
  characters in between included, but never to deleted characters outside it;
* inserted characters (the spaces AraBERT puts around punctuation) map to a zero-width
  position next to the character they were inserted beside.
"""

from __future__ import annotations

import html
import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import accumulate

__all__ = ["NormalizedText", "normalize_for_model", "fold", "fold_with_offsets"]


@dataclass(frozen=True, eq=False)
class NormalizedText:
    """A normalised string with the alignment back to the string it came from.

    ``starts[i]:ends[i]`` is the stretch of ``original`` that produced ``text[i]``
    (zero-width for inserted characters).
    """

    original: str
    text: str
    starts: array = field(repr=False)
    ends: array = field(repr=False)

    def __post_init__(self) -> None:
        if not (len(self.starts) == len(self.ends) == len(self.text)):
            raise ValueError("alignment arrays must have one entry per normalised character")

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map ``text[start:end]`` to the ``(start, end)`` of the original text that produced it.

        An empty span maps to the zero-width original position where it sits.
        """
        _check_span(start, end, len(self.text), "normalised")
        if start < end:
            return self.starts[start], self.ends[end - 1]
        if start < len(self.text):
            return self.starts[start], self.starts[start]
        pos = self.ends[-1] if self.text else 0
        return pos, pos

    def to_normalized(self, start: int, end: int) -> tuple[int, int]:
        """Map ``original[start:end]`` to the span of normalised characters it produced.

        Takes every normalised character whose source overlaps the span (inserted
        characters strictly inside it included). A span made only of deleted characters
        maps to an empty span at the position where they were. O(log n).
        """
        _check_span(start, end, len(self.original), "original")
        first = bisect_right(self.ends, start)  # first char whose source ends after `start`
        stop = bisect_left(self.starts, end) if end > start else first
        return (first, stop) if stop > first else (first, first)


def _check_span(start: int, end: int, length: int, which: str) -> None:
    if not (0 <= start <= end <= length):
        raise ValueError(f"span ({start}, {end}) is not within the {which} text of length {length}")


# --------------------------------------------------------------------------- alignment engine

# Pieces a substitution can emit for one match (indices are into the *current* text):
_COPY = 0  # (_COPY, i, j): current characters i..j, keeping their alignment
_SPAN = 1  # (_SPAN, s, i, j): string s, every character mapped to the source of current[i:j]
_BEFORE = 2  # (_BEFORE, s, p): string s inserted zero-width before current character p
_AFTER = 3  # (_AFTER, s, p): string s inserted zero-width after current character p - 1

_Piece = tuple
_Rule = Callable[[re.Match[str]], Iterable[_Piece]]


class _Aligned:
    """A string being rewritten, with its per-character source spans in the original."""

    __slots__ = ("text", "starts", "ends")

    def __init__(self, text: str, starts: array, ends: array) -> None:
        self.text, self.starts, self.ends = text, starts, ends

    @classmethod
    def identity(cls, text: str) -> _Aligned:
        return cls(text, array("q", range(len(text))), array("q", range(1, len(text) + 1)))

    def translate(self, table: dict[int, str]) -> _Aligned:
        """A 1:1 character mapping keeps the alignment as it is."""
        return _Aligned(self.text.translate(table), self.starts, self.ends)

    def sub(self, pattern: re.Pattern[str], rule: _Rule, endpos: int | None = None) -> _Aligned:
        """Rewrite every match of ``pattern`` (searched in ``text[:endpos]``) by ``rule``."""
        text, S, E = self.text, self.starts, self.ends
        n = len(text)
        parts: list[str] = []
        new_s, new_e = array("q"), array("q")
        pos = 0
        matched = disordered = False

        def before(p: int) -> int:
            return S[p] if p < n else (E[n - 1] if n else 0)

        def after(p: int) -> int:
            return E[p - 1] if p > 0 else (S[0] if n else 0)

        for m in pattern.finditer(text, 0, len(text) if endpos is None else endpos):
            matched = True
            a, b = m.span()
            if a > pos:
                parts.append(text[pos:a])
                new_s.extend(S[pos:a])
                new_e.extend(E[pos:a])
            for piece in rule(m):
                kind = piece[0]
                if kind == _COPY:
                    i, j = piece[1], piece[2]
                    parts.append(text[i:j])
                    new_s.extend(S[i:j])
                    new_e.extend(E[i:j])
                    continue
                s = piece[1]
                if not s:
                    continue
                if kind == _SPAN:
                    lo, hi = S[piece[2]], E[piece[3] - 1]
                else:
                    p = piece[2]
                    lo = hi = before(p) if kind == _BEFORE else after(p)
                    # Out of order only inside a multi-character replacement (see below).
                    if (new_e and new_e[-1] > lo) or (p < n and S[p] < lo):
                        disordered = True
                parts.append(s)
                new_s.extend([lo] * len(s))
                new_e.extend([hi] * len(s))
            pos = b
        if not matched:
            return self
        parts.append(text[pos:])
        new_s.extend(S[pos:])
        new_e.extend(E[pos:])
        if disordered:
            # An insertion inside a multi-character replacement (whose characters share one
            # source span) can be anchored past its neighbours; pull it back inside that span
            # so both arrays stay non-decreasing. Characters with their own source never move.
            new_s = array("q", reversed(list(accumulate(reversed(new_s), min))))
            new_e = array("q", accumulate(new_e, max))
        return _Aligned("".join(parts), new_s, new_e)

    def result(self, original: str) -> NormalizedText:
        return NormalizedText(original, self.text, self.starts, self.ends)


def _delete(m: re.Match[str]) -> Iterable[_Piece]:
    return ()


def _replace_with(token: str) -> _Rule:
    """`` token `` in place of the match, the token mapped to the whole match."""

    def rule(m: re.Match[str]) -> Iterable[_Piece]:
        a, b = m.span()
        return ((_BEFORE, " ", a), (_SPAN, token, a, b), (_AFTER, " ", b))

    return rule


def _to_space(m: re.Match[str]) -> Iterable[_Piece]:
    """One space in place of the match, mapped to the whole match."""
    return ((_SPAN, " ", m.start(), m.end()),)


def _space_around_groups(m: re.Match[str]) -> Iterable[_Piece]:
    """`` \\1 \\2 ... `` -- each group kept, spaces inserted around and between them."""
    pieces: list[_Piece] = [(_BEFORE, " ", m.start())]
    for g in range(1, (m.lastindex or 0) + 1):
        i, j = m.span(g)
        pieces.append((_COPY, i, j))
        pieces.append((_AFTER, " ", j))
    return pieces


def _collapse_white_space(m: re.Match[str]) -> Iterable[_Piece]:
    """``" ".join(text.split())``: runs of white space -> one space, none at the ends."""
    a, b = m.span()
    if a == 0 or b == len(m.string):
        return ()
    return ((_SPAN, " ", a, b),)


# --------------------------------------------------------------------------- araevents additions

# Invisible characters that carry no letters: bidi controls (LRM, RLM, ALM, embeddings,
# overrides, isolates), zero-width (non-)joiners, word joiner and invisible operators,
# BOM / zero-width no-break space, soft hyphen. They are deleted so they cannot split a word.
_INVISIBLE = "\u200c-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff\u00ad"
# Characters that separate words without being white space: the zero-width space, and C0/C1
# control characters that Python does not count as white space (NUL, ESC, DEL, ...).
_SEPARATORS = "\u200b\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
# Arabic presentation forms A and B (contextual glyph codes from PDF/legacy encodings).
_PRESENTATION = "\ufb50-\ufdff\ufe70-\ufefe"
_ADDITIONS_RE = re.compile(f"([{_INVISIBLE}]+)|([{_SEPARATORS}]+)|([{_PRESENTATION}])")


def _additions(m: re.Match[str]) -> Iterable[_Piece]:
    a, b = m.span()
    if m.group(1):
        return ()
    if m.group(2):
        return ((_SPAN, " ", a, b),)
    folded = unicodedata.normalize("NFKC", m.group())
    return ((_COPY, a, b),) if folded == m.group() else ((_SPAN, folded, a, b),)


def _apply_additions(t: _Aligned) -> _Aligned:
    """araevents additions, applied before any AraBERT rule (after html unescaping).

    AraBERT itself would turn each of these characters into a space (they are not in its
    accepted-character list), which splits words on invisible marks and loses letters
    written as presentation forms (``ﻻ``, ``ﷲ``). They are safe for AraBERT because every
    character they produce is one AraBERT accepts or rejects as usual:

    * bidi / zero-width / soft-hyphen marks are deleted;
    * ZWSP and C0/C1 controls (NUL included) become a space;
    * presentation forms (U+FB50-FDFF, U+FE70-FEFE) are NFKC-folded one character at a
      time (``ﻻ`` -> ``لا``); each output character maps to the single source character.
    """
    return t.sub(_ADDITIONS_RE, _additions)


# --------------------------------------------------------------------------- AraBERT v0.2 rules
# Re-implemented from aub-mind/arabert, ``arabert/preprocess.py`` (package ``arabert`` 1.0.1),
# ``ArabertPreprocessor._preprocess_v2``, which ``preprocess()`` runs for
# ``model_name="bert-base-arabertv02"`` (a SECOND_GEN_MODEL: ``map_hindi_numbers_to_arabic``
# and ``replace_slash_with_dash`` default to True there, ``keep_emojis`` and farasa to False).

# html.unescape's own entity pattern (``html._charref``); each match is unescaped alone,
# which gives exactly what ``html.unescape`` gives in context.
_HTML_ENTITY_RE = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
# pyarabic.araby.strip_tashkeel: FATHATAN..SUKUN and SHADDA (U+064B-U+0652);
# pyarabic.araby.strip_tatweel: U+0640. Both are pure deletions, so one pass does both.
_TASHKEEL_TATWEEL_RE = re.compile("[\u064b-\u0652\u0640]+")
# _LINEAR: AraBERT's patterns that start with a greedy run (``[a-zA-Z]+\.com``, the e-mail
# patterns, digit/letter runs) are tried by ``re`` at every character of a long run and fail
# at each one after scanning to the run's end: quadratic, minutes on a 100k-character token
# (a base64 data URI, text with its spaces lost). A match can only begin where the run
# begins (or right after the previous match), so a lookbehind saying so gives exactly the
# same matches in linear time.
# URL_REGEXES in order. The second one, the PHP-style
# r"@(https?|ftp)://(-\.)?([^\s/?\.#-]+\.?)+(/[^\s]*)?$@iS", is left out: it needs "@"
# right after the end of the string, so it can never match, and its nested quantifier
# backtracks exponentially on long "@http://..." strings.
_URL_RES = [
    re.compile(p)
    for p in (
        r"(http(s)?:\/\/.)?(www\.)?[-a-zA-Z0-9@:%._\+~#=]{2,256}\.[a-z]{2,6}\b([-a-zA-Z0-9@:%_\+.~#?&//=]*)",
        r"http[s]?://[a-zA-Z0-9_\-./~\?=%&]+",
        r"www[a-zA-Z0-9_\-?=%&/.~]+",
        r"(?:(?<![a-zA-Z])|(?<=\.com))[a-zA-Z]+\.com",  # anchored: see _LINEAR above
        r"(?=http)[^\s]+",
        r"(?=www)[^\s]+",
        r"://",
    )
]
_EMAIL_RES = [re.compile(r"(?<![\w-])[\w-]+@([\w-]+\.)+[\w-]+"), re.compile(r"(?<!\S)\S+@\S+")]
_MENTION_RE = re.compile(r"@[\w\d]+")
_HTML_BR_RE = re.compile("<br />")
# A tag must end with ">": searching only up to the last ">" keeps "<" after it (or a text of
# many "<" and no ">") from being scanned to the end of the text once per "<" (_LINEAR).
_HTML_TAG_RE = re.compile("</?[^>]+>")
_HINDI_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_REPETITION_RE = re.compile(r"(\D)\1{2,}", re.DOTALL)
# insert_white_spaces, first regex. White space is left out of the class: AraBERT puts
# spaces around white space too, which the final collapse undoes, so the result is the same.
_SPACE_AROUND_RE = re.compile("([^0-9\u0621-\u063a\u0641-\u064a\u0660-\u0669a-zA-Z\\[\\]\\s])")
_DIGITS_LETTERS_RE = re.compile("(?<!\\d)(\\d+)([\u0621-\u063a\u0641-\u064a\u0660-\u066c]+)")
_LETTERS_DIGITS_RE = re.compile("(?<![\u0621-\u063a\u0641-\u064a\u0660-\u066c])([\u0621-\u063a\u0641-\u064a\u0660-\u066c]+)(\\d+)")
_SLASH_TO_DASH = str.maketrans("/", "-")
# REJECTED_CHARS_REGEX (the SECOND_GEN one), matched as runs: a run of rejected characters
# becomes one space instead of several, which the final collapse makes identical.
_REJECTED_RE = re.compile(
    r"[^0-9\u0621-\u063A\u0640-\u066C\u0671-\u0674a-zA-Z\[\]!\"#\$%\'\(\)\*\+,\.:;\-<=·>?@\[\\\]\^_ـ`{\|}~—٪’،؟`୍“؛”ۚ»؛\s+«–…‘]+"
)
# Only white space that the collapse changes: leading/trailing runs, runs of two or more,
# and single characters other than " " (a lone " " between words maps to itself anyway).
_WHITE_SPACE_RE = re.compile(r"\A\s+|\s+\Z|\s{2,}|[^\S ]")


def _unescape(m: re.Match[str]) -> Iterable[_Piece]:
    a, b = m.span()
    out = html.unescape(m.group())
    return ((_COPY, a, b),) if out == m.group() else ((_SPAN, out, a, b),)


def _keep_two(m: re.Match[str]) -> Iterable[_Piece]:
    a, b = m.span()
    return ((_COPY, a, a + 1), (_SPAN, m.group(1), a + 1, b))


def normalize_for_model(text: str) -> NormalizedText:
    """Normalise ``text`` as AraBERT v0.2 (``bert-base-arabertv02``) expects, keeping offsets.

    Gives the same string as ``ArabertPreprocessor("bert-base-arabertv02").preprocess(text)``
    except where an araevents addition (see ``_apply_additions``) deliberately differs.
    The rules, in AraBERT's order (``ArabertPreprocessor._preprocess_v2``):

    1. ``html.unescape`` -- entities (``&amp;``, ``&#1605;``, ``&quot;``) are decoded.
       (Then the araevents additions: invisible marks deleted, controls -> space,
       presentation forms NFKC-folded.)
    2. ``araby.strip_tashkeel`` -- fathatan..sukun and shadda (U+064B-0652) deleted; other
       marks such as superscript alef (U+0670) or hamza above (U+0654) are *not* deleted
       (AraBERT then splits them off and rejects or keeps them, see 7 and 9).
    3. ``araby.strip_tatweel`` -- U+0640 deleted.
    4. URLs -> `` [رابط] ``, then e-mails -> `` [بريد] ``, then ``@mentions`` ->
       `` [مستخدم] `` (``URL_REGEXES``, ``EMAIL_REGEXES``, ``USER_MENTION_REGEX``; note the
       first URL regex also catches ``name.word`` pairs such as ``example.org``).
    5. html markup: ``<br />`` and any ``<...>`` tag -> space.
    6. Arabic-Indic digits ٠-٩ -> 0-9 (``map_hindi_numbers_to_arabic``). Persian digits ۰-۹
       are *not* mapped by AraBERT and we keep that: step 7/9 turn them into spaces.
    7. (``_remove_non_digit_repetition``) any non-digit character repeated 3+ times is cut
       to two (``!!!!`` -> ``!!``, ``جداااا`` -> ``جداا``).
    8. (``insert_white_spaces``) a space on each side of every character that is not an
       ASCII or Arabic-Indic digit, an Arabic letter (U+0621-063A, 0641-064A), an ASCII
       letter or ``[``/``]``; then a space between a digit run and an Arabic-letter run in
       either order (``2015م`` -> ``2015 م``).
    9. ``/`` -> ``-`` (``replace_slash_with_dash``: ``/`` is not in the v0.2 vocabulary).
    10. every character outside ``REJECTED_CHARS_REGEX``'s accepted list (emoji, Latin
        accents, Persian letters, most symbols) -> space.
    11. ``" ".join(text.split())`` -- white-space runs collapsed, ends stripped (the
        ``\\uFE0F`` removal before it is a no-op after 10).
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize_for_model expects str, got {type(text).__name__}")
    t = _Aligned.identity(text)
    t = t.sub(_HTML_ENTITY_RE, _unescape)
    t = _apply_additions(t)
    t = t.sub(_TASHKEEL_TATWEEL_RE, _delete)
    for pattern in _URL_RES:
        t = t.sub(pattern, _replace_with("[رابط]"))
    for pattern in _EMAIL_RES:
        t = t.sub(pattern, _replace_with("[بريد]"))
    t = t.sub(_MENTION_RE, _replace_with("[مستخدم]"))
    t = t.sub(_HTML_BR_RE, _to_space)
    t = t.sub(_HTML_TAG_RE, _to_space, endpos=t.text.rfind(">") + 1)
    t = t.translate(_HINDI_DIGITS)
    t = t.sub(_REPETITION_RE, _keep_two)
    t = t.sub(_SPACE_AROUND_RE, _space_around_groups)
    t = t.sub(_DIGITS_LETTERS_RE, _space_around_groups)
    t = t.sub(_LETTERS_DIGITS_RE, _space_around_groups)
    t = t.translate(_SLASH_TO_DASH)
    t = t.sub(_REJECTED_RE, _to_space)
    t = t.sub(_WHITE_SPACE_RE, _collapse_white_space)
    return t.result(text)


# --------------------------------------------------------------------------- matching fold

# Arabic diacritics and Quranic annotation marks, plus tatweel.
_FOLD_DELETE_RE = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u0640]+"
)
_FOLD_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})


def fold_with_offsets(text: str) -> NormalizedText:
    """The name-matching normalisation of event-gold.md "Scoring", with offsets.

    Diacritics (all Arabic combining marks, superscript alef and Quranic marks included)
    and tatweel are deleted; أ إ آ (and alef wasla ٱ) -> ا; ة -> ه; ى -> ي; white-space
    runs -> one space, ends stripped. Invisible marks, controls and presentation forms are
    handled as in ``normalize_for_model`` (the araevents additions), so text copied from
    PDFs or with bidi marks still matches. Nothing else changes: Latin case, hamza on
    waw/ya (ؤ ئ) and digits are kept.
    """
    if not isinstance(text, str):
        raise TypeError(f"fold_with_offsets expects str, got {type(text).__name__}")
    t = _apply_additions(_Aligned.identity(text))
    t = t.sub(_FOLD_DELETE_RE, _delete)
    t = t.translate(_FOLD_LETTERS)
    t = t.sub(_WHITE_SPACE_RE, _collapse_white_space)
    return t.result(text)


def fold(text: str) -> str:
    """``fold_with_offsets(text).text``: the string names are compared on."""
    return fold_with_offsets(text).text
