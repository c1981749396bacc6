"""``araevents publish``: stage a model folder for the Hugging Face Hub, verify it, upload it.

Three steps, each able to stop the run with a one-line error before anything leaves the machine:

1. **stage** — copy the weights (safetensors only), ``config.json`` (schema labels checked),
   tokenizer files and evaluation/training records into a fresh folder, and write its
   ``README.md`` model card (:mod:`.model_card`);
2. **verify** — load the *staged* folder the three ways users will:
   ``AutoModelForTokenClassification`` + ``AutoTokenizer``, ``pipeline("token-classification",
   aggregation_strategy="first")``, and ``araevents.Extractor``; a folder that fails here is
   never uploaded;
3. **upload** — ``HfApi.create_repo(exist_ok=True)`` + ``upload_folder`` with the token from
   ``HF_TOKEN`` or ``hf auth login``. ``--dry-run`` stops after step 2 and lists the files.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from araevents.errors import ModelLoadError, UserError

#: Files a model folder may hold that belong on the Hub (weights are added separately).
CONFIG_FILES = ("config.json",)
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt",
                   "added_tokens.json")
RECORD_FILES = ("eval_report.json", "eval_report.md", "train_log.json")
#: Left in the staging folder so a later run may overwrite it; never uploaded.
STAGING_MARKER = ".araevents-staging"
#: Composed for the check (not from any corpus): a sentence with several span types.
VERIFY_TEXT = ("التقى وزير الخارجية الأردني نظيره الفرنسي في باريس أمس الثلاثاء، "
               "وأعلن الوزيران اتفاقهما على عقد مؤتمر دولي الشهر المقبل.")


def check_repo_id(repo_id: str) -> str:
    """``ORG/NAME`` as the Hub accepts it; a bad name fails before any work is done."""
    from huggingface_hub.errors import HFValidationError
    from huggingface_hub.utils import validate_repo_id

    if repo_id.count("/") != 1:
        raise UserError(f"--repo-id {repo_id!r}: expected ORG/NAME (your user or organisation name, a slash, "
                        "the model name)")
    try:
        validate_repo_id(repo_id)
    except HFValidationError as e:
        raise UserError(f"--repo-id {repo_id!r}: {str(e).splitlines()[0]}") from None
    return repo_id


# ----------------------------------------------------------------------------- stage


def _weight_files(model_dir: Path) -> list[Path]:
    weights = sorted(model_dir.glob("*.safetensors"))
    index = model_dir / "model.safetensors.index.json"
    if not weights:
        hint = (" (it has pytorch_model.bin: load it and save_pretrained(..., safe_serialization=True) first)"
                if (model_dir / "pytorch_model.bin").is_file() else "")
        raise ModelLoadError(f"{model_dir}: no .safetensors weights to publish{hint}")
    return weights + ([index] if index.is_file() else [])


def _prepare_staging_dir(staging_dir: str | Path | None) -> Path:
    if staging_dir is None:
        path = Path(tempfile.mkdtemp(prefix="araevents-publish-"))
    else:
        path = Path(staging_dir)
        if path.exists() and any(path.iterdir()):
            if not (path / STAGING_MARKER).is_file():
                raise UserError(f"--staging-dir {path} is not empty and was not made by `araevents publish`; "
                                "pass an empty or new folder")
            shutil.rmtree(path)
        path.mkdir(parents=True, exist_ok=True)
    (path / STAGING_MARKER).write_text("made by araevents publish; safe to delete\n", encoding="utf-8")
    return path


def stage(model_dir: str | Path, repo_id: str, *, staging_dir: str | Path | None = None, license: str | None = None,
          datasets: Sequence[str] = (), base_model: str | None = None) -> Path:
    """A Hub-ready copy of ``model_dir`` with a generated ``README.md``; returns the folder."""
    from araevents.inference.tagger import check_model_folder

    from .model_card import build_card

    src = Path(model_dir)
    check_model_folder(src)  # config with the schema's labels, weights, tokenizer: named errors
    weights = _weight_files(src)
    card = build_card(src, repo_id, license=license, datasets=datasets, base_model=base_model)
    out = _prepare_staging_dir(staging_dir)
    names = CONFIG_FILES + TOKENIZER_FILES + RECORD_FILES
    for f in [src / n for n in names if (src / n).is_file()] + weights:
        shutil.copy2(f, out / f.name)
    card.save(out / "README.md")
    return out


# ----------------------------------------------------------------------------- verify


@dataclass
class Verification:
    """What the three loading checks saw (printed, and asserted on by tests)."""

    num_labels: int
    pipeline_entities: list[dict[str, Any]]
    extracted_events: int
    tagged_spans: int


def verify(folder: str | Path, text: str = VERIFY_TEXT) -> Verification:
    """Load ``folder`` as users will; any failure is a :class:`ModelLoadError` naming the check."""
    from transformers import AutoModelForTokenClassification, AutoTokenizer, pipeline

    from araevents.inference.tagger import check_labels
    from araevents.schema import SPAN_TYPES

    folder = Path(folder)
    try:
        model = AutoModelForTokenClassification.from_pretrained(folder)
        tokenizer = AutoTokenizer.from_pretrained(folder)
    except Exception as e:  # any loading failure means the staged folder is unusable on the Hub
        raise ModelLoadError(f"staged folder {folder} does not load with AutoModelForTokenClassification/"
                             f"AutoTokenizer: {type(e).__name__}: {e}") from None
    check_labels(model.config.id2label, f"staged {folder / 'config.json'}")
    if not getattr(tokenizer, "is_fast", False):
        raise ModelLoadError(f"staged folder {folder}: the tokenizer is not a fast tokenizer (tokenizer.json missing)")
    try:
        entities = pipeline("token-classification", model=model, tokenizer=tokenizer,
                            aggregation_strategy="first", device="cpu")(text)
    except Exception as e:
        raise ModelLoadError(f"staged folder {folder}: the token-classification pipeline fails: "
                             f"{type(e).__name__}: {e}") from None
    unknown = sorted({str(e.get("entity_group")) for e in entities} - set(SPAN_TYPES))
    if unknown:
        raise ModelLoadError(f"staged folder {folder}: the pipeline returns labels outside the schema: {unknown}")

    import araevents

    try:
        extractor = araevents.Extractor(str(folder))
        spans = extractor.tag(text)
        events = extractor.extract(text)
    except (ModelLoadError, ImportError):
        raise
    except Exception as e:
        raise ModelLoadError(f"staged folder {folder}: araevents.Extractor fails on it: {type(e).__name__}: {e}") from None
    return Verification(len(model.config.id2label), entities, len(events), len(spans))


# ----------------------------------------------------------------------------- upload


def _network_errors() -> tuple[type[BaseException], ...]:
    """Exceptions meaning "the Hub could not be reached", for the HTTP client this huggingface_hub uses."""
    errors: list[type[BaseException]] = [ConnectionError, TimeoutError]  # incl. OfflineModeIsEnabled
    try:
        from huggingface_hub.utils import httpx  # huggingface_hub >= 1.0: httpx (or its httpx2 fork)

        errors.append(httpx.TransportError)
    except (ImportError, AttributeError):
        pass
    try:
        import requests  # huggingface_hub < 1.0

        errors.append(requests.exceptions.ConnectionError)
        errors.append(requests.exceptions.Timeout)
    except ImportError:
        pass
    return tuple(errors)


def get_token() -> str:
    """``HF_TOKEN`` or the token saved by ``hf auth login`` (huggingface_hub looks in both)."""
    from huggingface_hub import get_token as hub_token

    token = hub_token()
    if not token:
        raise UserError("no Hugging Face token: set HF_TOKEN=hf_... (a token with write access, from "
                        "https://huggingface.co/settings/tokens) or run `hf auth login`")
    return token


def _hub_error(e: Exception, repo_id: str) -> UserError:
    from huggingface_hub.errors import HfHubHTTPError, OfflineModeIsEnabled

    if isinstance(e, OfflineModeIsEnabled):
        return UserError(f"cannot upload {repo_id}: HF_HUB_OFFLINE is set; unset it to publish")
    if isinstance(e, HfHubHTTPError):
        status = getattr(getattr(e, "response", None), "status_code", None)
        server = (getattr(e, "server_message", None) or str(e).splitlines()[0]).strip()
        if status == 401:
            return UserError(f"the Hugging Face token was rejected (401) for {repo_id}; create a new token with "
                             f"write access and set HF_TOKEN or run `hf auth login` ({server})")
        if status in (403, 404):
            owner = repo_id.split("/")[0]
            return UserError(f"no permission to create or write {repo_id} ({status}): the name {owner!r} is not yours "
                             f"or an organisation where you may write, or the token is read-only ({server})")
        if status == 409:
            return UserError(f"name clash: {repo_id} conflicts with an existing repository or a concurrent change "
                             f"(409); retry, or choose another --repo-id ({server})")
        return UserError(f"the Hugging Face Hub refused the upload of {repo_id} ({status}): {server}")
    return UserError(f"cannot reach the Hugging Face Hub to publish {repo_id} ({type(e).__name__}: "
                     f"{str(e).splitlines()[0] if str(e) else 'no detail'}); check your network connection or proxy")


def upload(folder: str | Path, repo_id: str, *, private: bool = False, token: str | None = None,
           commit_message: str | None = None) -> str:
    """Create (or reuse) the model repo and upload ``folder``; returns the repo URL."""
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError

    api = HfApi(token=token or get_token())
    try:
        url = api.create_repo(repo_id, private=private, exist_ok=True, repo_type="model")
        api.upload_folder(repo_id=repo_id, folder_path=str(folder), repo_type="model",
                          commit_message=commit_message or "Upload araevents model",
                          ignore_patterns=[STAGING_MARKER])
    except (HfHubHTTPError, *_network_errors()) as e:
        raise _hub_error(e, repo_id) from None
    return str(url)


# ----------------------------------------------------------------------------- CLI


def _listing(folder: Path) -> list[tuple[str, int]]:
    return sorted((p.name, p.stat().st_size) for p in folder.iterdir() if p.is_file() and p.name != STAGING_MARKER)


def _human(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("model_dir", metavar="MODEL_DIR", help="model folder (e.g. runs/mini/model from `araevents train`)")
    p.add_argument("--repo-id", required=True, help="Hub repository ORG/NAME (created if missing)")
    p.add_argument("--private", action="store_true", help="create the repository as private")
    p.add_argument("--dry-run", action="store_true", help="stage and verify only; print what would be uploaded")
    p.add_argument("--staging-dir", help="folder to stage into (default: a new temporary folder)")
    p.add_argument("--license", help="licence id for the card metadata (e.g. apache-2.0, cc-by-sa-4.0); "
                   "default 'other' — choose one compatible with your training data")
    p.add_argument("--datasets", nargs="+", default=[], metavar="HUB_ID", help="Hub dataset ids the model was "
                   "trained on, for the card metadata")
    p.add_argument("--base-model", help="Hub id the model was fine-tuned from, when train_log.json does not name one")
    p.add_argument("--commit-message", help="commit message on the Hub")


def run(args: argparse.Namespace) -> int:
    repo_id = check_repo_id(args.repo_id)
    token = None if args.dry_run else get_token()  # fail on a missing token before the slow steps
    folder = stage(args.model_dir, repo_id, staging_dir=args.staging_dir, license=args.license,
                   datasets=args.datasets, base_model=args.base_model)
    print(f"staged {args.model_dir} → {folder}")
    result = verify(folder)
    groups = sorted({e["entity_group"] for e in result.pipeline_entities})
    print(f"verified: AutoModelForTokenClassification + AutoTokenizer load ({result.num_labels} labels); "
          f"pipeline(aggregation_strategy='first') → {len(result.pipeline_entities)} spans {groups}; "
          f"araevents.Extractor → {result.tagged_spans} spans, {result.extracted_events} events")
    if not args.license:
        print("note: no --license given; the card says 'other'. Pick a licence compatible with the training data.")
    files = _listing(folder)
    listing = "\n".join(f"  {name:<28} {_human(size):>9}" for name, size in files)
    total = _human(sum(s for _, s in files))
    visibility = "private" if args.private else "public"
    if args.dry_run:
        print(f"dry run: would create {visibility} model repo {repo_id} (if missing) and upload "
              f"{len(files)} files ({total}):\n{listing}\nstaged folder kept at {folder}")
        return 0
    print(f"uploading {len(files)} files ({total}) to {visibility} repo {repo_id} ...")
    url = upload(folder, repo_id, private=args.private, token=token, commit_message=args.commit_message)
    print(f"published {url}")
    if args.staging_dir is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0
