"""`araevents publish`: staging and verification for real; the Hub only at the huggingface_hub boundary."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from huggingface_hub import HfApi, ModelCard
from huggingface_hub.errors import HfHubHTTPError
from huggingface_hub.utils import httpx

from araevents.cli import main
from araevents.errors import ModelLoadError, UserError
from araevents.training import publish
from araevents.training.model_card import build_card, render_body, template_path

REPORT = {
    "seeds": {"examples": 40, "words": 900, "micro": {"precision": 0.61, "recall": 0.55, "f1": 0.578431},
              "groups": {"roles+triggers": {"precision": 0.5, "recall": 0.4, "f1": 0.444444}}, "per_type": {}},
    "anercorp_test": {"examples": 900, "words": 25000, "micro": {"precision": 0.7, "recall": 0.6, "f1": 0.646154},
                      "per_type": {"PER": {"precision": 0.8, "recall": 0.7, "f1": 0.746667, "number": 800},
                                   "LOC": {"precision": 0.75, "recall": 0.65, "f1": 0.696429, "number": 900},
                                   "ORG": {"precision": 0.5, "recall": 0.4, "f1": 0.444444, "number": 500}}},
}
TRAIN_LOG = {"config": {"model_name_or_path": "aubmindlab/bert-base-arabertv02", "data": ["my_annotations.jsonl"],
                        "data_mode": "merge", "corpus": "data_build/corpus", "data_license": "CC BY 4.0",
                        "num_train_epochs": 3, "learning_rate": 5e-5, "batch_size": 16, "max_length": 256,
                        "seed": 13, "max_steps": -1},
             "global_step": 120, "best_validation_f1": 0.71, "train_seconds_this_run": 42.0}


@pytest.fixture
def model_dir(tiny_model_dir: Path, tmp_path: Path) -> Path:
    """A tiny model folder as `araevents train` leaves it: weights, tokenizer, report, training log."""
    d = shutil.copytree(tiny_model_dir, tmp_path / "model")
    (d / "eval_report.json").write_text(json.dumps(REPORT), encoding="utf-8")
    (d / "train_log.json").write_text(json.dumps(TRAIN_LOG), encoding="utf-8")
    return d


@pytest.fixture
def hub_calls(monkeypatch):
    """Record create_repo/upload_folder instead of reaching the Hub; HF_TOKEN set."""
    calls: dict[str, dict] = {}

    def create_repo(self, repo_id, **kwargs):
        calls["create_repo"] = {"repo_id": repo_id, "token": self.token, **kwargs}
        return f"https://huggingface.co/{repo_id}"

    def upload_folder(self, **kwargs):
        folder = Path(kwargs["folder_path"])
        calls["upload_folder"] = {**kwargs, "files": sorted(p.name for p in folder.iterdir())}

    monkeypatch.setattr(HfApi, "create_repo", create_repo)
    monkeypatch.setattr(HfApi, "upload_folder", upload_folder)
    monkeypatch.setenv("HF_TOKEN", "hf_test_token")
    return calls


def _http_error(status: int) -> HfHubHTTPError:
    request = httpx.Request("POST", "https://huggingface.co/api/repos/create")
    return HfHubHTTPError(f"{status} error", response=httpx.Response(status, request=request),
                          server_message="server says no")


# ----------------------------------------------------------------------------- card


def test_card_metadata_comes_from_the_report_and_log(model_dir: Path):
    card = build_card(model_dir, "someone/araevents-x", license="apache-2.0")
    meta = card.data.to_dict()
    assert meta["language"] == "ar" and meta["license"] == "apache-2.0"
    assert meta["library_name"] == "transformers" and meta["pipeline_tag"] == "token-classification"
    assert meta["base_model"] == "aubmindlab/bert-base-arabertv02"
    assert "araevents" in meta["tags"] and meta["widget"][0]["text"]
    [entry] = meta["model-index"]
    assert entry["name"] == "someone/araevents-x"
    values = {(r["dataset"]["type"], m["name"]): m["value"] for r in entry["results"] for m in r["metrics"]}
    assert values[("araevents-seeds", "span F1, all 23 types (micro, strict IOB2)")] == 0.5784
    assert values[("araevents-seeds", "span F1, roles + event triggers (micro)")] == 0.4444
    assert values[("anercorp", "span F1, PER")] == 0.7467
    assert values[("anercorp", "span F1, ORG")] == 0.4444
    assert len(values) == 6
    body = card.text
    assert "Placeholder" not in body and "<!-- araevents:begin metrics -->" in body
    assert "| ANERcorp (CAMeL Lab split) | 900 | 0.700 | 0.600 | 0.646 |" in body
    assert "`my_annotations.jsonl` (licence: CC BY 4.0)" in body


def test_card_says_when_the_model_splits_proclitics(model_dir: Path):
    assert "the plain pipeline does not" not in build_card(model_dir, "someone/x").text
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    (model_dir / "config.json").write_text(json.dumps({**config, "split_proclitics": True}), encoding="utf-8")
    body = build_card(model_dir, "someone/x").text
    assert "the plain pipeline does not" in body
    assert "| proclitics split off at model input (`split_proclitics`) | yes |" in body


def test_absent_metrics_are_omitted_never_invented(model_dir: Path):
    (model_dir / "eval_report.json").write_text(json.dumps({"seeds": REPORT["seeds"]}), encoding="utf-8")
    meta = build_card(model_dir, "someone/x").data.to_dict()
    names = [m["name"] for r in meta["model-index"][0]["results"] for m in r["metrics"]]
    assert names and not any("PER" in n or "ANERcorp" in n for n in names)
    assert meta["license"] == "other"
    (model_dir / "eval_report.json").unlink()
    (model_dir / "train_log.json").unlink()
    card = build_card(model_dir, "someone/x")
    assert "model-index" not in card.data.to_dict() and "base_model" not in card.data.to_dict()
    assert "no figures are reported" in card.text


def test_template_sections_are_idempotent(model_dir: Path, tmp_path: Path):
    """A generated card is itself a valid template: generating from it gives the same card."""
    first = str(build_card(model_dir, "someone/x"))
    again = tmp_path / "card.md"
    again.write_text(first, encoding="utf-8")
    assert str(build_card(model_dir, "someone/x", template=again)) == first
    assert template_path().name == "model_card.md"
    with pytest.raises(UserError, match="unknown section 'nope'"):
        render_body("<!-- araevents:begin nope -->\nx\n<!-- araevents:end nope -->", {})


# ----------------------------------------------------------------------------- stage + verify


def test_dry_run_stages_a_complete_folder_and_verifies_it(model_dir: Path, tmp_path: Path, capsys, hub_calls):
    staging = tmp_path / "staged"
    assert main(["publish", str(model_dir), "--repo-id", "someone/araevents-x", "--dry-run",
                 "--staging-dir", str(staging)]) == 0
    out = capsys.readouterr().out
    assert "verified: AutoModelForTokenClassification + AutoTokenizer load (47 labels)" in out
    assert "would create public model repo someone/araevents-x" in out
    assert not hub_calls  # nothing uploaded
    names = {p.name for p in staging.iterdir()}
    assert {"README.md", "config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
            "eval_report.json", "train_log.json"} <= names
    assert not any(n.endswith(".bin") for n in names)
    assert ModelCard.load(staging / "README.md").data.to_dict()["model-index"]
    # staging again into the same folder replaces the earlier staging
    assert main(["publish", str(model_dir), "--repo-id", "someone/araevents-x", "--dry-run",
                 "--staging-dir", str(staging)]) == 0


def test_verify_rejects_a_folder_that_does_not_load(model_dir: Path, tmp_path: Path):
    folder = publish.stage(model_dir, "someone/x", staging_dir=tmp_path / "s")
    result = publish.verify(folder)
    assert result.num_labels == 47 and isinstance(result.pipeline_entities, list)
    (folder / "model.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(ModelLoadError, match="does not load with AutoModelForTokenClassification"):
        publish.verify(folder)


def test_staging_refuses_bad_inputs(model_dir: Path, tmp_path: Path):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "mine.txt").write_text("x")
    with pytest.raises(UserError, match="not empty and was not made by `araevents publish`"):
        publish.stage(model_dir, "someone/x", staging_dir=busy)
    (model_dir / "model.safetensors").unlink()
    with pytest.raises(ModelLoadError, match="no weights"):
        publish.stage(model_dir, "someone/x", staging_dir=tmp_path / "s")
    for bad in ("no-slash", "a/b/c", "someone/bad name"):
        with pytest.raises(UserError, match="--repo-id"):
            publish.check_repo_id(bad)


# ----------------------------------------------------------------------------- upload


def test_upload_calls_huggingface_hub_with_the_staged_folder(model_dir: Path, tmp_path: Path, capsys, hub_calls):
    staging = tmp_path / "staged"
    assert main(["publish", str(model_dir), "--repo-id", "someone/araevents-x", "--private",
                 "--staging-dir", str(staging), "--license", "cc-by-sa-4.0"]) == 0
    assert hub_calls["create_repo"] == {"repo_id": "someone/araevents-x", "token": "hf_test_token",
                                        "private": True, "exist_ok": True, "repo_type": "model"}
    up = hub_calls["upload_folder"]
    assert up["repo_id"] == "someone/araevents-x" and Path(up["folder_path"]) == staging
    assert up["repo_type"] == "model" and publish.STAGING_MARKER in up["ignore_patterns"]
    assert {"README.md", "model.safetensors", "config.json", "tokenizer.json"} <= set(up["files"])
    assert "published https://huggingface.co/someone/araevents-x" in capsys.readouterr().out


def test_token_from_hf_auth_login_file(monkeypatch, tmp_path: Path):
    from huggingface_hub import constants

    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HUGGING_FACE_HUB_TOKEN", raising=False)
    token_file = tmp_path / "token"
    token_file.write_text("hf_saved_by_login\n")
    monkeypatch.setattr(constants, "HF_TOKEN_PATH", str(token_file))
    assert publish.get_token() == "hf_saved_by_login"


def test_missing_token_fails_before_staging(model_dir: Path, tmp_path: Path, monkeypatch, capsys):
    from huggingface_hub import constants

    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HUGGING_FACE_HUB_TOKEN", raising=False)
    monkeypatch.setattr(constants, "HF_TOKEN_PATH", str(tmp_path / "no-token"))
    staging = tmp_path / "staged"
    assert main(["publish", str(model_dir), "--repo-id", "someone/x", "--staging-dir", str(staging)]) == 1
    err = capsys.readouterr().err
    assert "no Hugging Face token: set HF_TOKEN" in err and "hf auth login" in err
    assert len(err.strip().splitlines()) == 1 and not staging.exists()


@pytest.mark.parametrize("where, error, message", [
    ("create_repo", _http_error(403), "no permission to create or write someone/x (403)"),
    ("create_repo", _http_error(409), "name clash: someone/x conflicts with an existing repository"),
    ("upload_folder", _http_error(401), "token was rejected (401)"),
    ("create_repo", httpx.ConnectError("[Errno -2] Name or service not known"), "cannot reach the Hugging Face Hub"),
    ("upload_folder", httpx.ReadTimeout("timed out"), "cannot reach the Hugging Face Hub"),
])
def test_hub_errors_become_one_line_user_errors(model_dir: Path, tmp_path: Path, capsys, hub_calls, monkeypatch,
                                                where, error, message):
    def fail(self, *args, **kwargs):
        raise error

    monkeypatch.setattr(HfApi, where, fail)
    folder = publish.stage(model_dir, "someone/x", staging_dir=tmp_path / "s")
    with pytest.raises(UserError, match=message.replace("(", r"\(").replace(")", r"\)")):
        publish.upload(folder, "someone/x")
    monkeypatch.setattr(publish, "verify", lambda folder: publish.Verification(47, [], 0, 0))
    assert main(["publish", str(model_dir), "--repo-id", "someone/x", "--staging-dir", str(tmp_path / "s2")]) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_offline_mode_is_reported(model_dir: Path, tmp_path: Path, hub_calls, monkeypatch):
    from huggingface_hub.errors import OfflineModeIsEnabled

    def offline(self, *args, **kwargs):
        raise OfflineModeIsEnabled("Cannot reach https://huggingface.co: offline mode is enabled.")

    monkeypatch.setattr(HfApi, "create_repo", offline)
    with pytest.raises(UserError, match="HF_HUB_OFFLINE is set"):
        publish.upload(publish.stage(model_dir, "someone/x", staging_dir=tmp_path / "s"), "someone/x")
