"""Add a trained model's PER/LOC/ORG predictions to the weakly labelled news of a built corpus.

Why: the weak labeller finds about a third of the person and organisation names of general
news (``benchmarks/weak_labeller_on_anercorp.py``); every other name is ``O`` there. A model
trained on the gold NER corpora finds more. Its entity spans are added where the weak tags are
all ``O`` (weak roles, triggers, dates and entities always win); the gold sources are left
untouched, so their validation part stays the selection figure.

    python -m araevents.training.self_training --corpus data_build/corpus \
        --model araevents/default_model --out data_build/corpus-st
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Sequence

from araevents.formats.iob import iob_chunks

from .data import NAME_TYPES


def merge_entities(weak: Sequence[str], predicted: Sequence[str], types: Sequence[str] = NAME_TYPES) -> list[str]:
    """``weak`` with each predicted span of ``types`` added where every weak tag under it is ``O``."""
    out = list(weak)
    for c in iob_chunks(predicted):
        if c.label in types and all(x == "O" for x in weak[c.start:c.end]):
            out[c.start:c.end] = [f"B-{c.label}", *[f"I-{c.label}"] * (c.end - c.start - 1)]
    return out


def relabel(dsd, model_dir: str, sources: Sequence[str], *, max_length: int = 256):
    import datasets

    from .predict import predict_tags
    from .train import load_model_and_tokenizer

    model, tokenizer = load_model_and_tokenizer(model_dir)
    model.eval()
    out = {}
    for split, rows in dsd.items():
        idx = [i for i, s in enumerate(rows["source"]) if s in sources]
        words = [rows["words"][i] for i in idx]
        preds = predict_tags(model, tokenizer, words, max_length=max_length)
        tags = list(rows["tags"])
        added = 0
        for i, p in zip(idx, preds):
            new = merge_entities(tags[i], p)
            added += sum(t.startswith("B-") for t in new) - sum(t.startswith("B-") for t in tags[i])
            tags[i] = new
        data = {c: list(rows[c]) for c in rows.column_names}
        data["tags"] = tags
        out[split] = datasets.Dataset.from_dict(data)
        print(f"{split}: {len(idx):,} sentences of {', '.join(sources)} relabelled, {added:,} entity spans added")
    return datasets.DatasetDict(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--sources", nargs="+", default=["saudinewsnet"])
    args = p.parse_args(argv)
    from .data import load_corpus

    dsd = relabel(load_corpus(args.corpus), args.model, args.sources)
    Path(args.out).mkdir(parents=True, exist_ok=True)
    dsd.save_to_disk(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
