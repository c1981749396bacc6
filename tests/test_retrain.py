"""Retrain on user annotations (`araevents train --data`) and publish the result (`--dry-run`).

configs/tiny.yaml is trained for real on examples/annotations/ (a 1-layer random BERT, seconds
on CPU) over a stand-in tokenizer, since the embedded model may not exist yet; the staged Hub
folder must then load with transformers, the token-classification pipeline and araevents.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from araevents.cli import main
from araevents.schema import LABELS, SPAN_TYPES

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "examples" / "annotations"
SAMPLE_FILES = ("sample.jsonl", "sample_doccano.jsonl", "sample_labelstudio.json")
ARABIC = "استقبل الرئيس التونسي في قرطاج أمس وزير الخارجية الإيطالي، وبحثا ملف الهجرة."


def tiny_config(tmp_path: Path, tokenizer_dir: Path, **overrides) -> Path:
    """configs/tiny.yaml with the stand-in tokenizer and a temporary output folder."""
    data = yaml.safe_load((ROOT / "configs" / "tiny.yaml").read_text(encoding="utf-8"))
    data.update(tokenizer_name_or_path=str(tokenizer_dir), output_dir=str(tmp_path / "run"), threads=2, **overrides)
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def retrained(tmp_path_factory, tiny_model_factory) -> Path:
    """One real `araevents train` run on the Label Studio sample (exercises conversion too)."""
    tmp = tmp_path_factory.mktemp("retrain")
    config = tiny_config(tmp, tiny_model_factory())
    mp = pytest.MonkeyPatch()
    mp.chdir(ROOT)  # tiny.yaml's eval_seeds path is relative to the repository
    try:
        rc = main(["train", "--config", str(config), "--data", str(SAMPLES / "sample_labelstudio.json")])
    finally:
        mp.undo()
    assert rc == 0
    return tmp / "run" / "model"


class Started(Exception):
    """Raised in place of transformers.Trainer: carries the train dataset train() built."""


def stop_at_trainer(monkeypatch) -> None:
    import transformers

    def started(*args, train_dataset=None, **kwargs):
        raise Started(train_dataset)

    monkeypatch.setattr(transformers, "Trainer", started)


def _spans(doc):
    return sorted((s.start, s.end, s.label) for s in doc.spans)


def test_sample_annotations_are_one_corpus_in_three_formats():
    from araevents.validation import load_documents

    corpora = [load_documents(SAMPLES / name) for name in SAMPLE_FILES]
    assert all(len(c) == len(corpora[0]) >= 25 for c in corpora)
    for docs in zip(*corpora):
        assert len({d.text for d in docs}) == 1
        assert _spans(docs[0]) == _spans(docs[1]) == _spans(docs[2])
    assert {s.label for d in corpora[0] for s in d.spans} == set(SPAN_TYPES)  # every type occurs
    assert "CC BY 4.0" in (SAMPLES / "README.md").read_text(encoding="utf-8")


def test_retrain_writes_a_model_folder_with_reports(retrained: Path):
    for name in ("config.json", "model.safetensors", "tokenizer.json", "eval_report.json", "eval_report.md",
                 "train_log.json"):
        assert (retrained / name).is_file(), name
    config = json.loads((retrained / "config.json").read_text(encoding="utf-8"))
    assert [config["id2label"][str(i)] for i in range(len(LABELS))] == list(LABELS)
    report = json.loads((retrained / "eval_report.json").read_text(encoding="utf-8"))
    assert report["seeds"]["examples"] > 0 and 0.0 <= report["seeds"]["micro"]["f1"] <= 1.0
    assert report["user_heldout"]["examples"] > 0  # the user's held-out part is scored
    log = json.loads((retrained / "train_log.json").read_text(encoding="utf-8"))
    assert log["config"]["data"] == [str(SAMPLES / "sample_labelstudio.json")]
    assert log["config"]["data_mode"] == "replace" and log["global_step"] > 0


def test_retrained_model_publishes_dry_run_and_staged_folder_loads(retrained: Path, tmp_path: Path, capsys):
    from transformers import AutoModelForTokenClassification, AutoTokenizer, pipeline

    import araevents

    staging = tmp_path / "staged"
    rc = main(["publish", str(retrained), "--repo-id", "someone/araevents-retrained", "--dry-run",
               "--staging-dir", str(staging), "--license", "cc-by-4.0"])
    assert rc == 0
    out = capsys.readouterr().out
    assert "dry run: would create public model repo someone/araevents-retrained" in out
    assert "model.safetensors" in out and "README.md" in out

    # the three ways users load a published model, on the staged folder itself
    model = AutoModelForTokenClassification.from_pretrained(staging)
    tokenizer = AutoTokenizer.from_pretrained(staging)
    assert model.config.id2label[0] == LABELS[0] and len(model.config.id2label) == len(LABELS)
    entities = pipeline("token-classification", model=model, tokenizer=tokenizer, aggregation_strategy="first")(ARABIC)
    assert isinstance(entities, list) and all(e["entity_group"] in SPAN_TYPES for e in entities)
    assert all(ARABIC[e["start"]:e["end"]].strip() for e in entities)
    extractor = araevents.Extractor(str(staging))
    assert isinstance(extractor.extract(ARABIC), list)
    assert all(ARABIC[s.start:s.end] == s.text for s in extractor.tag(ARABIC))

    card = (staging / "README.md").read_text(encoding="utf-8")
    assert "someone/araevents-retrained" in card and "license: cc-by-4.0" in card
    seeds_f1 = json.loads((retrained / "eval_report.json").read_text(encoding="utf-8"))["seeds"]["micro"]["f1"]
    assert f"value: {round(seeds_f1, 4)}" in card  # model-index carries the report's figure


@pytest.mark.parametrize("name, content, line, problem", [
    ("bad.jsonl",
     '{"id": "a", "text": "التقى الوزيران في جنيف.", "spans": [{"start": 18, "end": 22, "label": "LOC", "text": "جنيف"}]}\n'
     '{"id": "b", "text": "وصل المبعوث إلى دمشق.", "spans": [{"start": 0, "end": 3, "label": "EVT_VISIT", "text": "وصل"}]}\n'
     '{"id": "c", "text": "زار الرئيس القاهرة.", "spans": [{"start": 4, "end": 9, "label": "ROLE_HEAD_OF_STATE", "text": "الرئيس"}]}\n',
     3, "span text does not match"),
    ("bad_doccano.jsonl",
     '{"id": 1, "text": "التقى الوزيران في جنيف.", "label": [[18, 22, "LOC"]]}\n'
     '{"id": 2, "text": "قال كيري إن المحادثات مستمرة.", "label": [[4, 8, "PERSON"]]}\n',
     2, "unknown label 'PERSON'; did you mean 'PER'?"),
])
def test_bad_annotation_file_fails_before_training(tmp_path, tiny_model_dir, monkeypatch, capsys,
                                                   name, content, line, problem):
    import transformers

    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")

    def no_training(*args, **kwargs):
        raise AssertionError("training started although the annotation file is invalid")

    monkeypatch.setattr(transformers, "Trainer", no_training)
    monkeypatch.chdir(ROOT)
    rc = main(["train", "--config", str(tiny_config(tmp_path, tiny_model_dir)), "--data", str(bad)])
    err = capsys.readouterr().err
    assert rc == 1
    assert f"{bad}:{line}: " in err and problem in err
    assert not (tmp_path / "run" / "model").exists() and not (tmp_path / "run" / "checkpoints").exists()


def test_retrain_rejects_a_missing_annotation_file(tmp_path, tiny_model_dir, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    rc = main(["train", "--config", str(tiny_config(tmp_path, tiny_model_dir)), "--data", str(tmp_path / "nope.jsonl")])
    assert rc == 1 and "nope.jsonl" in capsys.readouterr().err


def test_label_map_lets_a_tool_export_with_other_label_names_train(tmp_path, tiny_model_dir, monkeypatch):
    export = tmp_path / "export.jsonl"
    export.write_text('{"id": 1, "text": "قال كيري إن المحادثات مستمرة في جنيف.", '
                      '"label": [[4, 8, "PERSON"], [32, 36, "GPE"], [0, 3, "MISC"]]}\n'
                      '{"id": 2, "text": "زار كيري موسكو أمس.", "label": [[4, 8, "PERSON"], [9, 14, "GPE"]]}\n',
                      encoding="utf-8")
    stop_at_trainer(monkeypatch)
    monkeypatch.chdir(ROOT)
    with pytest.raises(Started) as info:
        main(["train", "--config", str(tiny_config(tmp_path, tiny_model_dir)), "--data", str(export),
              "--data-format", "doccano", "--label-map", "PERSON=PER", "GPE=LOC", "MISC=-"])
    from araevents.schema import id2label

    labels = {id2label[i] for row in info.value.args[0]["labels"] for i in row if i >= 0}
    assert labels == {"O", "B-PER", "B-LOC"}


def test_continue_training_from_the_embedded_model(tmp_path, tiny_model_dir, monkeypatch):
    """`--model embedded` starts from the shipped model folder (a stand-in here) instead of model_init."""
    import araevents.paths

    monkeypatch.setattr(araevents.paths, "DEFAULT_MODEL_DIR", tiny_model_dir)
    monkeypatch.chdir(ROOT)
    config = tiny_config(tmp_path, tiny_model_dir, eval_seeds=None)
    assert main(["train", "--config", str(config), "--model", "embedded", "--max-steps", "1",
                 "--data", str(SAMPLES / "sample_doccano.jsonl")]) == 0
    log = json.loads((tmp_path / "run" / "model" / "train_log.json").read_text(encoding="utf-8"))
    assert log["config"]["model_name_or_path"] == "embedded" and log["config"]["model_init"] is None
    from araevents.training.model_card import build_card

    card = build_card(tmp_path / "run" / "model", "someone/continued")
    assert "fine-tuned from the model embedded in the araevents package" in card.text
    assert "base_model" not in card.data.to_dict()


def test_a_single_annotated_document_is_a_clear_error(tmp_path, tiny_model_dir, monkeypatch, capsys):
    one = tmp_path / "one.jsonl"
    one.write_text('{"id": "a", "text": "التقى الوزيران في جنيف.", "spans": []}\n', encoding="utf-8")
    monkeypatch.chdir(ROOT)
    assert main(["train", "--config", str(tiny_config(tmp_path, tiny_model_dir)), "--data", str(one)]) == 1
    assert "too few to both train and validate" in capsys.readouterr().err


def test_continuing_from_a_float16_model_trains_in_float32(tiny_model_factory, tmp_path):
    """The embedded model ships in float16; retraining from it must not train in half precision."""
    import torch
    from transformers import AutoModelForTokenClassification

    from araevents.training.train import load_model_and_tokenizer

    src = tiny_model_factory()
    half = tmp_path / "half"
    AutoModelForTokenClassification.from_pretrained(src).to(torch.float16).save_pretrained(half)
    for f in src.iterdir():
        if f.name.startswith("tokenizer") or f.name in ("vocab.txt", "special_tokens_map.json"):
            (half / f.name).write_bytes(f.read_bytes())
    model, _ = load_model_and_tokenizer(str(half))
    assert model.dtype == torch.float32


def test_source_repeats_show_a_source_k_times_per_epoch(tmp_path, tiny_model_dir, monkeypatch, capsys):
    stop_at_trainer(monkeypatch)
    monkeypatch.chdir(ROOT)
    sizes = {}
    for k in (1, 3):
        (tmp_path / str(k)).mkdir()
        config = tiny_config(tmp_path / str(k), tiny_model_dir, source_repeats={"user": k}, user_validation_fraction=0.2)
        with pytest.raises(Started) as info:
            main(["train", "--config", str(config), "--data", str(SAMPLES / "sample.jsonl")])
        sizes[k] = len(info.value.args[0])
    assert sizes[3] == 3 * sizes[1] > 0
    (tmp_path / "bad").mkdir()
    bad = tiny_config(tmp_path / "bad", tiny_model_dir, source_repeats={"wikipedia": 2})
    assert main(["train", "--config", str(bad), "--data", str(SAMPLES / "sample.jsonl")]) != 0
    assert "no training row comes from it" in capsys.readouterr().err
