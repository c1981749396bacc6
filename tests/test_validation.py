"""validate_document / load_documents: every error names file, line and span."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from araevents.document import Document, Span
from araevents.formats import detect_format
from araevents.validation import MAX_REPORTED, AnnotationError, load_documents, suggest_label, validate_document

FIX = Path(__file__).parent / "fixtures"
TEXT = "التقى لافروف كيري في جنيف"  # لافروف = [6, 12), كيري = [13, 17), جنيف = [21, 25)


def _error(doc: Document) -> str:
    with pytest.raises(AnnotationError) as e:
        validate_document(doc, path="ann.jsonl", line=7)
    assert e.value.path == "ann.jsonl" and e.value.line == 7
    assert str(e.value).startswith("ann.jsonl:7: ")
    return str(e.value)


def test_annotation_error_format_is_kept():
    assert str(AnnotationError("bad", path="f.jsonl", line=3)) == "f.jsonl:3: bad"
    assert str(AnnotationError("bad", line=3)) == "line 3: bad"
    assert str(AnnotationError("bad")) == "bad"


def test_valid_document_passes():
    doc = Document("ok", TEXT, [Span(6, 12, "PER", "لافروف"), Span(21, 25, "LOC")])
    validate_document(doc, path="ann.jsonl", line=1)


@pytest.mark.parametrize(
    "span, message",
    [
        (Span(20, 40, "LOC"), "offsets out of range (need 0 <= start < end <= 25"),
        (Span(-1, 3, "LOC"), "offsets out of range"),
        (Span(12, 12, "PER"), "offsets out of range"),
        (Span(12, 6, "PER"), "offsets out of range"),
        (Span(6, 12, "PER", "كيري"), "span text does not match text[6:12] = 'لافروف'; 'كيري' occurs at [13, 17)"),
        (Span(12, 13, "PER"), "covers only whitespace"),
        (Span(6, 12, "person", "لافروف"), "unknown label 'person'; did you mean 'PER'?"),
        (Span(6, 12, "NOPE", "لافروف"), "unknown label 'NOPE'; expected a schema span type (PER, ORG, LOC, DATE, ROLE_*, EVT_*)"),
        (Span("6", 12, "PER"), "offsets must be integers"),  # type: ignore[arg-type]
    ],
)
def test_span_errors_name_document_and_span(span, message):
    msg = _error(Document("d1", TEXT, [span]))
    assert "document 'd1', span " in msg and f"span {span.label} [{span.start}, {span.end})" in msg
    assert message in msg


def test_overlap_and_duplicate():
    msg = _error(Document("d1", TEXT, [Span(6, 17, "PER"), Span(13, 17, "PER")]))
    assert "overlapping spans PER [6, 17) and PER [13, 17)" in msg
    msg = _error(Document("d1", TEXT, [Span(21, 25, "LOC"), Span(21, 25, "LOC")]))
    assert "duplicate span LOC [21, 25) and LOC [21, 25)" in msg


@pytest.mark.parametrize("text, message", [("", "text is empty or only whitespace"), (" \n\t", "empty"),
                                           (None, "text must be a string, got NoneType"),
                                           (["نص"], "text must be a string, got list")])
def test_bad_text(text, message):
    assert message in _error(Document("d1", text))  # type: ignore[arg-type]


def test_several_problems_are_all_listed():
    with pytest.raises(AnnotationError) as e:
        validate_document(Document("d1", TEXT, [Span(0, 99, "PER"), Span(6, 12, "per")]), path="a.jsonl", line=2)
    assert len(e.value.problems) == 2
    assert all(str(p).startswith("a.jsonl:2: ") for p in e.value.problems)


@pytest.mark.parametrize("name, expected", [
    ("per", "PER"), ("Person", "PER"), ("GPE", "LOC"), ("meeting", "EVT_MEETING"), ("envoy", "ROLE_ENVOY"),
    ("EVT_MEETNG", "EVT_MEETING"), ("phone call", "EVT_PHONE_CALL"), ("zzz", None), ("", None),
])
def test_suggest_label(name, expected):
    assert suggest_label(name) == expected


@pytest.mark.parametrize("name, fmt", [
    ("anercorp_camel_train_sample.txt", "conll"), ("wikifane_sample.txt.gz", "conll"),
    ("doccano_export.jsonl", "doccano"), ("labelstudio_export.json", "labelstudio"),
    ("labelstudio_min.json", "labelstudio"),
])
def test_detect_format(name, fmt):
    assert detect_format(FIX / name) == fmt


def test_detect_araevents_jsonl_and_unknown(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"id": "1", "text": "نص", "spans": []}) + "\n", encoding="utf-8")
    assert detect_format(path) == "jsonl"
    path.write_text(json.dumps({"id": "1", "body": "نص"}) + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"corpus\.jsonl:1: cannot tell the format"):
        detect_format(path)


def test_load_documents_reports_the_first_20_problems_with_lines(tmp_path):
    path = tmp_path / "corpus.jsonl"
    lines = [{"id": str(i), "text": TEXT, "spans": [{"start": 6, "end": 12, "label": "PER", "text": "لافروف"}]}
             for i in range(30)]
    for i in range(3, 28):  # 25 bad documents
        lines[i]["spans"][0]["label"] = "Person"
    lines[1] = {"id": "no-text"}
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError) as e:
        load_documents(path)
    msg = str(e.value)
    assert msg.startswith(f"{path}: 26 problem(s) found; nothing was converted. First {MAX_REPORTED}:")
    assert f"{path}:2: record has no \"text\"" in msg
    assert f"{path}:4: document '3', span Person [6, 12) 'لافروف': unknown label 'Person'; did you mean 'PER'?" in msg
    assert "... and 6 more" in msg
    assert len(e.value.problems) == 26 and e.value.problems[-1].line == 28


def test_load_documents_conll_with_map_and_errors():
    docs = load_documents(FIX / "anercorp_camel_train_sample.txt", label_map={"PERS": "PER", "MISC": None})
    assert len(docs) == 2
    with pytest.raises(AnnotationError) as e:
        load_documents(FIX / "anercorp_camel_train_sample.txt")
    assert "unknown label 'PERS'; did you mean 'PER'?" in str(e.value)
    assert "anercorp_camel_train_sample.txt:1: document 'anercorp_camel_train_sample-00001'" in str(e.value)
    with pytest.raises(AnnotationError) as e:
        load_documents(FIX / "anercorp_original_malformed.txt", format="conll")
    assert [p.line for p in e.value.problems][:5] == [7, 10, 14, 17, 20]


def test_load_documents_bad_arguments(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_documents(tmp_path / "missing.jsonl")
    with pytest.raises(AnnotationError, match="unknown format 'xml'"):
        load_documents(FIX / "doccano_export.jsonl", format="xml")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match="empty"):
        load_documents(empty)


def test_araevents_jsonl_documents_come_back_unchanged(tmp_path):
    from araevents.document import write_jsonl

    doc = Document("a1", TEXT, [Span(6, 12, "PER", "لافروف"), Span(21, 25, "LOC", "جنيف")], meta={"source": "x"})
    path = tmp_path / "corpus.jsonl"
    write_jsonl([doc], path)
    assert load_documents(path) == [doc]
    (mapped,) = load_documents(path, label_map={"LOC": None})
    assert [s.label for s in mapped.spans] == ["PER"]


def test_load_documents_summarises_all_unknown_labels():
    with pytest.raises(AnnotationError) as e:
        load_documents(FIX / "wikifane_sample.txt.gz")
    msg = str(e.value)
    assert "unknown labels in the whole file (count): Population-Center 5, Nation 1," in msg
    assert "SOURCE=TYPE or SOURCE=-" in msg
