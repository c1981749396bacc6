"""Model cards: the top-level ``model_card.md`` is both the embedded model's card and the template.

Template design (no Jinja): the Markdown body holds *marked sections*::

    <!-- araevents:begin metrics -->
    ...anything: replaced on every generation...
    <!-- araevents:end metrics -->

:func:`render_body` replaces the inside of each marked section with text generated from the
model folder (``config.json``, ``eval_report.json``, ``train_log.json``); everything outside
the markers is hand-written prose kept as it is. Because the markers stay in the output, a
filled card is still a valid template: regenerating it is idempotent, so the embedded
model's card and the cards of retrained models come from one file. The YAML front matter is
never templated; it is rebuilt from :class:`huggingface_hub.ModelCardData` (``model-index``
from :class:`huggingface_hub.EvalResult`), so the Hub metadata follows the Hub's own schema.

Figures come only from ``eval_report.json``: a metric the report does not have is left out
of both the table and ``model-index``, never guessed.

Refresh the top-level card from the embedded model's report (what the lead runs)::

    python -m araevents.training.model_card araevents/default_model --repo-id araevents/araevents-mini \\
        --license apache-2.0 --out model_card.md
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from araevents.errors import UserError
from araevents.paths import EMBEDDED_ALIASES
from araevents.schema import LABELS, SCHEMA_VERSION, SPAN_TYPES

#: Composed for the card (not taken from any corpus): what the Hub widget tags by default.
WIDGET_TEXT = ("استقبل وزير الخارجية المصري في القاهرة اليوم الأحد المبعوث الأممي إلى ليبيا، "
               "وبحث معه سبل استئناف المفاوضات بين الأطراف الليبية.")
TAGS = ["token-classification", "ner", "arabic", "event-extraction", "diplomacy", "cameo", "plover", "araevents"]
#: Licence written when the publisher names none: the Hub's value for "see the card".
DEFAULT_LICENSE = "other"

_SECTION = re.compile(
    r"(?P<open><!-- araevents:begin (?P<name>[a-z_]+) -->\n)(?P<body>.*?)(?P<close><!-- araevents:end (?P=name) -->)",
    re.S,
)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")

#: Report part → (dataset type, dataset name, split) for ``model-index`` and the tables.
DATASETS: dict[str, tuple[str, str, str]] = {
    "seeds": ("araevents-seeds", "araevents seeds gold (hand-annotated news, 23 span types)", "test"),
    "anercorp_test": ("anercorp", "ANERcorp (CAMeL Lab split)", "test"),
    "user_heldout": ("user-annotations", "held-out part of the annotations the model was retrained on", "test"),
}


def template_path() -> Path:
    """``model_card.md`` of a source checkout, else the copy shipped in ``araevents/resources``."""
    import araevents

    pkg = Path(araevents.__file__).resolve().parent
    for candidate in (pkg.parent / "model_card.md", pkg / "resources" / "model_card.md"):
        if candidate.is_file():
            return candidate
    raise UserError(f"model card template not found (looked for {pkg.parent / 'model_card.md'} and "
                    f"{pkg / 'resources' / 'model_card.md'}); reinstall araevents")


def _read_json(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise UserError(f"{path}: not valid JSON ({e})") from None
    return data if isinstance(data, dict) else None


@dataclass
class ModelFacts:
    """What a model folder says about itself; every field may be missing."""

    config: dict[str, Any]
    report: dict[str, Any] | None
    train_log: dict[str, Any] | None

    @classmethod
    def read(cls, model_dir: str | Path) -> "ModelFacts":
        d = Path(model_dir)
        config = _read_json(d / "config.json")
        if config is None:
            raise UserError(f"{d}: no config.json; is this a model folder written by `araevents train`?")
        return cls(config, _read_json(d / "eval_report.json"), _read_json(d / "train_log.json"))

    @property
    def train_config(self) -> dict[str, Any]:
        return (self.train_log or {}).get("config") or {}

    def base_model(self) -> str | None:
        """The Hub id training started from, when it was one (a local folder is not a Hub base)."""
        ref = self.train_config.get("model_name_or_path")
        if isinstance(ref, str) and _HUB_ID.match(ref) and not Path(ref).exists():
            return ref
        return None


def _metric(report: dict[str, Any] | None, part: str, *keys: str) -> float | None:
    node: Any = (report or {}).get(part)
    for k in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(k)
    return round(float(node), 4) if isinstance(node, (int, float)) and not isinstance(node, bool) else None


def eval_results(report: dict[str, Any] | None) -> list[Any]:
    """``model-index`` entries: seeds span F1 (all types, roles+triggers), ANERcorp PER/LOC/ORG F1."""
    from huggingface_hub import EvalResult

    wanted: list[tuple[str, tuple[str, ...], str]] = [
        ("seeds", ("micro", "f1"), "span F1, all 23 types (micro, strict IOB2)"),
        ("seeds", ("groups", "roles+triggers", "f1"), "span F1, roles + event triggers (micro)"),
        ("anercorp_test", ("micro", "f1"), "span F1, PER/LOC/ORG (micro)"),
        *[("anercorp_test", ("per_type", t, "f1"), f"span F1, {t}") for t in ("PER", "LOC", "ORG")],
    ]
    results = []
    for part, keys, name in wanted:
        value = _metric(report, part, *keys)
        if value is None:
            continue
        dtype, dname, split = DATASETS[part]
        results.append(EvalResult(task_type="token-classification", task_name="Arabic diplomatic span tagging",
                                  dataset_type=dtype, dataset_name=dname, dataset_split=split,
                                  metric_type="f1", metric_value=value, metric_name=name))
    return results


def card_data(facts: ModelFacts, repo_id: str, *, license: str | None = None, datasets: Sequence[str] = (),
              base_model: str | None = None):
    """The YAML front matter as :class:`huggingface_hub.ModelCardData`."""
    from huggingface_hub import ModelCardData

    results = eval_results(facts.report)
    return ModelCardData(
        language="ar", license=license or DEFAULT_LICENSE, library_name="transformers",
        pipeline_tag="token-classification", base_model=base_model or facts.base_model(),
        datasets=list(datasets) or None, tags=list(TAGS), widget=[{"text": WIDGET_TEXT}],
        model_name=repo_id if results else None, eval_results=results or None,
    )


# ----------------------------------------------------------------------------- sections


def _f(x: Any) -> str:
    return f"{x:.3f}" if isinstance(x, (int, float)) and not isinstance(x, bool) else "–"


def _architecture(cfg: dict[str, Any]) -> str:
    parts = [f"`{cfg.get('model_type', 'bert')}`"]
    for key, label in (("num_hidden_layers", "layers"), ("hidden_size", "hidden size"),
                       ("num_attention_heads", "attention heads"), ("vocab_size", "vocabulary size"),
                       ("max_position_embeddings", "max positions")):
        if key in cfg:
            parts.append(f"{label} {cfg[key]}")
    return ", ".join(parts)


def section_summary(facts: ModelFacts, repo_id: str, base: str | None) -> str:
    tc = facts.train_config
    if base:
        origin = f"fine-tuned from [`{base}`](https://huggingface.co/{base})"
    elif tc.get("model_init"):
        origin = "trained from random initialisation"
    elif str(tc.get("model_name_or_path")) in EMBEDDED_ALIASES:
        origin = "fine-tuned from the model embedded in the araevents package"
    elif tc.get("model_name_or_path"):
        origin = f"fine-tuned from a local checkpoint (`{Path(str(tc['model_name_or_path'])).name}`)"
    else:
        origin = "of unrecorded origin (no train_log.json in the model folder)"
    return (f"`{repo_id}` is a token classifier ({_architecture(facts.config)}) {origin}. It tags the "
            f"{len(SPAN_TYPES)} span types ({len(LABELS)} IOB2 labels) of araevents schema v{SCHEMA_VERSION} "
            "in Arabic news: entities, diplomatic roles and event triggers. The "
            "[araevents](https://github.com/araevents/araevents) package turns these spans into events "
            "(who met, called, visited, negotiated with, accused or appealed to whom, in what role, where, when).\n")


def section_usage(repo_id: str, facts: ModelFacts | None = None) -> str:
    split = bool(facts and facts.config.get("split_proclitics"))
    proclitic_note = ("\n\nThis model was trained on words with a proclitic و/ف/ب/ل/ك split off where the rest of the "
                      "word is fewer vocabulary pieces (`split_proclitics` in `config.json`; `بالبرازيل` is read as "
                      "`ب البرازيل`, and the word's label at the stem). araevents splits them before tagging; the "
                      "plain pipeline does not, so on such words it reads a label where none was trained, and it "
                      "misses more names with an attached proclitic.") if split else ""
    return f"""```python
import araevents  # pip install araevents

extractor = araevents.Extractor("{repo_id}")  # downloaded from the Hub once, then cached
for event in extractor.extract("{WIDGET_TEXT}"):
    print(event)
```

Spans only, with plain `transformers` (aggregate on the first sub-token of each word, as the model was trained;
`stride` makes the pipeline tag a text longer than the tokenizer's `model_max_length` in overlapping windows
instead of cutting it):

```python
from transformers import pipeline

tagger = pipeline("token-classification", model="{repo_id}", aggregation_strategy="first", stride=32)
tagger("{WIDGET_TEXT}")
```{proclitic_note}
"""


def section_metrics(facts: ModelFacts) -> str:
    report = facts.report
    if not report:
        return ("No `eval_report.json` was found in the model folder, so no figures are reported. "
                "Run `araevents evaluate --model MODEL_DIR --out MODEL_DIR` and publish again.\n")
    lines = ["Span-level precision / recall / F1 (seqeval, strict IOB2, micro average) from the model's "
             "`eval_report.json`.", "", "| evaluation set | examples | P | R | F1 |", "|---|---|---|---|---|"]
    for part, (_, name, _) in DATASETS.items():
        if isinstance(report.get(part), dict) and "micro" in report[part]:
            r = report[part]
            lines.append(f"| {name} | {r.get('examples', '–')} | {_f(r['micro'].get('precision'))} | "
                         f"{_f(r['micro'].get('recall'))} | {_f(r['micro'].get('f1'))} |")
    seeds_groups = (report.get("seeds") or {}).get("groups") or {}
    if seeds_groups:
        lines += ["", "Seeds gold by group of span types:", "", "| group | P | R | F1 |", "|---|---|---|---|"]
        lines += [f"| {g} | {_f(s.get('precision'))} | {_f(s.get('recall'))} | {_f(s.get('f1'))} |"
                  for g, s in seeds_groups.items()]
    aner = (report.get("anercorp_test") or {}).get("per_type") or {}
    if aner:
        lines += ["", "ANERcorp test (never trained on) by type:", "", "| type | P | R | F1 | gold spans |",
                  "|---|---|---|---|---|"]
        lines += [f"| {t} | {_f(s.get('precision'))} | {_f(s.get('recall'))} | {_f(s.get('f1'))} | "
                  f"{s.get('number', '–')} |" for t, s in sorted(aner.items())]
    if len(lines) == 4:
        lines = ["The model's `eval_report.json` holds no span-level results, so no figures are reported."]
    return "\n".join(lines) + "\n"


def section_training(facts: ModelFacts) -> str:
    tc = facts.train_config
    if not tc:
        return "No `train_log.json` was found in the model folder; the training run is not documented.\n"
    data = []
    if tc.get("corpus") and (tc.get("data_mode") == "merge" or not tc.get("data")):
        data.append(f"the weakly-labelled araevents news corpus (`{Path(str(tc['corpus'])).name}`)")
    for path in tc.get("data") or []:
        data.append(f"annotations `{Path(str(path)).name}` (licence: {tc.get('data_license', 'not recorded')})")
    rows = [("training data", "; ".join(data) or "not recorded"),
            ("data mode", tc.get("data_mode")),
            ("share of the annotations held out", f"{tc['user_validation_fraction']:.0%}"
             if tc.get("data") and isinstance(tc.get("user_validation_fraction"), (int, float)) else None),
            ("epochs", tc.get("num_train_epochs")), ("max steps", tc.get("max_steps") if (tc.get("max_steps") or -1) > 0 else None),
            ("learning rate", tc.get("learning_rate")), ("batch size", tc.get("batch_size")),
            ("max length (sub-tokens)", tc.get("max_length")), ("weight decay", tc.get("weight_decay")),
            ("warm-up ratio", tc.get("warmup_ratio")), ("seed", tc.get("seed")),
            ("sources repeated per epoch", ", ".join(f"{k} ×{v}" for k, v in (tc.get("source_repeats") or {}).items())),
            ("names swapped in the repeated copies (probability)", tc.get("mention_swap") or None),
            ("weakly labelled sources, O trusted only on words gold shows outside spans",
             ", ".join(tc.get("weak_sources") or []) if tc.get("partial_weak_outside") else None),
            ("label smoothing", tc.get("label_smoothing") or None),
            ("proclitics split off at model input (`split_proclitics`)", "yes" if facts.config.get("split_proclitics") else None),
            ("exported weights", tc.get("export_dtype")),
            ("tagger window (sub-tokens, `model_max_length`)", tc.get("export_max_length")),
            ("weights averaged with (model soup, `araevents soup`)",
             ", ".join(f"`{Path(d).name}`" if Path(d).name != "model" else f"`{Path(d).parent.name}`"
                       for d in ((facts.train_log or {}).get("soup") or {}).get("chosen", [])[1:]) or None),
            ("optimisation steps", (facts.train_log or {}).get("global_step")),
            ("best validation F1", _f((facts.train_log or {}).get("best_validation_f1"))
             if (facts.train_log or {}).get("best_validation_f1") is not None else None),
            ("training time (s)", (facts.train_log or {}).get("train_seconds_this_run"))]
    lines = ["| setting | value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in rows if v not in (None, "")]
    return "\n".join(lines) + "\n"


def section_labels() -> str:
    from araevents.schema import ENTITY_TYPES, ROLE_TYPES, TRIGGER_TYPES

    groups = (("entities", ENTITY_TYPES), ("diplomatic roles", ROLE_TYPES), ("event triggers", TRIGGER_TYPES))
    return "\n".join(f"- {name}: " + ", ".join(f"`{t}`" for t in types) for name, types in groups) + "\n"


def render_body(template_body: str, sections: dict[str, Callable[[], str]]) -> str:
    """Replace the inside of every marked section; an unknown or missing section is a template bug."""
    seen: set[str] = set()

    def fill(m: re.Match) -> str:
        name = m.group("name")
        if name not in sections:
            raise UserError(f"model card template: unknown section {name!r}; known: {', '.join(sorted(sections))}")
        seen.add(name)
        return m.group("open") + sections[name]().rstrip("\n") + "\n" + m.group("close")

    out = _SECTION.sub(fill, template_body)
    missing = sorted(set(sections) - seen)
    if missing:
        raise UserError(f"model card template lacks the section(s) {', '.join(missing)}")
    return out


def build_card(model_dir: str | Path, repo_id: str, *, license: str | None = None, datasets: Sequence[str] = (),
               base_model: str | None = None, template: str | Path | None = None):
    """The Hub ``README.md`` of ``model_dir`` as a :class:`huggingface_hub.ModelCard`."""
    from huggingface_hub import ModelCard

    facts = ModelFacts.read(model_dir)
    data = card_data(facts, repo_id, license=license, datasets=datasets, base_model=base_model)
    base = data.base_model
    text = Path(template or template_path()).read_text(encoding="utf-8")
    body = _FRONT_MATTER.sub("", text, count=1).lstrip("\n")
    body = render_body(body, {
        "title": lambda: f"# {repo_id.split('/')[-1]}\n",
        "summary": lambda: section_summary(facts, repo_id, base),
        "usage": lambda: section_usage(repo_id, facts),
        "metrics": lambda: section_metrics(facts),
        "training": lambda: section_training(facts),
        "labels": section_labels,
    })
    return ModelCard(f"---\n{data.to_yaml()}\n---\n\n{body}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m araevents.training.model_card",
                                description="write the model card of a model folder (e.g. refresh model_card.md)")
    p.add_argument("model_dir")
    p.add_argument("--repo-id", required=True)
    p.add_argument("--license", default=None)
    p.add_argument("--datasets", nargs="*", default=[])
    p.add_argument("--base-model", default=None)
    p.add_argument("--out", required=True, help="where to write the card (model_card.md refreshes the template)")
    args = p.parse_args(argv)
    card = build_card(args.model_dir, args.repo_id, license=args.license, datasets=args.datasets,
                      base_model=args.base_model)
    Path(args.out).write_text(str(card), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
