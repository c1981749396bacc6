"""Tagged spans → article-level events (schema.md "Event output"; event-gold.md conventions).

Rules, applied per article:

0. Span boundaries a small model gets wrong are mended first (:func:`.clitics.repair_spans`:
   a name cut in two, a role phrase in pieces, a bare institution head noun), and spans that
   cannot name an actor (a lone nationality adjective ``السوري``, a head noun ``ومنظمة``, a
   low-scored scrap) make no actor.
1. Persons get a role and affiliation from an adjacent ROLE span (``وزير الخارجية الروسي
   سيرغي لافروف``; ``أمير قطر الشيخ تميم``; apposition ``كيري، وزير الخارجية``), from a
   nationality adjective standing in for a repeated role (``..., والأميركي، جون كيري``), or
   from a dual role distributing its adjectives (``وزيري الخارجية الأميركي والروسي، كيري
   ولافروف``). Mentions of the same person (``لافروف`` ~ ``سيرغي لافروف``), state
   (``واشنطن`` ~ ``الولايات المتحدة``) or organisation are clustered into one actor; a
   person's role and affiliation are voted over all its bound mentions, a counterpart
   (``نظيره``) takes its subject's role, and an unqualified role is placed only on explicit
   article evidence (a headline role with one free holder, the dateline, the one foreign
   ministry named).
2. Each trigger gets a window: its sentence, cut at triggers of other types and at a reported
   speech complementizer (``قال X إن ...``), so actors of a neighbouring event do not leak in.
   Participants are the actors in the window, by type: the speaker for STATEMENT (the actor
   after the verb, else before it), visitor → visited state for VISIT, source → target for
   directed events (a subject right before the verb, ``X يتهم Y``, is the source),
   everybody for symmetric ones; dual anaphors (``الوزيران``, ``تحادثا``) and the speaker of
   an enclosing statement fill in missing sides. A circumstantial participle (``مؤكدا``)
   speaks for the subject of its clause; an agreement naming nobody was reached by the
   parties of the talks just told of.
3. Mentions of one real-world event are merged: same type, compatible modality/time/place
   and one participant set containing the other (a directed event's targets must meet);
   STATEMENT is one per speaker per article; a trip told as planned and as under way is one
   VISIT. Then a definite event noun (``المحادثات``) joins the latest event of its type, and
   talks given as the aim of talks (``لمناقشة``) join them.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from typing import Sequence

from araevents.document import Span
from araevents.events import Event, Participant, TextSpan
from araevents.gazetteer import OMAN_OR_AMMAN
from araevents.schema import EVENT_CODES, EventType, is_role, is_trigger, role_of, event_type_of

from .clitics import repair_spans, trim_proclitics
from araevents.text.proclitics import reads_as
from araevents.text.tokenize import split_sentences

from .deps import fold
from .lexicon import (
    ANONYMOUS_SUBJECTS,
    GENERIC_HEAD_NOUNS,
    is_counterpart,
    is_demonym_word,
    is_head_noun,
    is_media,
    is_sports_report,
    HONORIFIC_PRONOUNS,
    LINEAGE_WORDS,
    STATE_TITLES,
    honorific_pronoun,
    second_person_honorific,
    known_actor,
    HONORIFICS,
    PAIR_ANAPHORS_PERSON,
    PAIR_ANAPHORS_STATE,
    PLACE_PREPOSITIONS,
    SPEECH_COMPLEMENTIZERS,
    TOPIC_WORDS,
    demonym_state,
    first_person_triggers,
    place_state,
    state_kind,
    state_of,
    strip_proclitic,
)
from .modality import modality_of

_WORD = re.compile(r"\w+")
#: Offices held at home: a ruler's title reached through a preposition and a place is the complement of
#: some other office (``سفارة خادم الحرمين الشريفين لدى ...``), never the named person's role.
_RULER_ROLES = frozenset(("ROLE_HEAD_OF_STATE", "ROLE_HEAD_OF_GOVERNMENT"))
#: Officials posted abroad (``القنصل العام بجدة``, ``الملحق الثقافي بواشنطن``), whose city is a posting.
_POSTED_OFFICES = frozenset(fold(w) for w in ("القنصل", "قنصل", "الملحق", "ملحق", "المندوب", "مندوب", "الممثل", "ممثل",
                                                 "الدبلوماسي", "دبلوماسي", "الدبلوماسيين", "دبلوماسيين", "بعثة", "البعثة"))
#: Prepositions linking a role to where it is sent (``المبعوث إلى سوريا``, ``سفير ... لدى لبنان``).
_DESTINATION = frozenset(fold(w) for w in ("إلى", "الى", "لدى", "في"))
#: ... those that send it somewhere (not ``في``, where a ruler governs: ``رئيس الحكومة في طرابلس``).
_SENT_TO = _DESTINATION - {fold("في")}
_LINKS = _DESTINATION | frozenset(fold(w) for w in ("باسم", "عن", "لشؤون", "بشأن"))
_ACTOR_KINDS = ("PER", "ORG", "LOC")
_SYMMETRIC = {EventType.MEETING, EventType.PHONE_CALL, EventType.NEGOTIATION, EventType.AGREEMENT}
#: The verb of a dual call noun, which tells who called whom.
_CALL_VERBS = re.compile(r"(?<!\w)[وف]?(?:(?P<received>(?:س?[يت])?تلق[ىي]|تلقت|تلقيا|تلقوا)|(?:[أاإ]|س?[يت])جر[ىي]|[أاإ]جر(?:ت|يا|وا))(?!\w)")
#: ``لفخامة``, ``لسمو``: an honorific after ل, before the titles of the one spoken or written to.
_TO_HONORIFIC = frozenset(fold("ل" + h) for h in ("فخامة", "سمو", "معالي", "صاحب", "دولة", "سعادة", "جلالة", "سماحة"))
#: A dual call noun: two calls told at once (``اتصالين هاتفيين``, ``مكالمتين``).
_TWO_CALLS = re.compile(r"(^|\s)\w{0,2}(اتصال|مكالمت)(ين|ان)(\s|$)")
_ANAPHORIC = _SYMMETRIC | {EventType.VISIT}  # types whose definite noun refers back (see ``absorb``)
# ``مؤكدا``, ``مشيرةً``, ``قائلا``: an accusative participle (حال) trailing a clause
_CIRCUMSTANTIAL = re.compile(r"^و?(?:م\w{3,6}|قائل)[اه]$")  # matched on folded text: no tanwin, ة → ه
#: Talks (not negotiations) by their stem, folded: محادثات، مباحثات، محادثاتها.
_TALKS_WORDS = (fold("محادثات"), fold("مباحثات"))
#: Words that make talks remote, not a meeting in person (folded): هاتفية، عبر الفيديو، الاتصال المرئي.
_REMOTE = frozenset(fold(w) for w in ("هاتفيا", "هاتفياً", "هاتفية", "الهاتف", "هاتفي", "الفيديو", "فيديو", "المرئي",
                                      "المرئية", "بالفيديو"))
#: A time that names a date (a year, a month), not a day relative to the story.
_DATED = re.compile(r"\d|[٠-٩]|يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر"
                    r"|كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين"
                    r"|(?:الشهر|العام|الأسبوع|الاسبوع|السنة|عام|سنة)\s*(?:الماضي|الماضية|المقبل|المقبلة|القادم|القادمة)?")
#: Words before من that make it not "from" the origin: partitive (يزور كلا من الأردن ومصر), or the
#: first stop of a tour (جولة تبدأ من القاهرة).
_NOT_ORIGIN = frozenset(fold(w) for w in ("كلا", "كل", "عددا", "عدد", "بعض", "تبدأ", "يبدأ", "بدءا", "انطلاقا", "تنطلق"))
#: A finite verb of travel, folded, with its proclitics: سيتوجه، ويزور، وصلت، توجهوا (not وصول، زياره).
_TRAVEL_VERB = re.compile(r"^[وف]?س?(?:[يت](?:زور|صل|توجه)(?:ان|ون|ا)?|(?:زار|وصل|توجه)(?:ت|ا|تا|وا)?)$")
_NOUN_PREPOSITIONS = frozenset(fold(w) for w in ("في", "خلال", "عبر", "أثناء", "بعد", "قبل", "منذ", "عن"))
_TALKS = (EventType.MEETING, EventType.NEGOTIATION)
_OWN_JOINING = (EventType.STATEMENT, EventType.VISIT)  # see ``join_headline``
_PURPOSE = frozenset(fold(w) for w in ("لبحث", "للبحث", "لمناقشة", "للتباحث", "للتشاور", "لمباحثات", "لمحادثات"))
_PURPOSE_HEADS = frozenset(fold(w) for w in ("لإجراء", "لاجراء", "بهدف", "لعقد"))
_PRESS_CONFERENCE = fold("مؤتمر")
_KINGDOM = fold("المملكة")
_PERMANENT = frozenset(fold(w) for w in ("الدائم", "الدائمة"))
_KINGDOMS = frozenset(("السعودية", "البحرين", "الأردن", "المغرب"))
_RECEIVE = re.compile(r"(?:استقبل|يستقبل|تستقبل|سيستقبل|ستستقبل)(?:ت|ا|تا|وا|ان)?$")
_DUAL_GOVERNORS = frozenset(fold(w) for w in ("بين", "مع", "من", "في", "عن", "على", "إلى", "الى", "لدى", "حول", "بشأن"))
_HOSTING = frozenset(fold(w) for w in (
    "استضاف", "استضافت", "يستضيف", "تستضيف", "ستستضيف", "احتضن", "احتضنت", "تحتضن", "شارك", "شاركت", "تشارك",
    "يشارك", "ستشارك", "نظم", "نظمت", "عقد", "عقدت", "تعقد", "ستعقد"))
_ATTEND = frozenset(fold(w) for w in ("حضر", "حضرها", "حضره", "يحضر", "وحضر"))
_OTHER_SIDE = re.compile(r"من الجانب|عن الجانب|من جانب")
_STATEMENT_NOUN = re.compile(r"(?:[وف])?(?:[بل])?(?:ال)?(?:تصريح|بيان)")
_CLAUSE_BREAK = re.compile(r"[;؛]|(?<!\w)(?:فيما(?!\s+(?:يخص|يتعلق|بين|بعد|يلي))|بينما|في حين|من جهته|من جهتها|من جانبه|من جانبها|في المقابل|بدورها|بدوره)(?!\w)")
_LIFTING = frozenset(fold(w) for w in ("رفع", "تخفيف", "إلغاء", "الغاء", "رفعها", "تخفيفها", "إنهاء", "انهاء"))
_JOINT = frozenset(fold(w) for w in ("مشترك", "المشترك", "مشتركا"))
_WITH = re.compile(r"(?<![^\W\u0640])مـ*ع(?![^\W\u0640])")  # مع, tatweel allowed (مـع)
_HELD = frozenset(fold(w) for w in ("عقده", "عقدته", "عقداه", "عقدها", "عقدوه", "عقد"))
_PRESS_AUDIENCE = frozenset(fold(w) for w in ("الصحفيين", "الصحافيين", "الصحفيون", "وسائل", "الإعلاميين"))
_WITHIN = frozenset(fold(w) for w in ("في", "خلال", "عقب", "وفي", "وخلال"))
_DIRECTED = {EventType.ACCUSATION, EventType.APPEAL, EventType.REJECTION, EventType.REDUCE_RELATIONS}
# roles held for one state, whose unqualified use names the article's own state
_STATE_ROLES = {"HEAD_OF_STATE", "HEAD_OF_GOVERNMENT", "FOREIGN_MINISTER", "MINISTER", "SPOKESPERSON", "AMBASSADOR"}
_FOREIGN_MINISTRY = re.compile(r"(^|\s)(\w{0,3})خارجيه(\s|$)")
_DATELINE = re.compile(r"(\w+(?: \w+)?)\s*(?:\([^)]{1,30}\))?\s*[-–—:]\s")
#: A diplomat's rank written before his name, not the office he speaks for (``المتحدث ... السفير X``).
RANK_TITLES = frozenset(fold(w) for w in ("السفير", "السفيرة"))
#: Words that end an office's name: what follows them is another person (``مع السفير``).
_NOT_IN_OFFICE = frozenset(fold(w) for w in ("مع", "إلى", "الى", "من", "عن", "على", "لدى", "بين", "و", "في", "فى",
                                              "عند", "خلال", "أمس", "اليوم", "مكتبه", "مكتبها", "مقر", "مقره", "مقرها"))
#: Offices held by diplomats of ambassador rank (a spokesperson, an envoy, an assistant minister).
_RANKED_OFFICES = frozenset({"ROLE_SPOKESPERSON", "ROLE_OFFICIAL", "ROLE_ENVOY", "ROLE_SECRETARY_GENERAL"})
#: Head nouns of offices, to tell an office joined by و (``ومساعد``) from one that starts with و (``وزير``).
_OFFICE_HEADS = frozenset(fold(w) for w in ("رئيس", "نائب", "مساعد", "سفير", "مبعوث", "مستشار", "ممثل", "مندوب", "أمين",
                                            "متحدث", "ناطق", "قائد", "مدير", "ملك", "أمير", "ولي", "عضو"))
#: Titles of princes and sheikhs, after which court news writes a person's office bare.
_PRINCES = frozenset(fold(w) for w in ("الأمير", "الأميرة"))
_COURT_TITLES = _PRINCES | frozenset(fold(w) for w in ("الشيخ", "الشيخة"))
#: A king's titles; a prince (``_PRINCE_TITLES``) named after one is someone else.
_KING_TITLES = tuple(fold(w) for w in ("خادم الحرمين", "الملك", "العاهل"))
_PRINCE_TITLES = _PRINCES | frozenset(fold(w) for w in ("سمو", "السمو"))
#: Words after an office that mean another holder than the sitting one.
_NOT_SITTING = frozenset(fold(w) for w in ("السابق", "السابقة", "الأسبق", "المنتخب", "المنتخبة", "الجديد", "الجديدة", "بالإنابة", "المكلف"))
#: Single words the tagger may take for a person that never are one.
_NOT_A_NAME = frozenset({fold("الله")})
_DUAL_ROLE = re.compile(r"^[وف]?(وزير[اي]|رئيس[اي]|سفير[اي]|مبعوث[اي]|ممثل[اي]|الوزير[اي]ن)\b")


def _words(text: str) -> list[str]:
    return [fold(m.group()) for m in _WORD.finditer(text)]


@dataclass
class Actor:
    """One real-world person, state or organisation, with all its mentions in the article."""

    id: int
    kind: str
    mentions: list[Span] = field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None
    state: str | None = None  # canonical name when the actor is a known state/organisation

    keys: list[tuple[str, ...]] = field(default_factory=list)  # folded words of each mention
    evidence: list[tuple[str | None, str | None]] = field(default_factory=list)  # (role, affiliation) per bound mention
    ranks: list[str | None] = field(default_factory=list)  # roles read from a bare rank title, the last resort

    def decide(self) -> None:
        """Role and affiliation by vote over all bound mentions (earliest wins a tie): one
        mention bound wrongly by a sloppy span does not override the others."""
        roles = [r for r, _ in self.evidence if r] or [r for r in self.ranks if r]
        if roles:
            self.role = max(roles, key=lambda r: (roles.count(r), -roles.index(r)))
        affs = [f for r, f in self.evidence if f and (r is None or r == self.role)] or [f for _, f in self.evidence if f]
        if affs:
            self.affiliation = max(affs, key=lambda f: (affs.count(f), -affs.index(f)))

    def add(self, sp: Span) -> None:
        self.mentions.append(sp)
        self.keys.append(tuple(_words(sp.text)))

    def name(self) -> str:
        if self.kind in ("LOC", "ORG") and self.state is not None:
            for m in self.mentions:  # the country's own name reads better than a capital
                if fold(m.text) == fold(self.state):
                    return m.text
            for m in self.mentions:  # ``للأمم المتحدة``: the name without its preposition (mentions keep it)
                words = m.text.split()
                if words and fold(" ".join([strip_proclitic(words[0]), *words[1:]])) == fold(self.state):
                    return self.state
        return max(self.mentions, key=lambda m: (len(_words(m.text)), -m.start)).text

    def to_participant(self) -> Participant:
        affiliation = self.affiliation if self.kind == "PER" else self.state
        return Participant(
            name=self.name(),
            kind=self.kind,
            role=self.role if self.kind == "PER" else None,
            affiliation=affiliation,
            mentions=[TextSpan(m.text, m.start, m.end) for m in sorted(self.mentions)],
        )


@dataclass
class _Binding:
    role: str | None = None
    affiliation: str | None = None
    rank: bool = False  # the role is a bare rank title (``السفير يوسف``): an office named elsewhere wins


@dataclass
class _Mention:
    """An event mention before merging."""

    type: EventType
    trigger: Span
    sentence: tuple[int, int]
    participants: list[int]
    source: list[int]
    target: list[int]
    location: Span | None
    time: Span | None
    modality: str
    score: float
    triggers: list[Span] = field(default_factory=list)


def _fold_into(host: _Mention, m: _Mention, triggers: list[Span],
               parties: tuple[str, ...] = ("participants", "source", "target")) -> None:
    """Mention ``m`` joins ``host``: the given triggers, its parties not yet there, the time and
    place ``host`` lacks, the better score (one code for merging, absorbing and headlines)."""
    host.triggers = triggers
    for attr in parties:
        lst = getattr(host, attr)
        lst.extend(a for a in getattr(m, attr) if a not in lst)
    host.location = host.location or m.location
    host.time = host.time or m.time
    host.score = max(host.score, m.score)


def _to_the(word: str) -> bool:
    """``للصحفيين``, ``للملك``: ل + the article, "to the ..." (not the title ``للا``)."""
    return word.startswith("لل") and len(word) > 3


def _contains(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whole-word containment of b in a (``سيرغي لافروف`` ⊇ ``لافروف``)."""
    if not b or len(b) > len(a):
        return False
    return any(a[i : i + len(b)] == b for i in range(len(a) - len(b) + 1))


class _Article:
    def __init__(self, text: str, spans: Sequence[Span]) -> None:
        self.text = text
        self.spans = sorted(trim_proclitics(text, repair_spans(text, trim_proclitics(text, spans))))
        self._starts = [sp.start for sp in self.spans]
        self._dates = [sp for sp in self.spans if sp.label == "DATE"]
        self._date_starts = [sp.start for sp in self._dates]
        self.sentences = split_sentences(text)
        self._sent_starts = [s for s, _ in self.sentences]
        self.actors: list[Actor] = []
        self.actor_of: dict[Span, int] = {}
        self.place_mentions: set[Span] = set()  # LOC mentions that say where, not who
        self.topic_mentions: set[Span] = set()  # ``حول سورية``: what is discussed, neither who nor where
        self.consumed: set[Span] = set()  # LOC/ORG used as a role's affiliation (أمير قطر)
        # ``نظيره``, ``بنظيريه``: "his counterpart(s)" is a role word whatever the model called it
        self.counterparts = {sp for sp in self.spans if sp.label in _ACTOR_KINDS + ("ROLE",) or is_role(sp.label)
                             if is_counterpart(sp.text)}
        self.spans = [sp if sp not in self.counterparts or is_role(sp.label)
                      else Span(sp.start, sp.end, "ROLE_OFFICIAL", sp.text, sp.score) for sp in self.spans]
        self.counterparts = {sp for sp in self.spans if is_counterpart(sp.text) and is_role(sp.label)}
        self.counterpart_of: dict[Span, Span] = {}  # person → the subject whose counterpart they are
        self._starts = [sp.start for sp in self.spans]
        self._title_intro_cache: dict[frozenset[str], list[tuple[int, Span | None]]] = {}  # see _title_intros
        self._kingdom: str | None = None  # see state_named

    # ---------------------------------------------------------------- helpers

    def sent_index(self, pos: int) -> int:
        i = bisect.bisect_right(self._sent_starts, pos) - 1
        return max(i, 0)

    def same_sentence(self, a: Span, b: Span) -> bool:
        return self.sent_index(a.start) == self.sent_index(b.start)

    def spans_within(self, lo: int, hi: int) -> list[Span]:
        """Spans inside ``text[lo:hi]`` by bisection: a scan of every span per trigger made long articles quadratic."""
        a, b = bisect.bisect_left(self._starts, lo), bisect.bisect_right(self._starts, hi)
        return [sp for sp in self.spans[a:b] if sp.end <= hi]

    def gap_words(self, a: int, b: int) -> list[str]:
        return _words(self.text[a:b])

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding ``pos``; the whole text when it has none."""
        return self.sentences[self.sent_index(pos)] if self.sentences else (0, len(self.text))

    def word_before(self, pos: int) -> str:
        """The word right before ``pos`` (within 20 characters), or ''."""
        before = self.gap_words(max(0, pos - 20), pos)
        return before[-1] if before else ""

    def gap_is(self, a: int, b: int, allowed_punct: str = "،,:-–(") -> bool:
        """Only whitespace, the given punctuation and honorific titles between a and b."""
        gap = self.text[a:b]
        if any(not (c.isspace() or c.isalnum() or c in allowed_punct or c in "\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652") for c in gap):
            return False
        return all(w in HONORIFICS for w in _words(gap))

    def demonym_gap(self, a: int, b: int) -> bool:
        """Punctuation and exactly one nationality adjective between a and b."""
        words = _WORD.findall(self.text[a:b])
        if len(words) != 1 or not is_demonym_word(words[0]):
            return False
        return all(c.isspace() or c in "،,:-–(" for c in self.text[a:b].replace(words[0], "", 1))

    def prep_gap(self, a: int, b: int) -> bool:
        """Only whitespace and a linking preposition between a and b (المبعوث الأممي إلى سوريا)."""
        gap = self.text[a:b]
        if gap.strip(" \u00a0") in ("ب", "ل") and gap.endswith(("ب", "ل")):
            return True  # وزير الخارجية بدولة قطر: the preposition was trimmed off the span
        return not gap.strip(" \u00a0") or (all(w in _LINKS for w in _words(gap)) and all(c.isalpha() or c.isspace() for c in gap))

    def score_of(self, sp: Span) -> float:
        return 1.0 if sp.score is None else float(sp.score)

    # ---------------------------------------------------------------- step 1: roles

    def bind_roles(self) -> dict[Span, _Binding]:
        spans = self.spans
        bindings: dict[Span, _Binding] = {}
        used_roles: set[Span] = set()
        pending: dict[Span, list[str]] = {}  # dual role → affiliations still to hand out
        for i, sp in enumerate(spans):
            if sp.label != "PER":
                continue
            prev = spans[i - 1] if i > 0 else None
            b = _Binding()
            if prev is not None and self.same_sentence(prev, sp):
                role_sp, aff = None, None
                if is_role(prev.label) and self.gap_is(prev.end, sp.start):
                    role_sp = prev
                    function = self.function_before_rank(spans, i - 1)
                    if function is not None:  # الناطق باسم الرئاسة المصرية السفير علاء يوسف
                        used_roles.add(prev)
                        role_sp, aff = function
                    else:
                        b.rank = fold(prev.text) in RANK_TITLES
                elif is_role(prev.label) and self.demonym_gap(prev.end, sp.start):
                    # بنظيريه، الأميركي جون كيري: the adjective after the comma still belongs to the role
                    role_sp, aff = prev, self.demonyms_in(self.text[prev.end : sp.start])[0]
                elif prev.label in ("LOC", "ORG") and self.gap_is(prev.end, sp.start):
                    # أمير قطر الشيخ تميم ; الأمين العام للأمم المتحدة بان كي مون ; المبعوث الأممي إلى سوريا دي ميستورا
                    mids = [prev]
                    j = i - 2
                    while j >= 0 and spans[j].label in ("LOC", "ORG") and len(mids) < 2 and self.prep_gap(spans[j].end, mids[0].start):
                        mids.insert(0, spans[j])
                        j -= 1
                    if j >= 0 and is_role(spans[j].label) and self.same_sentence(spans[j], sp) and self.prep_gap(spans[j].end, mids[0].start):
                        gap = self.gap_words(spans[j].end, mids[0].start)
                        direct = gap in ([], ["ل"]) or (gap == ["ب"] and not self.posted_at(spans[j], mids[0]))
                        # a ruler is not sent anywhere: ``الملحق الثقافي بسفارة خادم الحرمين الشريفين لدى
                        # الولايات المتحدة الدكتور محمد العيسى`` names the king's embassy, not the king (but
                        # ``رئيس الحكومة في طرابلس خليفة الغويل`` is where he governs)
                        if spans[j].label not in _RULER_ROLES or not set(gap) & _SENT_TO:
                            role_sp = spans[j]
                            aff = self.affiliation_of_name(mids[0]) if direct else None
                        self.consumed.update(mids)
                if role_sp is not None:
                    b.role = self.role_value(role_sp, sp, bindings)
                    affs = pending.get(role_sp)
                    if affs is None:
                        affs = self.demonyms_in(role_sp.text)
                        if len(affs) > 1 and (_DUAL_ROLE.match(role_sp.text) or len(affs) == 2):
                            pending[role_sp] = affs
                    if role_sp in pending:
                        b.affiliation = pending[role_sp].pop(0) if pending[role_sp] else None
                    else:
                        b.affiliation = aff or (affs[0] if affs else None)
                    if aff and role_sp not in pending:
                        b.affiliation = aff
                    used_roles.add(role_sp)
                    if self.prince_after_king(role_sp, sp):
                        b.role = None  # the king's state is his, the king's title is not ...
                        nxt = spans[i + 1] if i + 1 < len(spans) else None
                        if nxt is not None and is_role(nxt.label) and self.names_a_state(nxt, spans[i + 2] if i + 2 < len(spans) else None):
                            b.affiliation = None  # ... unless his own office names another (``الأمير تشارلز ولي عهد بريطانيا``)
                elif self.sent_index(prev.start) == self.sent_index(sp.start):
                    b = self.elliptic_binding(spans, i, bindings, pending)
            # a bare rank before the name (``السفير بدر عبد العاطي،``) yields to his office after it
            # (``المتحدث الرسمي باسم الخارجية المصرية``)
            if (b.role is None or b.rank) and i + 1 < len(spans):
                nxt = spans[i + 1]
                after = spans[i + 2] if i + 2 < len(spans) else None
                followed_by_name = after is not None and after.label == "PER" and self.gap_is(nxt.end, after.start)
                # ``كيري، وزير الخارجية``; a spokesperson needs no comma (قال أحمد فوزي المتحدث باسم
                # الأمم المتحدة), any other role does: ``استقبل أوباما وزير الخارجية`` is someone else
                # ... and a title needs none after a court-style name, a lineage or a prince's or
                # sheikh's (``الأمير محمد بن نايف بن عبدالعزيز ولي العهد``, ``الأمير سعود الفيصل وزير
                # الخارجية``): the lists of those present. Not a title naming a state (``رئيس وزراء
                # العراق``, ``وزير الخارجية الفرنسي``): that is how a guest is introduced after his host
                apposed = (any(c in "،,(-" for c in self.text[sp.end : nxt.start]) or nxt.label == "ROLE_SPOKESPERSON"
                           or (self.court_style(sp) and not self.names_a_state(nxt, after) and not self.guest_after(spans, i + 1)))
                # ``السفير أسامة نقلي، ووكيل الوزارة``: an office after و is a second person's
                conjoined = self.conjoined_office(nxt)
                if (is_role(nxt.label) and nxt not in used_roles and self.same_sentence(sp, nxt)
                        and apposed and not conjoined and self.gap_is(sp.end, nxt.start) and not followed_by_name):
                    # a state found with no office (a prince after the king's title) stays unless this office names one
                    kept = b.affiliation if b.role is None else None
                    b.rank = False
                    b.role = self.role_value(nxt, sp, bindings)
                    affs = self.demonyms_in(nxt.text)
                    b.affiliation = affs[0] if affs else None
                    if after is not None and after.label in ("LOC", "ORG") and self.gap_is(nxt.end, after.start, ""):
                        b.affiliation = b.affiliation or self.affiliation_of_name(after)
                        self.consumed.add(after)
                    b.affiliation = b.affiliation or kept
                    used_roles.add(nxt)
            bindings[sp] = b
        self.unbound_roles = [r for r in spans if is_role(r.label) and r not in used_roles]
        # a role's genitive complement names the state/body, not an actor (وزير خارجية روسيا)
        for i, r in enumerate(spans[:-1]):
            nxt = spans[i + 1]
            if is_role(r.label) and nxt.label in ("LOC", "ORG") and self.gap_is(r.end, nxt.start, ""):
                self.consumed.add(nxt)
        return bindings

    def prince_after_king(self, role: Span, name: Span) -> bool:
        """``كان في استقبال خادم الحرمين الشريفين الأمير سعود بن عبدالله``, ``نيابة عن خادم الحرمين
        الشريفين الأمير محمد بن نايف``: a prince named right after the king's title is one of those with
        the king or acting for him, not the king."""
        king = fold(strip_proclitic(role.text)).startswith(_KING_TITLES)
        return king and bool(_PRINCE_TITLES.intersection(_words(self.text[role.end : name.start]) + _words(name.text)[:1]))

    def posted_at(self, role: Span, place: Span) -> bool:
        """A place after ``ب`` is where the office is held, not whose it is, for a diplomat
        (``السفير الأمريكي بالرياض``, ``سفير خادم الحرمين الشريفين بالقاهرة``) and for an official in a
        city (``القنصل العام بجدة``); a state after ``ب`` is the office's own (``وزير الشؤون الخارجية
        بجمهورية ليتوانيا``), as a body is (``عضو بمجلس الشيوخ``) and as any place is for a government
        office (``وزير الخارجية بطرابلس``)."""
        if place.label != "LOC":
            return False
        if role.label in ("ROLE_AMBASSADOR", "ROLE_ENVOY"):
            return True
        if role.label != "ROLE_OFFICIAL" or not _POSTED_OFFICES.intersection(_words(role.text)):
            # ``وزير الخارجية بطرابلس``, ``رئيس البرلمان بطرابلس``: a government or parliament sits at home
            return False
        name = strip_proclitic(place.text)
        return self.state_named(name) is None or state_kind(name) == "capital"  # a city names no state

    @staticmethod
    def conjoined_office(role: Span) -> bool:
        """``ووكيل الوزارة``, ``والمتحدث باسم``: an office joined by و (not ``وزير``, whose و is its own)."""
        first = fold(role.text.split()[0]) if role.text.split() else ""
        rest = first[1:]
        return first.startswith("و") and (rest.startswith(("ال", "و")) or rest in _OFFICE_HEADS)

    def guest_after(self, spans: list[Span], k: int) -> bool:
        """A person named within three words after role ``spans[k]`` (``عبدالله بن زايد رئيس الهيئة العليا
        للمفاوضات رياض حجاب``): the role is that guest's, even with a trigger tagged between."""
        role = spans[k]
        nxt = next((sp for sp in spans[k + 1 :] if sp.label == "PER"), None)
        if nxt is None or not self.same_sentence(role, nxt):
            return False
        between = self.text[role.end : nxt.start]
        words = self.gap_words(role.end, nxt.start)
        # the next of a list of those present comes after a comma or و: ``وزير الخارجية، وصاحب السمو الأمير``
        return len(words) <= 3 and not any(c in between for c in "،,") and not any(w.startswith("و") for w in words)

    def court_style(self, name: Span) -> bool:
        """A name written as Gulf court news writes those present: with a lineage (``بن``, ``آل``) or
        after a prince's or sheikh's title (``الأمير سعود الفيصل``), whose office follows it bare."""
        words = _words(name.text)
        return bool(LINEAGE_WORDS.intersection(words)) or bool(_COURT_TITLES.intersection([*words[:1], self.word_before(name.start)]))

    def comma_lists_two(self, spans: list[Span], j: int, k: int) -> bool:
        """``استقبل الأمين العام لمجلس التعاون، السفير جون أبي زيد، سفير الولايات المتحدة``: an
        office right after a reception verb is the host's, and a name followed by its own office
        after a comma is the guest's: the comma before the rank then parts two people."""
        before = spans[j - 1] if j > 0 else None
        if before is not None and before.label == "EVT_MEETING" and len(self.gap_words(before.end, spans[j].start)) <= 1:
            return True
        name = spans[k + 1] if k + 1 < len(spans) else None
        after = spans[k + 2] if k + 2 < len(spans) else None
        return (name is not None and name.label == "PER" and after is not None and is_role(after.label)
                and self.text[name.end : after.start].strip() in ("،", ","))

    def names_a_state(self, role: Span, after: Span | None) -> bool:
        """Does a role name the state it is of: an adjective (``الرئيس الفرنسي``) or a state or body as
        its complement (``ولي عهد أبوظبي``, ``رئيس وزراء العراق``)? Not a place after ``في`` (``ولي العهد
        في الرياض``), not a title of the person's own (``خادم الحرمين الشريفين``)."""
        if any(demonym_state(w) for w in _WORD.findall(role.text)):
            return True
        if after is None or after.label not in ("LOC", "ORG"):
            return False
        gap = self.text[role.end : after.start].strip(" \u00a0")
        return gap in ("", "ب", "ل") or _words(gap) == [fold("لدى")]

    def function_before_rank(self, spans: list[Span], k: int) -> tuple[Span, str | None] | None:
        """``المتحدث باسم الخارجية المصرية السفير أحمد``: a diplomat's rank (``السفير``) before his name
        is a title; the office named just before it (a few words, no punctuation but one comma
        right before the rank: ``المتحدث باسم الخارجية المصرية، السفير بدر``) is his role, and a
        state named between them his affiliation."""
        rank = spans[k]
        if k < 1 or fold(rank.text) not in RANK_TITLES:
            return None
        j = k - 1
        while j >= 0 and spans[j].label in ("LOC", "ORG") and self.same_sentence(spans[j], rank):
            j -= 1
        if j < 0 or spans[j].label not in _RANKED_OFFICES or not self.same_sentence(spans[j], rank):
            return None  # a minister or head of state who receives an ambassador is someone else
        function = spans[j]
        between = self.text[function.end : rank.start]
        gap = self.gap_words(function.end, rank.start)
        apposed = between.rstrip()
        comma = apposed.endswith(("،", ","))
        apposed = apposed[:-1] if comma else apposed
        if comma and self.comma_lists_two(spans, j, k):
            return None
        if len(gap) > 5 or any(c in apposed for c in "،,.:؛") or any(w in _NOT_IN_OFFICE or strip_proclitic(w) in _NOT_IN_OFFICE for w in gap):
            return None  # التقى المتحدث باسم الوزارة مع السفير X, في القاهرة السفير X: two people
        states = [state_of(sp.text) for sp in spans[j + 1 : k]] + self.demonyms_in(between)
        return function, next((st for st in states if st), None)

    def role_value(self, role_sp: Span, person: Span, bindings: dict[Span, _Binding]) -> str | None:
        """The role a role span gives ``person``. ``نظيره الأميركي`` (counterpart) and a bare
        ``والأميركي`` elide their head noun: they take the role of the nearest person before
        them in the sentence that has one, and give none when there is no such person."""
        if role_sp in self.counterparts or self.is_bare_demonym(role_sp.text):
            # the counterpart of the clause's subject (the first person with a role); an elided
            # head repeats the nearest one (الأميركي جون كيري والسعودي عادل الجبير)
            before = [o for o in sorted(bindings, key=lambda x: x.start) if o.end <= role_sp.start
                      and self.same_sentence(o, role_sp) and bindings[o].role]
            if role_sp not in self.counterparts:
                # بنظيريه، الأميركي جون كيري: the adjective was tagged apart from its counterpart noun
                role_sp = self.counterpart_before(role_sp) or role_sp
            if role_sp in self.counterparts:  # الجبير ... مع نظيره لافروف: resolved once actors know their roles
                subject = before or sorted((o for o in bindings if o.end <= role_sp.start and self.same_sentence(o, role_sp)),
                                           key=lambda x: x.start)
                if subject:
                    self.counterpart_of[person] = subject[0]
            if not before:
                return None
            return bindings[before[0] if role_sp in self.counterparts else before[-1]].role
        return role_of(role_sp.label).value

    def counterpart_before(self, sp: Span) -> Span | None:
        """The counterpart word right before ``sp`` in its sentence, with only punctuation between."""
        i = self.spans.index(sp)
        prev = self.spans[i - 1] if i > 0 else None
        if (prev is not None and prev in self.counterparts and self.same_sentence(prev, sp)
                and not self.gap_words(prev.end, sp.start) and self.gap_is(prev.end, sp.start)):
            return prev
        return None

    @staticmethod
    def is_bare_demonym(text: str) -> bool:
        words = text.split()
        return len(words) == 1 and is_demonym_word(words[0])

    def elliptic_binding(self, spans: list[Span], i: int, bindings: dict[Span, _Binding], pending: dict) -> _Binding:
        """``وزير الخارجية الروسي، سيرغي لافروف، والأميركي، جون كيري``: the adjective stands for the role."""
        sp = spans[i]
        prev = spans[i - 1]
        gap = self.text[prev.end : sp.start]
        words = _words(gap)
        b = _Binding()
        if prev.label == "PER" and prev in bindings and bindings[prev].role is not None:
            if len(words) == 1 and demonym_state(words[0]):
                b.role = bindings[prev].role
                b.affiliation = demonym_state(words[0])
            elif words in (["و"], []) and "،" in gap or words == ["و"]:
                # ... وسيرغي لافروف after a dual role: next pending affiliation
                for role_sp, affs in pending.items():
                    if affs and role_of(role_sp.label).value == bindings[prev].role:
                        b.role, b.affiliation = bindings[prev].role, affs.pop(0)
                        break
        elif len(words) <= 2 and words and demonym_state(words[-1]) and words[0] in ("و",) + tuple(words[-1:]) \
                and not is_role(prev.label):
            b.affiliation = demonym_state(words[-1])
        if b.role is None and 1 <= len(words) <= 3 and any(is_counterpart(w) for w in words):
            # التقى لافروف نظيره الأميركي جون كيري: the counterpart has the role of the one before
            for other in sorted(bindings, key=lambda x: x.start, reverse=True):
                if other.end <= prev.end and self.same_sentence(other, sp) and bindings[other].role:
                    b.role = bindings[other].role
                    self.counterpart_of[sp] = other
                    break
            dem = [demonym_state(w) for w in words if demonym_state(w)]
            b.affiliation = b.affiliation or (dem[-1] if dem else None)
        return b

    def demonyms_in(self, text: str) -> list[str]:
        """States a role's words name: demonyms (``الروسي``) and state titles (``خادم الحرمين الشريفين``)."""
        folded = " ".join(_words(text))
        out = [st for title, st in STATE_TITLES.items() if title in folded]
        for w in _WORD.findall(text):
            st = demonym_state(w)
            if st is not None and st not in out:
                out.append(st)
        return out

    def state_named(self, name: str) -> str | None:
        """:func:`state_of`, and a bare ``المملكة`` (``مندوب المملكة الدائم``, ``زيارة المملكة``) read
        as the one kingdom the article names (by name, capital or ``خادم الحرمين الشريفين``): Saudi
        copy calls Saudi Arabia so, Bahraini copy Bahrain; with two kingdoms named it stays unread."""
        st = state_of(name)
        if st is not None:
            return st
        words = fold(name).split()
        if not words or fold(strip_proclitic(name.split()[0])) != _KINGDOM or not set(words[1:]) <= _PERMANENT:
            return None
        if self._kingdom is None:
            # not a bare ``عمان``: Amman (Jordan) and Oman fold alike
            named = {state_of(sp.text) for sp in self.spans if sp.label == "LOC" and fold(strip_proclitic(sp.text)) != OMAN_OR_AMMAN}
            named |= {st for title, st in STATE_TITLES.items() if title in fold(self.text)}
            kingdoms = named & _KINGDOMS
            self._kingdom = next(iter(kingdoms)) if len(kingdoms) == 1 else ""
        return self._kingdom or None

    def affiliation_of_name(self, sp: Span) -> str:
        """The plain name of a state/body after a role: ``للأمم المتحدة`` → الأمم المتحدة,
        ``الخارجية الروسية`` → روسيا (a ministry speaks for its state)."""
        st = self.state_named(sp.text)
        if st is not None:
            return st
        dem = self.demonyms_in(sp.text)
        if sp.label == "ORG" and len(dem) == 1:
            return dem[0]
        return strip_proclitic(sp.text) if sp.text[:1] in "لب" else sp.text

    # ---------------------------------------------------------------- step 2: actors

    def build_actors(self, bindings: dict[Span, _Binding], use_known_actors: bool = True) -> None:
        """Cluster mentions into actors, vote their roles and affiliations, then fill gaps: a
        counterpart's role, a headline role, the corpus-mined known actors (off when mining
        them, so the table never feeds on itself), article states, a visited counterpart."""
        pronouns: list[Span] = []
        for sp in self.spans:
            if sp.label not in _ACTOR_KINDS:
                continue
            if sp.label == "ORG" and is_media(sp.text):
                continue  # ذكرت وكالة فرانس برس, في تصريحات لـ«عكاظ»: the press reports, it takes no part
            if not self.plausible(sp) and self.state_named(sp.text) is None:
                continue  # السوري, ومنظمة: no actor, and no mention to glue onto one (الهلال الأحمر السوري)
            if self.is_topic(sp):
                self.topic_mentions.add(sp)
            if sp.label == "LOC":
                st = self.state_named(sp.text)
                if st is None:
                    if sp not in self.topic_mentions:
                        self.place_mentions.add(sp)
                    continue
                if self.is_place(sp):
                    self.place_mentions.add(sp)
                actor = self.find_actor("LOC", state=st) or self.new_actor("LOC", state=st)
            elif sp.label == "ORG":
                st = state_of(sp.text)
                if self.is_place(sp):  # في مجلس الأمن: the venue
                    self.place_mentions.add(sp)
                key = tuple(_words(strip_proclitic(sp.text)))
                actor = (self.find_actor("ORG", state=st) if st else None) or self.find_actor("ORG", key=key) \
                    or self.new_actor("ORG", state=st)
            elif honorific_pronoun(sp.text):
                pronouns.append(sp)  # وشدد معاليه: the person the text is about, resolved below
                continue
            else:
                key = tuple(_words(sp.text))
                actor = self.find_actor("PER", key=key) or self.new_actor("PER")
                b = bindings.get(sp)
                if b is not None and b.rank:
                    actor.ranks.append(b.role)
                    if b.affiliation:
                        actor.evidence.append((None, b.affiliation))
                elif b is not None and (b.role or b.affiliation):
                    actor.evidence.append((b.role, b.affiliation))
            actor.add(sp)
            self.actor_of[sp] = actor.id
        self.merge_name_parts()
        for a in self.actors:
            a.decide()
        self.resolve_honorific_pronouns(pronouns)
        for _, a, b in self.counterpart_actors():
            if a.role is None:
                a.role = b.role
        self.fill_from_unbound_roles()
        if use_known_actors:
            self.fill_from_known_actors()
        self.fill_from_article_states()
        self.fill_from_visited_counterparts()

    def merge_name_parts(self) -> None:
        """``جون`` … ``كيري`` … ``جون كيري``: a person whose every name is contained (whole words)
        in the names of exactly one other person is that person; ambiguous parts (``محمد`` with
        two different Mohammeds) stay apart. Evidence of both is kept."""
        people = [a for a in self.actors if a.kind == "PER" and a.mentions]
        for a in sorted(people, key=lambda x: max(len(k) for k in x.keys)):
            hosts = [b for b in people if b is not a and b.mentions and max(len(k) for k in b.keys) > max(len(k) for k in a.keys)
                     and all(any(_contains(kb, ka) for kb in b.keys) for ka in a.keys)]
            if len(hosts) != 1:
                continue
            host = hosts[0]
            for m in a.mentions:
                host.add(m)
                self.actor_of[m] = host.id
            host.evidence.extend(a.evidence)
            host.ranks.extend(a.ranks)
            host.mentions.sort()
            a.mentions, a.keys, a.evidence, a.ranks = [], [], [], []

    def resolve_honorific_pronouns(self, pronouns: list[Span]) -> None:
        """``وشدد معاليه``: the article's subject, whom Gulf agency style gives the honorific. That is
        the person of the first matching title before it that names one (``معالي وزير الخارجية ...
        عادل الجبير``), even if a later guest is titled too (``مع معالي وزير الخارجية الألماني``); if
        the titles only head a nameless host (``استقبل معالي وزير الخارجية ... سفير اليابان``), nobody;
        with no such title, the first-named person whose office fits the honorific (``فخامته``: a
        president), else nobody. A title after ``نيابة عن`` (on whose behalf another acts) names
        no subject. The pronoun adds no key, so it never joins or splits names; an unresolved one
        stays a pronoun span, so that no other actor is taken for its speaker."""
        for sp in pronouns:
            honorific = HONORIFIC_PRONOUNS[honorific_pronoun(sp.text) or ""]
            host = self.titled_person(honorific.titles, sp.start)
            if host is False:
                continue
            if host is None:
                firsts = [a for a in self.actors if a.kind == "PER" and a.mentions and a.mentions[0].start < sp.start
                          and (a.role in honorific.offices or (fold("سمو") in honorific.titles
                                                                and any(LINEAGE_WORDS & set(k) for k in a.keys)))]
                if not firsts:
                    continue
                host = min(firsts, key=lambda a: a.mentions[0].start)
            host.mentions.append(sp)
            host.mentions.sort()
            self.actor_of[sp] = host.id

    def titled_person(self, titles: frozenset[str], end: int) -> "Actor | None | bool":
        """The person the first of ``titles`` before ``end`` that introduces a name introduces
        (adjacent roles, then at most one state or body, then the name: a headline's nameless
        ``معالي وزير الخارجية يؤكد`` is skipped); False when every such title introduces nobody by
        name; None when no such title stands before ``end``. The titles of an article are read
        once (``_title_intros``), so many pronouns cost one pass."""
        nameless = False
        for start, person in self._title_intros(titles):
            if start >= end:
                break
            if person is not None and person.start < end:
                return self.actors[self.actor_of[person]]
            nameless = True
        return False if nameless else None

    def _title_intros(self, titles: frozenset[str]) -> list[tuple[int, Span | None]]:
        """(position, the name it introduces or None) of every title of ``titles`` in the article."""
        if titles not in self._title_intro_cache:
            self._title_intro_cache[titles] = [
                (m.start(), self.introduced_name(m.start())) for m in _WORD.finditer(self.text)
                if fold(m.group()) in titles and not self.on_behalf(m.start())]
        return self._title_intro_cache[titles]

    def on_behalf(self, pos: int) -> bool:
        """Is ``pos`` inside ``نيابة عن ...`` (or ``بالنيابة عن``) in its sentence, with no event word between?"""
        s, _ = self.sentence_at(pos)
        k = self.text.rfind("نيابة عن", s, pos)  # also بالنيابة عن
        if k < 0:
            return False
        j = bisect.bisect_left(self._starts, k)
        return not any(is_trigger(sp.label) for sp in self.spans[j:] if sp.start < pos)

    def introduced_name(self, pos: int) -> Span | None:
        """The name a title at ``pos`` introduces: adjacent roles, at most one state or body, the name."""
        j = bisect.bisect_left(self._starts, pos)  # the title may open a role span (``معالي وزير``)
        seen_role = seen_place = False
        last = pos
        while j < len(self.spans):
            nxt = self.spans[j]
            if not (self.gap_is(last, nxt.start) or (seen_role and self.prep_gap(last, nxt.start))):
                return None  # ``معالي وزير الخارجية في مكتبه ... سفير اليابان``: the titled one has no name
            last = nxt.end
            if is_role(nxt.label) and not seen_place:
                seen_role = True
            elif nxt.label in ("LOC", "ORG") and seen_role and not seen_place:
                seen_place = True
            elif nxt.label == "PER" and nxt in self.actor_of and not honorific_pronoun(nxt.text):
                return nxt
            else:
                return None
            j += 1
        return None

    def counterpart_actors(self) -> list[tuple[Span, Actor, Actor]]:
        """(counterpart mention, its actor, the subject's actor) for every ``نظيره`` whose two
        sides became two different actors."""
        out = []
        for person, subject in self.counterpart_of.items():
            if person in self.actor_of and subject in self.actor_of:
                a, b = self.actors[self.actor_of[person]], self.actors[self.actor_of[subject]]
                if a is not b:
                    out.append((person, a, b))
        return out

    def fill_from_known_actors(self) -> None:
        """``وزير الخارجية عادل الجبير`` with no adjective: a person the article leaves unplaced
        takes the state the news corpus binds the name to (``araevents build-actors``), and the
        role too when the article gives none. Explicit article evidence always came first."""
        for a in self.actors:
            if a.kind != "PER" or a.affiliation is not None or not a.mentions:
                continue
            for m in sorted(a.mentions, key=lambda m: -len(m.text.split())):
                known = known_actor(m.text)
                if known is not None:
                    a.affiliation = known.affiliation
                    a.role = a.role or known.role
                    break

    def fill_from_visited_counterparts(self) -> None:
        """``وصل وزير الخارجية السوري إلى مسقط والتقى نظيره يوسف بن علوي``: an unplaced
        counterpart of a placed subject belongs to the one other state named in the sentence
        (``مسقط`` → عُمان), not counting what is discussed (``حول سوريا``)."""
        for person, a, b in self.counterpart_actors():
            if a.affiliation is not None or b.affiliation is None:
                continue
            s, e = self.sentences[self.sent_index(person.start)]
            states = {state_of(sp.text) for sp in self.spans_within(s, e)
                      if sp.label == "LOC" and sp not in self.topic_mentions}
            states = {st for st in states if st is not None and st != b.affiliation and state_kind(st) != "org"}
            if len(states) == 1:
                a.affiliation = states.pop()

    def fill_from_article_states(self) -> None:
        """``وزير الخارجية عادل الجبير`` with no adjective: an unqualified role may be placed by
        explicit article evidence only, the dateline (``الرياض - ``: a national role in a
        datelined report is the home state's) or the one foreign ministry the article names
        (``الخارجية السعودية``) for a lone unplaced foreign minister or spokesperson. Each is
        used only when exactly one holder of the role is unplaced and the state is not already
        another holder's; without such evidence the affiliation stays empty."""
        free = [a for a in self.actors if a.kind == "PER" and a.mentions and a.role in _STATE_ROLES and a.affiliation is None]
        if not free:
            return
        home = self.dateline_state()
        ministries = {st for sp in self.spans if sp.label == "ORG" or is_role(sp.label)
                      if _FOREIGN_MINISTRY.search(fold(sp.text)) for st in self.demonyms_in(sp.text)
                      if state_kind(st) == "state"}
        for a in free:
            if sum(1 for b in free if b.role == a.role) > 1:
                continue  # two unplaced foreign ministers: which is which would be a guess
            taken = {b.affiliation for b in self.actors if b is not a and b.role == a.role and b.affiliation}
            cands = [home] if home else []
            if a.role in ("FOREIGN_MINISTER", "SPOKESPERSON") and len(ministries) == 1:
                cands.append(next(iter(ministries)))
            cands = [c for c in dict.fromkeys(cands) if c not in taken]
            if len(cands) == 1:
                a.affiliation = cands[0]

    def dateline_state(self) -> str | None:
        """The state of a dateline city opening the article body (``موسكو - ``, ``الرياض (واس) -``)."""
        for s, e in self.sentences[:3]:
            m = _DATELINE.match(self.text, s, e)
            if m is not None:
                st = state_of(m.group(1))
                if st is not None and state_kind(st) == "state":
                    return st
        return None

    def plausible(self, sp: Span) -> bool:
        """Could this span name an actor? Not a lone adjective, head noun or low-scored scrap."""
        words = sp.text.split()
        if all(is_demonym_word(w) for w in words):
            return False  # الأميركية الروسية
        if len(words) != 1:
            return True
        w = words[0]
        bare = fold(strip_proclitic(w))
        if is_demonym_word(w) or is_counterpart(w) or bare in _NOT_A_NAME or second_person_honorific(w):
            return False  # ... and ``أيده الله``, ``رعاه الله``: a blessing after a title, nobody; ``لفخامتكم``: the reader
        if is_head_noun(w) or (bare.startswith("ال") and bare[2:] in GENERIC_HEAD_NOUNS):
            return False
        if sp.label != "PER" and bare.startswith("ال") and bare.endswith(("ي", "يه")) and state_of(w) is None:
            return False  # a nisba adjective (الدولي، الأوروبية) without its noun
        if len(bare) <= 3 and self.score_of(sp) < 0.5:
            return False
        return True

    def fill_from_unbound_roles(self) -> None:
        """A headline's ``وزير الخارجية الروسي`` gives its state to the one unaffiliated person with that role."""
        for r in self.unbound_roles:
            if fold(strip_proclitic(r.text.split()[0])) in GENERIC_HEAD_NOUNS:
                continue  # ``الخارجية الروسية``: the ministry, tagged as a role, names no office holder
            affs = self.demonyms_in(r.text)
            if len(affs) != 1:
                continue
            role = role_of(r.label).value
            holders = [a for a in self.actors if a.kind == "PER" and a.role == role]
            if any(a.affiliation == affs[0] for a in holders):
                continue
            free = [a for a in holders if a.affiliation is None]
            if len(free) == 1:
                free[0].affiliation = affs[0]

    def find_actor(self, kind: str, key: tuple[str, ...] | None = None, state: str | None = None) -> Actor | None:
        best = None
        for a in self.actors:
            if a.kind != kind:
                continue
            if state is not None and a.state == state:
                return a
            # every name of the actor must fit the new one: ``محمد`` may join ``محمد بن سلمان``, but
            # then ``محمد جواد ظريف`` is somebody else
            if key and a.keys and all(_contains(k, key) or _contains(key, k) for k in a.keys):
                if best is None or a.mentions[-1].start > best.mentions[-1].start:
                    best = a
        return best

    def new_actor(self, kind: str, state: str | None = None) -> Actor:
        a = Actor(len(self.actors), kind, state=state)
        self.actors.append(a)
        return a

    def is_place(self, sp: Span) -> bool:
        """``في موسكو``, ``بنيويورك``: a place the event happens in, not an actor."""
        before = self.gap_words(max(0, sp.start - 12), sp.start)
        if before and before[-1] in PLACE_PREPOSITIONS:
            return True
        return sp.label == "LOC" and sp.text[:1] == "ب" and state_of(sp.text[1:]) is not None

    def is_topic(self, sp: Span) -> bool:
        """``حول سورية``, ``بشأن الملف النووي الإيراني``: the subject of the talks, not a party or a venue."""
        before = self.gap_words(max(0, sp.start - 12), sp.start)
        return bool(before) and before[-1] in TOPIC_WORDS

    # ---------------------------------------------------------------- step 3: event mentions

    def trigger_groups(self) -> list[list[Span]]:
        """Consecutive triggers of one type a few words apart are one phrase (حمّلت واشنطن موسكو مسؤولية)."""
        groups: list[list[Span]] = []
        for t in (sp for sp in self.spans if is_trigger(sp.label)):
            last = groups[-1][-1] if groups else None
            if (last is not None and last.label == t.label and self.same_sentence(last, t)
                    and len(self.gap_words(last.end, t.start)) <= 3 and "،" not in self.text[last.end : t.start]):
                groups[-1].append(t)
            else:
                groups.append([t])
        return groups

    def event_mentions(self) -> list[_Mention]:
        groups = self.trigger_groups()
        heads = [Span(g[0].start, g[-1].end, g[0].label, self.text[g[0].start : g[-1].end], g[0].score) for g in groups]
        self._heads = heads
        self._head_starts = [h.start for h in heads]  # non-decreasing: groups follow the sorted spans
        self._head_max_end = list(itertools.accumulate((h.end for h in heads), max))
        out: list[_Mention] = []
        speakers: dict[int, int] = {}  # sentence → speaker actor of its statement
        for group, t in zip(groups, heads):
            etype = event_type_of(t.label)
            if etype is EventType.NEGOTIATION and self.talks_with_person(t):
                etype = EventType.MEETING
            if etype is EventType.REDUCE_RELATIONS and self.lifted(t):
                continue
            k = self.sent_index(t.start)
            s_start, s_end = self.sentences[k] if self.sentences else (0, len(self.text))
            lo, hi = self.window(t, s_start, s_end)
            t = group[0]  # the group's span only sets the window; roles are read from its first trigger
            inside = [sp for sp in self.spans_within(lo, hi) if not is_trigger(sp.label)]
            actors = [sp for sp in inside if sp in self.actor_of and sp not in self.consumed]
            agents = [sp for sp in actors if sp not in self.place_mentions and sp not in self.topic_mentions]
            parts: list[int] = []
            source: list[int] = []
            target: list[int] = []
            split: list[tuple[int, int]] = []  # (caller, callee) of each call a dual call noun tells
            location = self.nearest([sp for sp in inside if sp.label == "LOC" and (sp in self.place_mentions)], t)
            if etype is EventType.STATEMENT:
                spk = self.clause_subject(out, k) if self.circumstantial(t) else \
                    self.clause_subject(out, k, same_sentence=True) if self.press_conference_within(t) else None
                spk = spk if spk is not None else self.speaker(t, agents, hi)
                if spk is not None and self.actors[spk].kind != "PER" and self.reported(t, s_start):
                    continue  # ``أكد الجبير أن المملكة ترحب بأي اتفاق``: what he said, not the state's statement
                if spk is None:  # ``وأضافت أن الوزيرين قالا``: each of the two said it
                    source = self.pair_subject(group, lo, hi)
                    if len(source) != 2:
                        continue
                else:
                    speakers[k] = spk
                    source = [spk]
                parts = list(source)
            elif etype is EventType.VISIT:
                dest = next((sp for sp in inside if sp.label == "LOC" and sp.start > t.end and not self.origin(sp)), None)
                after = [sp for sp in agents if sp.start > t.end and (dest is None or sp.end <= dest.start) and sp.label != "LOC"]
                before = [sp for sp in agents if sp.end <= t.start and sp.label != "LOC"]
                # ``ويزور القاهرة الأسبوع المقبل وزير الخارجية الروسي سيرغي لافروف``: the place may come first
                later = [sp for sp in agents if dest is not None and sp.start > dest.end and sp.label != "LOC"]
                visitor = after[0] if after else (before[-1] if before else (later[0] if later and self.is_travel_verb(t) else None))
                if visitor is None and fold(t.text).endswith(("ته", "تها", "اته")):
                    visitor = self.recent_person(t.start)  # زيارته: the visitor is the pronoun's antecedent
                if visitor is not None:
                    source = [self.actor_of[visitor]]
                elif self.is_travel_verb(t):
                    source = self.continued_subject(t, lo, hi, out, k)
                if dest is not None:
                    location = dest
                    if dest in self.actor_of:
                        target = [self.actor_of[dest]]
                parts = source + [a for a in target if a not in source]
            else:
                ids = self.ordered_ids(agents)
                if etype in _DIRECTED and not self.has_between(t, hi):
                    after = [sp for sp in agents if sp.start > t.end]
                    before = [sp for sp in agents if sp.end <= t.start]
                    subject_first = bool(before) and not self.gap_words(before[-1].end, t.start)  # ``X يتهم Y``
                    verb_first = bool(after) and len(self.gap_words(t.end, after[0].start)) <= 3 and not self.gap_words(t.end, after[0].start)[:1] in (["من"], ["على"], ["الى"])
                    src = before[-1] if subject_first else after[0] if verb_first else (before[-1] if before else None)
                    # a source the mentions around the verb do not show: ``ودعا الرئيس اليمني`` (a title)
                    named = None if subject_first else self.titled_subject(t, hi)
                    if self.quoted_first_person(t):  # ``وقال الجبير: «نرفض العدوانية الإيرانية»``
                        named = speakers.get(k)
                        if named is None and self.speech_verb_before(t, s_start):
                            named = self.last_speaker(out)  # ``وأضاف: «نرفض``: the speaker goes on
                    if named is not None:
                        source = [named]
                        target = [i for i in self.ordered_ids(after) if i != named][:1]
                    elif src is not None:
                        source = [self.actor_of[src]]
                        target = [i for i in self.ordered_ids([sp for sp in after if sp is not src]) if i not in source][:1]
                    parts = source + [i for i in ids if i not in source]
                else:
                    between = self.after_cue(t, agents, hi)
                    parts = self.ordered_ids(between) if len(set(self.ordered_ids(between))) >= 2 else ids
                    # ``أن الوزيرين اتفقا على إجراءات ستتخذها موسكو وواشنطن``: a dual subject right
                    # before the verb names the parties; the states after it are what they agreed on
                    last_two = self.gap_words(lo, t.start)[-2:]
                    subject_pair = [] if len(last_two) == 2 and last_two[0] in _DUAL_GOVERNORS else \
                        self.pair_named_by(set(last_two[-1:]), t.start)  # not ``العلاقات بين البلدين واتفقا``
                    if len(subject_pair) == 2:
                        parts = subject_pair
                    if len(parts) < 2:  # ``الوزيرين بحثا`` names both sides; try it before the speaker
                        parts = self.with_pair_anaphor(t, lo, hi, parts)
                    if len(parts) < 2 and speakers.get(k) is not None and lo > s_start:
                        parts = [speakers[k]] + [i for i in parts if i != speakers[k]]
            if etype is EventType.PHONE_CALL and any(_TWO_CALLS.search(fold(g.text)) for g in group):
                pairs = self.dual_calls(t, agents, parts, s_start)
                if pairs is not None and not pairs:
                    continue  # ``الحكومة تلقت اتصالين من الأمم المتحدة والاتحاد الأوروبي``: no call between the two
                split = pairs or []
            if not parts and etype is EventType.AGREEMENT:
                parts = self.parties_of_recent_talks(out, k)
            if not parts:
                continue
            time = self.nearest([sp for sp in inside if sp.label == "DATE"], t) or self.nearest(
                [sp for sp in self._dates[bisect.bisect_left(self._date_starts, s_start) : bisect.bisect_right(self._date_starts, s_end)]
                 if sp.end <= s_end], t
            )
            mod = modality_of(self.text[lo : t.start], t.text, self.text[t.end : t.end + 40], time.text if time else None)
            used = [m for m in actors if self.actor_of[m] in parts]
            score = (self.score_of(t) + sum(self.score_of(m) for m in used) / len(used)) / 2 if used else self.score_of(t)
            if etype is EventType.STATEMENT:  # one statement per speaker: they are matched by speaker
                out.extend(_Mention(etype, group[0], (s_start, s_end), [a], [a], [], location, time, mod, score, list(group))
                           for a in source)
                for pc, other in self.joint_press_conferences(group, agents, source):
                    out.append(_Mention(EventType.MEETING, pc, (s_start, s_end), [*source, other], [], [],
                                        location, time, mod, score, [pc]))
            elif split:
                out.extend(_Mention(etype, group[0], (s_start, s_end), [caller, callee], [caller], [callee], location, time,
                                    mod, score, list(group)) for caller, callee in split)
            else:
                out.append(_Mention(etype, group[0], (s_start, s_end), parts, source, target, location, time, mod, score, list(group)))
        return out

    def reported(self, t: Span, s_start: int) -> bool:
        """Is speech verb ``t`` inside what an earlier speech verb of its sentence reports (after
        its ``أن``, ``إن``, colon or quote)? A participle (``مؤكدا``) continues the clause instead."""
        if self.circumstantial(t):
            return False
        for sp in self.spans_within(s_start, t.start):
            if sp.label != "EVT_STATEMENT" or self.statement_noun(sp):
                continue  # a noun (``تصريحات الجبير بأن``) reports nothing said in this sentence
            start = self.speech_start(sp, t.start)
            if start < t.start and not _CLAUSE_BREAK.search(self.text[start : t.start]):
                return True  # not ``..., فيما أكدت مصر``: a new clause, a new speaker
        return False

    @staticmethod
    def statement_noun(t: Span) -> bool:
        """``تصريحات``, ``البيان``, ``بتصريحات``: a statement told by a noun, not a speech verb."""
        return bool(_STATEMENT_NOUN.match(fold(t.text)))

    def press_conference_within(self, t: Span) -> bool:
        """``تحدث الجبير خلال مؤتمر صحفي مع شكري``: a press conference the clause's subject speaks
        in; the one after ``مع`` holds it with him, he is not its speaker."""
        return _PRESS_CONFERENCE in fold(t.text) and self.word_before(t.start) in _WITHIN

    def joint_press_conferences(self, group: list[Span], agents: list[Span], speakers: list[int]) -> list[tuple[Span, int]]:
        """``في مؤتمر صحافي مشترك مع نظيره X``, ``مؤتمر صحفي عقده مع X``: two who hold a press
        conference together have met (docs/event-annotation.md), so it is also a MEETING of the
        speaker and the one named after ``مع``."""
        found = []
        for pc in group:
            if _PRESS_CONFERENCE not in fold(pc.text) or len(speakers) != 1:
                continue
            words = self.gap_words(pc.end, min(len(self.text), pc.end + 60))
            while words and (words[0] in _JOINT or words[0] in _HELD):
                words = words[1:]  # مشترك, عقده
            if not words or words[0] != "مع" or words[1:2] and words[1] in _PRESS_AUDIENCE:
                continue  # ``تزامنا مع زيارة``, ``مع الصحفيين``
            found_with = _WITH.search(self.text, pc.end)
            if found_with is None:
                continue
            with_at = found_with.start()
            person = next((sp for sp in agents if sp.start > with_at and sp.label == "PER" and self.same_sentence(pc, sp)), None)
            if person is None or self.actor_of[person] in speakers or len(self.gap_words(with_at, person.start)) > 7 \
                    or any(is_trigger(sp.label) for sp in self.spans_within(with_at, person.start)):
                continue  # ``عقده مع نهاية زيارة كيري``: the one after مع is not who held it
            found.append((pc, self.actor_of[person]))
        return found

    @staticmethod
    def is_talks_word(t: Span) -> bool:
        """``محادثات``, ``المباحثات``, ``محادثاتها``: talks, which may be a meeting or a negotiation."""
        words = _words(t.text)
        return len(words) == 1 and strip_proclitic(words[0]).removeprefix("ال").startswith(_TALKS_WORDS)

    def talks_with_person(self, t: Span) -> bool:
        """``تجري خلالها محادثات مع وزير الخارجية``: talks held with a person are a meeting
        (schema: in-person talks); ``محادثات السلام``, ``مفاوضات مع إيران`` stay negotiations."""
        if not self.is_talks_word(t):
            return False
        if set(self.gap_words(t.end, min(len(self.text), t.end + 80))[:8]) & _REMOTE:
            return False  # محادثات مع نظيره عبر تقنية الفيديو: not in person
        after = self.gap_words(t.end, min(len(self.text), t.end + 30))[:1]
        if after not in (["مع"], ["ومع"]):
            return False
        j = bisect.bisect_left(self._starts, t.end)
        nxt = self.spans[j] if j < len(self.spans) else None
        return nxt is not None and (nxt.label == "PER" or is_role(nxt.label)) and len(self.gap_words(t.end, nxt.start)) <= 2

    def parties_of_recent_talks(self, out: list[_Mention], k: int) -> list[int]:
        """``وأسفرت المفاوضات عن اتفاق``: an agreement that names nobody was reached by the parties of
        the talks told of just before it (a meeting, call, negotiation or agreement of this sentence
        or the one before)."""
        lo = self.sentences[k - 1][0] if k > 0 and self.sentences else (self.sentences[k][0] if self.sentences else 0)
        for prev in reversed(out):
            if prev.sentence[0] < lo:
                break
            if prev.type in _SYMMETRIC:
                return list(prev.participants)
        return []

    def origin(self, sp: Span) -> bool:
        """``ستتوجه من المملكة إلى إيران``: a place after ``من`` is where the trip starts."""
        before = self.gap_words(max(0, sp.start - 16), sp.start)
        return bool(before) and before[-1] in ("من", "ومن") and not (len(before) > 1 and before[-2] in _NOT_ORIGIN)

    @staticmethod
    def is_travel_verb(t: Span) -> bool:
        """``سيتوجه``, ``ويزور``, ``وصلت``: a finite verb of travel, not a noun (``وصول``, ``زيارة``)."""
        words = _words(t.text)
        return len(words) == 1 and bool(_TRAVEL_VERB.match(words[0]))

    def continued_subject(self, t: Span, lo: int, hi: int, out: list[_Mention], k: int) -> list[int]:
        """``... ومنها سيتوجه إلى الرياض``: a verb of travel with no subject of its own (Arabic drops
        the pronoun) continues the last visitor, in this sentence or the one before. Not when a
        subject is there but nameless, before or after the verb (``إن الرئيس الصيني سيزور``,
        ``ويصل رئيس الوزراء العراقي إلى طهران``: a role, not the visitor before)."""
        if any(is_role(sp.label) or sp.label in ("PER", "ORG") for sp in self.spans_within(lo, hi) if sp is not t):
            return []
        first = self.sentences[k - 1][0] if k > 0 and self.sentences else -1
        for m in reversed(out):
            if m.sentence[0] < first:
                break
            if m.type is EventType.VISIT and m.source and self.actors[m.source[0]].kind == "PER":
                return [m.source[0]]
        return []

    def circumstantial(self, t: Span) -> bool:
        """``، مؤكدا``, ``مشيرةً``: not a noun of the same shape after a preposition (``في مقابلة``)."""
        prev = self.word_before(t.start)
        return bool(_CIRCUMSTANTIAL.match(fold(t.text))) and not (
            prev in _NOUN_PREPOSITIONS or (prev[:1] in ("و", "ف") and prev[1:] in _NOUN_PREPOSITIONS))

    def clause_subject(self, out: list[_Mention], k: int, same_sentence: bool = False) -> int | None:
        """``..., مؤكدا أن``: a circumstantial participle has no subject of its own; it speaks for the
        subject of the clause it hangs on, the source of the latest mention of its sentence (else of
        the latest statement before it)."""
        sentence = self.sentences[k] if self.sentences else (0, len(self.text))
        for m in reversed(out):
            if self.definite(m.trigger):  # ``أدان الجبير التصريحات ... لإيران، معتبرا``: a noun is no clause
                continue
            if m.source and (m.sentence == sentence or (m.type is EventType.STATEMENT and not same_sentence)):
                return m.source[0]
        return None

    def window(self, t: Span, s_start: int, s_end: int) -> tuple[int, int]:
        """Trigger head ``t``'s part of its sentence: from the end of the trigger before it to the
        start of the one after it. Found by bisection over the sorted heads: a scan of every
        trigger of the sentence was quadratic on long texts without sentence breaks."""
        lo, hi = s_start, s_end
        heads, starts = self._heads, self._head_starts
        j = bisect.bisect_left(starts, max(t.end, s_start))
        while j < len(heads) and heads[j] is t:
            j += 1
        if j < len(heads) and starts[j] < s_end:
            hi = starts[j]
        j = bisect.bisect_right(starts, t.start) - 1
        while j >= 0 and starts[j] >= s_start and self._head_max_end[j] > lo:
            o = heads[j]
            if o is not t and o.end <= t.start:
                lo = max(lo, o.end)
            j -= 1
        if t.label != "EVT_STATEMENT":
            for m in _WORD.finditer(self.text, lo, t.start):
                if fold(m.group()) in SPEECH_COMPLEMENTIZERS:
                    lo = max(lo, m.end())
        return lo, hi

    def speech_start(self, t: Span, hi: int) -> int:
        """Where what was said begins after speech verb ``t`` (``إن``, ``:``, a quote), else ``hi``."""
        stop = hi
        for m in _WORD.finditer(self.text, t.end, hi):
            if fold(m.group()) in SPEECH_COMPLEMENTIZERS or m.group() in ":«\"":
                stop = m.start()
                break
        colon = self.text.find(":", t.end, stop)
        return colon if colon >= 0 else stop

    def pair_subject(self, group: list[Span], lo: int, hi: int) -> list[int]:
        """``وأضافت أن الوزيرين قالا``, ``وقال الجانبان``: a dual word right before or after a speech
        verb is its subject. Not a dual further away (``تؤكد رغبة البلدين``: what was said), after a
        preposition (``المباحثات بين البلدين قال مسؤول``) or before a nameless speaker, and not
        ``البلدان``, which is also the plural "the countries"."""
        for g in group:
            if any(is_role(sp.label) for sp in self.spans_within(g.end, self.speech_start(g, hi))):
                return []  # ``قال المتحدث الرسمي``: a speaker of its own
            before = [m.group() for m in _WORD.finditer(self.text, lo, g.start)][-2:]
            after = [m.group() for m in itertools.islice(_WORD.finditer(self.text, g.end, hi), 2)]
            if set(map(fold, after)) & ANONYMOUS_SUBJECTS:
                return []
            # before the verb only as the subject of its clause (``أن الوزيرين قالا``), not in a
            # construct (``لقاء الوزيرين قال``, ``علاقات البلدين، وأكد``)
            opens = len(before) < 2 or fold(before[-2]) in SPEECH_COMPLEMENTIZERS or fold(before[-2]) in ("و", "ف")
            words = ([fold(before[-1])] if before and opens else []) + [fold(w) for w in after[:1]]
            pair = self.pair_named_by({w for w in words if w != fold("البلدان")}, g.start)
            if pair:
                return pair
        return []

    def speaker(self, t: Span, agents: list[Span], hi: int) -> int | None:
        """``قال لافروف إن``: the actor right after the verb; else ``لافروف قال``: the one before it,
        but ``X يلتقي Y ويؤكد``: a verb joined by و to the verb before it shares that verb's subject,
        not its object. An honorific pronoun that named nobody (``وأكد سموه``) is a subject all
        the same: then the speaker is unknown, not the next actor."""
        stop = self.speech_start(t, hi)
        j = bisect.bisect_left(self._starts, t.end)
        nxt = self.spans[j] if j < len(self.spans) else None
        if nxt is not None and nxt.start < stop and honorific_pronoun(nxt.text) and nxt not in self.actor_of \
                and len(self.gap_words(t.end, nxt.start)) <= 1:
            return None
        after = [sp for sp in agents if t.end <= sp.start and sp.end <= stop and not self.addressee(sp)]
        if after and after[0].label != "PER" and self.role_destination(after[0]):
            after = after[1:]  # ``كشف المبعوث الدولي إلى اليمن "إسماعيل ولد الشيخ"``: the envoy speaks
        if after:
            gap = self.gap_words(t.end, after[0].start)
            if len(gap) <= 6 and not (set(gap) & ANONYMOUS_SUBJECTS):
                return self.actor_of[after[0]]
        if set(self.gap_words(t.end, stop)[:2]) & ANONYMOUS_SUBJECTS:
            return None
        titled = self.titled_subject(t, stop)
        if titled is not None:
            return titled
        before = [sp for sp in agents if sp.end <= t.start and len(self.untitled_gap(sp, t.start)) <= 4
                  and not self.addressee(sp)]
        if not before:
            return None
        subject = self.subject_of_joined_verb(t, before[-1])
        return self.actor_of[subject if subject is not None else before[-1]]

    def untitled_gap(self, name: Span, b: int) -> list[str]:
        """Words between ``name`` and ``b``, less the run of his own offices right after the name
        (``محمد بن سلمان ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء وزير الدفاع برقية``), which
        keeps him next to his verb. An office naming a state is a guest's (``استقبل الملك سلمان رئيس
        الوزراء الباكستاني ... وأكد``): the run stops there."""
        pos = name.end
        for r in self.spans_within(name.end, b):
            # offices run on, a word or two the tagger left out between them (``النائب الثاني``)
            if not is_role(r.label) or len(self.gap_words(pos, r.start)) > 2 or any(c in self.text[pos : r.start] for c in "،,") \
                    or self.names_a_state(r, None):
                break
            pos = r.end
        return self.gap_words(pos, b)

    def dual_calls(self, t: Span, agents: list[Span], parts: list[int], s_start: int) -> list[tuple[int, int]] | None:
        """(caller, callee) of the two calls a dual noun tells: ``تلقى شكري اتصالين من لافروف وكيري``
        (received: each of the two called the subject), ``أجرى السيسي اتصالين مع هولاند وميركل`` (made:
        the subject called each). None when no such verb comes before the noun (the event stays as
        it is); [] when the subject cannot be found (``الحكومة تلقت اتصالين من ... و ...``: no call
        between the two callers)."""
        verbs = list(_CALL_VERBS.finditer(self.text, s_start, t.start))
        if not verbs:
            return None
        verb = verbs[-1]
        received = verb.group("received") is not None
        after = [sp for sp in agents if verb.end() <= sp.start and sp.end <= t.start]
        before = [sp for sp in agents if s_start <= sp.start and sp.end <= verb.start()]
        subject = after[0] if after else (before[-1] if before else None)
        if subject is None:
            return []
        who = self.actor_of[subject]
        others = [i for i in parts if i != who]
        if len(others) != 2:
            return None if who in parts else []
        return [(o, who) for o in others] if received else [(who, o) for o in others]

    def lifted(self, t: Span) -> bool:
        """``رفع العقوبات``, ``تخفيف عقوبات``: sanctions lifted or eased are no reduction of relations."""
        return reads_as(self.word_before(t.start), _LIFTING)

    def quoted_first_person(self, t: Span) -> bool:
        """``«نرفض ...»``, ``«أرفض ...»``: a verb of the first person (a form the lexicon lists as
        such) inside a quotation speaks for the one quoted."""
        word = fold(t.text.split()[0]) if t.text.split() else ""
        forms = first_person_triggers()
        future = word[1:] if word.startswith("س") else ""  # سنرفض
        return (reads_as(word, forms) or future in forms) and self.quoted(t.start)

    def speech_verb_before(self, t: Span, s_start: int) -> bool:
        """A speech trigger earlier in the sentence (``وأضاف: «نرفض``): the quote goes on what was being said."""
        return any(sp.label == "EVT_STATEMENT" for sp in self.spans_within(s_start, t.start))

    def quoted(self, pos: int) -> bool:
        """Inside a quotation opened in the sentence of ``pos``."""
        before = self.text[self.sentence_at(pos)[0] : pos]
        return (before.count("«") > before.count("»") or before.count("“") > before.count("”")
                or before.count('"') % 2 == 1)

    def last_speaker(self, out: list[_Mention]) -> int | None:
        """The speaker of the latest statement told outside quotation marks."""
        return next((m.source[0] for m in reversed(out)
                     if m.type is EventType.STATEMENT and m.source and not self.quoted(m.trigger.start)), None)

    def role_destination(self, sp: Span) -> bool:
        """``المبعوث الدولي إلى اليمن``, ``سفير المملكة لدى لبنان``: a place or body a role is sent
        to, linked to the role by a preposition; part of how the role is named, not an actor."""
        j = bisect.bisect_left(self._starts, sp.start) - 1
        prev = self.spans[j] if j >= 0 else None
        if prev is None or not is_role(prev.label) or prev.end > sp.start:
            return False
        gap = self.gap_words(prev.end, sp.start)  # not ``المتحدث باسم الخارجية``: the body he speaks for
        return len(gap) == 1 and gap[0] in _DESTINATION and self.prep_gap(prev.end, sp.start)

    def subject_of_joined_verb(self, t: Span, obj: Span) -> Span | None:
        """``عبد الله بن زايد يلتقي ولد الشيخ ويؤكد``: for a و-verb whose nearest actor before it is
        the object of the verb just before that (roles and titles between), that verb's subject: the
        agent right before it, or right after it in verb-first order (``استقبل بوتين ظريف وأكد``)."""
        if not t.text.startswith("و") or len(t.text) < 4:
            return None
        j = bisect.bisect_left(self._starts, obj.start) - 1
        while j >= 0 and is_role(self.spans[j].label):
            j -= 1
        if j >= 1 and self.spans[j].label in _ACTOR_KINDS and is_trigger(self.spans[j - 1].label) \
                and not self.gap_words(self.spans[j - 1].end, self.spans[j].start):
            subj = self.spans[j]  # ``استقبل بوتين ظريف وأكد``: verb, subject, object
            return subj if self.is_agent(subj) and self.same_sentence(subj, t) else None
        if j < 1 or not is_trigger(self.spans[j].label) or len(self.gap_words(self.spans[j].end, obj.start)) > 3:
            return None
        verb, subj = self.spans[j], self.spans[j - 1]
        if self.is_agent(subj) and not self.gap_words(subj.end, verb.start) and self.same_sentence(subj, t):
            return subj
        return None

    def is_agent(self, sp: Span) -> bool:
        """An actor mention that can do something: not a place (``وفي موسكو``), a topic, a role's
        complement or the one spoken to."""
        return sp in self.actor_of and sp not in self.consumed and sp not in self.place_mentions \
            and sp not in self.topic_mentions and not self.addressee(sp)

    def titled_subject(self, t: Span, stop: int) -> int | None:
        """``وأكد الرئيس اليمني، أن``, ``وقال معالي وزير الخارجية``: a role right after the verb (an
        honorific between) that no name follows (``speaker`` found no actor after the verb) is the person named earlier with that office (and the state its adjective names), if exactly one such person is."""
        r = next((sp for sp in self.unbound_roles if t.end <= sp.start < stop), None)
        if r is None or not self.gap_is(t.end, r.start, "") or fold(strip_proclitic(r.text.split()[0])) in GENERIC_HEAD_NOUNS:
            return None
        if _NOT_SITTING & set(self.gap_words(r.start, min(stop, r.end + 12))):
            return None  # ``الرئيس اليمني السابق``, ``الرئيس المنتخب``: not the one in office named before
        role, affs = role_of(r.label).value, self.demonyms_in(r.text)
        holders = [a for a in self.actors if a.kind == "PER" and a.mentions and a.mentions[0].start < t.start
                   and a.role == role and (not affs or a.affiliation in affs)]
        if len(holders) > 1 and not affs:
            # ``وقال وزير الخارجية``: of the Saudi minister (``وزير الخارجية عادل الجبير``) and his
            # Italian guest (``وزير الخارجية الإيطالي``), the one introduced without an adjective
            holders = [a for a in holders if any(self.plain_title_before(m, r.label) for m in a.mentions)]
        return holders[0].id if len(holders) == 1 else None

    def plain_title_before(self, m: Span, label: str) -> bool:
        """Is mention ``m`` introduced by a role span of ``label`` without a state adjective?"""
        j = bisect.bisect_left(self._starts, m.start)
        prev = self.spans[j - 1] if j > 0 else None
        return prev is not None and prev.label == label and self.gap_is(prev.end, m.start) and not self.demonyms_in(prev.text)

    def addressee(self, sp: Span) -> bool:
        """``لوكالة فرانس برس``, ``للصحفيين``, ``لـ«عكاظ»``: the one spoken to, not the speaker; also
        through the titles that introduce him (``برقية شكر لفخامة الرئيس عبدالفتاح السيسي``)."""
        if _to_the(fold(sp.text.split()[0]) if sp.text.split() else ""):  # ل inside the span (للصحافيين)
            return True
        prev = self.word_before(sp.start)
        if prev.startswith("ل") and (len(prev) > 3 or prev == "ل") \
                and not self.text[sp.start - 1].isalpha() and place_state(prev) is None:  # لبنان, ليبيا
            return True
        # through his titles: ``لفخامة الرئيس``, ``للملك عبدالله`` (not ``وقال للصحفيين وزير الخارجية``)
        j = bisect.bisect_left(self._starts, sp.start)
        start = sp.start
        while j > 0 and is_role(self.spans[j - 1].label) and self.gap_is(self.spans[j - 1].end, start, ""):
            j -= 1
            start = self.spans[j].start
        if start == sp.start:
            return False
        return _to_the(fold(self.text[start : sp.start].split()[0])) or self.word_before(start) in _TO_HONORIFIC

    def recent_person(self, pos: int) -> Span | None:
        for sp in reversed(self.spans):
            if sp.end <= pos and sp.label == "PER" and sp in self.actor_of:
                return sp
        return None

    def after_cue(self, t: Span, agents: list[Span], hi: int) -> list[Span]:
        """``اجتماع جرى بين X و Y``: when بين follows the trigger closely, the parties are what follows it."""
        for m in _WORD.finditer(self.text, t.end, hi):
            w = fold(m.group())
            if w in ("بين", "وبين"):
                return [sp for sp in agents if sp.start >= m.end()]
            if len(self.gap_words(t.end, m.start())) >= 3:
                break
        return []

    def has_between(self, t: Span, hi: int) -> bool:
        return "بين" in self.gap_words(t.end, hi)[:4]

    def with_pair_anaphor(self, t: Span, lo: int, hi: int, parts: list[int]) -> list[int]:
        """``الوزيران بحثا``: a dual word picks the two most recent persons (or states) before it."""
        pair = self.pair_named_by(set(self.gap_words(lo, hi)) | set(_words(t.text)), t.start)
        return parts + [a for a in pair if a not in parts] if pair else parts

    def pair_named_by(self, words: set[str], pos: int) -> list[int]:
        """The two most recent persons (a dual such as ``الوزيران`` among ``words``) or states
        (``البلدين``) before ``pos``, earlier first; [] when there is no such word or pair."""
        kind = "PER" if words & PAIR_ANAPHORS_PERSON else "LOC" if words & PAIR_ANAPHORS_STATE else None
        if kind is None:
            return []
        recent: list[int] = []
        for j in range(bisect.bisect_right(self._starts, pos) - 1, -1, -1):  # backwards from pos, not a full scan
            sp = self.spans[j]
            if not (sp.end <= pos and sp in self.actor_of and sp.label == kind):
                continue
            a = self.actor_of[sp]
            if a not in recent:
                recent.append(a)
            if len(recent) == 2:
                return recent[::-1]
        return []

    def ordered_ids(self, mentions: list[Span]) -> list[int]:
        out: list[int] = []
        for sp in mentions:
            a = self.actor_of[sp]
            if a not in out:
                out.append(a)
        return out

    @staticmethod
    def nearest(cands: list[Span], t: Span) -> Span | None:
        if not cands:
            return None
        return min(cands, key=lambda sp: (sp.start - t.end) if sp.start >= t.end else (t.start - sp.end) + 0.5)

    # ---------------------------------------------------------------- step 4: merging

    def merge(self, mentions: list[_Mention]) -> list[_Mention]:
        merged: list[_Mention] = []
        for m in mentions:
            target = next((e for e in merged if self.same_event(e, m)), None)
            if target is None:
                merged.append(m)
                continue
            _fold_into(target, m, [*target.triggers, *(t for t in m.triggers if t not in target.triggers)])
        return self.join_headline(self.absorb(merged))

    def headline_end(self) -> int:
        """End of the headline: a first line of its own (``title\n\nbody``, as news is stored), else 0."""
        first = self.text.split("\n", 1)[0]
        if "\n" not in self.text or not self.text[len(first):].strip():
            return 0
        # a headline is short and has no full stop; a first paragraph of news is a sentence
        return len(first) if len(first.split()) <= 20 and not first.rstrip().endswith((".", "؟", "?", "!")) else 0

    def join_headline(self, merged: list[_Mention]) -> list[_Mention]:
        """A headline tells of the body's event in brief (``السفير عسيري يلتقي رئيس التحرير``, then
        ``التقى ... الفال``): a headline mention joins the body mention of its type that shares most
        of its actors, or, when the headline names at most one actor, a mention of the body's first
        sentence; time and place must not clash. Headline tense says nothing (present for past),
        so modality is not compared. Only events told in the headline alone (one that already
        joined body mentions is placed), of every type but statements (matched by speaker) and
        visits (joined as one trip by ``same_visit``): ``البحرين تدين`` then ``وأدانت مملكة البحرين``."""
        end = self.headline_end()
        if not end:
            return merged
        out = list(merged)
        body_start = len(self.text) - len(self.text[end:].lstrip())
        first_sentence = self.sentences[self.sent_index(body_start)] if self.sentences else None
        for m in [e for e in merged if e.type not in _OWN_JOINING and all(t.end <= end for t in e.triggers)]:
            body = [e for e in out if e.trigger.start > end and e.type is m.type and self.compatible_setting(m, e)]
            shared = [e for e in body if set(e.participants) & set(m.participants)]
            # the body mention with most of the headline's actors (all, if one has them), the first on a tie
            host = max(shared, key=lambda e: len(set(e.participants) & set(m.participants)), default=None)
            if host is None and len(m.participants) <= 1 and body and body[0].sentence == first_sentence \
                    and (m.type not in _DIRECTED or self.same_side(m, body[0])):
                host = body[0]  # ``يلتقي رئيس التحرير``, then ``التقى ... الفال``: the body's first sentence
            if host is None:
                continue
            _fold_into(host, m, [*m.triggers, *host.triggers])
            out.remove(m)
        return out

    def sides(self, m: _Mention) -> set[str]:
        """The states (or bodies) a mention's actors stand for: a state, a person's affiliation, the
        state a ministry's adjective names (``وزارة الخارجية البحرينية``)."""
        out: set[str] = set()
        for a in (self.actors[i] for i in m.participants):
            out.update(x for x in (a.state, a.affiliation) if x)
            if a.kind == "ORG":
                out.update(st for sp in a.mentions for st in self.demonyms_in(sp.text))
        return out

    def same_side(self, a: _Mention, b: _Mention) -> bool:
        """Directed events are one per actor (each condemning state its own): a headline's joins the
        body's unless both sides are known and differ (``الإمارات تدين``, then ``أدان الأمين العام
        لمجلس التعاون``: two events; ``البحرين تدين``, then ``أدانت وزارة الخارجية``: one)."""
        sa, sb = self.sides(a), self.sides(b)
        return not sa or not sb or bool(sa & sb)

    def absorb(self, merged: list[_Mention]) -> list[_Mention]:
        """Mentions that name an event already told of join it (triggers, participants, time, place)
        instead of standing as events of their own (event-gold.md: one entry per real-world event):
        a definite event noun (``المحادثات``, ``الاجتماع``, ``الزيارة``, ``الاتفاق``) refers back to the
        latest earlier event of its type, whoever its sentence mentions; talks given as the aim of
        talks before them in the sentence (``سيجتمع ... لمناقشة``) are those talks."""
        out: list[_Mention] = []
        for m in merged:
            host = None
            if m.type in _ANAPHORIC and self.definite(m.trigger):
                # ``المحادثات`` may name the meeting told before it (``مع بداية المحادثات``), but not when
                # it names other parties or another place (``استؤنفت المحادثات بين حماس وإسرائيل في الدوحة``)
                talks = m.type in _TALKS and self.is_talks_word(m.trigger) and not self.has_between(m.trigger, m.sentence[1])
                host = next((e for e in reversed(out) if e.trigger.start < m.trigger.start and (
                    e.type is m.type or (talks and e.type in _TALKS and self.compatible_setting(e, m)))), None)
            elif m.type in _TALKS and self.purpose(m.trigger):
                # a visit's aim is a meeting of its own (event-gold.md), so only talks host talks
                host = next((e for e in reversed(out) if e.sentence == m.sentence and e.type in _TALKS
                             and e.trigger.start < m.trigger.start), None)
            if host is None:
                out.append(m)
                continue
            _fold_into(host, m, [*host.triggers, *m.triggers], parties=("participants",))
        return out

    @staticmethod
    def compatible_setting(a: _Mention, b: _Mention, *, trip: bool = False) -> bool:
        """No clash of time or place: both unknown, or one names (a part of) the other. For one
        trip (``trip``) a city is a part of its state (النجف, العراق) and days may differ (اليوم,
        then يوم الاثنين) unless a date is given (في يناير 2019 is another trip)."""
        for x, y, is_time in ((a.time, b.time, True), (a.location, b.location, False)):
            if x is None or y is None:
                continue
            fx, fy = tuple(_words(x.text)), tuple(_words(y.text))
            if _contains(fx, fy) or _contains(fy, fx):
                continue
            if is_time:
                if trip and not (_DATED.search(x.text) or _DATED.search(y.text)):
                    continue
                return False
            place = place_state if trip else state_of
            px = place(x.text)
            if not (px and px == place(y.text)):
                return False
        return True

    def purpose(self, t: Span) -> bool:
        """``سيزور موسكو لمناقشة``, ``لإجراء محادثات``: talks named as the aim of the event before them."""
        first = fold(t.text.split()[0]) if t.text.split() else ""
        return first in _PURPOSE or self.word_before(t.start) in _PURPOSE_HEADS

    @staticmethod
    def definite(t: Span) -> bool:
        """A definite noun, not a verb of the افتعل form that also starts with ``ال`` (``التقى``, ``التقت``)."""
        words = fold(t.text).split()
        w = words[0] if words else ""
        if not w.startswith(("ال", "وال", "فال", "بال", "لل")):
            return False
        return not (w.endswith(("ي", "يا", "وا")) or (w.endswith("ت") and not w.endswith("ات")))

    def same_event(self, a: _Mention, b: _Mention) -> bool:
        if a.type is not b.type:
            return False
        if a.type is EventType.STATEMENT:
            return a.source == b.source
        if a.type is EventType.VISIT:
            return self.same_visit(a, b)
        if a.modality != b.modality:
            return False
        if not self.compatible_setting(a, b):
            return False
        if a.type in _DIRECTED and a.target and b.target and not set(a.target) & set(b.target):
            return False  # one source blaming (urging, rebuffing) two different parties: two events
        pa, pb = set(a.participants), set(b.participants)
        return bool(pa & pb) and (pa <= pb or pb <= pa or len(pa & pb) >= 2)

    def same_visit(self, a: _Mention, b: _Mention) -> bool:
        """One trip is told as planned, then as under way (``سيزور``, ``وصل``): future and asserted
        mentions may join, denied or hypothetical ones may not. A mention that lost its visitor
        (``زيارة لكينيا`` in a headline) joins a visit to the same place."""
        if a.modality != b.modality and not {a.modality, b.modality} <= {"asserted", "future"}:
            return False
        if not self.compatible_setting(a, b, trip=True):
            return False
        shared_target = bool(set(a.target) & set(b.target))
        same_visitor = a.source == b.source or ((not a.source or not b.source) and shared_target)
        return same_visitor and (not a.target or not b.target or shared_target)

    def place_attendees(self, merged: list[_Mention]) -> None:
        """``وحضر الاستقبال صاحب السمو ... ومعالي وزير الدولة ...``: those who attend a host's
        reception are of the host's side; an attendee the article leaves unplaced takes the host's
        state. The host is who receives (``استقبل X``, ``X يستقبل``), not whoever is named first
        (``التقى كيري خادم الحرمين``: no receiving verb, no host); a sentence that names another
        side (``ومن الجانب الروسي``) is left alone."""
        for m in merged:
            if m.type is not EventType.MEETING:
                continue
            host = self.host_of(m)
            home = None if host is None else (host.affiliation if host.kind == "PER" else host.state)
            if home is None or state_kind(home) != "state":
                continue
            for t in m.triggers:
                if not reads_as(self.word_before(t.start), _ATTEND):
                    continue
                s0, s1 = self.sentence_at(t.start)
                if _OTHER_SIDE.search(fold(self.text[s0:s1])):
                    continue
                for a in m.participants:
                    actor = self.actors[a]
                    if actor.kind == "PER" and actor.affiliation is None and any(t.end <= sp.start < s1 for sp in actor.mentions):
                        actor.affiliation = home

    def host_of(self, m: _Mention) -> "Actor | None":
        """The subject of the meeting's receiving verb: the participant right before it (``الملك
        سلمان يستقبل``, ``قد استقبل``: one word between at most), else the first one after it within
        six words (``استقبل خادم الحرمين الشريفين الملك سلمان``)."""
        for t in m.triggers:
            if not _RECEIVE.match(fold(strip_proclitic(t.text.split()[0]) if t.text.split() else "")):
                continue
            mine = [sp for a in m.participants for sp in self.actors[a].mentions if self.same_sentence(sp, t)]
            after = [sp for sp in mine if sp.start >= t.end and len(self.gap_words(t.end, sp.start)) <= 6]
            before = [sp for sp in mine if sp.end <= t.start and len(self.gap_words(sp.end, t.start)) <= 1]
            subject = max(before, key=lambda sp: sp.start, default=None) or min(after, key=lambda sp: sp.start, default=None)
            if subject is not None:
                return self.actors[self.actor_of[subject]]
        return None

    def lone_state_meeting(self, m: _Mention) -> bool:
        """A meeting whose one party is a state (``وأضاف "ناقشنا خلال اللقاء ... الشعب اليمني"``):
        the state is what was discussed or where, and who met is not in the text. A body (ORG), a
        person meeting an unnamed side, or a state that hosts or joins it (``واستضافت قطر اجتماعا``,
        ``وشاركت السعودية في اجتماع``) still counts."""
        if m.type is not EventType.MEETING or len(m.participants) != 1:
            return False
        state = self.actors[m.participants[0]]
        sentences = {self.sent_index(t.start) for t in m.triggers}
        return state.kind == "LOC" and not any(reads_as(self.word_before(sp.start), _HOSTING)
                                               for sp in state.mentions if self.sent_index(sp.start) in sentences)

    def statements_referred_to(self, m: _Mention) -> bool:
        """``أدان الجبير التصريحات العدوانية لإيران``, ``بيان إيران الأخير``: a state's statements told
        of only by a noun are what someone else answers (``وهاجم الجبير إيران بسبب تصريحات``). A
        state that speaks is the subject of a verb (``أعلنت مصر``) or stands right before the noun
        (``وأدلت واشنطن بتصريحات``)."""
        if m.type is not EventType.STATEMENT or not m.source or any(self.actors[a].kind != "LOC" for a in m.source):
            return False
        for t in m.triggers:
            if not self.statement_noun(t):
                return False
            mentions = [sp for a in m.source for sp in self.actors[a].mentions if self.same_sentence(sp, t)]
            if not mentions or any(sp.end <= t.start and not self.gap_words(sp.end, t.start) for sp in mentions):
                return False  # ``وأدلت واشنطن بتصريحات``: the state right before the noun says it
        return True

    # ---------------------------------------------------------------- output

    def to_event(self, m: _Mention) -> Event:
        code = EVENT_CODES[m.type]
        ts = lambda sp: TextSpan(sp.text, sp.start, sp.end) if sp is not None else None  # noqa: E731
        part = {i: self.actors[i].to_participant() for i in m.participants}
        s, e = m.sentence
        return Event(
            type=m.type.value,
            cameo=code.cameo,
            plover=code.plover,
            mode=code.mode,
            trigger=ts(m.trigger),
            triggers=[ts(t) for t in m.triggers],
            sentence=TextSpan(self.text[s:e], s, e),
            participants=[part[i] for i in m.participants],
            source=[part[i] for i in m.source if i in part],
            target=[part[i] for i in m.target if i in part],
            location=ts(m.location),
            time=ts(m.time),
            modality=m.modality,
            score=m.score,
        )


def assemble(text: str, spans: Sequence[Span]) -> list[Event]:
    """Events of one article from its tagged spans (offsets into ``text``), in reading order.
    A sports report has none: its teams meet, reject and accuse, but not as states do."""
    if not text.strip() or not spans or is_sports_report(text):
        return []
    art = _Article(text, spans)
    bindings = art.bind_roles()
    art.build_actors(bindings)
    merged = art.merge(art.event_mentions())
    art.place_attendees(merged)
    return [art.to_event(m) for m in merged if not art.lone_state_meeting(m) and not art.statements_referred_to(m)]
