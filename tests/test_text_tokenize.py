"""Word tokens and sentence spans on real Arabic news text (seeds/ and the dev articles)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from araevents.text import Token, split_sentences, word_tokenize

REPO = Path(__file__).resolve().parents[1]
SEED_000 = REPO / "seeds" / "000_91a734e0eab9479f.txt"


def texts(text: str) -> list[str]:
    return [t.text for t in word_tokenize(text)]


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


# --------------------------------------------------------------------------- word_tokenize


def test_tokens_carry_offsets_into_the_given_string() -> None:
    text = "لافروف وكيري في جنيف (أ.ب)"  # a photo caption from seeds/000
    assert word_tokenize(text) == [
        Token("لافروف", 0, 6),
        Token("وكيري", 7, 12),
        Token("في", 13, 15),
        Token("جنيف", 16, 20),
        Token("(", 21, 22),
        Token("أ", 22, 23),
        Token(".", 23, 24),
        Token("ب", 24, 25),
        Token(")", 25, 26),
    ]


def test_clitics_and_diacritics_stay_on_the_word_and_punctuation_is_split() -> None:
    text = 'ستعقد اجتماعًا جديدا في نيويورك، اليوم الخميس، برئاسة "الولايات المتحدة".'
    assert texts(text) == [
        "ستعقد", "اجتماعًا", "جديدا", "في", "نيويورك", "،", "اليوم", "الخميس", "،",
        "برئاسة", '"', "الولايات", "المتحدة", '"', ".",
    ]


def test_numbers() -> None:
    # dev/017: "بفوزه ب13% من الاصوات" and "7 حزيران/يونيو"; seeds/000: "الدول الـ23"
    assert texts("بفوزه ب13% من الاصوات") == ["بفوزه", "ب", "13", "%", "من", "الاصوات"]
    assert texts("في 7 حزيران/يونيو") == ["في", "7", "حزيران", "/", "يونيو"]
    assert texts("الدول الـ23 الأعضاء") == ["الدول", "الـ", "23", "الأعضاء"]
    assert texts("نما 3.5 في المئة يوم 27/2 الساعة 10:30 من 1,000 و٣٫٥") == [
        "نما", "3.5", "في", "المئة", "يوم", "27/2", "الساعة", "10:30", "من", "1,000", "و", "٣٫٥",
    ]
    assert texts("عام 2015م.") == ["عام", "2015", "م", "."]
    assert texts("مؤتمر جنيف1.") == ["مؤتمر", "جنيف", "1", "."]


def test_latin_words_mixed_alphanumerics_and_emoji() -> None:
    assert texts("U.S. Secretary John Kerry (L)") == ["U", ".", "S", ".", "Secretary", "John", "Kerry", "(", "L", ")"]
    assert texts("قمة G20 وطائرات F16 epa05510605") == ["قمة", "G20", "وطائرات", "F16", "epa05510605"]
    assert texts("رائع 👍🏽 🇸🇦 ❤️!") == ["رائع", "👍🏽", "🇸🇦", "❤️", "!"]


def test_invisible_marks_are_not_tokens() -> None:
    text = "\u200fقال\u200f \u202bالوزير\u202c\ufeff"
    assert texts(text) == ["قال", "الوزير"]
    assert texts("می\u200cخواهم") == ["می\u200cخواهم"]  # ZWNJ inside a word keeps it whole


def test_whole_seed_article_round_trips() -> None:
    text = SEED_000.read_text(encoding="utf-8")
    tokens = word_tokenize(text)
    assert len(tokens) > 100
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert "".join(t.text for t in tokens) == "".join(text.split())


# --------------------------------------------------------------------------- split_sentences


def test_seed_article_headline_caption_and_paragraphs() -> None:
    got = sentences(SEED_000.read_text(encoding="utf-8"))
    assert got[0] == "لقاء بين كيري ولافروف استباقا لآخر دولي حول سورية"
    assert got[1].startswith("أعلن مسؤولون لوكالة فرانس برس أن")
    assert got[1].endswith("في محاولة لإنقاذ العملية الدبلوماسية.")
    assert "لافروف وكيري في جنيف (أ.ب)" in got
    assert all(s == s.strip() and "\n" not in s for s in got)


def test_arabic_comma_does_not_split_but_full_stop_and_question_mark_do() -> None:
    text = "التقى الوزير نظيره، وبحثا الأزمة. هل ينجح الاتفاق؟ نعم! وقال؛ ثم غادر"
    assert sentences(text) == [
        "التقى الوزير نظيره، وبحثا الأزمة.",
        "هل ينجح الاتفاق؟",
        "نعم!",
        "وقال؛",
        "ثم غادر",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "نقلت وكالة (د.ب.أ) عن مصدر قوله إن المحادثات مستمرة.",
        "وقالت وكالة (أ.ف.ب) إن الاجتماع انتهى.",
        "التقى د. محمد البرادعي نظيره أمس.",
        "استقبل الرئيس جون ف. كينيدي الوفد.",
        "met U.S. Secretary John F. Kennedy today.",
        "ارتفع النمو بنسبة 3.5 في المئة خلال العام.",
        "قال إن الوضع... لا يزال صعبا…ومعقدا.",
        "زار الموقع www.example.com أمس.",
    ],
)
def test_no_split_inside_abbreviations_initials_decimals_ellipses(text: str) -> None:
    assert sentences(text) == [text]


def test_closing_quotes_belong_to_the_sentence_they_close() -> None:
    text = 'وقال: "سنواصل العمل." وأضاف: «الحل سياسي.» ثم قال “لا بديل!” وغادر.'
    assert sentences(text) == [
        'وقال: "سنواصل العمل."',
        "وأضاف: «الحل سياسي.»",
        "ثم قال “لا بديل!”",
        "وغادر.",
    ]


def test_year_markers_and_missing_space_after_period() -> None:
    text = "وقع الاتفاق عام 2015 م. وتجدد في 1435هـ. ثم انتهى.وأشارت المصادر إلى ذلك."
    assert sentences(text) == [
        "وقع الاتفاق عام 2015 م.",
        "وتجدد في 1435هـ.",
        "ثم انتهى.",
        "وأشارت المصادر إلى ذلك.",
    ]


def test_spans_are_exact_and_stripped() -> None:
    text = "  \u200fعنوان الخبر\r\n\r\nالفقرة الأولى. الفقرة الثانية.  \n"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["عنوان الخبر", "الفقرة الأولى.", "الفقرة الثانية."]
    assert spans[0] == (3, 14)
    assert split_sentences("") == [] and split_sentences(" \n\t ") == []


def test_dev_articles_split_into_sensible_sentences() -> None:
    for path in sorted((Path("/work/shared/dev/articles")).glob("*.txt")) or [SEED_000]:
        text = path.read_text(encoding="utf-8")
        spans = split_sentences(text)
        assert spans, path
        for s, e in spans:
            sent = text[s:e]
            assert sent == sent.strip()
            # a sentence never starts with the punctuation that should have closed the previous one
            # (a line may start with an ellipsis: "...المزيد")
            assert not re.match(r"[؟?!؛»”]|\.(?!\.)", sent), (path, sent[:40])
