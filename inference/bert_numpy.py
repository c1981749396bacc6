"""A BERT token classifier's forward pass in numpy, for fast start-up on a laptop CPU.

Why not transformers: importing torch and transformers takes ~2.5 s and ~250 MB before the
first article is read, more than extracting the article itself with the 4x256 embedded model.
This module reads the same ``model.safetensors`` (``safetensors.numpy``) and computes the
same logits as ``BertForTokenClassification`` in eval mode (no dropout), to within float32
rounding: ``tests/test_inference_bert_numpy.py`` compares both on random and embedded models.
Only the plain BERT architecture is covered; :func:`supports` says when, and the tagger falls
back to transformers otherwise (other architectures, GPUs, Hub ids).
"""

from __future__ import annotations

import math
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Mapping

import numpy as np

from araevents.errors import ModelLoadError

_ACTIVATIONS = ("gelu", "gelu_new", "gelu_pytorch_tanh", "relu")
_DTYPES = ("F16", "F32", "F64")
_WEIGHTS = "model.safetensors"


_BLAS_LOCK = threading.Lock()
_BLAS_USERS = 0
_BLAS_LIMIT: Any = None


@contextmanager
def single_threaded_blas() -> Iterator[None]:
    """One BLAS thread per caller while the tagger runs batches in its own threads.

    OpenBLAS threads on small attention products, next to other busy threads, spend most of
    their time waiting for each other (measured: 8x slower); one thread per batch and one batch
    per core is faster. The limit is process-wide, so overlapping callers share one limit,
    counted, and the user's setting comes back when the last one leaves.
    """
    global _BLAS_USERS, _BLAS_LIMIT
    from threadpoolctl import threadpool_limits

    with _BLAS_LOCK:
        if _BLAS_USERS == 0:
            _BLAS_LIMIT = threadpool_limits(limits=1, user_api="blas")
        _BLAS_USERS += 1
    try:
        yield
    finally:
        with _BLAS_LOCK:
            _BLAS_USERS -= 1
            if _BLAS_USERS == 0:
                _BLAS_LIMIT.restore_original_limits()
                _BLAS_LIMIT = None


def supports(config: Mapping[str, Any], folder: Path) -> bool:
    """True when the folder holds a plain BERT token classifier this module computes exactly."""
    archs = config.get("architectures") or ["BertForTokenClassification"]
    return (
        config.get("model_type") == "bert"
        and archs == ["BertForTokenClassification"]
        and config.get("position_embedding_type", "absolute") == "absolute"
        and config.get("hidden_act", "gelu") in _ACTIVATIONS
        and (folder / _WEIGHTS).is_file()
        and (folder / "tokenizer.json").is_file()
        and _config_errors(config) is None
        and _weight_dtypes(folder / _WEIGHTS) <= set(_DTYPES)
    )


def _weight_dtypes(path: Path) -> set[str]:
    """The float tensors' dtypes from the safetensors header (``position_ids`` buffers of older
    exports are integers and unused here). An unreadable file reports the supported dtypes, so
    that loading it raises the error that says what is wrong with it."""
    from safetensors import safe_open

    try:
        with safe_open(str(path), framework="numpy") as f:
            return {f.get_slice(k).get_dtype() for k in f.keys() if not k.endswith("position_ids")}
    except Exception:  # corrupt file: let the caller's load report it
        return set(_DTYPES)


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to ~1.5e-7 (Abramowitz & Stegun 7.1.26); numpy has no erf and scipy is not a dependency.

    In place on temporaries: the feed-forward activations are the largest arrays of the pass.
    """
    a = np.abs(x)
    t = a * 0.3275911
    t += 1.0
    np.reciprocal(t, out=t)
    p = t * 1.061405429
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        p += c
        p *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    p *= a
    np.subtract(1.0, p, out=p)
    return np.copysign(p, x, out=p)


def _gelu(x: np.ndarray) -> np.ndarray:
    y = _erf(x * np.float32(1 / math.sqrt(2)))
    y += 1.0
    y *= x
    y *= 0.5
    return y


def _gelu_tanh(x: np.ndarray) -> np.ndarray:
    y = np.square(x)
    y *= 0.044715
    y += 1.0
    y *= x
    y *= np.float32(math.sqrt(2 / math.pi))
    np.tanh(y, out=y)
    y += 1.0
    y *= x
    y *= 0.5
    return y


def _activation(name: str):
    if name == "gelu":
        return _gelu
    if name == "relu":
        return lambda x: np.maximum(x, 0, out=x)
    return _gelu_tanh


#: BertConfig's defaults, for config.json files that leave a size out (transformers fills them the same way)
_DEFAULTS = {"hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12, "intermediate_size": 3072,
             "vocab_size": 30522, "max_position_embeddings": 512, "type_vocab_size": 2, "layer_norm_eps": 1e-12}


def _size(config: Mapping[str, Any], key: str) -> Any:
    value = config.get(key)
    return _DEFAULTS[key] if value is None else value


def _config_errors(config: Mapping[str, Any]) -> str | None:
    """What makes ``config`` unusable for this forward pass, or None."""
    for key in ("hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size", "vocab_size",
                "max_position_embeddings", "type_vocab_size"):
        value = _size(config, key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            return f"{key} is {value!r}, not a positive whole number"
    if _size(config, "hidden_size") % _size(config, "num_attention_heads"):
        return "hidden_size is not a multiple of num_attention_heads"
    return None


class NumpyBertForTokenClassification:
    """Logits of a BERT token classifier; weights float32 in memory whatever their file dtype."""

    concurrent = True  # pure numpy: batches can run side by side in threads (BLAS and ufuncs release the GIL)

    def __init__(self, config: Mapping[str, Any], weights: Mapping[str, np.ndarray], source: str = "model") -> None:
        problem = _config_errors(config)
        if problem:
            raise ModelLoadError(f"model {source}: config.json: {problem}; re-export the model with save_pretrained")
        self.config = dict(config)
        self.hidden = _size(config, "hidden_size")
        self.heads = _size(config, "num_attention_heads")
        self.layers = _size(config, "num_hidden_layers")
        self.eps = float(_size(config, "layer_norm_eps"))
        self.vocab_size = _size(config, "vocab_size")
        self.max_positions = _size(config, "max_position_embeddings")
        self.act = _activation(config.get("hidden_act", "gelu"))
        self.id2label = {int(k): v for k, v in config["id2label"].items()}
        self.split_proclitics = bool(config.get("split_proclitics", False))
        self._check(weights, source)
        w = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in weights.items()}
        p = "bert.embeddings."
        self.word = w[p + "word_embeddings.weight"]
        self.pos = w[p + "position_embeddings.weight"]
        self.type0 = w[p + "token_type_embeddings.weight"][0]
        self.emb_ln = (w[p + "LayerNorm.weight"], w[p + "LayerNorm.bias"])
        self.blocks = []
        for i in range(self.layers):
            q = f"bert.encoder.layer.{i}."
            qkv_w = np.concatenate([w[q + f"attention.self.{n}.weight"] for n in ("query", "key", "value")]).T
            qkv_b = np.concatenate([w[q + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self.blocks.append((
                np.ascontiguousarray(qkv_w), qkv_b,
                np.ascontiguousarray(w[q + "attention.output.dense.weight"].T), w[q + "attention.output.dense.bias"],
                (w[q + "attention.output.LayerNorm.weight"], w[q + "attention.output.LayerNorm.bias"]),
                np.ascontiguousarray(w[q + "intermediate.dense.weight"].T), w[q + "intermediate.dense.bias"],
                np.ascontiguousarray(w[q + "output.dense.weight"].T), w[q + "output.dense.bias"],
                (w[q + "output.LayerNorm.weight"], w[q + "output.LayerNorm.bias"]),
            ))
        self.cls_w = np.ascontiguousarray(w["classifier.weight"].T)
        self.cls_b = w["classifier.bias"]

    @classmethod
    def from_folder(cls, folder: str | Path, config: Mapping[str, Any]) -> "NumpyBertForTokenClassification":
        from safetensors.numpy import load_file

        path = Path(folder) / _WEIGHTS
        try:
            weights = load_file(str(path))
        except Exception as e:  # zero bytes, garbage, cut-off download
            raise ModelLoadError(
                f"could not load model {folder}: {type(e).__name__}: {e}; its files are corrupted, cut off or "
                "from different models — re-download it, or re-export it with save_pretrained"
            ) from None
        return cls(config, weights, source=str(folder))

    def _expected_shapes(self) -> dict[str, tuple[int, ...]]:
        h, inter = self.hidden, _size(self.config, "intermediate_size")
        shapes = {
            "bert.embeddings.word_embeddings.weight": (self.vocab_size, h),
            "bert.embeddings.position_embeddings.weight": (self.max_positions, h),
            "bert.embeddings.token_type_embeddings.weight": (_size(self.config, "type_vocab_size"), h),
            "bert.embeddings.LayerNorm.weight": (h,), "bert.embeddings.LayerNorm.bias": (h,),
            "classifier.weight": (len(self.id2label), h), "classifier.bias": (len(self.id2label),),
        }
        for i in range(self.layers):
            q = f"bert.encoder.layer.{i}."
            for n in ("query", "key", "value"):
                shapes[q + f"attention.self.{n}.weight"] = (h, h)
                shapes[q + f"attention.self.{n}.bias"] = (h,)
            shapes.update({
                q + "attention.output.dense.weight": (h, h), q + "attention.output.dense.bias": (h,),
                q + "attention.output.LayerNorm.weight": (h,), q + "attention.output.LayerNorm.bias": (h,),
                q + "intermediate.dense.weight": (inter, h), q + "intermediate.dense.bias": (inter,),
                q + "output.dense.weight": (h, inter), q + "output.dense.bias": (h,),
                q + "output.LayerNorm.weight": (h,), q + "output.LayerNorm.bias": (h,),
            })
        return shapes

    def _check(self, weights: Mapping[str, np.ndarray], source: str) -> None:
        """The same two failures transformers reports, in one actionable line each."""
        expected = self._expected_shapes()
        missing = sorted(k for k in expected if k not in weights)
        if missing:
            raise ModelLoadError(
                f"model {source} is incomplete: {len(missing)} weights missing (e.g. {missing[0]}); "
                "the weights file does not belong to this config or was cut off — re-export the model"
            )
        wrong = sorted(k for k, shape in expected.items() if tuple(weights[k].shape) != shape)
        if wrong:
            k = wrong[0]
            raise ModelLoadError(
                f"model {source}: {len(wrong)} weights do not fit config.json (e.g. {k}: {tuple(weights[k].shape)} in "
                f"the weights file, {expected[k]} from config.json); config.json and the weights come from different "
                "models — re-export the model with save_pretrained"
            )

    def _layer_norm(self, x: np.ndarray, ln: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        mean = x.mean(axis=-1, keepdims=True)
        var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * ln[0] + ln[1]

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        """``(batch, seq)`` ids and 0/1 mask → ``(batch, seq, labels)`` float32 logits.

        Matrix products are 2-D (numpy sends only those to BLAS; stacked ``@`` is a slow loop).
        """
        b, s = input_ids.shape
        if s > self.max_positions:
            raise ValueError(f"sequence of {s} tokens exceeds the model's {self.max_positions} positions")
        h, n_heads = self.hidden, self.heads
        d = h // n_heads
        x = self.word[input_ids.reshape(-1)].reshape(b, s, h)
        x += self.pos[:s]
        x += self.type0
        x = self._layer_norm(x.reshape(b * s, h), self.emb_ln)
        # padding keys get the most negative float, as transformers' extended attention mask does
        bias = np.where(attention_mask[:, None, :] > 0, 0.0, np.finfo(np.float32).min).astype(np.float32)
        scale = np.float32(1 / math.sqrt(d))
        scores = np.empty((s, s), dtype=np.float32)
        ctx = np.empty((b, n_heads, s, d), dtype=np.float32)
        for qkv_w, qkv_b, o_w, o_b, ln1, i_w, i_b, f_w, f_b, ln2 in self.blocks:
            # (3, batch, heads, seq, d), contiguous: BLAS gets plain row-major matrices
            q, k, v = np.ascontiguousarray((x @ qkv_w + qkv_b).reshape(b, s, 3, n_heads, d).transpose(2, 0, 3, 1, 4))
            q *= scale
            for i in range(b):
                for j in range(n_heads):
                    np.matmul(q[i, j], k[i, j].T, out=scores)
                    scores += bias[i]
                    scores -= scores.max(axis=-1, keepdims=True)
                    np.exp(scores, out=scores)
                    scores /= scores.sum(axis=-1, keepdims=True)
                    np.matmul(scores, v[i, j], out=ctx[i, j])
            a = ctx.transpose(0, 2, 1, 3).reshape(b * s, h) @ o_w
            a += o_b
            a += x
            x = self._layer_norm(a, ln1)
            f = self.act(x @ i_w + i_b) @ f_w
            f += f_b
            f += x
            x = self._layer_norm(f, ln2)
        out = x @ self.cls_w
        out += self.cls_b
        return out.reshape(b, s, -1)
