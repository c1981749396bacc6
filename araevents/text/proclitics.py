"""Proclitics split off at model input, so a name keeps its sub-word pieces behind و/ف/ب/ل/ك.

Why: WordPiece cuts a word from its first letter, so ``بالبرازيل`` becomes ``بالب ##راز ##يل``
and shares no piece with ``البرازيل``; the tagger then misses names it knows whenever a
conjunction or preposition is attached (``لصربيا``, ``وواشنطن``, ``فإسماعيل`` were most of the
missed locations on the held-out ANERcorp part of validation). A model trained with
``split_proclitics`` sees ``ب البرازيل`` instead, and reads the word's label at the stem.

The split is decided by the model's own vocabulary, not a morphological analyser: a
proclitic is split off only when the rest is cut into fewer pieces than the whole word
(``بريطانيا`` stays whole, its rest ``ريطانيا`` is no word; ``والد`` stays whole, it is one
piece). ``لل`` is read as ``ل`` + ``ال`` when that gives fewer pieces (``للبوسنة`` →
``ل البوسنة``, but ``للبنان`` → ``ل لبنان``). The decision depends only on the tokenizer
files, so training, evaluation and both inference backends split every word alike.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from tokenizers import Tokenizer

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
#: Conjunction and/or preposition, longest first: وب, ول, فل, ... then و, ب, ...
PROCLITICS: tuple[str, ...] = tuple(sorted(
    {c + p for c in ("", *CONJUNCTIONS) for p in ("", *PREPOSITIONS)} - {""}, key=lambda s: (-len(s), s)))
MIN_STEM = 2
#: Entries kept per cache (piece counts per splitter, proclitic readings): a long-running service starts afresh past this many words.
CACHE_SIZE = 500_000


@lru_cache(maxsize=CACHE_SIZE)
def proclitic_readings(word: str, min_stem: int = MIN_STEM) -> tuple[tuple[str, int], ...]:
    """Every reading of ``word`` as proclitics + stem: ``(stem, letters cut)``, the whole word first.

    One place for the lookups of the lexicons, gazetteers and the weak labeller, which must agree:
    و/ف, then ب/ل/ك; ``لل`` is read both ل + ``ال``-word (``للأمم`` → ``الأمم``, one letter cut) and
    ل + a word that starts with ل (``للبنان`` → ``لبنان``, ``للقاء`` → ``لقاء``). A stem keeps at least
    ``min_stem`` letters. No analyser: a reading is a candidate for a lookup, not a segmentation.
    """
    out = [(word, 0)]
    bases = [(word, 0)]
    if len(word) > min_stem and word[0] in CONJUNCTIONS:
        out.append((word[1:], 1))
        bases.append((word[1:], 1))
    for base, n in bases:
        if len(base) > 3 and base.startswith("لل"):
            out.append(("ال" + base[2:], n + 1))
        if len(base) > min_stem and base[0] in PREPOSITIONS:
            out.append((base[1:], n + 1))
    return tuple(dict.fromkeys(out))


def reads_as(word: str, words: frozenset[str] | set[str]) -> bool:
    """Is folded ``word``, or one of its readings without proclitics, among ``words``?"""
    return any(form in words for form, _ in proclitic_readings(word))


def strip_proclitic(word: str) -> str:
    """The word read with the most proclitics cut (``ال`` for ``لل``), stems of 3+ letters: one key for a lookup."""
    readings = proclitic_readings(word, min_stem=3)
    most = max(n for _, n in readings)
    return next(form for form, n in readings if n == most)


class ProcliticSplitter:
    """Splits words for one tokenizer; piece counts are cached (news repeats its words)."""

    def __init__(self, tokenizer: "Tokenizer") -> None:
        self.tokenizer = tokenizer
        self._pieces: dict[str, int] = {}

    def pieces(self, word: str) -> int:
        """Sub-tokens of ``word``: the tokenizer's normaliser, pre-tokenizer and model, without its
        post-processing, so the caller's padding and truncation never change a split."""
        n = self._pieces.get(word)
        if n is None:
            if len(self._pieces) >= CACHE_SIZE:
                self._pieces.clear()
            tok = self.tokenizer
            text = tok.normalizer.normalize_str(word) if tok.normalizer is not None else word
            parts = tok.pre_tokenizer.pre_tokenize_str(text) if tok.pre_tokenizer is not None else [(text, None)]
            n = self._pieces[word] = sum(len(tok.model.tokenize(part)) for part, _ in parts)
        return n

    def split(self, word: str) -> tuple[str, ...]:
        """``(word,)``, or ``(proclitic, stem)`` when the stem needs fewer pieces than the word."""
        if not word.isalpha():  # digits, punctuation, or a word the normaliser cut in two ("و 250")
            return (word,)
        whole = self.pieces(word)
        best: tuple[int, str, str] | None = None
        for clitic in PROCLITICS:
            if not word.startswith(clitic):
                continue
            rest = word[len(clitic):]
            if len(rest) < MIN_STEM:
                continue
            stems = [rest]
            if clitic.endswith("ل") and rest.startswith("ل"):
                stems.append("ا" + rest)  # لل + X is ل + الX: the article's alef is dropped in writing
            for stem in stems:
                n = self.pieces(stem)
                if 0 < n < whole and (best is None or n < best[0]):
                    best = (n, clitic, stem)
        return (word,) if best is None else (best[1], best[2])

    def expand(self, words: Sequence[str]) -> tuple[list[str], list[int], list[bool]]:
        """Model words, the input word each comes from, and whether it carries that word's label (the stem)."""
        parts: list[str] = []
        owner: list[int] = []
        carries: list[bool] = []
        for i, word in enumerate(words):
            split = self.split(word)
            parts.extend(split)
            owner.extend([i] * len(split))
            carries.extend([False] * (len(split) - 1) + [True])
        return parts, owner, carries


def expand_words(words: Sequence[str], splitter: ProcliticSplitter | None) -> tuple[list[str], list[int], list[bool]]:
    """:meth:`ProcliticSplitter.expand`, or the words unchanged when the model splits nothing."""
    if splitter is None:
        return list(words), list(range(len(words))), [True] * len(words)
    return splitter.expand(words)


def split_text(text: str, splitter: ProcliticSplitter) -> str:
    """A model-normalised text with proclitics split off, words joined by single spaces (MLM pretraining text).

    Words are the white-space-separated parts, as in text that ``normalize_for_model`` spaced
    around punctuation; in unnormalised text a word with punctuation attached stays whole.
    """
    return " ".join(part for word in text.split() for part in splitter.split(word))
