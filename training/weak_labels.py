"""High-precision weak labels for the 23 span types from lexicons, gazetteers and context rules.

No public corpus tags diplomatic roles and event triggers, so the training corpus gets them
from this labeller (and gold entities from NER corpora where they exist). It is tuned for
precision: the model is expected to generalise recall from these examples; a wrong weak
label teaches it a wrong rule. Its scores against the seeds gold are printed by
``araevents weak-eval``.

How it works, on the words of :func:`araevents.text.tokenize.word_tokenize`, compared in
folded form (:func:`araevents.text.normalize.fold`):

1. Phrase lexicons (``training/lexicons/*.tsv``: roles, triggers, curated states,
   organisations, places, persons, plus the cleaned third-party gazetteers) are matched
   with one tolerated proclitic on the first word (و/ف, then ب/ل/ك; ``لل`` → ``ال``),
   which the span EXCLUDES (seeds-gold convention); single-word triggers also match with
   an object/possessive suffix (``زيارته``, ``استقبله``), which the span keeps.
2. Roles absorb a directly following nationality adjective or modifier with the same
   definiteness (``وزير الخارجية الروسي``, ``مسؤولون أميركيون وروس``, ``مسؤول كبير``).
3. DATE is a small grammar over temporal word classes (``dates.tsv``).
4. Candidates are chosen longest first, then by priority; no overlaps.
5. Person names: 1–3 name words (plus particles بن/أبو/آل/عبد...) after a role or an
   honorific (``الشيخ``), accepted when the first word is a known name word or an unknown,
   non-function word after a nationality-marked role; every multi-word name found in an
   article also tags its later short mentions (``جون كيري`` → ``كيري``).
6. ``نظيره`` takes the role of the nearest preceding role span (the seeds gold does so),
   ``الوزيرين`` that of the nearest preceding minister.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from araevents.document import Document, Span
from araevents.gazetteer import demonyms_table, states_table
from araevents.schema import SPAN_TYPES, is_role, is_trigger
from araevents.text.normalize import fold as _fold
from araevents.text.proclitics import proclitic_readings, reads_as
from araevents.text.tokenize import Token, word_tokenize

from .gazetteers import COMMON_WORDS, LEXICONS, EntityGazetteers, load_entity_gazetteers, read_tsv

#: Types whose matches come from the phrase lexicons with a context rule of their own.
COUNTERPART = "COUNTERPART"
MINISTER_ANAPHOR = "MINISTER_ANAPHOR"

#: Offices whose holders have "counterparts" (نظيره); others (OFFICIAL, SPOKESPERSON...) are skipped.
COUNTERPART_ROLES = frozenset({"ROLE_FOREIGN_MINISTER", "ROLE_HEAD_OF_STATE", "ROLE_HEAD_OF_GOVERNMENT",
                               "ROLE_MINISTER", "ROLE_AMBASSADOR", "ROLE_ENVOY"})

#: Lower number wins between equally long overlapping candidates.
PRIORITY = {"ORG": 0, "ROLE": 1, "EVT": 2, "DATE": 3, "LOC": 4, "PER": 5}

NAME_PARTICLES = frozenset(_fold(w) for w in ("بن", "بنت", "ابن", "أبو", "ابو", "أبي", "آل", "عبد", "ولد", "دي", "فان", "فون", "أم"))
#: particles that form one name with the next word, which may be a common word (عبد الله، أبو الغيط)
_BOUND_PARTICLES = frozenset(_fold(w) for w in ("عبد", "أبو", "ابو", "أبي", "آل"))
PUNCT_SKIPPABLE = frozenset({"،", ","})

#: first folded word → (all folded words, takes a feminine adjective) of bodies named by head
#: noun + nationality adjective (الخارجية الروسية، الجيش المصري، القوات الجوية السورية)
_ORG_ADJ_HEADS: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
for _head, _feminine in (("الخارجية", True), ("الداخلية", True), ("الجيش", False), ("القوات المسلحة", True),
                         ("القوات الجوية", True), ("الشرطة", True), ("البحرية", True), ("الاستخبارات", True),
                         ("المخابرات", True)):
    _words = tuple(_fold(w) for w in _head.split())
    _ORG_ADJ_HEADS.setdefault(_words[0], []).append((_words, _feminine))
_REGNAL_ORDINALS = frozenset(_fold(w) for w in ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"))
_MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"
_MARKS_ALL = frozenset(_MARKS) | frozenset("\u0653\u0654\u0655\u0670")


@lru_cache(maxsize=500_000)
def fold(word: str) -> str:
    """Cached :func:`araevents.text.normalize.fold` (news repeats words; folding is the hot path)."""
    return _fold(word)


def raw_prefix_length(word: str, letters: int) -> int:
    """Characters of ``word`` covering its first ``letters`` folded letters (and the marks/tatweel after them)."""
    i = seen = 0
    while i < len(word) and seen < letters:
        i += 1
        seen += 1
        while i < len(word) and word[i] in _MARKS_ALL:
            i += 1
    return i


_INFLECTED = re.compile(r"^(?:[وفبلك]ال|لل)|(?:[^ة]ه|ها|هم|هما|هن|نا|كم)[\u064b-\u0652]*$")


def _looks_inflected(word: str) -> bool:
    """بالجائزة، جمهوره، حظنا: a preposition+article or a pronoun suffix, so not a name."""
    return bool(_INFLECTED.search(word))


def _definite(word: str) -> bool:
    return word.startswith("ال")


#: Negations that cancel a ``prev=`` context: ليس من الضروري is no appeal.
_NEGATIONS = frozenset(fold(w) for w in ("ليس", "ليست", "غير", "لا", "لم", "لن"))

_ENCLITICS = ("هما", "هم", "هن", "ها", "ه", "كم", "نا")


@lru_cache(maxsize=500_000)
def enclitic_variants(folded: str) -> tuple[str, ...]:
    """Forms of ``folded`` without an object/possessive suffix: ``زيارته`` → ``زياره``, ``لقائه`` → ``لقاء``."""
    out: list[str] = []
    for suffix in _ENCLITICS:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= 3:
            stem = folded[: -len(suffix)]
            out.append(stem)
            if stem.endswith("ت"):
                out.append(stem[:-1] + "ه")
            if stem.endswith("ئ") or stem.endswith("ؤ"):
                out.append(stem[:-1] + "ء")
            if stem.endswith("ا"):
                out.append(stem[:-1] + "ي")
    return tuple(out)


# --------------------------------------------------------------------------- lexicon loading

_BRACES = re.compile(r"\{([^{}]*)\}")


def expand(phrase: str, slots: dict[str, list[str]] | None = None) -> list[str]:
    """``{ال|}وزير{|ة}`` → the 4 spellings; ``{MINISTRY}`` → one per line of ``ministries.txt``."""
    slots = slots or {}
    parts: list[list[str]] = []
    pos = 0
    for m in _BRACES.finditer(phrase):
        parts.append([phrase[pos:m.start()]])
        inner = m.group(1)
        parts.append(slots[inner] if inner in slots else inner.split("|"))
        pos = m.end()
    parts.append([phrase[pos:]])
    return ["".join(p) for p in itertools.product(*parts)]


@dataclass(frozen=True)
class Context:
    """A condition on the words after a match (see the header of ``roles.tsv``)."""

    kind: str = ""  # "", "anchor", "state", "next", "notnext", "near", "nearloc", "prev"
    words: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, text: str) -> "Context":
        text = text.strip()
        if not text:
            return cls()
        if text in ("anchor", "state", "nearloc"):
            return cls(text)
        kind, sep, words = text.partition("=")
        if not sep or kind not in ("next", "notnext", "near", "prev"):
            raise ValueError(f"unknown lexicon context {text!r}")
        return cls(kind, frozenset(fold(w) for w in words.split("|") if w))


@dataclass(frozen=True)
class Entry:
    label: str
    words: tuple[str, ...]
    context: Context = Context()


class PhraseTrie:
    """Folded word sequences → entries; longest matches first."""

    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, entry: Entry) -> None:
        node = self.root
        for w in entry.words:
            node = node.setdefault(w, {})
        node.setdefault(None, []).append(entry)

    def walk(self, first: str, rest: Sequence[str]) -> list[tuple[int, Entry]]:
        """Entries whose first word is ``first`` and whose other words are ``rest[0:]``; (length, entry)."""
        node = self.root.get(first)
        out: list[tuple[int, Entry]] = []
        n = 1
        while node is not None:
            for e in node.get(None, ()):
                out.append((n, e))
            if n - 1 >= len(rest):
                break
            node = node.get(rest[n - 1])
            n += 1
        out.sort(key=lambda x: -x[0])
        return out


def _load_lexicon(name: str, slots: dict[str, list[str]]) -> list[Entry]:
    entries = []
    for row in read_tsv(LEXICONS / name):
        if len(row) > 3:  # a second context would be dropped without a word: say so
            raise ValueError(f"{LEXICONS / name}: {row[1]!r} has {len(row)} columns; one context per line "
                             "(type, phrase, context): write a second line for another context")
        label, phrase = row[0], row[1]
        if label not in SPAN_TYPES and label not in (COUNTERPART, MINISTER_ANAPHOR):
            raise ValueError(f"{LEXICONS / name}: unknown type {label!r}")
        context = Context.parse(row[2] if len(row) > 2 else "")
        for variant in expand(phrase, slots):
            words = tuple(fold(w) for w in variant.split())
            if words:
                entries.append(Entry(label, words, context))
    return entries


def _word_list(name: str) -> list[str]:
    return [row[0] for row in read_tsv(LEXICONS / name)]


@dataclass
class Lexicons:
    """Everything the labeller matches against; built once (:func:`default_lexicons`)."""

    phrases: PhraseTrie
    dates: dict[str, set[str]]  # folded first word → classes; multi-word date phrases in date_phrases
    date_phrases: PhraseTrie
    modifiers: PhraseTrie
    titles: PhraseTrie
    function_words: frozenset[str]
    gazetteers: EntityGazetteers
    enclitic_ok: frozenset[str] = field(default_factory=frozenset)  # folded single-word trigger forms
    institution_nouns: frozenset[str] = field(default_factory=frozenset)


def build_lexicons(gazetteers: EntityGazetteers) -> Lexicons:
    slots = {"MINISTRY": _word_list("ministries.txt")}
    trie = PhraseTrie()
    enclitic_ok = set()
    for name in ("roles.tsv", "triggers.tsv"):
        for e in _load_lexicon(name, slots):
            trie.add(e)
            if is_trigger(e.label) and len(e.words) == 1 and not e.context.kind:
                enclitic_ok.add(e.words[0])
    for phrase, label in sorted(gazetteers.phrases.items()):
        trie.add(Entry(label, tuple(phrase.split())))
    # ministries named as a body: وزارة الخارجية (+ a nationality adjective, attached later)
    for m in slots["MINISTRY"] + ["الخارجية", "الشؤون الخارجية"]:
        for prefix in ("وزارة", "وزارتي"):
            trie.add(Entry("ORG", tuple(fold(w) for w in f"{prefix} {m}".split())))
    dates: dict[str, set[str]] = {}
    date_phrases = PhraseTrie()
    for row in read_tsv(LEXICONS / "dates.tsv"):
        for variant in expand(row[1]):
            words = tuple(fold(w) for w in variant.split())
            if len(words) == 1:
                dates.setdefault(words[0], set()).add(row[0])
            else:
                date_phrases.add(Entry(row[0], words))
    modifiers = PhraseTrie()
    for w in _word_list("role_modifiers.txt"):
        modifiers.add(Entry("MOD", tuple(fold(x) for x in w.split())))
    titles = PhraseTrie()
    for w in _word_list("titles.txt"):
        titles.add(Entry("TITLE", tuple(fold(x) for x in w.split())))
    function_words = frozenset(fold(w) for w in _word_list("function_words.txt")) | COMMON_WORDS
    institutions = frozenset(fold(w) for w in _word_list("institution_nouns.txt"))
    return Lexicons(trie, dates, date_phrases, modifiers, titles, function_words, gazetteers, frozenset(enclitic_ok),
                    institutions)


_DEFAULT: dict[str, Lexicons] = {}


def default_lexicons(shared: Path | None = None, gold_stats=None) -> Lexicons:
    """Lexicons with gazetteers cleaned from ``shared`` data (curated lists only when None); cached."""
    key = f"{shared}|{id(gold_stats) if gold_stats is not None else None}"
    if key not in _DEFAULT:
        _DEFAULT[key] = build_lexicons(load_entity_gazetteers(shared, gold_stats))
    return _DEFAULT[key]


# --------------------------------------------------------------------------- the labeller


@dataclass
class Cand:
    """A candidate span over word indices ``[start, end)``; ``skip`` proclitic characters excluded."""

    start: int
    end: int
    label: str
    skip: int = 0
    priority: int = 9

    @property
    def length(self) -> int:
        return self.end - self.start


def _priority(label: str) -> int:
    if is_role(label) or label in (COUNTERPART, MINISTER_ANAPHOR):
        return PRIORITY["ROLE"]
    if is_trigger(label):
        return PRIORITY["EVT"]
    return PRIORITY.get(label, 9)


class WeakLabeller:
    """``WeakLabeller(lexicons).label(text) -> list[Span]`` (sorted, non-overlapping)."""

    def __init__(self, lexicons: Lexicons) -> None:
        self.lex = lexicons
        self._demonyms = demonyms_table()
        self._states = {k for k, v in states_table().items() if v.kind == "state"}
        self._name_words = lexicons.gazetteers.name_words
        # first names and patronyms (عبدالعزيز) that also stand alone for other people: never a short form
        self._name_words_blocked = frozenset(w for w in self._name_words if w.startswith("عبد"))

    # ---- small predicates
    def is_demonym(self, folded: str) -> bool:
        return folded in self._demonyms

    def _unknown_word(self, tok: str, f: str) -> bool:
        """Could be a name: Arabic letters, ≥2 characters, not a function/common/lexicon word nor a
        word the gold corpora mostly show outside entities."""
        if len(f) < 2 or not all("\u0621" <= ch <= "\u064a" for ch in f):
            return False
        if f in self.lex.gazetteers.outside_words:
            return False
        for v, _ in proclitic_readings(f):
            if v in self.lex.function_words or self.is_demonym(v) or v in self.lex.dates or self.lex.phrases.walk(v, ()):
                return False
        return True

    def _state_at(self, folded: Sequence[str], i: int) -> int:
        """Length of a state name starting at word ``i`` (0 if none)."""
        for n in (4, 3, 2, 1):
            if i + n <= len(folded) and " ".join(folded[i:i + n]) in self._states:
                return n
        return 0

    def _anchor_at(self, toks: Sequence[Token], folded: Sequence[str], i: int) -> bool:
        if i >= len(folded):
            return False
        f = folded[i]
        if self.is_demonym(f) or f in self._name_words or self._state_at(folded, i):
            return True
        for form, _ in proclitic_readings(f)[:1]:
            for n, e in self.lex.phrases.walk(form, folded[i + 1:]):
                if e.label in ("LOC", "ORG", "PER"):
                    return True
        return False

    @staticmethod
    def _prev_ok(words: frozenset[str], folded, start: int) -> bool:
        """``prev=``: the word before the match (quotes skipped, a proclitic tolerated) is one of
        ``words``; a two-word entry ``A B`` wants B right before and A up to three words before
        B (``شدد لافروف على “ضرورة``). A negation before them cancels (``ليس من الضروري``)."""
        before = [w for w in reversed(folded[max(0, start - 8):start]) if any(ch.isalpha() for ch in w)]
        if not before:
            return False

        if reads_as(before[0], words):
            return not (len(before) > 1 and before[1] in _NEGATIONS)
        for a in before[1:4]:
            if any(f"{f} {before[0]}" in words for f, _ in proclitic_readings(a)):
                return True
        return False

    def _context_ok(self, ctx: Context, toks, folded, end: int, start: int) -> bool:
        if not ctx.kind:
            return True
        if ctx.kind == "prev":
            return self._prev_ok(ctx.words, folded, start)
        nxt = folded[end] if end < len(folded) else ""
        if ctx.kind == "next":
            return reads_as(nxt, ctx.words) if nxt else False
        if ctx.kind == "notnext":
            return nxt not in ctx.words
        if ctx.kind == "near":
            window = folded[end:end + 5]
            return any(reads_as(w, ctx.words) for w in window)
        if ctx.kind == "anchor":
            return self._anchor_at(toks, folded, end)
        if ctx.kind == "state":
            return self._state_at(folded, end) > 0
        if ctx.kind == "nearloc":
            for j in range(end, min(end + 8, len(folded))):
                for v, _ in proclitic_readings(folded[j]):
                    if any(e.label == "LOC" for _, e in self.lex.phrases.walk(v, folded[j + 1:])):
                        return True
            return False
        return False

    # ---- candidate generation
    def _lexicon_candidates(self, toks, folded) -> list[Cand]:
        cands: list[Cand] = []
        n = len(folded)
        for i in range(n):
            seen_lengths: set[tuple[int, str]] = set()
            # a word that is itself a lexicon word is not re-read with a proclitic (بحثا is not ب + حثا),
            # and وزار... is the ministry, never و + زار
            variants = proclitic_readings(folded[i])
            if self.lex.phrases.walk(folded[i], ()) or folded[i].startswith("وزار") or folded[i] in self._name_words:
                variants = variants[:1]
            for form, skip in variants:
                for length, e in self.lex.phrases.walk(form, folded[i + 1:]):
                    if (length, e.label) in seen_lengths:
                        continue
                    if not self._context_ok(e.context, toks, folded, i + length, i):
                        continue
                    seen_lengths.add((length, e.label))
                    cands.append(Cand(i, i + length, e.label, skip, _priority(e.label)))
                if toks[i].text.rstrip(_MARKS).endswith("ة"):
                    continue
                for stem in enclitic_variants(form):
                    if skip and len(stem) < 5:
                        continue
                    if stem in self.lex.enclitic_ok:
                        for length, e in self.lex.phrases.walk(stem, ()):
                            if is_trigger(e.label) and length == 1:
                                cands.append(Cand(i, i + 1, e.label, skip, _priority(e.label)))
        return cands

    def _attach_adjectives(self, c: Cand, toks, folded, occupied: Sequence[bool] = ()) -> None:
        """Extend a role (or a ministry ORG) over following nationality adjectives / modifiers."""
        last = folded[c.end - 1]
        if c.end - 1 == c.start and c.skip:
            last = next((v for v, k in proclitic_readings(last) if k == c.skip), last)
        definite = _definite(last) or last in ("نظيره", "نظيرته") or last.startswith("نظير") or last.startswith("نظرا")
        attached = 0
        j = c.end
        while j < len(folded):
            f = folded[j]
            if self.is_demonym(f) and (_definite(f) == definite or c.label == "ROLE_OFFICIAL" and not definite):
                j += 1
                attached += 1
                continue
            if attached and f.startswith("و") and self.is_demonym(f[1:]) and _definite(f[1:]) == definite:
                j += 1
                continue
            if is_role(c.label) or c.label in (COUNTERPART, MINISTER_ANAPHOR):
                hits = self.lex.modifiers.walk(f, folded[j + 1:])
                if hits and (hits[0][1].words[0].startswith("ال") == definite or not hits[0][1].words[0].startswith("ال") and not definite):
                    j += hits[0][0]
                    attached += 1
                    continue
            break
        c.end = j

    _DIGITS = re.compile(r"^\d{1,2}$")
    _YEAR = re.compile(r"^(1[3-4]\d\d|19\d\d|20\d\d)(هـ|ه|م)?$")
    _NUMDATE = re.compile(r"^\d{1,4}/\d{1,2}(/\d{1,4})?$")

    def _date_classes(self, folded, i) -> tuple[set[str], int]:
        """Classes of the date word(s) at ``i`` and how many words they cover."""
        f = folded[i]
        hits = self.lex.date_phrases.walk(f, folded[i + 1:])
        if hits:
            n, e = hits[0]
            return {e.label}, n
        if self._YEAR.match(f):
            return {"YEAR"}, 1
        if self._NUMDATE.match(f):
            return {"NUMDATE"}, 1
        if self._DIGITS.match(f) and 1 <= int(f) <= 31:
            return {"DAYNUM"}, 1
        if f in ("/", "(", ")", "-"):
            return {f}, 1
        return set(self.lex.dates.get(f, ())), 1

    def _date_candidates(self, toks, folded) -> list[Cand]:
        """Runs of date words, trimmed and validated (see ``dates.tsv`` for the classes)."""
        cands = []
        n = len(folded)
        items: list[tuple[int, int, set[str], int]] = []  # (start, end, classes, skip)
        i = 0
        while i < n:
            classes, length = self._date_classes(folded, i)
            skip = 0
            if not classes:
                for form, k in proclitic_readings(folded[i])[1:]:
                    sub = list(folded)
                    sub[i] = form
                    classes, length = self._date_classes(sub, i)
                    if classes:
                        skip = k
                        break
            items.append((i, i + length, classes, skip))
            i += length
        run: list[tuple[int, int, set[str], int]] = []
        for item in items + [(n, n, set(), 0)]:
            if item[2] and (not run or item[3] == 0):
                run.append(item)
                continue
            if run:
                cands += self._validate_date_run(run)
            run = [item] if item[2] else []
        return cands

    def _validate_date_run(self, run) -> list[Cand]:
        cls = [r[2] for r in run]

        def ok(k: int) -> bool:
            c = cls[k]
            prev = cls[k - 1] if k else set()
            nxt = cls[k + 1] if k + 1 < len(cls) else set()
            if c & {"WEEKDAY", "MONTH", "REL", "NUMDATE"}:
                return True
            if "MONTH_WEAK" in c and (bool((prev | nxt) & {"DAYNUM", "YEAR", "/", "MONTH", "PERIOD_MOD"}) or "PART" in prev):
                return True
            if "YEAR" in c and (bool(prev & {"YEARWORD", "MONTH", "MONTH_WEAK", "SEASON", "DAYNUM", "PART", "/"}) or "ERA" in nxt):
                return True
            if "PERIOD" in c and ("PERIOD_MOD" in nxt or "PART" in prev):
                return True
            if "PERIOD_MOD" in c and (bool(prev & {"PERIOD", "WEEKDAY", "MONTH", "MONTH_WEAK", "YEAR"})
                                      or (k >= 2 and "PERIOD" in cls[k - 2] and "PERIOD_MOD" in prev)):
                return True
            if "DAYNUM" in c and bool(nxt & {"MONTH", "MONTH_WEAK"}):
                return True
            if "ERA" in c and "YEAR" in prev:
                return True
            if "HOUR" in c and bool(prev & {"PART", "HOUR"}):
                return True
            if "/" in c and bool(prev & {"MONTH", "MONTH_WEAK", "DAYNUM"}) and bool(nxt & {"MONTH", "MONTH_WEAK"}):
                return True
            if c & {"PART", "DAYWORD", "YEARWORD", "SEASON"} and k + 1 < len(cls) and ok_next(k + 1):
                return True
            return False

        def ok_next(k: int) -> bool:
            c = cls[k]
            return bool(c - {"(", ")", "-"})

        good = [ok(k) for k in range(len(cls))]
        out: list[Cand] = []
        k = 0
        while k < len(run):
            if not good[k]:
                k += 1
                continue
            m = k
            while m + 1 < len(run) and good[m + 1]:
                m += 1
            # a date cannot end with a word that needs a following one
            while m >= k and cls[m] & {"PART", "DAYWORD", "YEARWORD", "/", "SEASON"} and not cls[m] & {"REL", "WEEKDAY", "MONTH", "HOUR"}:
                m -= 1
            if m >= k:
                anchored = any(cls[x] & {"WEEKDAY", "MONTH", "MONTH_WEAK", "REL", "YEAR", "NUMDATE", "PERIOD_MOD", "HOUR"} for x in range(k, m + 1))
                if anchored:
                    out.append(Cand(run[k][0], run[m][1], "DATE", run[k][3], PRIORITY["DATE"]))
            k = m + 1 if m >= k else k + 1
        return out

    # ---- selection
    @staticmethod
    def _select(cands: Iterable[Cand], occupied: list[bool]) -> list[Cand]:
        chosen = []
        for c in sorted(cands, key=lambda c: (-c.length, c.priority, c.start)):
            if any(occupied[c.start:c.end]):
                continue
            for k in range(c.start, c.end):
                occupied[k] = True
            chosen.append(c)
        return chosen

    def _names_after(self, start: int, toks, folded, occupied, *, strong: bool, comma: bool = True) -> Cand | None:
        """A person name of 1–3 name words (+ particles) starting at ``start`` (after an optional comma)."""
        i = start
        if comma and i < len(toks) and toks[i].text in PUNCT_SKIPPABLE:
            i += 1
        if i >= len(toks) or occupied[i]:
            return None
        f = folded[i]
        known = f in self._name_words
        # an unknown first word is a name only after a nationality-marked role, and never looks
        # like an adjective (definite, or feminine: وزير الخارجية السعودي المرتقبة)
        if not known and not (strong and self._unknown_word(toks[i].text, f) and not _definite(f) and not f.endswith("ه")
                              and f[0] not in "ويتن" and not _looks_inflected(toks[i].text)):
            return None
        if f in NAME_PARTICLES and not (i + 1 < len(folded) and (f in _BOUND_PARTICLES or folded[i + 1] not in self.lex.function_words)):
            return None
        j = i + 1
        content = 0 if f in NAME_PARTICLES else 1
        unknown: list[str] = [] if known else [f]
        while j < len(toks) and j - i < 6 and not occupied[j]:
            g = folded[j]
            if folded[j - 1] in _BOUND_PARTICLES and all("\u0621" <= ch <= "\u064a" for ch in g):
                j += 1  # عبد الله، أبو مازن: the word after عبد/أبو is part of the name whatever it is
                content += 1
                continue
            if g in NAME_PARTICLES or (g.startswith("عبد") and len(g) > 3 and g in self._name_words):
                j += 1
                continue
            if content >= 3:
                break
            if g in self._name_words and g not in self.lex.function_words:
                if self.is_demonym(g):
                    break
                j += 1
                content += 1
                continue
            # an unknown word continues the name when it cannot be something else: not و+X (a second
            # person), not a verb-like ي/ت/ن word, not preposition+article, no pronoun suffix, and at
            # most two unknown words of which the second is a family name with ال (عماد منسي الزهراني)
            if (self._unknown_word(toks[j].text, g) and g[0] not in "ويتن" and not _looks_inflected(toks[j].text)
                    and (not unknown or (len(unknown) == 1 and (strong or (_definite(g) and not _definite(unknown[0])))))):
                if self.is_demonym(g):
                    break
                unknown.append(g)
                j += 1
                content += 1
                continue
            break
        while j > i and folded[j - 1] in NAME_PARTICLES:
            j -= 1
        if j <= i:
            return None
        if j < len(folded) and not occupied[j] and folded[j] in _REGNAL_ORDINALS:
            j += 1  # الملك عبدالله الثاني، محمد السادس
        return Cand(i, j, "PER", 0, PRIORITY["PER"])

    def label_tokens(self, toks: Sequence[Token]) -> list[Cand]:
        folded = [fold(t.text) for t in toks]
        n = len(folded)
        cands = self._lexicon_candidates(toks, folded)
        for c in cands:
            if is_role(c.label) or c.label in (COUNTERPART, MINISTER_ANAPHOR) or (
                    c.label == "ORG" and folded[c.start][c.skip:].startswith(("وزار", "الخارجيه"))):
                self._attach_adjectives(c, toks, folded)
        # a title right after an institution noun is part of a name: جامعة الملك سعود
        def after_institution(i: int) -> bool:
            return i > 0 and reads_as(folded[i - 1], self.lex.institution_nouns)

        cands = [c for c in cands if not ((is_role(c.label) or c.label == COUNTERPART) and after_institution(c.start))]
        # a body named by its head noun + a nationality adjective: الخارجية الأميركية، الجيش السوري
        for i in range(n - 1):
            for form, skip in proclitic_readings(folded[i]):
                for words, feminine in _ORG_ADJ_HEADS.get(form, ()):
                    end = i + len(words)
                    if (folded[i + 1:end] == list(words[1:]) and end < n and self.is_demonym(folded[end])
                            and _definite(folded[end]) and folded[end].endswith("يه") == feminine):
                        cands.append(Cand(i, end + 1, "ORG", skip, PRIORITY["ORG"]))
        # a demonym-form LOC (السعودية) right after a definite noun is an adjective, not the state
        cands = [c for c in cands if not (c.label == "LOC" and c.length == 1 and self.is_demonym(folded[c.start]) and c.start > 0 and _definite(folded[c.start - 1]) and c.skip == 0)]
        cands += self._date_candidates(toks, folded)
        occupied = [False] * n
        chosen = self._select(cands, occupied)

        # person names after roles and honorifics
        extra: list[Cand] = []
        role_ends = sorted((c.end, c) for c in chosen if is_role(c.label) or c.label in (COUNTERPART, MINISTER_ANAPHOR))
        for end, c in role_ends:
            strong = self.is_demonym(folded[c.end - 1])
            p = self._names_after(end, toks, folded, occupied, strong=strong)
            if p:
                extra.append(p)
                for k in range(p.start, p.end):
                    occupied[k] = True
        for i in range(n):
            if occupied[i]:
                continue
            for form, skip in proclitic_readings(folded[i])[:1]:
                hits = self.lex.titles.walk(form, folded[i + 1:])
                if hits and not after_institution(i):
                    p = self._names_after(i + hits[0][0], toks, folded, occupied, strong=True)
                    if p:
                        extra.append(p)
                        for k in range(p.start, p.end):
                            occupied[k] = True
        # a first name (محمد، سيرغي) followed by more name words: المواطن محمد الهدوي
        first_names = self.lex.gazetteers.first_names
        for i in range(n):
            if occupied[i] or folded[i] not in first_names or (i > 0 and occupied[i - 1] and extra and extra[-1].end == i):
                continue
            p = self._names_after(i, toks, folded, occupied, strong=False, comma=False)
            if p and p.length >= 2 and p.start == i:
                extra.append(p)
                for k in range(p.start, p.end):
                    occupied[k] = True
        chosen += extra
        # later short mentions of names found in this text
        short: set[str] = set()
        for c in chosen:
            if c.label == "PER" and c.length >= 2:
                last = folded[c.end - 1]
                if (len(last) >= 3 and last not in self.lex.function_words and not self.is_demonym(last)
                        and folded[c.end - 2] not in NAME_PARTICLES and last not in self._name_words_blocked):
                    short.add(last)
                short.add(" ".join(folded[c.start:c.end]))
        if short:
            for i in range(n):
                if occupied[i]:
                    continue
                for form, skip in proclitic_readings(folded[i]):
                    if form in short:
                        chosen.append(Cand(i, i + 1, "PER", skip, PRIORITY["PER"]))
                        occupied[i] = True
                        break
        chosen.sort(key=lambda c: c.start)
        # adjacent person spans are one name (مولود جاويش + أوغلو from the gazetteer)
        merged: list[Cand] = []
        for c in chosen:
            if merged and c.label == "PER" == merged[-1].label and c.start == merged[-1].end and c.skip == 0:
                merged[-1].end = c.end
            else:
                merged.append(c)
        chosen = merged
        # نظيره takes the role of the nearest preceding office that has counterparts; when none
        # precedes, a foreign minister if the text names one later (headlines), else no label.
        # الوزيرين takes that of the nearest preceding minister.
        any_fm = any(c.label == "ROLE_FOREIGN_MINISTER" for c in chosen)
        resolved = []
        last_role: str | None = None
        last_minister: str | None = None
        for c in chosen:
            if c.label == COUNTERPART:
                if last_role is None and not any_fm:  # نظرائهم in a business story
                    continue
                c.label = last_role or "ROLE_FOREIGN_MINISTER"
            elif c.label == MINISTER_ANAPHOR:
                if last_minister is None:
                    continue
                c.label = last_minister
            if is_role(c.label):
                if c.label in COUNTERPART_ROLES:
                    last_role = c.label
                if c.label in ("ROLE_FOREIGN_MINISTER", "ROLE_MINISTER"):
                    last_minister = c.label
            resolved.append(c)
        # elliptic nationality adjective standing for a second office holder:
        # وزير الخارجية الروسي، سيرغي لافروف، والأميركي، جون كيري
        by_start = {c.start: c for c in resolved}
        for i in range(n):
            if occupied[i] or not folded[i].startswith("و") or not _definite(folded[i][1:]) or not self.is_demonym(folded[i][1:]):
                continue
            j = i + 1 + (1 if i + 1 < n and toks[i + 1].text in PUNCT_SKIPPABLE else 0)
            prev_role = next((c for c in reversed(resolved) if c.end <= i and is_role(c.label) and i - c.end <= 8), None)
            if prev_role is not None and j in by_start and by_start[j].label == "PER":
                resolved.append(Cand(i, i + 1, prev_role.label, 1, PRIORITY["ROLE"]))
                occupied[i] = True
        resolved.sort(key=lambda c: c.start)
        return resolved

    def label(self, text: str, tokens: Sequence[Token] | None = None) -> list[Span]:
        """Weak spans over ``text`` (character offsets; proclitics excluded)."""
        toks = list(tokens) if tokens is not None else word_tokenize(text)
        spans = []
        for c in self.label_tokens(toks):
            start = toks[c.start].start + raw_prefix_length(toks[c.start].text, c.skip)
            end = toks[c.end - 1].end
            if start >= end:
                continue
            spans.append(Span(start, end, c.label, text[start:end]))
        return spans

    def label_document(self, doc: Document) -> Document:
        return Document(doc.id, doc.text, self.label(doc.text), None, dict(doc.meta))


# --------------------------------------------------------------------------- merging with gold


def merge_with_gold(gold: Sequence[Span], weak: Sequence[Span], *, blocked: Sequence[tuple[int, int]] = (),
                    allowed: frozenset[str] | set[str], soft: Sequence[tuple[int, int]] = (),
                    soft_allowed: frozenset[str] | set[str] = frozenset()) -> tuple[list[Span], list[Span]]:
    """Gold spans plus the weak spans that do not conflict with them: ``(merged, added)``.

    Gold wins: a weak span overlapping a gold span is clipped to before it when the
    gold span starts later (a role losing a trailing adjective the gold tags), else dropped.
    Only weak spans of ``allowed`` types are added (a corpus with complete entity gold gets
    no weak entities). ``blocked`` character ranges (gold spans of dropped types, e.g. MISC)
    take no weak entity spans. Inside ``soft`` ranges (e.g. Wojood OCC spans, whose
    diplomatic part is recovered from the role lexicon) ``soft_allowed`` types are added too.
    """
    added: list[Span] = []
    taken = sorted((s.start, s.end) for s in gold)
    for w in sorted(weak):
        in_soft = any(a <= w.start and w.end <= b for a, b in soft)
        if w.label not in allowed and not (in_soft and w.label in soft_allowed):
            continue
        if not (is_role(w.label) or is_trigger(w.label)) and any(w.start < b and a < w.end for a, b in blocked):
            continue
        end = w.end
        clash = [(a, b) for a, b in taken if w.start < b and a < end]
        if clash:
            first = min(a for a, _ in clash)
            if first <= w.start or not is_role(w.label):
                continue
            end = first
            while end > w.start and w.text[end - w.start - 1 : end - w.start].isspace():
                end -= 1
            if end <= w.start:
                continue
            w = Span(w.start, end, w.label, w.text[: end - w.start])
        added.append(w)
        taken.append((w.start, w.end))
    return sorted(list(gold) + added), added


def make_labeller(shared: Path | None) -> WeakLabeller:
    """The labeller the corpus is built with: gazetteers cleaned against ``shared`` data and the
    gold corpora's statistics; curated lexicons only when ``shared`` is None."""
    if shared is None:
        return WeakLabeller(default_lexicons(None))
    from .sources import gold_stats

    return WeakLabeller(default_lexicons(shared, gold_stats(shared)))
