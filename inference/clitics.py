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
from araevents.gazetteer import STATE_FORMS
from araevents.schema import is_role, is_trigger

from .deps import fold
from .lexicon import (
    HONORIFICS, LINEAGE_WORDS, PROCLITICS, is_head_noun, NAME_PARTICLES, is_counterpart, is_demonym_word, is_known_form,
    is_name_like, known_surnames, state_of, strip_proclitic,
)

#: Lineage words that open a name's second half (``[محمد] [بن سلمان]``); not ``آل``, a family name of its own.
_LINEAGE_JOIN = LINEAGE_WORDS - {fold("آل")}

#: A form of state (the gazetteer's list) and its definite forms: ``[بدولة] [قطر]``, ``[الجمهورية] [...]``.
_STATE_NOUNS = STATE_FORMS | frozenset(fold(w) for w in ("المملكة", "الجمهورية", "الدولة"))

_TRIMMABLE = ("PER", "ORG", "LOC")
#: Titles that stand right before a ruler's or prince's name.
_RULER_TITLES = frozenset(fold(w) for w in ("الملك", "الأمير", "السلطان", "الشيخ"))
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
        if sp.end - s < 3 or text[s] not in PROCLITICS:
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


def repair_spans(text: str, spans: Iterable[Span]) -> list[Span]:
    """Span boundaries a small model gets wrong, mended before assembly (offsets stay exact).

    * a name cut in two (``[جون] [كيري]``, ``[تميم بن] [حمد]``) or a body split across labels
      (``[والأمم] [المتحدة]``): adjacent pieces that only whitespace separates are joined;
    * a role phrase in pieces (``[وزير] [الخارجية] [الروسي]``) is joined into one role, and a
      role (or an organisation: ``وزارة الخارجية الروسية``) absorbs the untagged nationality adjectives that follow it (``وزيري الخارجية
      الأميركي والروسي``: the second adjective makes it a dual role);
    * a name missing its first words (``وزير الخارجية الروسي، سيرغي [لافروف]``) takes the
      untagged name-like words between the role and it; a name ending on a particle
      (``[ستيفان دي] مستورا``) takes the next word;
    * an organisation tagged as its bare head noun (``[وزارة] الخارجية الروسية``) takes its
      definite genitive complement.
    """
    out = sorted(spans)
    out = _join_adjacent(text, out)
    out = _extend_heads(text, out)
    out = _extend_roles(text, out)
    return _extend_names(text, out)


def _only_space(gap: str) -> bool:
    """Nothing but spaces (no punctuation, no line break) between two pieces."""
    return not gap.strip(" \u00a0")


#: The name ``علي`` folds to the preposition ``على``; spelled with ي and tagged a name, it is one
#: (``[علي] [لاريجاني]``, ``[محمد] [علي الحكيم]``; not after a surname: ``روحاني | علي لاريجاني``).
_ALI = "علي"
_NOT_FIRST = "«\"("


def _one_name(text: str, a: Span, b: Span, word_counts: dict[str, int], after_role: bool) -> bool:
    """``[جون] [كيري]`` is one name cut in two, ``التقى [كيري] [لافروف]`` two people.

    In news a person is named in full once and by surname afterwards, so a cut name has one
    piece (the surname) that recurs elsewhere in the article's names and one (the first name)
    that does not. Both recurring (``كيري`` … ``لافروف``) or both full names are two people.
    Neither recurring (``التقى بوتين أردوغان``) is read as two people too, unless a role stands
    right before them (``وزير الخارجية الإيطالي [باولو] [جنتيلوني]``). A piece ending on a
    particle (``تميم بن``) always continues."""
    last_word, first_word = a.text.split()[-1], b.text.split()[0]
    surname = fold(last_word) in known_surnames() or word_counts.get(fold(last_word), 0) >= 2
    if (len(a.text.split()) == 1 and len(b.text.split()) >= 2 and fold(first_word) in _LINEAGE_JOIN
            and a.text[:1] not in _NOT_FIRST and not surname):
        # [مساعد] [بن محمد العيبان], [محمد] [بن سلمان]: a first name (even one that is also a noun)
        # and his lineage; not a surname that names a person alone (التقى [أوباما] [بن سلمان])
        return True
    if not ((is_name_like(last_word) or fold(last_word) in NAME_PARTICLES or last_word == _ALI)
            and (is_name_like(first_word) or fold(first_word) in NAME_PARTICLES or (first_word == _ALI and not surname))):
        return False  # سيرغي لافروف | نظيره
    if fold(last_word) in NAME_PARTICLES:
        return True
    if len(a.text.split()) > 1 and len(b.text.split()) > 1:
        return False  # two full names side by side (التقى محمد بن سلمان محمد جواد ظريف)
    whole = fold(a.text) + " " + fold(b.text)
    if fold(text).count(whole) >= 2:
        return True
    a_last, b_first = fold(a.text.split()[-1]), fold(b.text.split()[0])
    a_recurs = word_counts.get(a_last, 0) >= 2
    b_recurs = word_counts.get(b_first, 0) >= 2
    if a_recurs != b_recurs:
        return True
    return not a_recurs and after_role and len(a.text.split()) == 1


def _joinable(text: str, a: Span, b: Span, word_counts: dict[str, int], after_role: bool = False) -> str | None:
    """The label of ``a`` + ``b`` when they are one unit, else None."""
    gap = text[a.end : b.start]
    if not _only_space(gap):
        return None
    if a.label == "PER" and b.label == "PER":
        return "PER" if _one_name(text, a, b, word_counts, after_role) else None
    if a.label in ("ORG", "LOC") and b.label in ("ORG", "LOC") and state_of(a.text) is None:
        if state_of(text[a.start : b.end]) is not None:
            return a.label  # [والأمم] [المتحدة]
        if len(a.text.split()) == 1 and fold(strip_proclitic(a.text)) in _STATE_NOUNS and state_of(b.text) is not None:
            return b.label  # [بدولة] [قطر], [جمهورية] [مصر]
    if a.label == "ORG" and len(a.text.split()) == 1 and is_head_noun(a.text) \
            and (is_role(b.label) or b.label == "ORG") and fold(b.text).startswith("ال"):
        return "ORG"  # [وزارة] [الخارجية الروسية]: the complement was tagged as a role
    if is_role(a.label) and (is_role(b.label) or (b.label in ("ORG", "LOC") and _role_modifier(b.text))):
        if is_role(b.label) and not all(is_demonym_word(w) for w in b.text.split()):
            # a construct: its head names the office, the genitive whom it serves ([سفير] [خادم الحرمين
            # الشريفين], [مبعوث] [الأمين العام]); else two people's roles ([وزير الخارجية المصري]
            # [نظيره الأردني], [ولي العهد] [الرئيس الفرنسي])
            if len(a.text.split()) == 1 and fold(strip_proclitic(a.text)) in HONORIFICS:
                return b.label  # [معالي] [وزير الخارجية]: a title, the office follows it
            return a.label if _construct_head(a.text, b.text) else None
        # a role cut before its complement or adjective: the better-scored piece names it ([ووزير]? [الاقتصاد])
        if not is_role(b.label) or _score(a) >= _score(b):
            return a.label
        return b.label
    return None


def _construct_head(a: str, b: str) -> bool:
    """Does role piece ``b`` continue ``a`` (``نائب`` + ``وزير الخارجية``, ``سفير`` + ``خادم الحرمين
    الشريفين``, ``وزير الدولة`` + ``للشؤون الخارجية``)? ``a`` must end open (an indefinite head, no
    adjective) unless ``b`` is a ruler's title word or a ل/و continuation, and ``b`` no counterpart:
    a complete role (``وزير الخارجية والتعاون الدولي``) is followed by another person's (``رئيس وزراء
    الهند``) in a host-and-guest sentence."""
    last = fold(strip_proclitic(a.split()[-1])) if a.split() else ""
    first = b.split()[0] if b.split() else ""
    if is_demonym_word(last) or is_counterpart(first):
        return False  # [الرئيس الفرنسي] [الملك] سلمان: a complete office, then another person's
    if len(b.split()) == 1 and fold(first) in _RULER_TITLES:
        return True  # [خادم الحرمين الشريفين] [الملك] سلمان, [وزير الخارجية] [الأمير] سعود: his own title
    if fold(first).startswith(("لل", "وال")):
        return True  # [وزير الدولة] [للشؤون الخارجية], [وزير الخارجية] [والمغتربين]: one office in pieces
    return not last.startswith("ال")


def _role_modifier(text: str) -> bool:
    """One word that continues a role phrase: ``الخارجية`` (portfolio), ``الروسي`` (nationality)."""
    words = text.split()
    return len(words) == 1 and fold(words[0]).startswith("ال") and state_of(words[0]) is None


def _particle_gap(text: str, a: Span, b: Span) -> bool:
    """One or two untagged words between two name pieces, opened by a name particle (or closing
    a piece that ends on one): the words are the middle of one compound name."""
    gap = text[a.end : b.start]
    words = gap.split()
    if not 1 <= len(words) <= 2 or any(not w.isalpha() for w in words) or gap.replace(" ", "").replace("\u00a0", "") != "".join(words):
        return False
    opens = fold(words[0]) in NAME_PARTICLES or fold(a.text.split()[-1]) in NAME_PARTICLES
    return opens and all(fold(w) in NAME_PARTICLES or fold(w) in HONORIFICS or is_name_like(w) for w in words)


def _score(sp: Span) -> float:
    return 1.0 if sp.score is None else float(sp.score)


def _join_adjacent(text: str, spans: list[Span]) -> list[Span]:
    word_counts: dict[str, int] = {}  # words of person names, over all PER spans
    for sp in spans:
        if sp.label == "PER":
            for w in sp.text.split():
                word_counts[fold(w)] = word_counts.get(fold(w), 0) + 1
    out: list[Span] = []
    for sp in spans:
        if out and out[-1].label == "PER" and sp.label == "PER" and _particle_gap(text, out[-1], sp):
            a = out.pop()  # [إسماعيل] ولد الشيخ [أحمد], [خالد] بن محمد [العطية]
            sp = Span(a.start, sp.end, "PER", text[a.start : sp.end], min(_score(a), _score(sp)))
        elif out and out[-1].end <= sp.start:
            after_role = _introduced_by_role(text, out)
            label = _joinable(text, out[-1], sp, word_counts, after_role)
            if label is not None:
                a = out.pop()
                score = None if a.score is None and sp.score is None else min(_score(a), _score(sp))
                sp = Span(a.start, sp.end, label, text[a.start : sp.end], score)
        out.append(sp)
    return out


def _introduced_by_role(text: str, out: list[Span]) -> bool:
    """Does a role introduce the last piece: right before it (``وزير الخارجية الإيطالي [باولو]``),
    or with the body it heads between (``رئيس [منظمة الطاقة الذرية الإيرانية] [علي]``, or untagged:
    ``رئيس البرلمان الإيراني [علي]``, at most four definite words, no punctuation)?"""
    nxt = out[-1]
    for prev in out[-2:-4:-1]:
        gap = text[prev.end : nxt.start]
        if is_role(prev.label):
            if not gap.strip(" \u00a0،,"):
                return True
            # the body a role heads, untagged: a head noun or definite words (``مجلس الشورى الإيراني``),
            # not ``السعودي أمس``
            words = gap.split()
            return nxt is out[-1] and len(words) <= 4 and all(c.isalpha() or c in " \u00a0" for c in gap) \
                and all(fold(w).startswith(("ال", "لل")) or (i == 0 and is_head_noun(w)) for i, w in enumerate(words))
        if prev.label not in ("ORG", "LOC") or gap.strip(" \u00a0"):
            return False
        nxt = prev
    return False


def _next_start(spans: list[Span], i: int, default: int) -> int:
    return spans[i + 1].start if i + 1 < len(spans) else default


def _extend_heads(text: str, spans: list[Span]) -> list[Span]:
    """``[وزارة] الخارجية الروسية``, ``[لحزب] المؤتمر الشعبي``: an organisation tagged as its bare
    head noun takes the definite genitive words after it (at most four, up to punctuation or the
    next span); an indefinite one (``ومنظمة دولية``) names no one and is left as it is."""
    out = list(spans)
    swallowed: set[int] = set()
    for i, sp in enumerate(out):
        words = sp.text.split()
        if sp.label != "ORG" or len(words) != 1 or not is_head_noun(words[0]):
            continue
        # a trigger word inside the complement is part of the name (حزب [المؤتمر] الشعبي)
        j = i + 1
        while j < len(out) and is_trigger(out[j].label) and len(out[j].text.split()) == 1:
            j += 1
        end, limit, n = sp.end, _next_start(out, j - 1, len(text)), 0
        for m in _WORD.finditer(text, sp.end, limit):
            if n == 4 or not _only_space(text[end : m.start()]) or not fold(m.group()).startswith("ال"):
                break
            end, n = m.end(), n + 1
        if end != sp.end:
            out[i] = Span(sp.start, end, sp.label, text[sp.start : end], sp.score)
            swallowed.update(k for k in range(i + 1, j) if out[k].end <= end)
    return [sp for k, sp in enumerate(out) if k not in swallowed]


def _extend_roles(text: str, spans: list[Span]) -> list[Span]:
    out = list(spans)
    for i, sp in enumerate(out):
        if not (is_role(sp.label) or sp.label == "ORG"):  # وزارة الخارجية [الروسية]
            continue
        end, limit = sp.end, _next_start(out, i, len(text))
        for m in _WORD.finditer(text, sp.end, limit):
            if not _only_space(text[end : m.start()]) or not is_demonym_word(m.group()):
                break
            end = m.end()
        if end != sp.end:
            out[i] = Span(sp.start, end, sp.label, text[sp.start : end], sp.score)
    return out


def _extend_names(text: str, spans: list[Span]) -> list[Span]:
    out = list(spans)
    for i, sp in enumerate(out):
        if sp.label != "PER":
            continue
        start, end = sp.start, sp.end
        prev = out[i - 1] if i > 0 else None
        if prev is not None and (is_role(prev.label) or prev.label == "PER" or _after_role(out, i - 1, text)):
            gap = text[prev.end : sp.start]
            body = gap.lstrip(" \u00a0،,").rstrip(" \u00a0")
            words = body.split(" ") if body else []
            if words and prev.label == "PER" and words[0][:1] in "وف" and is_name_like(words[0][1:]):
                # كيري، وسيرغي [لافروف]: a coordinated name; the conjunction stays out of the span
                body, words = body[1:], [words[0][1:]] + words[1:]
            elif prev.label == "PER":
                words = []
            if 1 <= len(words) <= 2 and all(is_name_like(w) for w in words) and gap.endswith((" ", "\u00a0")):
                start = sp.start - len(gap) + gap.rindex(body)
        last = sp.text.split()[-1] if sp.text.split() else ""
        if fold(last) in NAME_PARTICLES:
            m = _WORD.match(text, sp.end + 1) if text[sp.end : sp.end + 1] == " " else None
            if m is not None and m.end() <= _next_start(out, i, len(text)):
                end = m.end()
        if (start, end) != (sp.start, sp.end):
            out[i] = Span(start, end, sp.label, text[start:end], sp.score)
    return out


def _after_role(spans: list[Span], j: int, text: str) -> bool:
    """``أمير قطر [تميم]``: a state or body that is a role's genitive complement."""
    return j > 0 and spans[j].label in ("LOC", "ORG") and is_role(spans[j - 1].label) \
        and _only_space(text[spans[j - 1].end : spans[j].start])
