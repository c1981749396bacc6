"""The token classifier behind ``tag()``: model folder → word-level spans in original offsets.

Pipeline per article: ``normalize_for_model`` (the text the model was trained on) →
``word_tokenize`` → sliding windows → one label per word (its first sub-token, or its stem's for a
model trained with ``split_proclitics``) → IOB2 decoding →
character offsets mapped back to the user's original string. Windows from many articles are
batched together so ``extract_many`` keeps the CPU busy.

Two backends compute the logits. ``numpy`` (:mod:`.bert_numpy`) runs plain BERT folders on CPU
without importing torch or transformers, so a laptop starts in a fraction of a second;
``transformers`` runs everything else (other architectures, GPUs, Hub ids). ``auto`` picks numpy
whenever it can compute the model exactly.
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Protocol, Sequence

import numpy as np

from araevents.document import Span
from araevents.errors import ModelLoadError, UserError
from araevents.formats.iob import iob_chunks
from araevents.schema import LABELS, OUTSIDE
from araevents.text.normalize import normalize_for_model
from araevents.text.proclitics import ProcliticSplitter
from araevents.text.tokenize import LINE_BREAK_RE, word_tokenize

from .decoding import restart_at, viterbi_ids
from .windows import default_stride, effective_max_length, make_windows, merge_windows

if TYPE_CHECKING:
    from tokenizers import Tokenizer

_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "model.safetensors.index.json")
_TOKENIZER_FILES = ("tokenizer.json", "vocab.txt")
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
BACKENDS = ("auto", "numpy", "transformers")
_CORRUPT = "its files are corrupted, cut off or from different models — re-download it, or re-export it with save_pretrained"


def check_model_folder(path: Path) -> dict:
    """Raise ``ModelLoadError`` naming what is missing before transformers gives a vaguer error;
    returns the parsed ``config.json``."""
    fix = "re-download or re-export the model (save_pretrained writes all of them), or pass another model"
    if not path.is_dir():
        what = "is a file, not a folder" if path.exists() else "does not exist"
        raise ModelLoadError(f"model folder {path} {what}; {fix}")
    config = path / "config.json"
    if not config.is_file():
        raise ModelLoadError(f"model folder {path} has no config.json; {fix}")
    try:
        cfg = json.loads(config.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ModelLoadError(f"{config} is not valid JSON ({e}); {fix}") from None
    if not isinstance(cfg, dict):
        raise ModelLoadError(f"{config} holds a JSON {type(cfg).__name__}, not an object; {fix}")
    check_labels(cfg.get("id2label"), str(config))
    if not any((path / f).is_file() for f in _WEIGHT_FILES):
        raise ModelLoadError(f"model folder {path} has no weights (expected model.safetensors); {fix}")
    if not any((path / f).is_file() for f in _TOKENIZER_FILES):
        raise ModelLoadError(f"model folder {path} has no tokenizer (expected tokenizer.json or vocab.txt); {fix}")
    return cfg


def check_labels(id2label: Any, where: str) -> None:
    """The model's labels must be the schema's, in the schema's order (ids are positions)."""
    fix = "retrain with `araevents train` or pass a model trained on this schema"
    if not isinstance(id2label, dict) or not id2label:
        raise ModelLoadError(
            f"{where}: no id2label; a token classifier trained with araevents stores the schema's {len(LABELS)} labels; {fix}"
        )
    try:
        got = [id2label[k] for k in sorted(id2label, key=lambda k: int(k))]
    except (TypeError, ValueError):
        raise ModelLoadError(f"{where}: id2label keys must be integers (label ids); {fix}") from None
    if tuple(got) != LABELS:
        missing = sorted(set(LABELS) - set(got))
        extra = sorted(set(got) - set(LABELS))
        detail = f"missing {missing[:5]}, unknown {extra[:5]}" if (missing or extra) else "same labels in a different order"
        raise ModelLoadError(
            f"{where}: label set does not match araevents schema ({len(got)} labels vs {len(LABELS)}; {detail}); {fix}"
        )


class TokenClassifier(Protocol):
    """What the tagger needs from a model: logits for padded id batches, and its labels."""

    id2label: dict[int, str]
    max_positions: int
    vocab_size: int | None  # embedding rows: token ids must stay below it
    concurrent: bool  # batches may run in parallel threads (each single-threaded)
    split_proclitics: bool  # trained on words with و/ف/ب/ل/ك split off (araevents.text.proclitics)

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray: ...


class TransformersTokenClassifier:
    """A transformers ``AutoModelForTokenClassification`` behind the :class:`TokenClassifier` calls."""

    concurrent = False  # torch already spreads one batch over the cores

    def __init__(self, model: Any) -> None:
        self.model = model.eval()
        self.id2label = {int(k): v for k, v in model.config.id2label.items()}
        self.max_positions = getattr(model.config, "max_position_embeddings", None) or 512
        self.vocab_size = getattr(model.config, "vocab_size", None)
        self.split_proclitics = bool(getattr(model.config, "split_proclitics", False))

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        import torch

        device = next(self.model.parameters()).device
        with torch.inference_mode():
            logits = self.model(
                input_ids=torch.from_numpy(input_ids).to(device), attention_mask=torch.from_numpy(attention_mask).to(device)
            ).logits
        return logits.float().cpu().numpy()


def _resolve(model: str | Path | None) -> tuple[str, Path | None, dict]:
    """The source to load and, for local folders (validated here), its path and config; Hub ids have neither."""
    from araevents import paths

    if model is None or str(model) in paths.EMBEDDED_ALIASES:
        path = paths.DEFAULT_MODEL_DIR
        if not path.is_dir():
            raise ModelLoadError(
                f"the embedded model is missing ({path}); reinstall araevents, or pass model=<folder or Hub id>"
            )
        return str(path), path, check_model_folder(path)
    path = Path(model).expanduser()
    if path.exists() or not _HUB_ID.match(str(model)):
        return str(path), path, check_model_folder(path)
    return str(model), None, {}  # not a local folder but shaped like owner/name: a Hub id, resolved by transformers


def _load_numpy(path: Path, config: dict) -> tuple[TokenClassifier, "Tokenizer", int | None]:
    from tokenizers import Tokenizer

    from .bert_numpy import NumpyBertForTokenClassification

    net = NumpyBertForTokenClassification.from_folder(path, config)
    try:
        tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
    except Exception as e:  # not JSON, or JSON that is no tokenizer
        raise ModelLoadError(f"could not load model {path}: tokenizer.json: {type(e).__name__}: {e}; {_CORRUPT}") from None
    try:
        tok_config = json.loads((path / "tokenizer_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        tok_config = {}
    limit = tok_config.get("model_max_length") if isinstance(tok_config, dict) else None
    return net, tokenizer, limit if isinstance(limit, int) else None


def _load_transformers(source: str, device: str) -> tuple[TokenClassifier, "Tokenizer", int | None]:
    from transformers import AutoModelForTokenClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    bars = hf_logging.is_progress_bar_enabled()
    verbosity = hf_logging.get_verbosity()
    hf_logging.disable_progress_bar()  # a library call should not draw "Loading weights" bars
    hf_logging.set_verbosity_error()  # nor transformers' load-report table: the checks below say it in one line
    try:
        tokenizer = AutoTokenizer.from_pretrained(source)
        # mismatched shapes are reported below by name instead of transformers' "see the report above";
        # float32 on CPU, where half precision is slower and less exact; the stored dtype on accelerators
        net, info = AutoModelForTokenClassification.from_pretrained(
            source, output_loading_info=True, ignore_mismatched_sizes=True, dtype="float32" if device == "cpu" else "auto"
        )
    except Exception as e:  # corrupted weights, unknown architecture, unreachable Hub...
        hint = "" if Path(source).exists() else " (not a local folder; tried as a Hugging Face Hub id)"
        raise ModelLoadError(f"could not load model {source}{hint}: {type(e).__name__}: {e}; {_CORRUPT}") from None
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()
    mismatched = sorted(info.get("mismatched_keys") or [], key=lambda m: m[0])
    if mismatched:
        key, saved, wanted = mismatched[0]
        raise ModelLoadError(
            f"model {source}: {len(mismatched)} weights do not fit config.json (e.g. {key}: {tuple(saved)} in the "
            f"weights file, {tuple(wanted)} from config.json); config.json and the weights come from different "
            "models — re-export the model with save_pretrained"
        )
    missing = [k for k in info.get("missing_keys", []) if "position_ids" not in k]
    if missing:
        raise ModelLoadError(
            f"model {source} is incomplete: {len(missing)} weights missing (e.g. {missing[0]}); "
            "the weights file does not belong to this config or was cut off — re-export the model"
        )
    check_labels(net.config.id2label, f"model {source}")
    if not getattr(tokenizer, "is_fast", False):
        raise ModelLoadError(f"model {source}: a fast tokenizer (tokenizer.json) is required for word alignment")
    return TransformersTokenClassifier(net.to(device)), tokenizer.backend_tokenizer, tokenizer.model_max_length


#: Log-probability added to ``O`` before decoding: a lean towards fewer, surer spans. The embedded
#: model is taught by weak labels and over-proposes events; on the 97 event-gold articles 0 → 1.0
#: gave event micro F1 0.703 → 0.709 (precision up, about the same matches), and on the held-out dev6
#: 0.577 → 0.595 (reports/experiments.md, session 11). 0 decodes the model's probabilities as they are.
OUTSIDE_BIAS = 1.0


def check_outside_bias(value: Any) -> float:
    """A finite number of nats, or a clear error (not a NaN that silently tags nothing)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise UserError(f"outside_bias must be a finite number (log-probability added to O), got {value!r}")
    return float(value)


class Tagger:
    """A token classifier with its tokenizer, loaded once and reused for every article."""

    def __init__(
        self, model: TokenClassifier, tokenizer: "Tokenizer", max_length: int | None = None, stride: int | None = None,
        outside_bias: float = OUTSIDE_BIAS,
    ) -> None:
        self.outside_bias = check_outside_bias(outside_bias)
        self.model = model
        self.tokenizer = tokenizer
        self.id2label = dict(model.id2label)
        self.max_length = max_length or effective_max_length(None, model.max_positions)
        self.stride = default_stride(self.max_length) if stride is None else stride
        self.outside_id = next(i for i, lab in self.id2label.items() if lab == OUTSIDE)
        self.labels = [self.id2label[i] for i in range(len(self.id2label))]
        self.splitter = ProcliticSplitter(tokenizer) if getattr(model, "split_proclitics", False) else None
        self.workers = min(8, len(os.sched_getaffinity(0))) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)

    @classmethod
    def load(cls, model: str | Path | None = None, device: str = "cpu", backend: str = "auto",
             outside_bias: float = OUTSIDE_BIAS) -> "Tagger":
        """Load a local folder (validated first) or a Hugging Face Hub id; None = embedded model.

        ``backend``: ``auto`` (numpy where it computes the model exactly, else transformers),
        ``numpy`` or ``transformers``. ``outside_bias``: see :data:`OUTSIDE_BIAS`.
        """
        outside_bias = check_outside_bias(outside_bias)
        if backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, got {backend!r}")
        source, path, config = _resolve(model)
        from .bert_numpy import supports

        numpy_ok = path is not None and device == "cpu" and supports(config, path)
        if backend == "numpy" and not numpy_ok:
            raise ModelLoadError(
                f"model {source}: the numpy backend runs local BertForTokenClassification folders with "
                "model.safetensors (float16/float32) and tokenizer.json on CPU; pass backend='transformers'"
            )
        if numpy_ok and backend != "transformers":
            net, tokenizer, model_max_length = _load_numpy(path, config)
        else:
            net, tokenizer, model_max_length = _load_transformers(source, device)
        vocab = net.vocab_size
        size = tokenizer.get_vocab_size(with_added_tokens=True)
        if isinstance(vocab, int) and size > vocab:  # else an IndexError deep in the model on the first article
            raise ModelLoadError(
                f"model {source}: the tokenizer has {size} tokens but the model only {vocab} embeddings; "
                "the tokenizer files belong to another model — copy the tokenizer the model was trained with"
            )
        return cls(net, tokenizer, max_length=effective_max_length(model_max_length, net.max_positions),
                   outside_bias=outside_bias)

    # ------------------------------------------------------------------ tagging

    def tag_many(self, texts: Sequence[str], batch_size: int = 16) -> list[list[Span]]:
        """Spans for each text, offsets into that text; ``batch_size`` counts windows per forward pass."""
        norms = [normalize_for_model(t) for t in texts]
        words = [word_tokenize(n.text) for n in norms]
        windows = make_windows(self.tokenizer, [[w.text for w in ws] for ws in words], self.max_length, self.stride,
                               self.splitter)
        order = sorted(range(len(windows)), key=lambda k: len(windows[k].input_ids))
        if self.model.concurrent:  # small batches keep every pool thread busy and pad less (16.5 → 19.5 articles/s at 4)
            batch_size = min(batch_size, 4)
        batches = [order[b : b + max(1, batch_size)] for b in range(0, len(order), max(1, batch_size))]
        probs: list[np.ndarray] = [np.empty(0)] * len(windows)

        def run(batch: list[int]) -> None:
            width = max(len(windows[k].input_ids) for k in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for r, k in enumerate(batch):
                ids[r, : len(windows[k].input_ids)] = windows[k].input_ids
                mask[r, : len(windows[k].input_ids)] = 1
            logits = self.model(ids, mask)
            logits -= logits.max(axis=-1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=-1, keepdims=True)
            for r, k in enumerate(batch):
                probs[k] = p[r, : len(windows[k].input_ids)]

        if self.model.concurrent and len(batches) > 1 and self.workers > 1:
            from .bert_numpy import single_threaded_blas

            with single_threaded_blas(), ThreadPoolExecutor(min(self.workers, len(batches))) as pool:
                list(pool.map(run, batches))
        else:
            for batch in batches:
                run(batch)
        merged = merge_windows(windows, probs, [len(ws) for ws in words], len(self.labels), self.outside_id)
        return [self._spans(t, n, ws, m) for t, n, ws, m in zip(texts, norms, words, merged)]

    def _spans(self, text: str, norm: Any, words: list, probs: np.ndarray) -> list[Span]:
        if not words:
            return []
        bounds = [norm.to_original(w.start, w.end) for w in words]
        new_line = [i for i in range(1, len(words)) if LINE_BREAK_RE.search(text, bounds[i - 1][1], bounds[i][0])]
        probs = restart_at(probs, self.labels, new_line)
        log_probs = np.log(np.maximum(probs, 1e-12))
        log_probs[:, self.outside_id] += self.outside_bias
        ids = viterbi_ids(log_probs, self.labels)
        labels = [self.labels[i] for i in ids]
        word_p = probs[np.arange(len(ids)), ids]
        spans = []
        for c in iob_chunks(labels):
            s, e = bounds[c.start][0], bounds[c.end - 1][1]
            spans.append(Span(s, e, c.label, text[s:e], float(word_p[c.start:c.end].mean())))
        return spans
