"""doccano JSONL exports: the three layouts, round trip of spans, and broken records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from araevents.formats.doccano import doccano_record_to_document, read_doccano
from araevents.validation import AnnotationError, load_documents

FIX = Path(__file__).parent / "fixtures"
EXPORT = FIX / "doccano_export.jsonl"


def _raw_spans(record: dict) -> list[tuple[int, int, str]]:
    if "entities" in record:
        return sorted((e["start_offset"], e["end_offset"], e["label"]) for e in record["entities"])
    return sorted(tuple(x) for x in record.get("label", record.get("labels", [])))


def test_all_three_layouts_roundtrip_to_equal_spans():
    records = [json.loads(line) for line in EXPORT.read_text(encoding="utf-8").splitlines()]
    docs = list(read_doccano(EXPORT))
    assert [d.id for d in docs] == ["101", "102", "103"]
    assert [d.meta["line"] for d in docs] == [1, 2, 3]
    for record, doc in zip(records, docs):
        assert doc.text == record["text"]
        assert sorted((s.start, s.end, s.label) for s in doc.spans) == _raw_spans(record)
        assert all(s.text == doc.text[s.start:s.end] for s in doc.spans)
    # the "entities" layout of a relation project, with a mid-word trigger after و
    assert [(s.label, s.text) for s in docs[2].spans] == [
        ("EVT_ACCUSATION", "اتهمت"), ("LOC", "واشنطن"), ("LOC", "موسكو"), ("LOC", "حلب")
    ]


def test_load_documents_validates_and_detects_doccano():
    docs = load_documents(EXPORT)
    assert sum(len(d.spans) for d in docs) == 16


def test_text_under_data_key_and_label_map():
    doc = doccano_record_to_document({"data": "زار كيري موسكو", "label": [[4, 8, "person"], [9, 14, "misc"]]},
                                     label_map={"person": "PER", "misc": None})
    assert [(s.label, s.text) for s in doc.spans] == [("PER", "كيري")]


@pytest.mark.parametrize(
    "record, message",
    [
        ({"id": 1, "label": [[0, 3, "PER"]]}, 'no "text" string'),
        ({"text": "خبر", "label": ["positive"]}, "text-classification export"),
        ({"text": "خبر", "label": [[0, 3]]}, 'must be [start, end, "LABEL"]'),
        ({"text": "خبر", "annotations": [{"start_offset": 0, "end_offset": 3, "label": 4}]}, "numeric id"),
        ({"text": "خبر", "entities": [{"start": 0, "end": 3, "label": "PER"}]}, "start_offset, end_offset"),
        ({"text": "خبر", "labels": {"PER": [0, 3]}}, "must be a list"),
    ],
)
def test_bad_records_name_file_and_line(tmp_path, record, message):
    path = tmp_path / "export.jsonl"
    good = {"text": "زار كيري موسكو", "label": [[4, 8, "PER"]]}
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n\n" + json.dumps(record, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    with pytest.raises(AnnotationError) as e:
        list(read_doccano(path))
    assert str(e.value).startswith(f"{path}:3: ") and message in str(e.value)
    errors: list[AnnotationError] = []
    assert len(list(read_doccano(path, errors=errors))) == 1 and errors[0].line == 3


def test_lowercase_labels_are_refused_with_a_suggestion(tmp_path):
    path = tmp_path / "export.jsonl"
    lines = [{"id": 1, "text": "زار كيري موسكو", "label": [[4, 8, "per"], [9, 14, "LOC"]]},
             {"id": 2, "text": "التقى الوزيران", "label": [[0, 5, "meeting"]]}]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError) as e:
        load_documents(path)
    msg = str(e.value)
    assert f"{path}:1: document '1', span per [4, 8) 'كيري': unknown label 'per'; did you mean 'PER'?" in msg
    assert f"{path}:2: " in msg and "did you mean 'EVT_MEETING'?" in msg
    assert len(e.value.problems) == 2
    docs = load_documents(path, label_map={"per": "PER", "meeting": "EVT_MEETING"})
    assert [s.label for d in docs for s in d.spans] == ["PER", "LOC", "EVT_MEETING"]
