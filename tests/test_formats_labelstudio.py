"""Label Studio JSON and JSON-MIN exports: annotation choice, skipped tasks, broken exports."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from araevents.formats.labelstudio import iter_json_array, read_labelstudio
from araevents.validation import AnnotationError, load_documents

FIX = Path(__file__).parent / "fixtures"
EXPORT = FIX / "labelstudio_export.json"
MIN = FIX / "labelstudio_min.json"


def test_full_export_takes_first_non_cancelled_annotation(caplog):
    tasks = json.loads(EXPORT.read_text(encoding="utf-8"))
    with caplog.at_level(logging.WARNING, logger="araevents.formats.labelstudio"):
        docs = list(read_labelstudio(EXPORT))
    assert [d.id for d in docs] == ["1", "2"]
    assert docs[1].meta == {"line": 3, "file": EXPORT.name, "annotations_in_task": 3, "annotation_id": 22}
    # annotation 22 has all five spans (23 has one; 21 was cancelled); the "choices" result is ignored
    expected = [(r["value"]["start"], r["value"]["end"], r["value"]["labels"][0])
                for r in tasks[1]["annotations"][1]["result"] if r["type"] == "labels"]
    assert [(s.start, s.end, s.label) for s in docs[1].spans] == expected
    assert docs[1].spans[0].text == "قال"
    # the task without annotations is skipped, loudly
    assert "skipped 1 task(s) without a non-cancelled annotation: 3 (line 4)" in caplog.text
    assert "first non-cancelled annotation" in caplog.text


def test_json_min_export_gives_the_same_documents():
    full = {d.text: d.spans for d in read_labelstudio(EXPORT)}
    docs = load_documents(MIN)
    assert len(docs) == 3
    for d in docs:
        if d.text in full:
            assert d.spans == full[d.text]
    assert docs[0].meta["annotation_id"] == 100


def test_load_documents_detects_label_studio():
    assert [d.id for d in load_documents(EXPORT)] == ["1", "2"]


def _task(text: str, results: list, **extra) -> dict:
    return {"id": 9, "data": {"text": text}, "annotations": [{"id": 1, "result": results, **extra}]}


def _labels(start, end, labels, text=None):
    value = {"start": start, "end": end, "labels": labels}
    if text is not None:
        value["text"] = text
    return {"type": "labels", "from_name": "label", "to_name": "text", "value": value}


@pytest.mark.parametrize(
    "task, message",
    [
        (_task("زار كيري موسكو", [_labels(4, 8, ["PER", "ROLE_OFFICIAL"])]), "exactly one label"),
        (_task("زار كيري موسكو", [{"type": "labels", "value": {"start": 4}}]), "start, end and labels"),
        ({"id": 9, "data": {"body": "زار كيري", "title": "خبر"}, "annotations": []}, "which \"data\" field"),
        (_task("زار كيري", [{"type": "hypertextlabels", "value": {}}]), "not supported"),
        ({"id": 9, "label": []}, 'JSON-MIN record has no "text"'),
    ],
)
def test_bad_tasks_name_file_and_line(tmp_path, task, message):
    path = tmp_path / "export.json"
    good = _task("زار كيري موسكو", [_labels(4, 8, ["PER"], "كيري")])
    path.write_text("[\n" + json.dumps(good, ensure_ascii=False) + ",\n" + json.dumps(task, ensure_ascii=False, indent=1)
                    + "\n]", encoding="utf-8")
    with pytest.raises(AnnotationError) as e:
        list(read_labelstudio(path))
    assert str(e.value).startswith(f"{path}:3: ") and message in str(e.value)


def test_span_text_mismatch_is_caught_by_validation(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps([_task("زار كيري موسكو", [_labels(3, 7, ["PER"], "كيري")])], ensure_ascii=False),
                    encoding="utf-8")
    with pytest.raises(AnnotationError) as e:
        load_documents(path)
    assert f"{path}:1: document '9', span PER [3, 7) 'كيري': span text does not match" in str(e.value)
    assert "occurs at [4, 8)" in str(e.value)


def test_iter_json_array_lines_and_errors(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('[\n  {"a": 1},\n\n  {"b":\n 2}\n]\n', encoding="utf-8")
    assert list(iter_json_array(path)) == [(2, {"a": 1}), (4, {"b": 2})]
    path.write_text('[\n  {"a": 1},\n  {"b": }\n]', encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"a\.json:3: invalid JSON"):
        list(iter_json_array(path))
    path.write_text('{"text": "x"}', encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"a\.json:1: expected a JSON list"):
        list(iter_json_array(path))
    path.write_text("[]", encoding="utf-8")
    assert list(iter_json_array(path)) == []
