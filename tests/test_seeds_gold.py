"""Checks the span gold of the seed articles (``seeds/gold/spans.jsonl``) and the team's training
span gold of news articles (``annotations/*/spans.jsonl``).

The guideline is ``docs/annotation.md``. These are the mechanical invariants every gold
document must hold: one document per seed file in file-name order, text identical to the
file, offsets that slice exactly the span text, schema labels, no overlaps and no spans
with whitespace at their edges.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from araevents.schema import SPAN_TYPES

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = SEEDS / "gold" / "spans.jsonl"
NEWS_SETS = sorted(p.parent for p in (ROOT / "annotations").glob("*/spans.jsonl"))


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def load_gold(path: Path = GOLD) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


DOCS = load_gold()
NEWS_DOCS = [doc for folder in NEWS_SETS for doc in load_gold(folder / "spans.jsonl")]


def test_one_document_per_seed_in_file_order():
    files = seed_files()
    assert len(files) == 5
    assert len(DOCS) == 5
    assert [d["id"] for d in DOCS] == [p.name[:3] for p in files]
    for doc, path in zip(DOCS, files):
        assert doc["meta"] == {"source": "seeds", "file": path.name}


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d["id"])
def test_text_is_exact_file_content(doc):
    path = SEEDS / doc["meta"]["file"]
    assert doc["text"] == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("folder", NEWS_SETS, ids=lambda p: p.name)
def test_news_spans_one_document_per_article_with_its_exact_text(folder):
    files = sorted((folder / "articles").glob("*.txt"))
    docs = load_gold(folder / "spans.jsonl")
    assert len(files) == len(docs) >= 30
    for doc, path in zip(docs, files):
        assert (doc["id"], doc["meta"]["file"]) == (f"{folder.name}-{path.stem}", path.name)
        assert doc["text"] == path.read_text(encoding="utf-8")


def test_there_is_news_span_gold():
    assert [p.name for p in NEWS_SETS] == ["news-spans", "news-spans-2", "news-spans-3"]


@pytest.mark.parametrize("doc", DOCS + NEWS_DOCS, ids=lambda d: d["id"])
def test_spans_are_valid(doc):
    text = doc["text"]
    spans = doc["spans"]
    assert spans, "a gold document without spans"
    for s in spans:
        assert set(s) >= {"start", "end", "label", "text"}, s
        assert isinstance(s["start"], int) and isinstance(s["end"], int), s
        assert 0 <= s["start"] < s["end"] <= len(text), s
        assert text[s["start"]:s["end"]] == s["text"], s
        assert s["label"] in SPAN_TYPES, s
        assert not s["text"][0].isspace() and not s["text"][-1].isspace(), s
    ordered = sorted(spans, key=lambda s: (s["start"], s["end"]))
    for prev, cur in zip(ordered, ordered[1:]):
        assert cur["start"] >= prev["end"], f"overlap: {prev} / {cur}"


def test_every_span_type_group_is_present():
    labels = {s["label"] for d in DOCS for s in d["spans"]}
    assert {"PER", "ORG", "LOC", "DATE"} <= labels
    assert any(label.startswith("ROLE_") for label in labels)
    assert any(label.startswith("EVT_") for label in labels)


@pytest.mark.parametrize("doc", DOCS + NEWS_DOCS, ids=lambda d: d["id"])
def test_project_validator_accepts_gold(doc):
    from araevents.document import Document
    from araevents.validation import validate_document

    validate_document(Document.from_dict(doc), path=GOLD)


def test_no_training_span_gold_retells_an_evaluation_article():
    """Outlets ran the same wire stories: an annotated article that retells a seed or dev article would
    put that article's sentences, with gold labels, into training."""
    from araevents.training.news import NearDuplicates, gold_texts

    if not (ROOT.parent / "shared" / "dev" / "articles").is_dir():
        pytest.skip("../shared (the shared seed and dev articles) is not here")
    retells_eval = NearDuplicates(gold_texts(ROOT.parent / "shared", (SEEDS,), training_gold=False))
    assert not [doc["id"] for doc in NEWS_DOCS if retells_eval(doc["text"])]


def test_near_duplicates_catch_a_recut_copy_and_not_a_story_on_the_same_topic():
    from araevents.training.news import NearDuplicates

    story = ("استقبل وزير الخارجية عادل الجبير في مكتبه بالرياض اليوم نظيره الألماني فرانك فالتر شتاينماير "
             "وجرى خلال اللقاء بحث العلاقات الثنائية بين البلدين الصديقين وسبل تعزيزها في مختلف المجالات")
    seen = NearDuplicates([story])
    recut = "الرياض - واس\n" + story.replace(" وجرى", "،\nوجرى") + " إضافة إلى تطورات المنطقة."
    other = ("استقبل وزير الخارجية عادل الجبير في جدة نظيره الفرنسي لوران فابيوس وبحث معه الملف النووي "
             "الإيراني والأوضاع في اليمن وسوريا")
    assert seen(recut) and not seen(other) and not seen("")
