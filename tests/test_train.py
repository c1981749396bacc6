"""The fine-tuning pipeline: configs, metrics, atomic model folders, resume after kill -9."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from araevents.errors import ConfigError
from araevents.schema import LABELS

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "annotations" / "sample.jsonl"


def tiny_config(tmp_path: Path, tokenizer_dir: Path, **overrides) -> Path:
    cfg = yaml.safe_load((REPO / "configs" / "tiny.yaml").read_text(encoding="utf-8"))
    cfg.update(output_dir=str(tmp_path / "run"), tokenizer_name_or_path=str(tokenizer_dir), data=[str(SAMPLE)],
               eval_seeds=None)
    cfg.update(overrides)
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return path


def run_cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "araevents.cli", *args], capture_output=True, text=True,
                          cwd=REPO, **kw)


def test_unknown_config_key_is_named(tmp_path):
    from araevents.training.config import fill
    from araevents.training.train import TrainConfig

    with pytest.raises(ConfigError, match="learning_rte"):
        fill(TrainConfig, {"output_dir": "x", "learning_rte": 1}, where="c.yaml")


@pytest.mark.parametrize("overrides, message", [
    ({"data": [], "corpus": None}, "no training data"),
    ({"data_mode": "mix"}, "data_mode"),
    ({"model_name_or_path": "x"}, "exactly one of"),
    ({"export_max_length": 100000}, "export_max_length"),
    ({"split_proclitics": "yes"}, "split_proclitics"),
])
def test_bad_configs_fail_before_training(tmp_path, tiny_model_dir, overrides, message):
    from araevents.training.config import fill, load_yaml
    from araevents.training.train import TrainConfig

    path = tiny_config(tmp_path, tiny_model_dir, **overrides)
    cfg = fill(TrainConfig, load_yaml(path), where=str(path))
    with pytest.raises(ConfigError, match=message):
        cfg.check(str(path))


def test_cli_reports_config_errors_in_one_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("output_dir: x\nepochs: 3\n", encoding="utf-8")
    proc = run_cli("train", "--config", str(path))
    assert proc.returncode == 1
    assert "unknown key(s) epochs" in proc.stderr and "Traceback" not in proc.stderr


def test_seqeval_module_is_strict_iob2():
    from araevents.training.metrics import load_seqeval

    m = load_seqeval().compute(
        references=[["B-PER", "I-PER", "O", "B-LOC", "O"]],
        predictions=[["B-PER", "I-PER", "O", "I-LOC", "O"]],  # I- without B-: not a LOC span in strict mode
    )
    assert m["PER"]["f1"] == 1.0
    assert m["LOC"]["recall"] == 0.0
    assert m["overall_precision"] == 1.0 and m["overall_recall"] == 0.5


def test_document_examples_never_cut_a_span():
    from araevents.document import Document
    from araevents.training.data import document_examples

    text = "التقى كيري. ولافروف في جنيف."
    doc = Document("d", text)
    doc.add_span(6, text.index("."), "PER")
    doc.add_span(text.index("لافروف"), text.index("لافروف") + 6, "PER")
    rows = document_examples(doc, source="t", license="t")
    assert [r["words"] for r in rows] == [["التقى", "كيري", "."], ["ولافروف", "في", "جنيف", "."]]
    assert rows[1]["tags"] == ["B-PER", "O", "O", "O"]


def test_save_model_atomically_leaves_no_partial_folder(tmp_path, tiny_model_dir, monkeypatch):
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from araevents.training.train import save_model_atomically

    model = AutoModelForTokenClassification.from_pretrained(tiny_model_dir)
    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    target = tmp_path / "model"
    save_model_atomically(model, tok, target)
    before = sorted(p.name for p in target.iterdir())

    def crash(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(type(tok), "save_pretrained", crash)
    with pytest.raises(RuntimeError):
        save_model_atomically(model, tok, target)
    assert sorted(p.name for p in target.iterdir()) == before  # the old folder is untouched
    assert [p.name for p in tmp_path.iterdir()] == ["model"]  # no temporary folder left


KILL_AFTER_FIRST_CHECKPOINT = """
import os, signal, sys
import transformers

class KillAfterSave(transformers.TrainerCallback):
    saved = False
    def on_save(self, args, state, control, **kw):
        self.saved = True
    def on_step_end(self, args, state, control, **kw):
        if self.saved:
            os.kill(os.getpid(), signal.SIGKILL)

_init = transformers.Trainer.__init__
def init(self, *a, **k):
    _init(self, *a, **k)
    self.add_callback(KillAfterSave())
transformers.Trainer.__init__ = init
from araevents.cli import main
sys.exit(main(["train", "--config", {config!r}]))
"""


@pytest.mark.slow
def test_tiny_training_kill9_resume_matches_uninterrupted_run(tmp_path, tiny_model_dir):
    """kill -9 mid-run, rerun the same command: same final weights as a run never interrupted."""
    from safetensors.torch import load_file

    # checkpoints at epoch ends; the exported tokenizer declares shorter windows than training used;
    # proclitics split at model input, recorded in the exported config
    common = dict(num_train_epochs=4, early_stopping_patience=None, export_max_length=48, split_proclitics=True)
    ref_cfg = tiny_config(tmp_path / "ref", tiny_model_dir, **common)
    proc = run_cli("train", "--config", str(ref_cfg), timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]

    cfg = tiny_config(tmp_path / "killed", tiny_model_dir, **common)
    ckpt_dir = tmp_path / "killed" / "run" / "checkpoints"
    # The training process SIGKILLs itself at the first step after its first checkpoint: mid-epoch,
    # deterministically, whatever the machine's speed.
    killer = KILL_AFTER_FIRST_CHECKPOINT.format(config=str(cfg))
    p = subprocess.run([sys.executable, "-c", killer], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert p.returncode == -signal.SIGKILL, p.stderr[-3000:]
    assert list(ckpt_dir.glob("checkpoint-*"))
    assert not (tmp_path / "killed" / "run" / "model").exists()  # no half-written model folder

    proc = run_cli("train", "--config", str(cfg), timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "resuming from" in proc.stdout

    ref = load_file(tmp_path / "ref" / "run" / "model" / "model.safetensors")
    resumed = load_file(tmp_path / "killed" / "run" / "model" / "model.safetensors")
    assert ref.keys() == resumed.keys()
    for k in ref:
        assert (ref[k] - resumed[k]).abs().max().item() < 1e-5, k

    model_dir = tmp_path / "killed" / "run" / "model"
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    assert [config["id2label"][str(i)] for i in range(len(LABELS))] == list(LABELS)
    assert config["split_proclitics"] is True
    tok_config = json.loads((model_dir / "tokenizer_config.json").read_text(encoding="utf-8"))
    assert tok_config["model_max_length"] == 48
    report = json.loads((model_dir / "eval_report.json").read_text(encoding="utf-8"))
    assert "user_heldout" in report and 0.0 <= report["user_heldout"]["micro"]["f1"] <= 1.0


def test_partial_labels_trust_outside_only_on_known_non_entity_words(tiny_model_dir):
    from transformers import AutoTokenizer

    from araevents.schema import label2id
    from araevents.training.data import IGNORE_INDEX, tokenize_and_align, trusted_outside_words

    gold = {"words": [["قال", "غيث", "إن"], ["قال", "غيث", "إن"], ["قال", "سمير", "إن"]],
            "tags": [["O", "B-PER", "O"]] * 3, "source": ["anercorp"] * 3}
    trusted = trusted_outside_words(gold, ["anercorp"], min_count=3)
    assert trusted == frozenset({"قال", "ان"})  # folded forms; names never qualify
    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    batch = {"words": [["قال", "الطراونة", "إن"]], "tags": [["O", "O", "O"]], "source": ["saudinewsnet"]}
    enc = tokenize_and_align(batch, tok, 64, partial_sources=frozenset({"saudinewsnet"}), trusted_outside=trusted)
    first = [lab for lab, w, p in zip(enc["labels"][0], enc.word_ids(0), [None] + enc.word_ids(0)[:-1])
             if w is not None and w != p]
    assert first == [label2id["O"], IGNORE_INDEX, label2id["O"]]
    full = tokenize_and_align(batch, tok, 64)
    assert IGNORE_INDEX not in [lab for lab, w in zip(full["labels"][0], full.word_ids(0)) if w is not None][:1]


def test_evaluation_report_renders_span_and_event_parts(tmp_path):
    from araevents.training.evaluation import write_report

    span_part = {"examples": 2, "words": 9, "micro": {"precision": 1.0, "recall": 0.5, "f1": 0.667},
                 "per_type": {"PER": {"precision": 1.0, "recall": 0.5, "f1": 0.667, "number": 2}}}
    prf = {"precision": 0.5, "recall": 0.5, "f1": 0.5, "tp": 1, "pred": 2, "gold": 2}
    events = {"n_articles": 1, "per_type": {"MEETING": prf}, "micro": prf, "core": prf, "persons_matched": 0,
              "role_accuracy": None, "affiliation_accuracy": None, "by_source": {"seeds": {"micro": prf, "core": prf}}}
    write_report({"seeds": span_part, "events": events}, tmp_path, title="t")
    md = (tmp_path / "eval_report.md").read_text(encoding="utf-8")
    assert "**0.667**" in md and "| MEETING | 0.500 |" in md and "seeds: micro F1 0.500" in md
    assert json.loads((tmp_path / "eval_report.json").read_text(encoding="utf-8"))["events"]["micro"]["f1"] == 0.5


def test_max_eval_samples_samples_every_source(tmp_path):
    """The corpus validation table is ordered by source: its head alone would hold no news."""
    import datasets

    from araevents.training.train import TrainConfig, checkpoint_eval_rows, load_training_data

    def table(sources):
        return datasets.Dataset.from_dict({
            "id": [f"{s}-{i}" for i, s in enumerate(sources)], "words": [["كلمة"]] * len(sources),
            "tags": [["O"]] * len(sources), "source": sources, "license": ["x"] * len(sources)})

    sources = ["anercorp"] * 30 + ["wikifane"] * 30 + ["saudinewsnet"] * 40
    datasets.DatasetDict({"train": table(sources), "validation": table(sources)}).save_to_disk(str(tmp_path / "corpus"))
    cfg = TrainConfig(output_dir=str(tmp_path / "run"), model_name_or_path="x", corpus=str(tmp_path / "corpus"),
                      max_eval_samples=20)
    _, full, _ = load_training_data(cfg)
    assert len(full) == 100
    validation = checkpoint_eval_rows(full, cfg)
    assert len(validation) == 20
    assert set(validation["source"]) == {"anercorp", "wikifane", "saudinewsnet"}


def test_mention_swap_replaces_names_with_gold_names_of_the_same_type():
    import datasets

    from araevents.training.data import mention_inventory, swap_mentions

    rows = datasets.Dataset.from_dict({
        "id": ["a", "b"], "words": [["زار", "جون", "كيري", "باريس", "أمس"], ["قال", "المتحدث"]],
        "tags": [["B-EVT_VISIT", "B-PER", "I-PER", "B-LOC", "O"], ["O", "B-ROLE_SPOKESPERSON"]],
        "source": ["gold", "news"], "license": ["x", "x"]})
    inventory = mention_inventory(rows, ["gold"])
    assert inventory == {"PER": [("جون", "كيري")], "LOC": [("باريس",)], "ORG": []}
    inventory = {"PER": [("سيرغي", "لافروف", "الكبير")], "LOC": [("موسكو",)], "ORG": []}
    swapped = swap_mentions(rows, inventory, 1.0, seed=1)
    assert swapped["words"][0] == ["زار", "سيرغي", "لافروف", "الكبير", "موسكو", "أمس"]
    assert swapped["tags"][0] == ["B-EVT_VISIT", "B-PER", "I-PER", "I-PER", "B-LOC", "O"]
    assert swapped["words"][1] == rows["words"][1] and swapped["tags"][1] == rows["tags"][1]  # roles stay
    assert swap_mentions(rows, inventory, 0.0, seed=1)["words"] == rows["words"]


def test_mention_swap_needs_source_repeats():
    from araevents.errors import ConfigError
    from araevents.training.train import TrainConfig

    for cfg in (TrainConfig(output_dir="x", model_name_or_path="m", corpus="c", mention_swap=0.5),
                TrainConfig(output_dir="x", model_name_or_path="m", corpus="c", mention_swap=2.0,
                            source_repeats={"anercorp": 2})):
        with pytest.raises(ConfigError, match="mention_swap"):
            cfg.check("cfg")


def test_entities_by_source_scores_each_source_and_the_gold_ones_together(tiny_model_dir):
    import datasets

    from araevents.training.evaluation import entities_by_source
    from araevents.training.train import load_model_and_tokenizer

    model, tokenizer = load_model_and_tokenizer(str(tiny_model_dir))
    sources = ["anercorp"] * 2 + ["wikifane"] * 3 + ["saudinewsnet"] * 4
    rows = datasets.Dataset.from_dict({
        "id": [str(i) for i in range(len(sources))], "words": [["زار", "كيري", "جنيف"]] * len(sources),
        "tags": [["O", "B-PER", "B-LOC"]] * len(sources), "source": sources, "license": ["x"] * len(sources)})
    report = entities_by_source(model, tokenizer, rows, max_length=32, weak_sources=["saudinewsnet"])
    assert list(report) == ["anercorp", "saudinewsnet", "wikifane", "gold sources"]
    assert [report[k]["examples"] for k in report] == [2, 4, 3, 5]
    assert report["gold sources"]["per_type"]["PER"]["number"] == 5  # gold spans of the 5 gold rows


def test_set_overrides_config_keys_and_reports_bad_ones_in_one_line(tmp_path, tiny_model_dir):
    from argparse import Namespace

    from araevents.training import train as train_mod

    path = tiny_config(tmp_path, tiny_model_dir)
    seen = {}
    real = train_mod.train
    try:
        train_mod.train = lambda cfg: seen.update(cfg=cfg)
        args = Namespace(config=str(path), set=["seed=14", "learning_rate=2e-4", "source_repeats={sample: 2}"],
                         data=None, data_mode=None, data_format=None, label_map=None, model_name_or_path=None,
                         output_dir=None, max_steps=None)
        train_mod.run(args)
    finally:
        train_mod.train = real
    assert (seen["cfg"].seed, seen["cfg"].learning_rate, seen["cfg"].source_repeats) == (14, 2e-4, {"sample": 2})
    for item, message in (("seed", "write KEY=VALUE"), ("lerning_rate=1", "unknown key(s) lerning_rate")):
        proc = run_cli("train", "--config", str(path), "--set", item)
        assert proc.returncode == 1 and message in proc.stderr and "Traceback" not in proc.stderr


def test_numbers_yaml_reads_as_strings_are_numbers_and_words_are_refused():
    from araevents.training.config import fill
    from araevents.training.train import TrainConfig

    cfg = fill(TrainConfig, {"output_dir": "x", "learning_rate": "2e-4", "max_steps": "40"}, where="c.yaml")
    assert (cfg.learning_rate, cfg.max_steps) == (2e-4, 40)
    with pytest.raises(ConfigError, match="learning_rate must be a number"):
        fill(TrainConfig, {"output_dir": "x", "learning_rate": "fast"}, where="c.yaml")
    assert fill(TrainConfig, {"output_dir": "x", "max_steps": "1e3"}, where="c.yaml").max_steps == 1000
    with pytest.raises(ConfigError, match="max_steps must be a whole number"):
        fill(TrainConfig, {"output_dir": "x", "max_steps": "2.5"}, where="c.yaml")
    with pytest.raises(ConfigError, match="seed needs a value"):  # --set seed= (empty)
        fill(TrainConfig, {"output_dir": "x", "seed": None}, where="c.yaml")


@pytest.mark.parametrize("path", sorted((REPO / "configs").glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_config_parses(path):
    from araevents.training.config import fill, load_yaml
    from araevents.training.pretrain import PretrainConfig
    from araevents.training.train import TrainConfig

    cls = PretrainConfig if path.name.startswith("pretrain") else TrainConfig
    fill(cls, load_yaml(path), where=str(path))
