"""A quick downstream probe of a pretrained encoder: short fine-tuning on gold NER, entity F1.

Why: MLM loss says little about what an encoder gives a tagger. This fine-tunes a checkpoint
for a few hundred steps on the gold sources of the built corpus (ANERcorp train by default)
and scores PER/LOC/ORG on the corpus validation part of those sources (the figure to compare
encoders on) and on the ANERcorp CAMeL test split (reported only, never used to choose).
Nothing is saved. ~2-4 minutes on 2 CPU cores for a 4x256 encoder:

    python benchmarks/probe_encoder.py runs/pretrain-mini/checkpoints/checkpoint-1000 \\
        --tokenizer runs/pretrain-mini/tokenizer
"""

from __future__ import annotations

import argparse
import json
import tempfile


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("encoder", help="a pretrained (MLM) or fine-tuned BERT folder")
    p.add_argument("--tokenizer", help="tokenizer folder, if the encoder folder has none (trainer checkpoints)")
    p.add_argument("--corpus", default="data_build/corpus")
    p.add_argument("--sources", default="anercorp", help="comma-separated corpus sources to fine-tune on")
    p.add_argument("--steps", type=int, default=400)
    p.add_argument("--lr", type=float, default=5e-4)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--anercorp-test", default="../shared/data/anercorp/ANERCorp_CamelLab_style_test.txt")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--split-proclitics", action="store_true",
                   help="split و/ف/ب/ل/ك off words at model input (araevents.text.proclitics)")
    args = p.parse_args()

    from transformers import DataCollatorForTokenClassification, Trainer, TrainingArguments, set_seed

    from araevents.training.data import input_splitter, load_corpus, tokenize_and_align
    from araevents.training.evaluation import ANERCORP_TYPES, anercorp_rows, evaluate_examples
    from araevents.training.train import load_model_and_tokenizer

    set_seed(args.seed)
    model, tok = load_model_and_tokenizer(args.encoder, args.tokenizer)
    model.config.split_proclitics = args.split_proclitics  # evaluation reads it from the config, as for a trained model
    splitter = input_splitter(model, tok)
    sources = set(args.sources.split(","))
    corpus = load_corpus(args.corpus)
    train, val = (corpus[s].filter(lambda b: [x in sources for x in b["source"]], batched=True)
                  for s in ("train", "validation"))
    enc = train.map(lambda b: tokenize_and_align(b, tok, 256, splitter=splitter), batched=True,
                    remove_columns=train.column_names).remove_columns(["truncated"])
    with tempfile.TemporaryDirectory() as tmp:
        targs = TrainingArguments(output_dir=tmp, per_device_train_batch_size=args.batch_size, learning_rate=args.lr,
                                  max_steps=args.steps, warmup_steps=int(0.06 * args.steps), weight_decay=0.01,
                                  save_strategy="no", report_to="none", use_cpu=True, logging_steps=50,
                                  train_sampling_strategy="group_by_length", seed=args.seed)
        Trainer(model=model, args=targs, train_dataset=enc, data_collator=DataCollatorForTokenClassification(tok)).train()
    result = {"encoder": args.encoder, "sources": sorted(sources), "steps": args.steps,
              "split_proclitics": args.split_proclitics}
    for name, rows in (("validation", val), ("anercorp_test", anercorp_rows(args.anercorp_test))):
        r = evaluate_examples(model, tok, rows, max_length=256, types=ANERCORP_TYPES)
        result[name] = {"micro_f1": round(r["micro"]["f1"], 4),
                        **{t: round(r["per_type"][t]["f1"], 4) for t in ANERCORP_TYPES if t in r["per_type"]}}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
