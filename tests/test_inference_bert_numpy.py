"""The numpy backend computes what transformers computes, and keeps torch out of ``extract()``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import numpy as np
import pytest

from araevents.errors import ModelLoadError
from araevents.inference.bert_numpy import NumpyBertForTokenClassification, single_threaded_blas, supports
from araevents.inference.tagger import Tagger
from araevents.paths import DEFAULT_MODEL_DIR

REPO = Path(__file__).resolve().parent.parent


def _both(folder: Path) -> tuple[NumpyBertForTokenClassification, object]:
    import torch
    from transformers import AutoModelForTokenClassification

    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    ours = NumpyBertForTokenClassification.from_folder(folder, config)
    theirs = AutoModelForTokenClassification.from_pretrained(folder, dtype=torch.float32).eval()
    return ours, theirs


def _logits_match(folder: Path, vocab: int, seq: int = 40) -> None:
    import torch

    ours, theirs = _both(folder)
    rng = np.random.default_rng(7)
    ids = rng.integers(5, vocab, size=(3, seq))
    mask = np.ones_like(ids)
    mask[1, seq // 2 :] = 0  # padded rows must not leak into the real tokens
    mask[2, 3:] = 0
    with torch.inference_mode():
        want = theirs(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)).logits.numpy()
    got = ours(ids, mask)
    keep = mask.astype(bool)
    np.testing.assert_allclose(got[keep], want[keep], atol=2e-5, rtol=1e-4)
    assert (got.argmax(-1) == want.argmax(-1))[keep].all()


@pytest.mark.parametrize("act", ["gelu", "gelu_new", "relu"])
def test_logits_equal_transformers_on_a_random_model(tiny_model_factory: Callable[..., Path], tmp_path: Path, act: str) -> None:
    folder = Path(shutil.copytree(tiny_model_factory(seed=3), tmp_path / act))
    cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    cfg["hidden_act"] = act
    (folder / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    _logits_match(folder, cfg["vocab_size"])


def test_logits_equal_transformers_on_the_embedded_model() -> None:
    cfg = json.loads((DEFAULT_MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    _logits_match(DEFAULT_MODEL_DIR, cfg["vocab_size"], seq=cfg["max_position_embeddings"])


def test_both_backends_tag_the_seeds_identically() -> None:
    """Same windows (tokenizer.json alone vs transformers' tokenizer), same logits, same spans."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    fast = Tagger.load(None, backend="numpy")
    slow = Tagger.load(None, backend="transformers")
    assert type(fast.model).__name__ == "NumpyBertForTokenClassification"
    # batch_size 2: several batches, so the numpy backend runs them in its thread pool
    ours, theirs = fast.tag_many(texts, batch_size=2), slow.tag_many(texts, batch_size=2)
    assert [[(s.start, s.end, s.label) for s in x] for x in ours] == [[(s.start, s.end, s.label) for s in x] for x in theirs]
    # scores agree to float32 rounding (logits differ by ~1e-6), not always in their 4th decimal
    assert all(abs(a.score - b.score) < 1e-3 for x, y in zip(ours, theirs) for a, b in zip(x, y))
    assert fast.max_length == slow.max_length


def test_auto_picks_numpy_for_plain_bert_folders_and_transformers_otherwise(tiny_model_dir: Path, tmp_path: Path) -> None:
    assert type(Tagger.load(tiny_model_dir).model).__name__ == "NumpyBertForTokenClassification"
    folder = Path(shutil.copytree(tiny_model_dir, tmp_path / "relative"))
    cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    cfg["position_embedding_type"] = "relative_key"
    (folder / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    assert not supports(cfg, folder)
    assert type(Tagger.load(folder).model).__name__ == "TransformersTokenClassifier"
    with pytest.raises(ModelLoadError, match="backend='transformers'"):
        Tagger.load(folder, backend="numpy")
    with pytest.raises(ValueError, match="backend must be one of"):
        Tagger.load(tiny_model_dir, backend="onnx")


def test_blas_limit_is_shared_by_overlapping_callers_and_restored() -> None:
    from threadpoolctl import threadpool_info

    def blas_threads() -> list[int]:
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    before = blas_threads()
    outer = single_threaded_blas()
    outer.__enter__()
    with single_threaded_blas():
        assert all(n == 1 for n in blas_threads())
    assert all(n == 1 for n in blas_threads())  # the inner exit must not lift the outer caller's limit
    outer.__exit__(None, None, None)
    assert blas_threads() == before


def test_extract_with_the_embedded_model_imports_neither_torch_nor_transformers() -> None:
    """The cold-start budget rests on this: torch + transformers alone cost ~2.5 s to import."""
    code = (
        "import sys; from araevents import extract; "
        "extract('التقى وزير الخارجية الروسي سيرغي لافروف نظيره الأميركي جون كيري في جنيف.'); "
        "print(sorted(m for m in ('torch', 'transformers', 'datasets') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("change, message", [
    (lambda c: c.pop("intermediate_size"), "weights do not fit config.json"),  # BertConfig's default 3072 ≠ the weights
    (lambda c: c.update(num_attention_heads=3), "could not load model|not a multiple"),
    (lambda c: c.update(hidden_size=None), "weights do not fit config.json|could not load model"),
])
def test_a_config_that_does_not_fit_fails_with_one_line(tiny_model_dir: Path, tmp_path: Path, change, message) -> None:
    folder = Path(shutil.copytree(tiny_model_dir, tmp_path / "m"))
    cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    change(cfg)
    (folder / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    with pytest.raises(ModelLoadError, match=message) as info:
        Tagger.load(folder)
    assert "\n" not in str(info.value)
