"""``araevents train``: fine-tune a BERT token classifier on the 23-type schema (run_ner.py's flow).

config → data (built corpus and/or the user's annotations) → first-sub-token alignment →
Trainer with strict-IOB2 seqeval, early stopping on validation and resumable checkpoints →
an atomically written model folder → evaluation report (validation, seeds gold, ANERcorp test,
the user's held-out part). Works unchanged under ``accelerate launch`` for multi-GPU users.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from araevents.errors import ConfigError, UserError
from araevents.schema import LABELS, SCHEMA_VERSION, id2label, label2id
from .config import fill, load_yaml, start_run
from .data import (documents_to_dataset, input_splitter, load_corpus, mention_inventory, swap_mentions,
                   tokenize_and_align, trusted_outside_words)


@dataclass
class TrainConfig:
    output_dir: str
    model_name_or_path: str | None = None
    tokenizer_name_or_path: str | None = None
    model_init: dict[str, Any] | None = None
    corpus: str | None = None
    data: list[str] = field(default_factory=list)
    data_mode: str = "merge"
    data_format: str = "auto"
    label_map: dict[str, str | None] | None = None
    data_license: str = "user-provided"
    user_validation_fraction: float = 0.1
    max_train_samples: int | None = None
    max_eval_samples: int | None = None
    max_length: int = 256
    num_train_epochs: float = 5
    max_steps: int = -1
    learning_rate: float = 1e-4
    batch_size: int = 32
    weight_decay: float = 0.01
    warmup_ratio: float = 0.06
    label_smoothing: float = 0.0
    partial_weak_outside: bool = False
    weak_sources: list[str] = field(default_factory=lambda: ["saudinewsnet"])
    source_repeats: dict[str, int] | None = None
    # In the extra copies made by source_repeats, each PER/LOC/ORG mention is replaced with this
    # probability by another mention of its type from the gold sources (data.swap_mentions).
    mention_swap: float = 0.0
    # Split و/ف/ب/ل/ك off a word when the rest is fewer pieces (araevents.text.proclitics). None:
    # as the starting model was trained (a fine-tuned araevents model records it in config.json).
    split_proclitics: bool | None = None
    early_stopping_patience: int | None = 2
    eval_steps: int | None = None
    seed: int = 13
    export_dtype: str = "float32"
    # The window length the exported tokenizer declares (``model_max_length``), which the
    # araevents tagger slides over articles. Set it below ``max_length`` when the encoder's later
    # positions were barely pretrained: long windows then cost more than the context they add.
    export_max_length: int | None = None
    eval_seeds: str | None = "seeds/gold/spans.jsonl"
    eval_anercorp: str | None = None
    bf16: bool | str = False  # "auto": bfloat16 autocast where the hardware has it (see pretrain.use_bf16)
    threads: int | None = None

    def check(self, where: str) -> None:
        if self.data_mode not in ("merge", "replace"):
            raise ConfigError(f"{where}: data_mode must be 'merge' or 'replace', not {self.data_mode!r}")
        if self.export_dtype not in ("float32", "float16"):
            raise ConfigError(f"{where}: export_dtype must be 'float32' or 'float16'")
        if self.export_max_length is not None and not 8 <= self.export_max_length <= self.max_length:
            raise ConfigError(f"{where}: export_max_length must be between 8 and max_length ({self.max_length})")
        if (self.model_name_or_path is None) == (self.model_init is None):
            raise ConfigError(f"{where}: set exactly one of `model_name_or_path` (start from weights) and "
                              "`model_init` (random BERT of that shape over `tokenizer_name_or_path`)")
        if self.model_init is not None and not self.tokenizer_name_or_path:
            raise ConfigError(f"{where}: `model_init` needs `tokenizer_name_or_path`")
        if not self.corpus and not self.data:
            raise ConfigError(f"{where}: no training data: set `corpus` and/or pass --data FILE")
        if self.data_mode == "replace" and not self.data:
            raise ConfigError(f"{where}: data_mode 'replace' needs --data FILE")
        if not 0 <= self.user_validation_fraction < 1:
            raise ConfigError(f"{where}: user_validation_fraction must be in [0, 1)")
        if not 0 <= self.mention_swap <= 1:
            raise ConfigError(f"{where}: mention_swap must be a probability in [0, 1], not {self.mention_swap!r}")
        if self.mention_swap and not self.source_repeats:
            raise ConfigError(f"{where}: mention_swap acts on the copies made by source_repeats; set source_repeats")
        if self.split_proclitics not in (None, True, False):
            raise ConfigError(f"{where}: split_proclitics must be true, false or absent, not {self.split_proclitics!r}")
        for source, k in (self.source_repeats or {}).items():
            if not isinstance(k, int) or isinstance(k, bool) or k < 1:
                raise ConfigError(f"{where}: source_repeats[{source!r}] must be a whole number ≥ 1, not {k!r}")


def _split_user_docs(docs: list, fraction: float, seed: int) -> tuple[list, list]:
    order = sorted(range(len(docs)), key=lambda i: docs[i].id)
    random.Random(seed).shuffle(order)
    n_held = round(len(docs) * fraction) if len(docs) > 1 else 0
    if fraction > 0 and len(docs) > 1:
        n_held = max(1, n_held)
    held = set(order[:n_held])
    return [d for i, d in enumerate(docs) if i not in held], [d for i, d in enumerate(docs) if i in held]


def load_training_data(cfg: TrainConfig):
    """Train / validation tables (+ the user's held-out table, if any) as the config says."""
    import datasets

    from araevents.validation import load_documents

    train_parts, val_parts, user_heldout = [], [], None
    if cfg.data:
        docs = []
        for path in cfg.data:
            docs.extend(load_documents(path, format=cfg.data_format, label_map=cfg.label_map))
        user_train, user_held = _split_user_docs(docs, cfg.user_validation_fraction, cfg.seed)
        print(f"user annotations: {len(docs)} documents ({len(user_train)} train, {len(user_held)} held out)")
        train_parts.append(documents_to_dataset(user_train, source="user", license=cfg.data_license))
        if user_held:
            user_heldout = documents_to_dataset(user_held, source="user", license=cfg.data_license)
            val_parts.append(user_heldout)
    if cfg.corpus and cfg.data_mode == "merge":
        corpus = load_corpus(cfg.corpus)
        train_parts.insert(0, corpus["train"])
        val_parts.insert(0, corpus["validation"])
    train = datasets.concatenate_datasets(train_parts)
    # gold sources seen k times per epoch: against weak news that marks every name its lexicons miss O
    inventory = None
    if cfg.mention_swap:
        inventory = mention_inventory(train, sorted(set(train["source"]) - set(cfg.weak_sources)))
        print("mention swap: " + ", ".join(f"{len(v):,} {t}" for t, v in inventory.items())
              + f" gold mentions, p={cfg.mention_swap} in the repeated copies")
    for source, k in sorted((cfg.source_repeats or {}).items()):
        rows = train.filter(lambda batch: [x == source for x in batch["source"]], batched=True)
        if not len(rows):
            raise UserError(f"source_repeats names {source!r}, but no training row comes from it "
                            f"(sources: {', '.join(sorted(set(train['source'])))})")
        copies = ([swap_mentions(rows, inventory, cfg.mention_swap, seed=cfg.seed + c) for c in range(1, k)]
                  if inventory else [rows] * (k - 1))
        train = datasets.concatenate_datasets([train, *copies])
    train = train.shuffle(seed=cfg.seed)
    if not val_parts:
        if len(train) < 2:
            raise UserError(f"only {len(train)} training example(s): too few to both train and validate; "
                            "annotate more documents")
        split = train.train_test_split(test_size=0.1, seed=cfg.seed)
        train, validation = split["train"], split["test"]
    else:
        validation = datasets.concatenate_datasets(val_parts)
    if cfg.max_train_samples:
        train = train.select(range(min(cfg.max_train_samples, len(train))))
    return train, validation, user_heldout


def checkpoint_eval_rows(validation, cfg: TrainConfig):
    """The part of the validation table checkpoints are chosen on: ``max_eval_samples`` rows.

    A seeded sample of every source: the table is ordered by source, and its head alone would
    select checkpoints without a single news sentence. The per-source report after training
    scores the whole table: the gold sources' parts are small.
    """
    if cfg.max_eval_samples and cfg.max_eval_samples < len(validation):
        return validation.shuffle(seed=cfg.seed).select(range(cfg.max_eval_samples))
    return validation


def load_model_and_tokenizer(name_or_path: str | None, tokenizer_name_or_path: str | None = None,
                             model_init: dict[str, Any] | None = None):
    """A token classifier with the schema's labels on top of any BERT-like checkpoint.

    ``name_or_path`` may be our MLM-pretrained encoder, a fine-tuned araevents model (to
    continue training), ``embedded`` (the shipped model) or a Hub id such as
    ``aubmindlab/bert-base-arabertv02``. With ``model_init`` (BertConfig keyword arguments) a
    randomly initialised BERT of that shape is built instead, over the given tokenizer.
    """
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer, BertConfig, BertForTokenClassification

    from araevents.paths import resolve_model_ref

    try:
        if model_init is not None:
            tokenizer = AutoTokenizer.from_pretrained(resolve_model_ref(tokenizer_name_or_path))
            config = BertConfig(vocab_size=len(tokenizer), num_labels=len(LABELS), id2label=id2label,
                                label2id=label2id, pad_token_id=tokenizer.pad_token_id, **model_init)
            model = BertForTokenClassification(config)
        else:
            name_or_path = resolve_model_ref(name_or_path)
            tokenizer = AutoTokenizer.from_pretrained(resolve_model_ref(tokenizer_name_or_path or name_or_path))
            # float32 whatever the checkpoint stores: the embedded model ships in float16, and
            # transformers would otherwise load (and train) it in half precision on the CPU.
            model = AutoModelForTokenClassification.from_pretrained(
                name_or_path, num_labels=len(LABELS), id2label=id2label, label2id=label2id, dtype=torch.float32)
    except TypeError as e:
        raise ConfigError(f"model_init: {e}") from None
    except OSError as e:
        raise UserError(f"cannot load model/tokenizer {name_or_path!r}: {e}. A Hub id needs internet access; "
                        "a local path must be a folder with config.json and weights.") from None
    if not tokenizer.is_fast:
        raise UserError(f"{name_or_path!r}: a fast tokenizer is required (word alignment needs word_ids())")
    return model, tokenizer


def save_model_atomically(model, tokenizer, target: Path, *, dtype: str = "float32", extra: dict[str, str] | None = None) -> Path:
    """Write the model folder next to ``target`` and rename it into place.

    A crash mid-write leaves only a temporary folder behind, never a half-written model
    folder that would load.
    """
    import torch

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        to_save = model
        if dtype == "float16":
            import copy

            to_save = copy.deepcopy(model).to(torch.float16)
        to_save.config.araevents_schema_version = SCHEMA_VERSION
        to_save.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        for name, text in (extra or {}).items():
            (tmp / name).write_text(text, encoding="utf-8")
        old = target.with_name(f".{target.name}.old")
        if old.exists():
            shutil.rmtree(old)
        if target.exists():
            os.replace(target, old)
        os.replace(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def train(cfg: TrainConfig) -> dict[str, Any]:
    import torch
    from transformers import DataCollatorForTokenClassification, EarlyStoppingCallback, Trainer, TrainingArguments
    from transformers.trainer_utils import get_last_checkpoint

    from .evaluation import entities_by_source, evaluate_model, write_report
    from .metrics import load_seqeval
    from .predict import align_predictions
    from .pretrain import use_bf16

    out = start_run(cfg, "train_config.json")

    train_rows, val_rows, user_heldout = load_training_data(cfg)
    model, tokenizer = load_model_and_tokenizer(cfg.model_name_or_path, cfg.tokenizer_name_or_path, cfg.model_init)
    if cfg.split_proclitics is not None:  # saved with the model: evaluation and the tagger read it from there
        model.config.split_proclitics = cfg.split_proclitics
    splitter = input_splitter(model, tokenizer)

    partial: dict[str, Any] = {}
    if cfg.partial_weak_outside:
        gold_sources = sorted(set(train_rows["source"]) - set(cfg.weak_sources))
        trusted = trusted_outside_words(train_rows, gold_sources)
        partial = {"partial_sources": frozenset(cfg.weak_sources), "trusted_outside": trusted}
        print(f"partial labels: in {cfg.weak_sources}, O is trusted only on {len(trusted):,} words "
              f"that {gold_sources} show are almost never in a span")

    def encode(ds, desc, **kw):
        enc = ds.map(lambda b: tokenize_and_align(b, tokenizer, cfg.max_length, splitter=splitter, **kw), batched=True,
                     remove_columns=ds.column_names, desc=desc)
        cut = sum(enc["truncated"])
        if cut:
            print(f"warning: {cut} of {len(enc)} {desc} examples are longer than max_length={cfg.max_length} "
                  "sub-tokens; their last words are not trained on")
        return enc.remove_columns(["truncated"])

    train_ds, val_ds = encode(train_rows, "train", **partial), encode(checkpoint_eval_rows(val_rows, cfg), "validation")
    print(f"train: {len(train_ds)} examples, {sum(len(w) for w in train_rows['words']):,} words; "
          f"validation: {len(val_ds)} examples")

    seqeval = load_seqeval()

    def compute_metrics(eval_pred):
        preds, golds = align_predictions(eval_pred.predictions, eval_pred.label_ids, id2label)
        m = seqeval.compute(predictions=preds, references=golds)
        return {"precision": m["overall_precision"], "recall": m["overall_recall"], "f1": m["overall_f1"],
                "accuracy": m["overall_accuracy"]}

    steps_per_epoch = max(1, len(train_ds) // cfg.batch_size)
    total = cfg.max_steps if cfg.max_steps > 0 else int(steps_per_epoch * cfg.num_train_epochs)
    strategy = "steps" if cfg.eval_steps else "epoch"
    args = TrainingArguments(
        output_dir=str(out / "checkpoints"), per_device_train_batch_size=cfg.batch_size,
        per_device_eval_batch_size=cfg.batch_size * 2, learning_rate=cfg.learning_rate,
        num_train_epochs=cfg.num_train_epochs, max_steps=cfg.max_steps, weight_decay=cfg.weight_decay,
        warmup_steps=int(total * cfg.warmup_ratio), label_smoothing_factor=cfg.label_smoothing,
        eval_strategy=strategy, save_strategy=strategy, eval_steps=cfg.eval_steps, save_steps=cfg.eval_steps,
        load_best_model_at_end=True, metric_for_best_model="f1", greater_is_better=True, save_total_limit=2,
        logging_steps=max(1, min(50, steps_per_epoch // 4)), seed=cfg.seed, report_to="none",
        train_sampling_strategy="group_by_length",  # sentences vary 3-100 words: padding would dominate
        use_cpu=not torch.cuda.is_available(), dataloader_num_workers=0, bf16=use_bf16(cfg.bf16),
    )
    callbacks = [EarlyStoppingCallback(cfg.early_stopping_patience)] if cfg.early_stopping_patience else []
    trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=val_ds,
                      data_collator=DataCollatorForTokenClassification(tokenizer), compute_metrics=compute_metrics,
                      callbacks=callbacks)
    last = get_last_checkpoint(args.output_dir) if Path(args.output_dir).is_dir() else None
    if last:
        print(f"resuming from {last}")
    t0 = time.time()
    result = trainer.train(resume_from_checkpoint=last)
    seconds = time.time() - t0
    val_metrics = trainer.evaluate()

    model_dir = out / "model"
    if cfg.export_max_length:
        tokenizer.model_max_length = cfg.export_max_length
    save_model_atomically(trainer.model, tokenizer, model_dir, dtype=cfg.export_dtype)
    report = evaluate_model(
        trainer.model, tokenizer, max_length=cfg.max_length, seeds_gold=cfg.eval_seeds,
        anercorp_test=cfg.eval_anercorp, extra_sets={"user_heldout": user_heldout} if user_heldout else None,
    )
    report["validation"] = {k.removeprefix("eval_"): v for k, v in val_metrics.items()}
    report["validation_by_source"] = entities_by_source(trainer.model, tokenizer, val_rows, max_length=cfg.max_length,
                                                       weak_sources=cfg.weak_sources)
    report["model"] = str(model_dir)
    write_report(report, model_dir, title=f"Evaluation of {model_dir}")
    log = {
        "config": asdict(cfg), "train_metrics": result.metrics, "train_seconds_this_run": round(seconds, 1),
        "best_checkpoint": trainer.state.best_model_checkpoint, "best_validation_f1": trainer.state.best_metric,
        "global_step": trainer.state.global_step, "log_history": trainer.state.log_history,
    }
    (out / "train_log.json").write_text(json.dumps(log, indent=2, ensure_ascii=False), encoding="utf-8")
    shutil.copy(out / "train_log.json", model_dir / "train_log.json")
    print(f"model written to {model_dir}; validation F1 {val_metrics.get('eval_f1', float('nan')):.4f}")
    return report


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", required=True, help="YAML TrainConfig (configs/mini.yaml, configs/tiny.yaml, ...)")
    p.add_argument("--data", nargs="+", metavar="FILE", help="annotation files (araevents JSONL, doccano JSONL, "
                   "Label Studio JSON or CoNLL) to merge with / replace the corpus, per the config's data_mode")
    p.add_argument("--data-mode", choices=["merge", "replace"], help="override the config's data_mode")
    p.add_argument("--data-format", choices=["auto", "jsonl", "doccano", "labelstudio", "conll"],
                   help="format of the --data files (default: the config's data_format, 'auto')")
    p.add_argument("--label-map", nargs="+", metavar="SOURCE=TYPE", help="rename the annotation tool's labels to "
                   "schema span types (SOURCE=- drops a label), as in `araevents convert`")
    p.add_argument("--model", dest="model_name_or_path", help="start from this model (folder or Hub id)")
    p.add_argument("--output-dir", help="override the config's output_dir")
    p.add_argument("--max-steps", type=int, help="override the step budget (-1: use epochs)")
    p.add_argument("--set", nargs="+", default=[], metavar="KEY=VALUE",
                   help="override any config key, the value read as YAML: --set seed=14 learning_rate=2e-4 "
                        "'source_repeats={anercorp: 8, wikifane: 2}'")


def run(args: argparse.Namespace) -> int:
    data = load_yaml(args.config)
    for item in getattr(args, "set", None) or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UserError(f"--set {item!r}: write KEY=VALUE (e.g. seed=14)")
        try:
            data[key.strip()] = yaml.safe_load(value)
        except yaml.YAMLError as e:
            raise UserError(f"--set {item!r}: the value is not YAML ({e.problem})") from None
    for key in ("data_mode", "data_format", "model_name_or_path", "output_dir", "max_steps"):
        if getattr(args, key, None) is not None:
            data[key] = getattr(args, key)
    if args.model_name_or_path is not None:
        data.pop("model_init", None)
    if args.data:
        data["data"] = list(args.data)
    if getattr(args, "label_map", None):
        from araevents.formats import parse_label_map

        data["label_map"] = parse_label_map(args.label_map)
    cfg = fill(TrainConfig, data, where=args.config)
    cfg.check(args.config)
    train(cfg)
    return 0
