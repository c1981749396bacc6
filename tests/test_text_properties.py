"""Property-based tests: offsets stay valid for any input string, however odd."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from araevents.text import fold, fold_with_offsets, normalize_for_model, split_sentences, word_tokenize
from araevents.text.normalize import NormalizedText

SETTINGS = settings(max_examples=200, deadline=None)

_LETTERS = "ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآؤئةىٱپکی"
_MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0654\u0655\u0640"
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff\u00ad"
_DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴"
_PUNCT = ".,،؛؟?!:;\"'«»“”‘’()[]/-–—…@#&<>%*+=_~|\\"
_SPACE = " \n\t\r\u00a0\u2003\u2028"
_OTHER = "\x00\x01\x1b\x7f\x85\x9fAbcXyzé😀👍🏽🇸🇦\ufe0f\ufb50\ufefb\ufdf2\ufdfa\ufe8d\u0301"
_FRAGMENTS = [
    "&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&rlm;", "&#1605;", "&#x64E;", "&#0;", "&#1;",
    "&notit;", "&NotEqualTilde;", "<br />", "<b>", "</p>", "<a href='x'>", "http://x.com/a?b=1",
    "https://t.co/Ab1", "www.site.org", "site.com", "a@b.com", "x@y", "@user_1", "ااااا", "!!!!",
    "...", "هـ.", "م.", "د. ", "(أ.ف.ب)", "3.5", "27/2", "2015م", "ب2015", "G20", "\r\n",
]

_CHARS = _LETTERS + _MARKS + _INVISIBLE + _DIGITS + _PUNCT + _SPACE + _OTHER
arabic_heavy = st.lists(
    st.one_of(st.text(alphabet=_CHARS, min_size=1, max_size=6), st.sampled_from(_FRAGMENTS)),
    max_size=25,
).map("".join)
any_text = st.one_of(arabic_heavy, st.text(max_size=40))


def _is_skippable(c: str) -> bool:
    return c.isspace() or unicodedata.category(c) == "Cf"


# --------------------------------------------------------------------------- tokens


@SETTINGS
@given(any_text)
def test_tokens_are_exact_ordered_and_cover_all_visible_characters(text: str) -> None:
    tokens = word_tokenize(text)
    covered = [False] * len(text)
    last_end = 0
    for tok in tokens:
        assert text[tok.start : tok.end] == tok.text
        assert last_end <= tok.start < tok.end
        assert not any(c.isspace() for c in tok.text)
        last_end = tok.end
        covered[tok.start : tok.end] = [True] * (tok.end - tok.start)
    for i, c in enumerate(text):
        assert covered[i] or _is_skippable(c), (i, c)


# --------------------------------------------------------------------------- sentences


@SETTINGS
@given(any_text)
def test_sentences_are_ordered_stripped_and_lose_only_white_space(text: str) -> None:
    spans = split_sentences(text)
    last_end = 0
    inside = [False] * len(text)
    for start, end in spans:
        assert last_end <= start < end <= len(text)
        assert not _is_skippable(text[start]) and not _is_skippable(text[end - 1])
        last_end = end
        inside[start:end] = [True] * (end - start)
    for i, c in enumerate(text):
        assert inside[i] or _is_skippable(c), (i, c)


@SETTINGS
@given(any_text)
def test_sentence_boundaries_never_fall_inside_a_token(text: str) -> None:
    bounds = {b for span in split_sentences(text) for b in span}
    for tok in word_tokenize(text):
        assert not any(tok.start < b < tok.end for b in bounds), tok


# --------------------------------------------------------------------------- normalisation


def _check_alignment(norm: NormalizedText) -> None:
    n, m = len(norm.text), len(norm.original)
    assert len(norm.starts) == len(norm.ends) == n
    for i in range(n):
        assert 0 <= norm.starts[i] <= norm.ends[i] <= m
        if i:
            assert norm.starts[i - 1] <= norm.starts[i] and norm.ends[i - 1] <= norm.ends[i]
    for s in range(n + 1):
        for e in range(s, min(n, s + 12) + 1):
            os_, oe = norm.to_original(s, e)
            assert 0 <= os_ <= oe <= m
            if e > s and norm.starts[s] < norm.ends[s] and norm.starts[e - 1] < norm.ends[e - 1]:
                # Projecting the original stretch back gives at least the span we started from.
                ns, ne = norm.to_normalized(os_, oe)
                assert ns <= s and e <= ne
    for s in range(m + 1):
        ns, ne = norm.to_normalized(s, min(m, s + 5))
        assert 0 <= ns <= ne <= n


def _check_only_deleted_material_is_uncovered(norm: NormalizedText, normalise) -> None:
    """Original characters outside every normalised character's source are ones that,
    on their own, normalise to nothing: nothing that produced output is lost."""
    covered = [False] * len(norm.original)
    for s, e in zip(norm.starts, norm.ends):
        covered[s:e] = [True] * (e - s)
    if norm.text:
        first, last = norm.to_original(0, len(norm.text))
        assert covered[first] and covered[last - 1]
    i = 0
    while i < len(covered):
        if covered[i]:
            i += 1
            continue
        j = i
        while j < len(covered) and not covered[j]:
            j += 1
        assert normalise(norm.original[i:j]).text == "", norm.original[i:j]
        i = j


@SETTINGS
@given(any_text)
def test_model_normalisation_alignment(text: str) -> None:
    norm = normalize_for_model(text)
    _check_alignment(norm)
    _check_only_deleted_material_is_uncovered(norm, normalize_for_model)


@SETTINGS
@given(any_text)
def test_fold_alignment_and_idempotence(text: str) -> None:
    norm = fold_with_offsets(text)
    _check_alignment(norm)
    _check_only_deleted_material_is_uncovered(norm, fold_with_offsets)
    assert fold(norm.text) == norm.text
