"""``araevents convert``: writes validated JSONL and label counts, or fails naming file:line."""

from __future__ import annotations

from pathlib import Path

from araevents.cli import main
from araevents.document import iter_jsonl_records
from araevents.validation import load_documents

FIX = Path(__file__).parent / "fixtures"


def test_convert_conll_with_label_map(tmp_path, capsys):
    out = tmp_path / "aner.jsonl"
    rc = main(["convert", str(FIX / "anercorp_camel_train_sample.txt"), "-o", str(out),
               "--label-map", "PERS=PER", "MISC=-"])
    assert rc == 0
    printed = capsys.readouterr().out
    assert f"wrote 2 documents, 7 spans to {out}" in printed
    assert "PER  4" in printed and "LOC  2" in printed and "ORG  1" in printed and "MISC" not in printed
    assert len(load_documents(out)) == 2  # the output is valid araevents JSONL


def test_convert_labelstudio_roundtrips_through_jsonl(tmp_path, capsys):
    out = tmp_path / "ls.jsonl"
    assert main(["convert", str(FIX / "labelstudio_export.json"), "-o", str(out), "--format", "labelstudio"]) == 0
    assert "wrote 2 documents, 12 spans" in capsys.readouterr().out
    records = [r for _, r in iter_jsonl_records(out)]
    assert [r["id"] for r in records] == ["1", "2"]
    assert load_documents(out)[1].spans == load_documents(FIX / "labelstudio_export.json")[1].spans


def test_convert_error_names_file_and_line_and_writes_nothing(tmp_path, capsys):
    src = tmp_path / "export.jsonl"
    src.write_text('{"text": "زار كيري موسكو", "label": [[4, 8, "person"]]}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["convert", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{src}:1: " in err and "did you mean 'PER'?" in err
    assert not out.exists()


def test_convert_rejects_bad_label_map(tmp_path, capsys):
    rc = main(["convert", str(FIX / "doccano_export.jsonl"), "-o", str(tmp_path / "o.jsonl"), "--label-map", "PERS"])
    assert rc == 1 and "bad label map entry 'PERS'" in capsys.readouterr().err
    rc = main(["convert", str(FIX / "doccano_export.jsonl"), "-o", str(tmp_path / "o.jsonl"),
               "--label-map", "PERS=Person"])
    assert rc == 1 and "did you mean 'PER'?" in capsys.readouterr().err
