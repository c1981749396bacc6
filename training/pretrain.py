"""Domain-adaptive MLM pretraining of a compact BERT (and its WordPiece tokenizer) on raw news.

Why our own pretraining: the embedded model must be small enough to ship in the package and
run fast on a laptop CPU, and AraBERT weights cannot be downloaded here. A 4-layer BERT
pretrained on ~9M words of Saudi news learns Arabic morphology and news vocabulary that the
NER fine-tuning data alone cannot teach.

The run is budgeted by ``max_steps`` and resumable: rerunning the same command continues from
the last checkpoint in ``output_dir`` (``init_from`` starts a new schedule from earlier weights
when a longer run is wanted). Tokens seen and MLM loss are written to ``pretrain_log.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterator

from .config import fill, load_yaml, start_run

TASHKEEL_AND_TATWEEL = r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]"


@dataclass
class PretrainConfig:
    output_dir: str
    shared_dir: str = "../shared"
    max_articles: int | None = None
    # tokenizer
    vocab_size: int = 24000
    min_frequency: int = 3
    # model
    hidden_size: int = 256
    num_hidden_layers: int = 4
    num_attention_heads: int = 4
    intermediate_size: int = 1024
    seq_len: int = 256
    # optimisation
    batch_size: int = 32
    gradient_accumulation_steps: int = 1
    learning_rate: float = 7e-4
    weight_decay: float = 0.01
    warmup_steps: int = 200
    max_steps: int = 3000
    mlm_probability: float = 0.15
    save_steps: int = 200
    logging_steps: int = 20
    seed: int = 13
    init_from: str | None = None
    threads: int | None = None


def iter_texts(cfg: PretrainConfig) -> Iterator[str]:
    from .news import iter_news

    for art in iter_news(cfg.shared_dir, limit=cfg.max_articles):
        yield art.text


def build_tokenizer(cfg: PretrainConfig, out: Path):
    """Train a WordPiece vocabulary whose normaliser strips diacritics and tatweel itself.

    Putting that in ``tokenizer.json`` keeps the published model usable on raw text through a
    plain ``pipeline("token-classification")``, with offsets still pointing into the input.
    """
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.Sequence([
        normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=True, strip_accents=False, lowercase=False),
        normalizers.Replace(Regex(TASHKEEL_AND_TATWEEL), ""),
    ])
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    trainer = trainers.WordPieceTrainer(
        vocab_size=cfg.vocab_size, min_frequency=cfg.min_frequency, special_tokens=special, show_progress=True
    )
    tok.train_from_iterator(iter_texts(cfg), trainer=trainer)
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1", special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)]
    )
    tok.decoder = decoders.WordPiece(prefix="##")
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]",
        mask_token="[MASK]", model_max_length=cfg.seq_len,
    )
    fast.save_pretrained(out)
    return fast


def build_blocks(cfg: PretrainConfig, tokenizer, cache: Path):
    """Tokenise the news once and pack it into ``seq_len`` blocks (cached on disk)."""
    import datasets

    if (cache / "dataset_info.json").is_file():
        return datasets.load_from_disk(str(cache))
    texts = datasets.Dataset.from_dict({"text": list(iter_texts(cfg))})
    body = cfg.seq_len - 2
    cls_id, sep_id = tokenizer.cls_token_id, tokenizer.sep_token_id

    def pack(batch: dict[str, list]) -> dict[str, list]:
        ids = tokenizer(batch["text"], add_special_tokens=False)["input_ids"]
        flat = [t for seq in ids for t in seq + [sep_id]]
        n = len(flat) // body
        return {"input_ids": [[cls_id] + flat[i * body:(i + 1) * body] + [sep_id] for i in range(n)]}

    blocks = texts.map(pack, batched=True, batch_size=500, remove_columns=["text"], desc="packing news")
    blocks = blocks.shuffle(seed=cfg.seed).flatten_indices()
    blocks.save_to_disk(str(cache))
    return blocks


def sparse_mlm_trainer_class():
    """A Trainer that computes the vocabulary projection only at masked positions.

    Stock ``BertForMaskedLM`` projects every position onto the vocabulary; with a 256-wide
    model and a 24k vocabulary that projection costs more than the encoder itself. Only
    ~15% of positions carry a label, so gathering them first roughly halves step time on CPU.
    """
    import torch
    from transformers import Trainer

    class SparseMLMTrainer(Trainer):
        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            labels = inputs.pop("labels")
            hidden = model.bert(**inputs).last_hidden_state
            mask = labels != -100
            logits = model.cls(hidden[mask])
            loss = torch.nn.functional.cross_entropy(logits, labels[mask], reduction="sum")
            denom = num_items_in_batch if num_items_in_batch is not None else mask.sum()
            loss = loss / denom
            return (loss, {"logits": logits}) if return_outputs else loss

    return SparseMLMTrainer


def pretrain(cfg: PretrainConfig) -> dict[str, Any]:
    import torch
    from transformers import (BertConfig, BertForMaskedLM, DataCollatorForLanguageModeling, PreTrainedTokenizerFast,
                              TrainingArguments)
    from transformers.trainer_utils import get_last_checkpoint

    out = start_run(cfg, "pretrain_config.json")

    tok_dir = out / "tokenizer"
    if (tok_dir / "tokenizer.json").is_file():
        tokenizer = PreTrainedTokenizerFast.from_pretrained(tok_dir)
    else:
        t0 = time.time()
        tokenizer = build_tokenizer(cfg, tok_dir)
        print(f"tokenizer: {len(tokenizer)} pieces in {time.time() - t0:.0f}s")
    blocks = build_blocks(cfg, tokenizer, out / "blocks")
    print(f"pretraining data: {len(blocks)} blocks x {cfg.seq_len} tokens = {len(blocks) * cfg.seq_len:,} tokens")

    if cfg.init_from:
        model = BertForMaskedLM.from_pretrained(cfg.init_from)
    else:
        model = BertForMaskedLM(BertConfig(
            vocab_size=len(tokenizer), hidden_size=cfg.hidden_size, num_hidden_layers=cfg.num_hidden_layers,
            num_attention_heads=cfg.num_attention_heads, intermediate_size=cfg.intermediate_size,
            max_position_embeddings=cfg.seq_len, pad_token_id=tokenizer.pad_token_id,
        ))
    print(f"model: {sum(p.numel() for p in model.parameters()) / 1e6:.1f}M parameters")

    args = TrainingArguments(
        output_dir=str(out / "checkpoints"), per_device_train_batch_size=cfg.batch_size,
        gradient_accumulation_steps=cfg.gradient_accumulation_steps, learning_rate=cfg.learning_rate,
        weight_decay=cfg.weight_decay, warmup_steps=cfg.warmup_steps, max_steps=cfg.max_steps,
        lr_scheduler_type="linear", logging_steps=cfg.logging_steps, save_steps=cfg.save_steps,
        save_total_limit=2, seed=cfg.seed, report_to="none", use_cpu=not torch.cuda.is_available(),
        bf16=torch.cuda.is_available(), dataloader_num_workers=0, include_num_input_tokens_seen="non_padding",
        remove_unused_columns=False,
    )
    collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=cfg.mlm_probability)
    trainer = sparse_mlm_trainer_class()(model=model, args=args, train_dataset=blocks, data_collator=collator)
    last = get_last_checkpoint(args.output_dir) if Path(args.output_dir).is_dir() else None
    if last:
        print(f"resuming from {last}")
    t0 = time.time()
    result = trainer.train(resume_from_checkpoint=last)
    final = out / "final"
    trainer.save_model(str(final))
    tokenizer.save_pretrained(final)
    history = [h for h in trainer.state.log_history if "loss" in h]
    log = {
        "steps": trainer.state.global_step,
        "tokens_seen": int(trainer.state.num_input_tokens_seen),
        "train_seconds_this_run": round(time.time() - t0, 1),
        "final_mlm_loss": history[-1]["loss"] if history else None,
        "final_mlm_perplexity": math.exp(history[-1]["loss"]) if history else None,
        "loss_curve": [{"step": h["step"], "loss": h["loss"]} for h in history],
        "train_metrics": result.metrics,
        "config": asdict(cfg),
    }
    (out / "pretrain_log.json").write_text(json.dumps(log, indent=2), encoding="utf-8")
    print(f"saved {final}; tokens seen {log['tokens_seen']:,}; final MLM loss {log['final_mlm_loss']}")
    return log


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", required=True, help="YAML file with a PretrainConfig (see configs/pretrain-mini.yaml)")
    p.add_argument("--max-steps", type=int, help="override the config's step budget")
    p.add_argument("--output-dir", help="override the config's output_dir")


def run(args: argparse.Namespace) -> int:
    data = load_yaml(args.config)
    if args.max_steps is not None:
        data["max_steps"] = args.max_steps
    if args.output_dir:
        data["output_dir"] = args.output_dir
    pretrain(fill(PretrainConfig, data, where=args.config))
    return 0
