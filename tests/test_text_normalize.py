"""Model-input normalisation (AraBERT v0.2 rules) and the scoring fold, with their offsets."""

from __future__ import annotations

import functools
import html
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from araevents.text import fold, fold_with_offsets, normalize_for_model

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))

# Expected strings were produced by the reference implementation,
# ArabertPreprocessor(model_name="bert-base-arabertv02").preprocess() from arabert 1.0.1.
AS_ARABERT = [
    (  # seeds/000
        'أعلن مسؤولون لوكالة فرانس برس أن "المجموعة الدولية لدعم سورية"، التي تضم 23 دولة ومنظمة'
        " دولية، ستعقد اجتماعًا جديدا في نيويورك، اليوم الخميس، برئاسة الولايات المتحدة وروسيا في"
        " محاولة لإنقاذ العملية الدبلوماسية.",
        'أعلن مسؤولون لوكالة فرانس برس أن " المجموعة الدولية لدعم سورية " ، التي تضم 23 دولة ومنظمة'
        " دولية ، ستعقد اجتماعا جديدا في نيويورك ، اليوم الخميس ، برئاسة الولايات المتحدة وروسيا في"
        " محاولة لإنقاذ العملية الدبلوماسية .",
    ),
    (  # dev/017
        "حزب الشعب الديموقراطي (مؤيد للاكراد) الذي حقق نجاحا غير مسبوق في الانتخابات التشريعية في 7"
        ' حزيران/يونيو بفوزه ب13% من الاصوات، فاتهمه بانه "تابع لحزب العمال الكردستاني".',
        "حزب الشعب الديموقراطي ( مؤيد للاكراد ) الذي حقق نجاحا غير مسبوق في الانتخابات التشريعية في 7"
        ' حزيران - يونيو بفوزه ب 13 % من الاصوات ، فاتهمه بانه " تابع لحزب العمال الكردستاني " .',
    ),
    (  # seeds/002
        "epa05510605 U.S. Secretary of State John Kerry (L) and Russian Foreign Minister Sergei Lavrov"
        " (R) prior a bilateral meeting in Geneva, Switzerland, 26 August 2016",
        "epa05510605 U . S . Secretary of State John Kerry ( L ) and Russian Foreign Minister Sergei"
        " Lavrov ( R ) prior a bilateral meeting in Geneva , Switzerland , 26 August 2016",
    ),
    (  # seeds/001
        "المعارضين السوريين “المعتدلين” من “داعش” و”جبهة النصرة”.",
        "المعارضين السوريين “ المعتدلين ” من “ داعش ” و ” جبهة النصرة ” .",
    ),
    (
        "وقالت الخارجيّة في بيانٍ نُشر على http://www.mofa.gov.sa/ar إنّ الوزيـــــر التقى"
        " @AdelAljubeir (أ.ف.ب) &quot;أمس&quot; عام ١٩٩٥ و۱۹۹۵!!!",
        'وقالت الخارجية في بيان نشر على [رابط] إن الوزير التقى [مستخدم] ( أ . ف . ب ) " أمس " عام'
        " 1995 و ! !",
    ),
    ("مؤتمر جنيف1.", "مؤتمر جنيف 1 ."),
    ("ردّ <b>الوزير</b><br />بحزم", "رد الوزير بحزم"),
    ("كتب إلى info@mofa.gov أمس", "كتب إلى [رابط] أمس"),  # the URL rule runs first
    ("كتب إلى info@mofa أمس", "كتب إلى [بريد] أمس"),
    # AraBERT strips only fathatan..shadda: superscript alef is split off and rejected.
    ("هٰذا", "ه ذا"),
]


@pytest.mark.parametrize(("text", "expected"), AS_ARABERT)
def test_matches_arabert_v02_preprocessing(text: str, expected: str) -> None:
    assert normalize_for_model(text).text == expected


def spans_back(text: str) -> list[tuple[str, str]]:
    """(normalised word, the original text it maps back to) for each word of the output."""
    norm = normalize_for_model(text)
    out = []
    for m in re.finditer(r"\S+", norm.text):
        s, e = norm.to_original(*m.span())
        out.append((m.group(), text[s:e]))
    return out


def test_words_map_back_to_their_original_spelling() -> None:
    text = "ستعقد اجتماعًا جديدا يوم ١٩٩٥ مع الوزيـــــر"
    assert spans_back(text) == [
        ("ستعقد", "ستعقد"),
        ("اجتماعا", "اجتماعًا"),
        ("جديدا", "جديدا"),
        ("يوم", "يوم"),
        ("1995", "١٩٩٥"),
        ("مع", "مع"),
        ("الوزير", "الوزيـــــر"),
    ]


def test_replacements_map_to_what_they_replaced() -> None:
    text = "راجع https://t.co/xYz1 و&quot; @AdelAljubeir &quot;!!!! ﷲ ﻻ"
    assert spans_back(text) == [
        ("راجع", "راجع"),
        ("[رابط]", "https://t.co/xYz1"),
        ("و", "و"),
        ('"', "&quot;"),
        ("[مستخدم]", "@AdelAljubeir"),
        ('"', "&quot;"),
        ("!", "!"),
        ("!", "!!!"),  # the kept second "!" stands for the whole rest of the run
        ("الله", "ﷲ"),
        ("لا", "ﻻ"),
    ]


def test_trailing_deleted_characters_are_not_pulled_into_a_span() -> None:
    text = "كتبَ ـ الوزيرُ."
    norm = normalize_for_model(text)
    assert norm.text == "كتب الوزير ."
    assert norm.to_original(0, 3) == (0, 3)  # not the fatha at 3
    assert norm.to_original(0, len(norm.text)) == (0, len(text))
    start = norm.text.index("الوزير")
    assert text.__getitem__(slice(*norm.to_original(start, start + 6))) == "الوزير"  # no damma


def test_inserted_spaces_are_zero_width() -> None:
    text = "ب13%"
    norm = normalize_for_model(text)
    assert norm.text == "ب 13 %"
    assert norm.to_original(1, 2) == (1, 1)
    assert norm.to_original(4, 5) == (3, 3)
    assert norm.to_original(0, 6) == (0, 4)


def test_gold_spans_project_onto_model_input() -> None:
    text = SEEDS[0].read_text(encoding="utf-8")
    norm = normalize_for_model(text)
    for name in ("جون كيري", "سيرغي لافروف", "نيويورك", "الولايات المتحدة"):
        for m in re.finditer(name, text):
            ns, ne = norm.to_normalized(*m.span())
            assert norm.text[ns:ne] == name
            assert norm.to_original(ns, ne) == m.span()
    # a span of deleted characters only projects to an empty span
    norm = normalize_for_model("اجتماعًا")
    assert norm.to_normalized(6, 7) == (6, 6)


def test_araevents_additions() -> None:
    # bidi/zero-width marks vanish instead of splitting the word (AraBERT would give "سو ريا")
    assert normalize_for_model("سو\u200fريا\u200e \u202bمصر\u202c\ufeff").text == "سوريا مصر"
    assert normalize_for_model("ال\u00adوزير\u200d").text == "الوزير"
    # controls and ZWSP separate words
    assert normalize_for_model("مصر\x00سوريا\u200bلبنان\x1b").text == "مصر سوريا لبنان"
    # presentation forms are folded, not rejected
    assert normalize_for_model("ﺍﻟﺴﻼﻡ ﻋﻠﻴﻜﻢ").text == "السلام عليكم"
    # Persian digits are not AraBERT digits and are not mapped (AraBERT rejects them)
    assert normalize_for_model("عام ۱۹۹۵").text == "عام"


def test_whole_articles_keep_every_word() -> None:
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        norm = normalize_for_model(text)
        for m in re.finditer(r"[\u0621-\u063a\u0641-\u064a]+", norm.text):
            s, e = norm.to_original(*m.span())
            assert fold(text[s:e]) == fold(m.group()), (path, m.group())


def test_200k_characters_normalise_in_well_under_a_second() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in SEEDS)
    text = (text * (200_000 // len(text) + 1))[:200_000]
    t0 = time.perf_counter()
    norm = normalize_for_model(text)
    elapsed = time.perf_counter() - t0
    assert len(norm.text) > 150_000
    assert elapsed < 1.0, f"{elapsed:.2f}s"


def test_bad_input_is_rejected_clearly() -> None:
    norm = normalize_for_model("قال الوزير")
    with pytest.raises(ValueError, match="not within the normalised text"):
        norm.to_original(3, 99)
    with pytest.raises(ValueError, match="not within the original text"):
        norm.to_normalized(5, 2)
    with pytest.raises(TypeError, match="expects str"):
        normalize_for_model(b"bytes")  # type: ignore[arg-type]
    assert normalize_for_model("").text == "" and normalize_for_model("").to_original(0, 0) == (0, 0)


# --------------------------------------------------------------------------- fold


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("الأمير محمد بن سلمان", "الامير محمد بن سلمان"),
        ("إيران", "ايران"),
        ("آسيان", "اسيان"),
        ("وزارة الخارجيّة", "وزاره الخارجيه"),
        ("مصطفى", "مصطفي"),
        ("الـــرياض", "الرياض"),
        ("  جون   كيري ", "جون كيري"),
        ("اللّٰه", "الله"),
        ("\u200fكيري\u200f", "كيري"),
        ("Kerry ٱلسلام", "Kerry السلام"),
    ],
)
def test_fold(name: str, folded: str) -> None:
    assert fold(name) == folded


def test_fold_with_offsets_points_into_the_original() -> None:
    text = "التقى وزيرُ الخارجيّة الأمريكيّ جون كيري بنظيره."
    norm = fold_with_offsets(text)
    i = norm.text.index("الخارجيه الامريكي")
    s, e = norm.to_original(i, i + len("الخارجيه الامريكي"))
    assert text[s:e] == "الخارجيّة الأمريكي"  # the final shadda is outside the span


# --------------------------------------------------------------------------- reference check

_NOT_ADDITIONS = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff\u00ad"
    "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ufb50-\ufdff\ufe70-\ufefe]"
)
_TEXT_WITH_ENTITIES = st.lists(
    st.one_of(st.text(max_size=5), st.sampled_from(["&amp;", "&lt;b&gt;", "&#1605;", "<br />", "@x_1", "a.com", "ااا"])),
    max_size=10,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(_TEXT_WITH_ENTITIES.filter(lambda s: not _NOT_ADDITIONS.search(html.unescape(s))))
def test_same_output_as_the_arabert_package(text: str) -> None:
    """Differential check against the real package, when it is installed (it is not a
    dependency): ``pip install --target /tmp/ab arabert pyarabic emoji`` and run with
    ``PYTHONPATH=/tmp/ab``. Texts with araevents-addition characters are left out."""
    prep = _arabert()
    assert normalize_for_model(text).text == prep.preprocess(text)


@functools.cache
def _arabert():
    preprocess = pytest.importorskip("arabert.preprocess")
    return preprocess.ArabertPreprocessor(model_name="bert-base-arabertv02")
