"""``araevents soup``: weight averaging of runs of one model, and its refusals."""

from __future__ import annotations

import json
import shutil
from argparse import Namespace
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from araevents.errors import UserError
from araevents.training.soup import average, check_ingredients, greedy_soup, run


@pytest.fixture(scope="module")
def runs(tiny_model_dir, tmp_path_factory) -> list[Path]:
    """Three 'runs' of one model: its folder copied with seeded noise on every tensor, as three
    fine-tuning runs from one start would differ (same architecture, labels and tokenizer)."""
    from safetensors.torch import save_file

    out = []
    for seed in (0, 1, 2):
        d = tmp_path_factory.mktemp(f"run{seed}")
        shutil.copytree(tiny_model_dir, d, dirs_exist_ok=True)
        gen = torch.Generator().manual_seed(seed)
        weights = load_file(str(d / "model.safetensors"))
        noisy = {k: v + 0.1 * torch.randn(v.shape, generator=gen, dtype=v.dtype) if v.is_floating_point() else v
                 for k, v in weights.items()}
        save_file(noisy, str(d / "model.safetensors"), metadata={"format": "pt"})
        out.append(d)
    return out


def test_average_is_the_elementwise_mean_in_the_first_runs_dtype(runs) -> None:
    a, b = (load_file(str(d / "model.safetensors")) for d in runs[:2])
    soup = average(runs[:2])
    key = "classifier.weight"
    assert torch.allclose(soup[key], (a[key] + b[key]) / 2)
    assert all(soup[k].dtype == a[k].dtype for k in a)


def test_uniform_soup_folder_loads_and_records_its_ingredients(runs, tmp_path) -> None:
    from transformers import AutoModelForTokenClassification

    out = tmp_path / "soup"
    assert run(Namespace(models=runs, out=out, corpus=None, max_length=128)) == 0
    model = AutoModelForTokenClassification.from_pretrained(out)
    mean = sum(load_file(str(d / "model.safetensors"))["classifier.weight"] for d in runs) / 3
    assert torch.allclose(model.classifier.weight.detach(), mean, atol=1e-6)
    log = json.loads((out / "train_log.json").read_text(encoding="utf-8"))
    assert log["soup"]["method"] == "uniform" and len(log["soup"]["chosen"]) == 3
    with pytest.raises(UserError, match="not an empty folder"):
        run(Namespace(models=runs, out=out, corpus=None, max_length=128))


def test_greedy_soup_leaves_out_an_ingredient_that_lowers_the_score(runs) -> None:
    bad = runs[2]
    bias = {d: load_file(str(d / "model.safetensors"))["classifier.weight"] for d in runs}
    target = (bias[runs[0]] + bias[runs[1]]) / 2

    def score(weights) -> float:  # best at the mean of the first two runs: the third one pulls away
        return -float(((weights["classifier.weight"] - target) ** 2).sum())

    chosen, steps = greedy_soup(runs, score)
    assert bad not in chosen and sorted(chosen) == sorted(runs[:2])
    assert [s["kept"] for s in steps].count(False) == 1


def test_runs_of_different_models_are_refused(runs, tiny_model_factory, tmp_path) -> None:
    with pytest.raises(UserError, match="at least two"):
        check_ingredients(runs[:1])
    with pytest.raises(UserError, match="named twice"):
        check_ingredients([runs[0], runs[1], runs[0]])
    other = tiny_model_factory(hidden_size=16)
    with pytest.raises(UserError, match="not runs of one model"):
        check_ingredients([runs[0], other])
    relabelled = tmp_path / "relabelled"
    shutil.copytree(runs[1], relabelled)
    cfg = json.loads((relabelled / "config.json").read_text(encoding="utf-8"))
    cfg["id2label"] = {k: v.replace("PER", "PERS") for k, v in cfg["id2label"].items()}
    (relabelled / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    with pytest.raises(UserError, match="id2label"):
        check_ingredients([runs[0], relabelled])
    (relabelled / "model.safetensors").unlink()
    with pytest.raises(UserError, match="no model.safetensors"):
        check_ingredients([runs[0], relabelled])


def test_the_greedy_soup_reads_each_ingredient_once(runs, monkeypatch) -> None:
    import safetensors.torch as st

    reads: list[str] = []
    real = st.load_file
    monkeypatch.setattr(st, "load_file", lambda path, *a, **k: (reads.append(path), real(path, *a, **k))[1])
    greedy_soup(runs, lambda weights: 0.0)
    assert sorted(reads) == sorted({str(d / "model.safetensors") for d in runs})
