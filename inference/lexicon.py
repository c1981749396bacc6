"""Closed-class Arabic cue words the event assembler relies on, and state lookups.

States, capitals and nationality adjectives come from :mod:`araevents.gazetteer` (the data
files in ``araevents/resources``); this module only adds the handful of function words and
anaphors that rules need, each list kept short and general (no article-specific names).
"""

from __future__ import annotations

from functools import lru_cache

from araevents import gazetteer

from .deps import fold

PROCLITICS = "وفبلك"

#: Titles that may sit between a role and a name (``أمير قطر الشيخ تميم``); never part of either span.
HONORIFICS = frozenset(
    fold(w)
    for w in (
        "الشيخ", "الأمير", "السيد", "السيدة", "الدكتور", "الدكتورة", "د", "سمو", "صاحب", "السمو", "الملكي",
        "الملك", "السلطان", "الجنرال", "المشير", "العماد", "اللواء", "الفريق", "خادم", "الحرمين", "الشريفين",
    )
)

#: Dual/plural anaphors that pick up the two most recent actors (``الوزيران بحثا``).
PAIR_ANAPHORS_PERSON = frozenset(
    fold(w)
    for w in (
        "الوزيران", "الوزيرين", "الرجلان", "الرجلين", "الزعيمان", "الزعيمين", "الرئيسان", "الرئيسين",
        "الطرفان", "الطرفين", "الجانبان", "الجانبين", "المسؤولان", "المسؤولين", "وزيرا", "وزيري",
        "تحادثا", "اتفقا", "التقيا", "بحثا", "يلتقيا", "اجتمعا", "تبادلا", "تبادلهما", "وبحثا", "واتفقا",
    )
)
PAIR_ANAPHORS_STATE = frozenset(fold(w) for w in ("البلدان", "البلدين", "الدولتان", "الدولتين"))

#: Words that introduce reported speech; a statement's speaker stands before them.
SPEECH_COMPLEMENTIZERS = frozenset(fold(w) for w in ("إن", "أن", "بأن", "ان", "انه", "إنه", "أنه", "بأنه", "إنها", "أنها"))

#: Prepositions after which a place name is where something happens, not who acts.
PLACE_PREPOSITIONS = frozenset(
    fold(w) for w in ("في", "فى", "وفي", "داخل", "عند", "خلال", "مقر", "موقع", "هامش", "بمقر", "أروقة")
)

#: Words after which a name is the topic, not a party (``محادثات حول سورية``).
TOPIC_WORDS = frozenset(fold(w) for w in ("حول", "بشأن", "بخصوص", "تجاه", "إزاء", "ازاء", "لبحث", "لمناقشة", "ملف", "أزمة", "الأزمة"))

#: Anonymous sources: a statement whose subject is one of these has no actor as speaker.
ANONYMOUS_SUBJECTS = frozenset(
    fold(w)
    for w in (
        "مسؤولون", "مسؤول", "مسؤولين", "مصادر", "مصدر", "المصادر", "دبلوماسيون", "دبلوماسي", "مراقبون", "مشاركون",
        "محللون", "خبراء", "شهود", "سكان", "ناشطون", "تقارير", "وسائل", "أنباء", "مسئولون", "مسئول",
    )
)

PREP_WITH = frozenset(fold(w) for w in ("مع", "ومع", "بين", "وبين"))


def strip_proclitic(word: str) -> str:
    """The word without one leading و/ف (then ب/ل/ك); ``لل`` → ``ال``. For lookups only."""
    w = word
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
    if len(w) > 3 and w.startswith("لل"):
        return "ال" + w[2:]
    if len(w) > 3 and w[0] in "بلك":
        return w[1:]
    return w


@lru_cache(maxsize=1 << 16)  # the merge step asks for the same names again and again
def state_of(name: str) -> str | None:
    """Canonical state/organisation for a country, capital or body name (``واشنطن`` → الولايات المتحدة)."""
    return gazetteer.canonical_state(name)


def state_kind(name: str) -> str | None:
    return gazetteer.state_kind(name)


@lru_cache(maxsize=1 << 16)
def demonym_state(word: str) -> str | None:
    """``الروسي`` → روسيا, ``والأميركي`` → الولايات المتحدة, ``الأممي`` → الأمم المتحدة."""
    return gazetteer.demonym_to_state(word)


def is_known_form(word: str) -> bool:
    """True when ``word`` is a state, capital, organisation or demonym in the gazetteer."""
    return state_of(word) is not None or demonym_state(word) is not None
