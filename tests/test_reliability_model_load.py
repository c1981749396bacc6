"""Broken model folders fail when the Extractor is built, with one line that says what to do.

``test_inference_tagger.py`` already covers a missing folder, a missing config.json, invalid
JSON, a short label list, no weights, half a weights file and no tokenizer on ``Tagger.load``.
Here: the other ways a folder is broken in the wild (a download cut at zero bytes, garbage
bytes, files from two different models, a label list in the wrong order), checked through the
public ``Extractor`` and the CLI. Every message must be a single line, name the folder, and
say how to fix it; none may point at transformers' internals ("see the report above").
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from araevents.errors import ModelLoadError
from araevents.inference.extractor import Extractor
from araevents.schema import LABELS

FIX_HINT = r"re-download|re-export|retrain|copy the tokenizer|pass another model|pass a model"


def _edit_config(folder: Path, change: Callable[[dict], object]) -> None:
    path = folder / "config.json"
    cfg = json.loads(path.read_text(encoding="utf-8"))
    change(cfg)
    path.write_text(json.dumps(cfg), encoding="utf-8")


def _set_labels(folder: Path, labels: list[str]) -> None:
    def change(cfg: dict) -> None:
        cfg["id2label"] = {str(i): lab for i, lab in enumerate(labels)}
        cfg["label2id"] = {lab: i for i, lab in enumerate(labels)}

    _edit_config(folder, change)


def _swap_two_labels(folder: Path) -> None:
    labels = list(LABELS)
    labels[1], labels[2] = labels[2], labels[1]
    _set_labels(folder, labels)


def _foreign_tokenizer(folder: Path) -> None:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(folder)
    tok.add_tokens([f"كلمة{i}" for i in range(50)])  # a tokenizer with ids past the model's embeddings
    tok.save_pretrained(folder)


BREAKAGES: dict[str, tuple[Callable[[Path], object], str]] = {
    "empty_folder": (lambda f: [p.unlink() for p in f.iterdir()], "no config.json"),
    "path_is_a_file": (None, "is a file, not a folder"),  # handled in the test
    "config_is_a_json_list": (lambda f: (f / "config.json").write_text("[1, 2]", encoding="utf-8"), "not an object"),
    "config_is_binary": (lambda f: (f / "config.json").write_bytes(b"\xff\xfe\x00garbage"), "not valid JSON"),
    "config_without_model_type": (lambda f: _edit_config(f, lambda c: c.pop("model_type")), "could not load model"),
    "weights_zero_bytes": (lambda f: (f / "model.safetensors").write_bytes(b""), "could not load model"),
    "weights_garbage": (lambda f: (f / "model.safetensors").write_bytes(os.urandom(4096)), "could not load model"),
    "weights_from_other_config": (
        lambda f: _edit_config(f, lambda c: c.update(hidden_size=64)),
        "weights do not fit config.json",
    ),
    "tokenizer_json_garbage": (lambda f: (f / "tokenizer.json").write_text("{oops", encoding="utf-8"), "could not load model"),
    "tokenizer_from_other_model": (_foreign_tokenizer, "tokenizer has .* tokens but the model only"),
    "labels_wrong_order": (_swap_two_labels, "same labels in a different order"),
    "labels_missing_one": (lambda f: _set_labels(f, list(LABELS[:-1])), r"missing \['"),
    "labels_extra": (lambda f: _set_labels(f, [*LABELS, "B-WEAPON", "I-WEAPON"]), r"unknown \['B-WEAPON'"),
    "id2label_not_integers": (
        lambda f: _edit_config(f, lambda c: c.update(id2label={lab: lab for lab in LABELS})),
        "keys must be integers",
    ),
}


def broken_copy(tiny_model_dir: Path, tmp_path: Path, name: str) -> Path:
    folder = Path(shutil.copytree(tiny_model_dir, tmp_path / name))
    if name == "path_is_a_file":
        return folder / "config.json"
    BREAKAGES[name][0](folder)
    return folder


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_broken_model_fails_at_construction_with_one_actionable_line(tiny_model_dir: Path, tmp_path: Path, name: str) -> None:
    folder = broken_copy(tiny_model_dir, tmp_path, name)
    with pytest.raises(ModelLoadError) as info:
        Extractor(folder)  # at construction, not at the first extract()
    message = str(info.value)
    assert re.search(BREAKAGES[name][1], message), message
    assert "\n" not in message and "above" not in message, message
    assert folder.name in message or str(folder.parent.name) in message, message
    assert re.search(FIX_HINT, message), message
    assert info.value.__cause__ is None  # no chained traceback from inside transformers


def test_model_load_error_is_a_user_error_and_a_value_error() -> None:
    from araevents.errors import UserError

    assert issubclass(ModelLoadError, UserError) and issubclass(ModelLoadError, ValueError)


def test_cli_with_a_corrupted_model_prints_one_line_and_exits_non_zero(tiny_model_dir: Path, tmp_path: Path) -> None:
    folder = broken_copy(tiny_model_dir, tmp_path, "weights_garbage")
    article = tmp_path / "a.txt"
    article.write_text("التقى وزير الخارجية الروسي نظيره في جنيف.", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "araevents.cli", "extract", "--model", str(folder), str(article)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode != 0
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("araevents extract: error:") and "could not load model" in lines[0]
    assert proc.stdout == ""


def test_cli_echoes_a_lone_surrogate_from_jsonl_input_as_valid_utf8(tiny_model_dir: Path, tmp_path: Path) -> None:
    """JSON input may hold ``\\ud83d`` (an emoji cut in half); the UTF-8 output must still be writable."""
    from samples import SENTENCES

    text = " ".join(SENTENCES * 2).replace(" ", " \ud83d")  # the tiny model finds events in this text
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": text}) + "\n", encoding="ascii")
    proc = subprocess.run(
        [sys.executable, "-m", "araevents.cli", "extract", "--model", str(tiny_model_dir), str(src)],
        capture_output=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    out = proc.stdout.decode("utf-8")  # strict: the bytes are valid UTF-8
    (record,) = json.loads(out)
    assert "\\ud83d" in out  # event sentences hold surrogates, so the escape path really ran
    assert record["events"] and all(text[e["sentence"]["start"] : e["sentence"]["end"]] == e["sentence"]["text"] for e in record["events"])
