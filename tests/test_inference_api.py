"""Public API: lazy import, input checking, extract with a tiny model, CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import araevents
from araevents.document import Span
from araevents.events import Event, events_to_json
from araevents.inference.extractor import Extractor
from araevents.inference.oracle import OracleTagger

TEXT = "التقى وزير الخارجية الروسي سيرغي لافروف نظيره الأميركي جون كيري في جنيف اليوم."


def test_import_araevents_does_not_import_torch() -> None:
    code = "import sys, araevents; araevents.__version__; assert 'torch' not in sys.modules and 'transformers' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_public_names_resolve() -> None:
    for name in ("extract", "extract_many", "tag", "Extractor", "Event", "Participant", "TextSpan"):
        assert getattr(araevents, name) is not None
    with pytest.raises(AttributeError):
        araevents.nope  # noqa: B018


@pytest.mark.parametrize("bad", [None, b"\xd8\xa7", ["نص"], 42])
def test_wrong_types_raise_type_error(bad) -> None:
    with pytest.raises(TypeError, match="must be str"):
        araevents.extract(bad)
    with pytest.raises(TypeError, match="must be str"):
        Extractor(tagger=OracleTagger({})).extract(bad)


def test_bytes_error_says_how_to_fix() -> None:
    with pytest.raises(TypeError, match="decode"):
        araevents.extract("نص".encode())


@pytest.mark.parametrize("text", ["", "   \n\t ", "The foreign ministers met in Geneva on Monday.", "12345 !!!"])
def test_empty_and_non_arabic_give_no_events_without_loading_a_model(text: str) -> None:
    assert araevents.extract(text) == []
    assert araevents.tag(text) == []
    assert araevents.extract_many([text, text]) == [[], []]


def test_extract_with_a_tiny_model_folder(tiny_model_dir: Path) -> None:
    ex = Extractor(tiny_model_dir, outside_bias=0)  # random weights decoded as they are: spans everywhere
    events = ex.extract(TEXT)
    for e in events:  # random weights: anything may come out, but offsets must hold
        assert TEXT[e.trigger.start : e.trigger.end] == e.trigger.text
        for p in e.participants:
            for m in p.mentions:
                assert TEXT[m.start : m.end] == m.text
    assert json.loads(events_to_json(events)) == [e.to_dict() for e in events]
    assert [Event.from_dict(e.to_dict()).to_dict() for e in events] == [e.to_dict() for e in events]
    assert ex.extract(TEXT) == Extractor(str(tiny_model_dir), outside_bias=0).extract(TEXT)
    assert araevents.extract(TEXT, model=tiny_model_dir) == araevents.extract(TEXT, model=str(tiny_model_dir))
    spans = ex.tag(TEXT)
    assert all(TEXT[s.start : s.end] == s.text and s.score is not None for s in spans)


def test_extract_many_matches_extract_per_article() -> None:
    sp = [Span(TEXT.index(w), TEXT.index(w) + len(w), lab, w) for w, lab in
          [("التقى", "EVT_MEETING"), ("سيرغي لافروف", "PER"), ("جون كيري", "PER")]]
    ex = Extractor(tagger=OracleTagger({TEXT: sp}))
    many = ex.extract_many([TEXT, "", TEXT], batch_size=2)
    assert [len(x) for x in many] == [1, 0, 1]
    assert [e.to_dict() for e in many[0]] == [e.to_dict() for e in ex.extract(TEXT)]


def test_cli_extract_and_tag(tiny_model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from araevents.cli import main

    txt = tmp_path / "a.txt"
    txt.write_text(TEXT, encoding="utf-8")
    jl = tmp_path / "b.jsonl"
    jl.write_text(json.dumps({"id": "x1", "text": TEXT}, ensure_ascii=False) + "\n\n", encoding="utf-8")
    html = tmp_path / "out.html"
    assert main(["extract", str(txt), str(jl), "--model", str(tiny_model_dir), "--pretty", "--html", str(html)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in out] == ["a", "x1"] and all(isinstance(r["events"], list) for r in out)
    page = html.read_text(encoding="utf-8")
    assert 'dir="rtl"' in page and "<table>" in page
    assert main(["extract", str(jl), "--model", str(tiny_model_dir), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["id"] == "x1"
    assert main(["tag", str(txt), "--model", str(tiny_model_dir)]) == 0
    (rec,) = json.loads(capsys.readouterr().out)
    assert all(TEXT[s["start"] : s["end"]] == s["text"] for s in rec["spans"])


def test_cli_reports_bad_input_in_one_line(tiny_model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from araevents.cli import main

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    assert main(["extract", str(bad), "--model", str(tiny_model_dir)]) == 1
    assert "bad.jsonl:1" in capsys.readouterr().err
    assert main(["extract", str(tmp_path / "missing.txt")]) == 1
    capsys.readouterr()
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    assert main(["extract", str(good), "--model", str(tmp_path / "nope")]) == 1
    assert "does not exist" in capsys.readouterr().err
