"""``araevents soup``: average the weights of fine-tuned runs of one model (a "model soup").

Why: runs fine-tuned from the same weights (the shipped model continued with another seed,
data mix or learning rate) sit in one basin of the loss; their average is often better than
each of them, at no cost at inference (Wortsman et al. 2022, "Model soups"). On a CPU, where
a bigger encoder is out of reach, it is the cheapest way to pool several runs.

Greedy recipe of the paper: ingredients are sorted by their own F1 on the held-out gold
sentences of a corpus's validation split (the selection figure of ``araevents evaluate
--corpus``; the ANERcorp test split is never looked at), and each is kept only if adding it
does not lower the soup's figure. Without ``--corpus`` every ingredient goes in (uniform soup).

The soup folder is a normal model folder: config, tokenizer and labels of the first
ingredient, ``model.safetensors`` in its dtype, and ``train_log.json`` with the first
ingredient's training config plus a ``soup`` record (ingredients, the figure at each step).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any, Callable, Sequence

from araevents.errors import UserError

WEIGHTS = "model.safetensors"
#: Files that must be identical across ingredients: the same labels, tokenizer and input splitting.
SAME_FILES = ("tokenizer.json",)
SAME_CONFIG_KEYS = ("model_type", "vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads",
                    "intermediate_size", "max_position_embeddings", "id2label", "split_proclitics")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_ingredients(folders: Sequence[Path]) -> None:
    """Refuse folders that are not runs of one model: a soup of different models is noise."""
    if len(folders) < 2:
        raise UserError("a soup needs at least two model folders")
    if len({d.resolve() for d in folders}) != len(folders):
        raise UserError("a model folder is named twice: each run goes into the soup once")
    for d in folders:
        for name in ("config.json", WEIGHTS, *SAME_FILES):
            if not (d / name).is_file():
                raise UserError(f"{d}: no {name} (a model folder written by `araevents train`?)")
    first = json.loads((folders[0] / "config.json").read_text(encoding="utf-8"))
    for d in folders[1:]:
        cfg = json.loads((d / "config.json").read_text(encoding="utf-8"))
        for key in SAME_CONFIG_KEYS:
            if cfg.get(key) != first.get(key):
                raise UserError(f"{d} differs from {folders[0]} in config {key!r}: not runs of one model")
        for name in SAME_FILES:
            if _digest(d / name) != _digest(folders[0] / name):
                raise UserError(f"{d}/{name} differs from {folders[0]}/{name}: not runs of one model")


def average(folders: Sequence[Path], loaded: dict[Path, dict[str, Any]] | None = None) -> dict[str, Any]:
    """Element-wise mean of the ingredients' tensors (in float32), cast to the first one's dtypes.
    ``loaded``: weights already read, by folder (filled as they are read): the greedy soup averages
    the same ingredients again at every step, and reading them each time made it quadratic in disk reads."""
    from safetensors.torch import load_file

    loaded = {} if loaded is None else loaded
    for d in folders:
        if d not in loaded:
            loaded[d] = load_file(str(d / WEIGHTS))
    states = [loaded[d] for d in folders]
    keys = states[0].keys()
    for d, st in zip(folders[1:], states[1:]):
        if st.keys() != keys or any(st[k].shape != states[0][k].shape for k in keys):
            raise UserError(f"{d}: tensors differ in names or shapes from {folders[0]}")
    return {k: (sum(st[k].float() for st in states) / len(states)).to(states[0][k].dtype) for k in keys}


def gold_validation_scorer(corpus: str | Path, max_length: int = 256) -> Callable[[Any, Any], float]:
    """F1 on the gold sources of ``corpus``'s validation split (PER/LOC/ORG/DATE), for a model in memory."""
    from .build_data import NEWS_SOURCE
    from .data import load_corpus
    from .evaluation import entities_by_source

    rows = load_corpus(corpus)["validation"]
    rows = rows.filter(lambda r: r["source"] != NEWS_SOURCE)
    if len(rows) == 0:
        raise UserError(f"{corpus}: its validation split holds no gold-source sentences to choose on")

    def score(model, tokenizer) -> float:
        by_source = entities_by_source(model, tokenizer, rows, max_length=max_length)
        part = by_source.get("gold sources") or next(iter(by_source.values()))
        return float(part["micro"]["f1"])

    return score


def greedy_soup(folders: Sequence[Path], score: Callable[[dict[str, Any]], float]) -> tuple[list[Path], list[dict[str, Any]]]:
    """Ingredients best-first by their own score; each kept when the soup's score does not fall.
    ``score`` maps averaged weights to a figure; returns the chosen folders and the steps taken."""
    loaded: dict[Path, dict[str, Any]] = {}
    own = {d: score(average([d], loaded)) for d in folders}
    order = sorted(folders, key=lambda d: -own[d])
    chosen = [order[0]]
    best = own[order[0]]
    steps = [{"ingredient": str(order[0]), "own": own[order[0]], "soup": best, "kept": True}]
    for d in order[1:]:
        trial = score(average([*chosen, d], loaded))
        kept = trial >= best
        steps.append({"ingredient": str(d), "own": own[d], "soup": trial, "kept": kept})
        if kept:
            chosen.append(d)
            best = trial
    return chosen, steps


def write_soup(folders: Sequence[Path], weights: dict[str, Any], out: Path, record: dict[str, Any]) -> None:
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    for f in folders[0].iterdir():
        if f.is_file() and f.name not in (WEIGHTS, "train_log.json", "README.md", "eval_report.json", "eval_report.md"):
            shutil.copy2(f, out / f.name)
    save_file(weights, str(out / WEIGHTS), metadata={"format": "pt"})
    log_path = folders[0] / "train_log.json"
    log = json.loads(log_path.read_text(encoding="utf-8")) if log_path.is_file() else {}
    log["soup"] = record
    (out / "train_log.json").write_text(json.dumps(log, ensure_ascii=False, indent=2), encoding="utf-8")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--models", nargs="+", required=True, type=Path, help="model folders of runs of one model")
    p.add_argument("--out", required=True, type=Path, help="folder for the averaged model")
    p.add_argument("--corpus", type=Path,
                   help="a corpus built by `araevents build-data`: choose ingredients greedily on the gold sources "
                        "of its validation split (without it: average them all)")
    p.add_argument("--max-length", type=int, default=256)


def run(args: argparse.Namespace) -> int:
    folders = [Path(d) for d in args.models]
    check_ingredients(folders)
    if args.out.exists() and (not args.out.is_dir() or any(args.out.iterdir())):
        raise UserError(f"{args.out} exists and is not an empty folder; choose a new folder")
    record: dict[str, Any] = {"ingredients": [str(d) for d in folders]}
    if args.corpus:
        from .train import load_model_and_tokenizer

        model, tokenizer = load_model_and_tokenizer(str(folders[0]))
        scorer = gold_validation_scorer(args.corpus, args.max_length)

        def score(weights: dict[str, Any]) -> float:
            model.load_state_dict(weights)
            return scorer(model, tokenizer)

        chosen, steps = greedy_soup(folders, score)
        record.update(method="greedy on the gold sources of the validation split", corpus=str(args.corpus),
                      chosen=[str(d) for d in chosen], steps=steps)
        for s in steps:
            print(f"{s['ingredient']}: own F1 {s['own']:.4f}, soup F1 {s['soup']:.4f} → {'kept' if s['kept'] else 'left out'}")
    else:
        chosen = folders
        record.update(method="uniform", chosen=[str(d) for d in chosen])
    write_soup(chosen, average(chosen), args.out, record)
    print(f"soup of {len(chosen)} model(s) written to {args.out}")
    return 0
