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
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator

from araevents.errors import ConfigError
from .config import fill, load_yaml, start_run

TASHKEEL_AND_TATWEEL = r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]"


@dataclass
class PretrainConfig:
    output_dir: str
    shared_dir: str = "../shared"
    max_articles: int | None = None
    # unlabelled text of the gold NER training sources (training/sources.py) beside the news:
    # entity-dense sentences (WikiFANE, ANERcorp train) that the news alone has few of
    text_sources: list[str] = field(default_factory=lambda: ["anercorp", "wikifane", "wojood"])
    # AraBERT v0.2 preprocessing (normalize_for_model) on the text, as at fine-tuning and inference
    normalize: bool = True
    # split و/ف/ب/ل/ك off words as the tagger will (araevents.text.proclitics), with the vocabulary
    # of init_from; recorded in the saved config, so fine-tuning from these weights splits too
    split_proclitics: bool = False
    # tokenizer
    vocab_size: int = 24000
    min_frequency: int = 3
    # model
    hidden_size: int = 256
    num_hidden_layers: int = 4
    num_attention_heads: int = 4
    intermediate_size: int = 1024
    seq_len: int = 256
    max_position_embeddings: int | None = None  # default seq_len; set it above seq_len for a short first phase
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
    # deepen init_from's encoder to this many layers before continuing, each new layer a copy of
    # the old layer at the same relative depth (progressive stacking, Gong et al. 2019): a deeper
    # model that starts from what the shallow one learned instead of from scratch
    grow_layers: int | None = None
    # "word2vec": start the (tied) token embeddings from skip-gram vectors of the same pieces
    # (gensim, a few CPU minutes), so MLM starts from distributional word knowledge
    embedding_init: str | None = None
    # "sinusoidal": start the (learned) position embeddings from the Transformer's sine/cosine
    # table at the token embeddings' scale, so that attention can find neighbouring words early;
    # with random positions a 4x256 BERT still ignored word order after 1,000 steps
    position_init: str | None = None
    # bfloat16 autocast: "auto" where the CPU has native bf16 (avx512_bf16/AMX) or on a GPU that
    # supports it; ~1.7x the float32 step rate on such a CPU
    bf16: bool | str = "auto"
    threads: int | None = None


def _gold_texts(cfg: PretrainConfig) -> Iterator[str]:
    """The gold sources' sentences, in their corpus order, as pseudo-documents of ~20 sentences."""
    from .sources import SOURCES, read_source

    for name in cfg.text_sources:
        if name not in SOURCES:
            raise ConfigError(f"text_sources: unknown source {name!r} (known: {', '.join(SOURCES)})")
        group: list[str] = []
        for gs in read_source(SOURCES[name], Path(cfg.shared_dir)):
            group.append(gs.doc.text)
            if len(group) == 20:
                yield "\n".join(group)
                group = []
        if group:
            yield "\n".join(group)


def iter_texts(cfg: PretrainConfig) -> Iterator[str]:
    """News articles (hold-outs applied by iter_news), then the gold sources' text (held-out files refused)."""
    from itertools import chain

    from araevents.text.normalize import normalize_for_model

    from .news import iter_news

    news = (art.text for art in iter_news(cfg.shared_dir, limit=cfg.max_articles))
    for text in chain(news, _gold_texts(cfg)):
        yield normalize_for_model(text).text if cfg.normalize else text


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
        mask_token="[MASK]", model_max_length=cfg.max_position_embeddings or cfg.seq_len,
    )
    fast.save_pretrained(out)
    return fast


def build_blocks(cfg: PretrainConfig, tokenizer, cache: Path):
    """Tokenise the news once and pack it into ``seq_len`` blocks (cached on disk)."""
    import datasets

    if (cache / "dataset_info.json").is_file():
        return datasets.load_from_disk(str(cache))
    texts = list(iter_texts(cfg))
    if cfg.split_proclitics:
        from araevents.text.proclitics import ProcliticSplitter, split_text

        splitter = ProcliticSplitter(tokenizer.backend_tokenizer)
        texts = [split_text(text, splitter) for text in texts]
    texts = datasets.Dataset.from_dict({"text": texts})
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


def word2vec_embeddings(blocks, vocab_size: int, dim: int, *, seed: int, epochs: int = 5):
    """Skip-gram vectors of the WordPiece pieces in ``blocks``, scaled to BERT's initialiser range.

    Pieces the blocks never contain keep a normal(0, 0.02) row, like a fresh BERT.
    """
    import numpy as np

    try:
        from gensim.models import Word2Vec
    except ImportError:
        raise ConfigError("embedding_init: word2vec needs gensim (pip install 'araevents[pretrain]')") from None
    sentences = [[str(t) for t in ids] for ids in blocks["input_ids"]]
    w2v = Word2Vec(sentences, vector_size=dim, window=5, min_count=1, sg=1, negative=5, workers=2,
                   epochs=epochs, seed=seed)
    rng = np.random.default_rng(seed)
    emb = rng.normal(0.0, 0.02, (vocab_size, dim)).astype("float32")
    vecs = w2v.wv.vectors
    scaled = (vecs - vecs.mean(0)) / vecs.std() * 0.05
    for key, row in w2v.wv.key_to_index.items():
        emb[int(key)] = scaled[row]
    return emb


def sinusoidal_positions(n_positions: int, dim: int, std: float):
    """The Transformer's sine/cosine position table (Vaswani et al. 2017), rescaled to ``std``."""
    import numpy as np

    pos = np.arange(n_positions)[:, None]
    rates = 1.0 / np.power(10000.0, np.arange(0, dim, 2) / dim)
    table = np.zeros((n_positions, dim))
    table[:, 0::2] = np.sin(pos * rates)
    table[:, 1::2] = np.cos(pos * rates[: dim // 2])
    return (table / table.std() * std).astype("float32")


def grow_layers(model, n_layers: int) -> None:
    """Deepen a BERT in place to ``n_layers``: new layer ``i`` copies old layer ``i * old // new``
    (4 → 6: 0 0 1 2 2 3), so the stack keeps its order from embeddings to output."""
    import copy

    layers = model.bert.encoder.layer
    old = len(layers)
    if n_layers < old:
        raise ConfigError(f"grow_layers ({n_layers}) is below the {old} layers of init_from: it only deepens")
    new = [copy.deepcopy(layers[i * old // n_layers]) for i in range(n_layers)]
    for i, layer in enumerate(new):
        layer.attention.self.layer_idx = i  # transformers 5 indexes the attention cache by it
    model.bert.encoder.layer = type(layers)(new)
    model.config.num_hidden_layers = n_layers


def use_bf16(setting: bool | str) -> bool:
    """Resolve the ``bf16`` setting: "auto" means the hardware computes bfloat16 natively."""
    import torch

    if setting != "auto":
        return bool(setting)
    if torch.cuda.is_available():
        return torch.cuda.is_bf16_supported()
    try:
        flags = Path("/proc/cpuinfo").read_text().split()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


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
            # accelerate applies mixed precision by wrapping model.forward, which is bypassed here
            with self.accelerator.autocast():
                hidden = model.bert(**inputs).last_hidden_state
                mask = labels != -100
                logits = model.cls(hidden[mask])
            loss = torch.nn.functional.cross_entropy(logits.float(), labels[mask], reduction="sum")
            denom = num_items_in_batch if num_items_in_batch is not None else mask.sum()
            loss = loss / denom
            return (loss, {"logits": logits}) if return_outputs else loss

    return SparseMLMTrainer


def pretrain(cfg: PretrainConfig) -> dict[str, Any]:
    import torch
    from transformers import (BertConfig, BertForMaskedLM, DataCollatorForLanguageModeling, PreTrainedTokenizerFast,
                              TrainingArguments)
    from transformers.trainer_utils import get_last_checkpoint

    if cfg.embedding_init not in (None, "word2vec"):
        raise ConfigError(f"embedding_init must be 'word2vec' or unset, not {cfg.embedding_init!r}")
    if cfg.position_init not in (None, "sinusoidal"):
        raise ConfigError(f"position_init must be 'sinusoidal' or unset, not {cfg.position_init!r}")
    if cfg.split_proclitics and not cfg.init_from:
        raise ConfigError("split_proclitics needs init_from: the split is decided by an existing vocabulary")
    if cfg.grow_layers is not None and not cfg.init_from:
        raise ConfigError("grow_layers needs init_from: it deepens an existing encoder")
    out = start_run(cfg, "pretrain_config.json")

    tok_dir = out / "tokenizer"
    if cfg.init_from and (Path(cfg.init_from) / "tokenizer.json").is_file():
        tok_dir = Path(cfg.init_from)  # a later phase keeps the vocabulary its weights were trained with
    if (tok_dir / "tokenizer.json").is_file():
        tokenizer = PreTrainedTokenizerFast.from_pretrained(tok_dir)
    else:
        t0 = time.time()
        tokenizer = build_tokenizer(cfg, tok_dir)
        print(f"tokenizer: {len(tokenizer)} pieces in {time.time() - t0:.0f}s")
    blocks = build_blocks(cfg, tokenizer, out / f"blocks-{cfg.seq_len}{'-split' if cfg.split_proclitics else ''}")
    print(f"pretraining data: {len(blocks)} blocks x {cfg.seq_len} tokens = {len(blocks) * cfg.seq_len:,} tokens")

    if cfg.init_from:
        model = BertForMaskedLM.from_pretrained(cfg.init_from, dtype=torch.float32)  # a shipped float16 model trains in float32
        if cfg.grow_layers is not None:  # resuming too: the checkpoint's weights then replace these
            grow_layers(model, cfg.grow_layers)
    else:
        model = BertForMaskedLM(BertConfig(
            vocab_size=len(tokenizer), hidden_size=cfg.hidden_size, num_hidden_layers=cfg.num_hidden_layers,
            num_attention_heads=cfg.num_attention_heads, intermediate_size=cfg.intermediate_size,
            max_position_embeddings=cfg.max_position_embeddings or cfg.seq_len, pad_token_id=tokenizer.pad_token_id,
        ))
    model.config.split_proclitics = cfg.split_proclitics  # what fine-tuning from these weights will follow
    print(f"model: {sum(p.numel() for p in model.parameters()) / 1e6:.1f}M parameters")
    resuming = (out / "checkpoints").is_dir() and any((out / "checkpoints").glob("checkpoint-*"))
    if not cfg.init_from and not resuming:
        import numpy as np

        embeddings = model.bert.embeddings
        if cfg.embedding_init == "word2vec":
            cache = out / "word2vec.npy"  # a restarted run reuses the vectors (minutes of CPU)
            if cache.is_file():
                emb = np.load(cache)
            else:
                t0 = time.time()
                emb = word2vec_embeddings(blocks, len(tokenizer), cfg.hidden_size, seed=cfg.seed)
                np.save(cache, emb)
                print(f"token embeddings from word2vec in {time.time() - t0:.0f}s")
            with torch.no_grad():
                embeddings.word_embeddings.weight.copy_(torch.from_numpy(emb))
        if cfg.position_init == "sinusoidal":
            scale = float(embeddings.word_embeddings.weight.detach().std())
            table = sinusoidal_positions(model.config.max_position_embeddings, cfg.hidden_size, scale)
            with torch.no_grad():
                embeddings.position_embeddings.weight.copy_(torch.from_numpy(table))
    if model.config.max_position_embeddings < cfg.seq_len:
        raise ConfigError(f"seq_len {cfg.seq_len} is longer than the model's {model.config.max_position_embeddings} positions")
    # the tagger's window is min(tokenizer limit, positions): a first phase on short blocks must not cap it
    tokenizer.model_max_length = model.config.max_position_embeddings

    args = TrainingArguments(
        output_dir=str(out / "checkpoints"), per_device_train_batch_size=cfg.batch_size,
        gradient_accumulation_steps=cfg.gradient_accumulation_steps, learning_rate=cfg.learning_rate,
        weight_decay=cfg.weight_decay, warmup_steps=cfg.warmup_steps, max_steps=cfg.max_steps,
        lr_scheduler_type="linear", logging_steps=cfg.logging_steps, save_steps=cfg.save_steps,
        save_total_limit=2, seed=cfg.seed, report_to="none", use_cpu=not torch.cuda.is_available(),
        bf16=use_bf16(cfg.bf16), dataloader_num_workers=0, include_num_input_tokens_seen="non_padding",
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
