"""Modality of an event mention from the Arabic cues around its trigger.

Checked in order negated → hypothetical → future → asserted, on the few words before the
trigger inside its clause (negators and future markers scope over the next verb or noun, so a
``لم`` three clauses away says nothing) plus the trigger itself and its time expression.
"""

from __future__ import annotations

import re

from araevents.schema import Modality

from .deps import fold

_WORD = re.compile(r"\w+")

NEGATORS = frozenset(fold(w) for w in ("لم", "لن", "ليس", "ليست", "لا", "عدم", "دون", "بدون", "نفى", "نفت", "ينفي", "تنفي", "ولم", "ولن", "فلم", "فلن", "ولا", "وليس"))
CONDITIONALS = frozenset(fold(w) for w in ("إذا", "اذا", "لو", "ولو", "وإذا", "فإذا", "حال"))
FUTURE_WORDS = frozenset(
    fold(w)
    for w in (
        "سوف", "وسوف", "المقرر", "المنتظر", "المتوقع", "المرتقب", "المرتقبة", "يعتزم", "تعتزم", "ينوي", "تنوي",
        "يرتقب", "يتوقع", "يُتوقع", "قرب", "المزمع", "المزمعة", "المقبل", "المقبلة", "القادم", "القادمة", "غدا", "غداً",
    )
)
_PLANNED = [fold("على"), fold("أن")]
# a lam proclitic left outside the trigger span (spans exclude proclitics): the noun names a purpose
_PURPOSE_LAM = re.compile(r"(?:^|\s|[وف])لل?$")
# future time words that make a present-tense verb future (يلتقي ... غدا)
FUTURE_TIME = frozenset(fold(w) for w in ("غدا", "غداً", "المقبل", "المقبلة", "القادم", "القادمة", "لاحقا", "لاحقاً", "قريبا", "قريباً"))
# a future verb: (و|ف)? س + imperfect prefix + stem; adjectives/nouns starting with سي/ست are listed out
_FUTURE_VERB = re.compile(r"^[وف]?س[يتنأ][\u0621-\u064A]{2,}$")
_NOT_FUTURE = frozenset(
    fold(w)
    for w in (
        "سياسي", "سياسية", "السياسي", "سياسيا", "سيادة", "سيارة", "سيارات", "سيطرة", "ستة", "ستين", "سنة", "سنوات",
        "سنوي", "سنوية", "سيناريو", "سياق", "سياسة", "سياسات", "ستار", "سيول", "سينما", "سيدة", "سيد", "ستون", "سنين",
    )
)


def _words(text: str) -> list[str]:
    return [fold(m.group()) for m in _WORD.finditer(text)]


def is_future_verb(word: str) -> bool:
    w = fold(word)
    return bool(_FUTURE_VERB.match(w)) and w not in _NOT_FUTURE and w.lstrip("وف") not in _NOT_FUTURE


def modality_of(before: str, trigger: str, after: str = "", time: str | None = None, window: int = 4) -> str:
    """``before``: the clause text up to the trigger; ``after``: a few words after it."""
    prev = _words(before)[-window:]
    trig = _words(trigger)
    nxt = _words(after)[:2]
    if any(w in NEGATORS for w in prev[-3:]):
        return Modality.NEGATED.value
    clause = re.split(r"[،,؛;:]", before)[-1]  # a condition scopes over its own clause only
    if any(w in CONDITIONALS for w in _words(clause)[-8:]):
        return Modality.HYPOTHETICAL.value
    if any(w in FUTURE_WORDS for w in prev + nxt) or any(is_future_verb(w) for w in prev + trig):
        return Modality.FUTURE.value
    if prev[-2:] == _PLANNED and trig and trig[0][:1] in "يتن":
        return Modality.FUTURE.value  # ``على أن يلتقي``: what is arranged to happen next (not ``أكد على أن الزيارة``)
    if _PURPOSE_LAM.search(before):
        return Modality.FUTURE.value  # ``دعوة لزيارة``, ``وصل للقاء``, ``ليلتقي``: the aim of an act, not yet done
    if time is not None and any(w in FUTURE_TIME for w in _words(time)):
        return Modality.FUTURE.value
    return Modality.ASSERTED.value
