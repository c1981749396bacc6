"""Closed-class Arabic cue words the event assembler relies on, and state lookups.

States, capitals and nationality adjectives come from :mod:`araevents.gazetteer` (the data
files in ``araevents/resources``); this module only adds the handful of function words and
anaphors that rules need, each list kept short and general (no article-specific names).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from araevents import gazetteer
from araevents.text.proclitics import CONJUNCTIONS, PREPOSITIONS, proclitic_readings, reads_as, strip_proclitic

from .deps import fold

PROCLITICS = "".join(CONJUNCTIONS + PREPOSITIONS)  # the letters, for single-letter checks

#: Titles that may sit between a role and a name (``أمير قطر الشيخ تميم``); never part of either span.
HONORIFICS = frozenset(
    fold(w)
    for w in (
        "الشيخ", "الأمير", "السيد", "السيدة", "الدكتور", "الدكتورة", "د", "سمو", "صاحب", "السمو", "الملكي",
        "الملك", "السلطان", "الجنرال", "المشير", "العماد", "اللواء", "الفريق", "خادم", "الحرمين", "الشريفين",
        "معالي", "فخامة", "سماحة", "الأستاذ", "الأستاذة", "المهندس", "القاضي", "العقيد", "السفير", "البروفيسور",
    )
)

#: Honorific pronouns (``وأكد سموه``, ``وشدد معاليه``): "his Highness/Excellency" is the person the
#: text is about, never a name of its own. (``دولته`` is left out: it is also "his state".)
#: Each with the titles it answers to (``معالي الوزير ...`` → ``معاليه``) and the offices it befits
#: when no title in the text says whom it means.
class Honorific(NamedTuple):
    titles: frozenset[str]
    offices: frozenset[str]


HONORIFIC_PRONOUNS: dict[str, Honorific] = {
    fold(pronoun): Honorific(frozenset(fold(t) for t in titles), frozenset(offices))
    for pronoun, titles, offices in (
        ("سموه", ("سمو", "السمو", "الأمير", "الأميرة"), ("HEAD_OF_STATE", "HEAD_OF_GOVERNMENT")),
        ("معاليه", ("معالي",), ("MINISTER", "FOREIGN_MINISTER", "SECRETARY_GENERAL")),
        ("فخامته", ("فخامة",), ("HEAD_OF_STATE", "HEAD_OF_GOVERNMENT")),
        ("سماحته", ("سماحة",), ()),
        ("سعادته", ("سعادة",), ("AMBASSADOR", "ENVOY", "OFFICIAL")),
    )
}


def honorific_pronoun(text: str) -> str | None:
    """The folded pronoun if ``text`` is one (``وسموه`` → ``سموه``), else None."""
    words = text.split()
    readings = proclitic_readings(fold(words[0]), min_stem=3) if len(words) == 1 else ()
    return next((form for form, _ in readings if form in HONORIFIC_PRONOUNS), None)  # فخامته keeps its ف


#: The honorifics of the second person (``أعرب لفخامتكم``): a letter's addressee, never a name.
SECOND_PERSON_HONORIFICS = frozenset(fold(h + suffix) for h in ("سمو", "معالي", "فخامت", "سماحت", "سعادت", "دولت")
                                     for suffix in ("كم", "ك"))


def second_person_honorific(text: str) -> bool:
    """``لفخامتكم``, ``وسموكم``: one word that addresses its reader by his title."""
    words = text.split()
    return len(words) == 1 and any(form in SECOND_PERSON_HONORIFICS for form, _ in proclitic_readings(fold(words[0]), min_stem=3))


#: Titles that name their state without a demonym: ``سفير خادم الحرمين الشريفين لدى أستراليا`` is Saudi.
STATE_TITLES: dict[str, str] = {fold("خادم الحرمين الشريفين"): "السعودية"}


#: Sports vocabulary (folded): لقاء is a match there, not a meeting. Training leaves out news
#: sentences holding one of these words (many are also ordinary words: هدف, الحكم, فريق, المنتخب).
SPORTS_WORDS = frozenset(fold(w) for w in (
    "المباراة مباراة المباريات الدوري دوري اللاعب لاعب اللاعبين لاعبي المنتخب منتخب النادي نادي الأندية "
    "هدف أهداف الهدف الملعب ملعب المدرب مدرب الفريق فريق الكرة البطولة بطولة الشوط الحكم كأس الموسم"
).split())
#: Words only a match report uses (not ``الفريق`` of negotiators, ``بهدف``, ``الكرة في ملعب``):
#: extract() reads an article holding enough of them as a sports report and finds no diplomatic
#: events in it. Among SaudiNewsNet articles with a diplomatic headline, sports reports hold 10-13
#: of them (1.5-4% of their words), diplomatic news at most 3.
MATCH_WORDS = frozenset(fold(w) for w in (
    "مباراة المباراة المباريات مباريات اللاعب لاعب اللاعبين لاعبي لاعبو المدرب مدرب مدربي الشوط التعادل الهداف"
).split())
SPORTS_REPORT_MIN_WORDS, SPORTS_REPORT_MIN_SHARE = 6, 0.01  # the share: a long digest with one match item is no report
#: A result (``بأربعة أهداف مقابل ثلاثة``, ``بهدفين مقابل هدف``): a league round-up may hold no
#: match word at all (``تمكن نادي أحد من كسب شقيقه``) but gives its scores; two of them, at least
#: one per 250 words (a long digest with one results item is no report), make a report. Goals
#: only: ``4 نقاط مقابل`` is as often a plan's points or a poll's lead.
_SCORE = re.compile(r"(?:(?:\d+|ب?(?:ثلاث|اربع|خمس|ست|سبع|ثماني|تسع|عشر)ه?)\s+اهداف|ب?هدفين|بهدف)"
                    r"\s+(?:مقابل|دون\s+مقابل|نظيف)")
SPORTS_REPORT_MIN_SCORES, SPORTS_REPORT_SCORE_SHARE = 2, 0.004  # and one result per 250 words at least


def is_sports_word(word: str) -> bool:
    return reads_as(fold(word), SPORTS_WORDS)


def is_sports_report(text: str) -> bool:
    words = re.findall(r"\w+", text)
    hits = sum(1 for w in words if reads_as(fold(w), MATCH_WORDS))
    if hits >= SPORTS_REPORT_MIN_WORDS and hits >= SPORTS_REPORT_MIN_SHARE * len(words):
        return True
    scores = len(_SCORE.findall(fold(text)))
    return scores >= SPORTS_REPORT_MIN_SCORES and scores >= SPORTS_REPORT_SCORE_SHARE * len(words)


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


#: Words of a lineage name (``بن``, ``آل``), as Gulf rulers' and princes' names are given.
LINEAGE_WORDS = frozenset(fold(w) for w in ("بن", "ابن", "آل", "بنت"))
#: Gulf ruling families (the word after آل) → their state: a lineage name of another family is not
#: the table's namesake (``محمد بن سلمان آل خليفة`` is Bahraini).
_RULING_FAMILIES = {fold(k): v for k, v in {
    "سعود": "السعودية", "خليفة": "البحرين", "نهيان": "الإمارات", "مكتوم": "الإمارات", "ثاني": "قطر",
    "الصباح": "الكويت", "سعيد": "عمان"}.items()}


def person_key(text: str) -> str | None:
    """A person mention's key in the known-actor table: folded, without leading honorifics;
    None for a one-word name (``هادي``, ``يوسف`` are common words or many people's names)."""
    words = fold(text).split()
    while words and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words) if len(words) >= 2 else None


def known_actor(text: str) -> gazetteer.KnownActor | None:
    """The corpus-mined state (and role) of a person mention (``عادل الجبير``), if the table has it;
    a name read with a leading و/ف (``وجون كيري``) is tried without it too, and a lineage name
    by its shorter forms (``محمد بن سلمان بن عبدالعزيز آل سعود`` → ``محمد بن سلمان``): the
    given name and the father's name already say who he is."""
    key = person_key(text)
    if key is None:
        return None
    table = gazetteer.actors_table()
    for k in (key, key[1:]) if key[0] in "وف" else (key,):
        found = table.get(k)
        if found is not None:
            return found
        words = k.split()
        family = next((_RULING_FAMILIES.get(words[i + 1]) for i in range(len(words) - 1) if words[i] == fold("آل")), None)
        for i in range(len(words) - 1, 2, -1):
            found = table.get(" ".join(words[:i])) if words[i] in LINEAGE_WORDS else None
            if found is not None and family in (None, found.affiliation):
                # the short form names a family line, not one office: cousins share it (خالد بن فيصل)
                return gazetteer.KnownActor(found.affiliation, None)
    return None


@lru_cache(maxsize=1 << 16)  # the merge step asks for the same names again and again
def state_of(name: str) -> str | None:
    """Canonical state/organisation for a country, capital or body name (``واشنطن`` → الولايات المتحدة)."""
    return gazetteer.canonical_state(name)


def place_state(name: str) -> str | None:
    """The state a place name stands for or lies in: a state or capital, else a large city."""
    return state_of(name) or gazetteer.city_state(name)


def state_kind(name: str) -> str | None:
    return gazetteer.state_kind(name)


@lru_cache(maxsize=1 << 16)
def demonym_state(word: str) -> str | None:
    """``الروسي`` → روسيا, ``والأميركي`` → الولايات المتحدة, ``الأممي`` → الأمم المتحدة."""
    return gazetteer.demonym_to_state(word)


def is_known_form(word: str) -> bool:
    """True when ``word`` is a state, capital, organisation or demonym in the gazetteer."""
    return state_of(word) is not None or demonym_state(word) is not None


#: Particles inside compound names: a name never ends on one (``تميم بن`` | ``حمد``, ``ستيفان دي`` | ``ميستورا``).
NAME_PARTICLES = LINEAGE_WORDS | frozenset(
    fold(w) for w in ("أبو", "ابو", "أبي", "عبد", "دي", "دو", "دا", "فون", "فان", "ولد", "لا", "إل", "ال")
)

#: Words that can sit between a role and a name but are never part of a name: time and
#: discourse words, verbs of reporting and arrival that the model leaves untagged.
NOT_NAME_WORDS = frozenset(
    fold(w)
    for w in (
        "أمس", "امس", "اليوم", "غدا", "الآن", "حاليا", "السابق", "الأسبق", "الحالي", "الجديد", "المستقيل", "بالوكالة",
        "قال", "قالت", "أكد", "أكدت", "وصل", "وصلت", "أعلن", "أعلنت", "التقى", "بحث", "يقوم", "تقوم", "كان", "كانت",
        "أن", "إن", "ان", "الذي", "التي", "من", "في", "على", "إلى", "الى", "مع", "عن", "وقد", "قد", "هو", "هي", "لدى",
        "نظيره", "نظيرها", "نظيريه", "نظرائه", "نظيرته", "كل", "بعض", "عدد", "أيضا", "ايضا",
        "كذلك", "ذلك", "ثم", "لكن", "بينما", "حيث", "وكذلك", "بعد", "قبل", "عند", "منذ", "خلال",
        "وزير", "وزيرة", "رئيس", "رئيسة", "سفير", "أمير", "ملك", "مبعوث", "ممثل", "نائب", "مساعد", "مستشار", "زعيم",
    )
)

#: Words that make a name a news outlet's (``فرانس برس``, ``وكالة الأنباء السعودية``, ``صحيفة الحياة``):
#: the press reports events, it is not a party to them (event-gold.md lists no outlet as an actor).
MEDIA_WORDS = frozenset(
    fold(w)
    for w in (
        "برس", "رويترز", "الأناضول", "سبوتنيك", "إنترفاكس", "نوفوستي", "إيتار", "تاس", "للأنباء", "الأنباء",
        "صحيفة", "لصحيفة", "جريدة", "قناة", "لقناة", "تلفزيون", "التلفزيون", "لتلفزيون", "إذاعة", "لإذاعة", "مجلة",
        "لمجلة", "واس", "سانا", "إرنا", "شينخوا", "عكاظ",
    )
)


_NOT_A_CHANNEL = frozenset(fold(w) for w in ("السويس", "بنما", "هيئة", "هيئه"))
MEDIA_NAMES = frozenset(fold(w) for w in ("بي بي سي", "سي إن إن", "أ ف ب", "د ب أ", "أ ش أ", "يو بي آي"))


def is_media(name: str) -> bool:
    """A news outlet's name: it contains a press word (``وكالة فرانس برس``, ``صحيفة الرياض``)."""
    words = fold(name).replace("«", " ").replace("»", " ").split()
    if set(words) & _NOT_A_CHANNEL:
        words = [w for w in words if w not in (fold("قناة"), fold("لقناة"))]  # هيئة قناة السويس is no channel
    return any(w in MEDIA_WORDS for w in words) or " ".join(words) in MEDIA_NAMES


#: Head nouns of institutions and generic group nouns: alone, such a word names no actor
#: (``ومنظمة``, ``مجلس``, ``الحكومة`` without its complement is resolved by the scorer's gold, not here).
GENERIC_HEAD_NOUNS = frozenset(
    fold(w)
    for w in (
        "منظمة", "منظمات", "مجلس", "مجالس", "وزارة", "وزارات", "هيئة", "هيئات", "لجنة", "لجان", "جامعة", "اتحاد",
        "جمعية", "مؤتمر", "وكالة", "وكالات", "مجموعة", "مجموعات", "دولة", "دول", "حكومة", "حكومات", "مندوبية",
        "بعثة", "سفارة", "قنصلية", "مكتب", "تنظيم", "تنظيمات", "حزب", "أحزاب", "حركة", "جماعة", "جماعات", "قوات",
        "جيش", "مجلسيه", "مجلسي", "الدولي", "الدولية", "المجتمع", "الجانب", "الطرف", "البلد", "البلدين", "الخارجية",
        "نظيره", "نظيريه", "نظيرها", "نظرائه", "المسؤولين", "مسؤولون", "الأمن",
    )
)


def is_demonym_word(word: str) -> bool:
    """A nationality adjective that is not itself a state name (``الروسي`` yes, ``روسيا`` no)."""
    return demonym_state(word) is not None and state_of(word) is None


def is_name_like(word: str) -> bool:
    """Could this untagged word be part of a person's name? No article, no cue word, no demonym."""
    w = fold(word)
    return (
        len(w) >= 2
        and w.isalpha()
        and not w.startswith(("ال", "وال", "لل", "بال"))
        and w not in NOT_NAME_WORDS
        and w not in HONORIFICS
        and w not in GENERIC_HEAD_NOUNS
        and not is_known_form(word)
        and not (len(word) > 3 and word.endswith(("ه", "ها", "هم", "هما")))  # a pronoun suffix: يقوده, نظيره
    )


def is_counterpart(text: str) -> bool:
    """``نظيره``, ``بنظيريه``, ``ونظرائه``: one word meaning "(his) counterpart(s)"."""
    words = text.split()
    if len(words) != 1:
        return False
    w = fold(words[0])
    for _ in range(2):
        if w.startswith(("نظير", "نظرا")):
            return True
        w = w[1:] if len(w) > 4 and w[0] in PROCLITICS else w
    return False


def is_head_noun(word: str) -> bool:
    """``منظمة``, ``ومنظمة``, ``وزارة`` (whose و is no conjunction): an institution's head noun."""
    w = fold(word)
    return w in GENERIC_HEAD_NOUNS or fold(strip_proclitic(word)) in GENERIC_HEAD_NOUNS


@lru_cache(maxsize=1)
def first_person_triggers() -> frozenset[str]:
    """Folded first-person verb forms of the trigger lexicon's imperfects (``{ن|أ}رفض`` → ``نرفض``,
    ``{ي|ت}نفي`` → ``ننفي``, ``انفي``): an official quoted saying "we reject". A past verb (``أدان``,
    ``نددت``) is not among them."""
    from araevents.training.gazetteers import LEXICONS, read_tsv
    from araevents.training.weak_labels import expand

    forms = set()
    for row in read_tsv(LEXICONS / "triggers.tsv"):
        phrase = row[1]
        if not phrase.startswith("{") or " " in phrase:
            continue
        prefixes = set(phrase[1 : phrase.index("}")].split("|"))  # {ي|ت}نفي, {ي|ت|ن|أ}دعو, {ن|أ}رفض
        for v in expand(phrase):
            if v[:1] in prefixes & {"ن", "أ"}:
                forms.add(fold(v))
            elif v[:1] in prefixes & {"ي", "ت"}:  # the imperfect of the lexicon, in the first person
                forms.update(fold(p + v[1:]) for p in ("ن", "أ"))
    return frozenset(forms)


@lru_cache(maxsize=1)
def known_surnames() -> frozenset[str]:
    """Last words of the known-actor table's names (``أوباما``, ``روحاني``, ``بوتين``): a piece that is
    one stands for a whole person, so ``التقى [أوباما] [بن سلمان]`` names two people."""
    # not the father's name closing a lineage (``سعود بن عبدالله بن محمد``): a first name, not a surname
    return frozenset(words[-1] for words in (name.split() for name in gazetteer.actors_table())
                     if words and not (len(words) > 1 and words[-2] in LINEAGE_WORDS))
