"""``araevents evaluate``: span-level seqeval reports and event-level scores, as JSON + Markdown.

Span sets: the seeds gold (all 23 types; the roles+triggers group is the headline), the
ANERcorp CAMeL test split (PER/LOC/ORG only, MISC ignored: our external, never-trained-on
test set), and any labelled file a user passes. Event level: ``extract()`` with the model
scored against article-level gold (shared/spec/event-gold.md).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Iterable, Sequence

from araevents.inference.scoring import DEFAULT_SETS
from araevents.schema import ENTITY_TYPES, OUTSIDE, ROLE_TYPES, TRIGGER_TYPES

ANERCORP_LABEL_MAP = {"PERS": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": None}
ANERCORP_TYPES = ("PER", "LOC", "ORG")

#: Named groups of span types reported as their own micro averages.
GROUPS: dict[str, tuple[str, ...]] = {
    "entities": ENTITY_TYPES,
    "roles": ROLE_TYPES,
    "triggers": TRIGGER_TYPES,
    "roles+triggers": ROLE_TYPES + TRIGGER_TYPES,
}


def restrict(tags: Sequence[str], types: Iterable[str]) -> list[str]:
    """Tags outside ``types`` become ``O`` (a span's B/I tags share its type, so spans stay whole)."""
    keep = set(types)
    return [t if t != OUTSIDE and t[2:] in keep else OUTSIDE for t in tags]


def span_scores(golds: list[list[str]], preds: list[list[str]], types: Iterable[str] | None = None) -> dict[str, Any]:
    from .metrics import load_seqeval

    if types is not None:
        types = tuple(types)
        golds = [restrict(g, types) for g in golds]
        preds = [restrict(p, types) for p in preds]
    return load_seqeval().compute(predictions=preds, references=golds)


def _summary(m: dict[str, Any]) -> dict[str, float]:
    return {"precision": m["overall_precision"], "recall": m["overall_recall"], "f1": m["overall_f1"]}


def evaluate_examples(model, tokenizer, rows, *, max_length: int, groups: dict[str, tuple[str, ...]] | None = None,
                      types: Sequence[str] | None = None) -> dict[str, Any]:
    """seqeval on a table with ``words``/``tags``: micro, per type, and per group."""
    from .predict import predict_tags

    preds = predict_tags(model, tokenizer, rows["words"], max_length=max_length)
    return score_tags([list(t) for t in rows["tags"]], preds, groups=groups, types=types)


def score_tags(golds: list[list[str]], preds: list[list[str]], *, groups: dict[str, tuple[str, ...]] | None = None,
               types: Sequence[str] | None = None) -> dict[str, Any]:
    """The report of :func:`evaluate_examples` for tags already predicted."""
    full = span_scores(golds, preds, types)
    report: dict[str, Any] = {
        "examples": len(golds), "words": sum(len(g) for g in golds), "micro": _summary(full),
        "per_type": {k: v for k, v in full.items() if isinstance(v, dict)},
    }
    if groups:
        report["groups"] = {name: _summary(span_scores(golds, preds, ts)) for name, ts in groups.items()}
    return report


def seeds_rows(path: str | Path):
    from araevents.validation import load_documents

    from .data import documents_to_dataset

    return documents_to_dataset(load_documents(path), source="seeds", license="CC BY 4.0 (annotations)")


def anercorp_rows(path: str | Path):
    from araevents.formats.conll import read_conll

    from .data import documents_to_dataset

    docs = list(read_conll(path, label_map=ANERCORP_LABEL_MAP))
    return documents_to_dataset(docs, source="anercorp-test", license="see shared/data/anercorp/SOURCE.md")


def evaluate_model(model, tokenizer, *, max_length: int = 256, seeds_gold: str | Path | None = None,
                   anercorp_test: str | Path | None = None, extra_sets: dict[str, Any] | None = None) -> dict[str, Any]:
    report: dict[str, Any] = {}
    if seeds_gold and Path(seeds_gold).is_file():
        report["seeds"] = evaluate_examples(model, tokenizer, seeds_rows(seeds_gold), max_length=max_length,
                                            groups=GROUPS)
    if anercorp_test and Path(anercorp_test).is_file():
        report["anercorp_test"] = evaluate_examples(model, tokenizer, anercorp_rows(anercorp_test),
                                                    max_length=max_length, types=ANERCORP_TYPES)
    for name, rows in (extra_sets or {}).items():
        report[name] = evaluate_examples(model, tokenizer, rows, max_length=max_length, groups=GROUPS)
    return report


def entities_by_source(model, tokenizer, rows, *, max_length: int,
                       weak_sources: Sequence[str] = ()) -> dict[str, dict[str, Any]]:
    """PER/LOC/ORG/DATE scores of a validation table per source, and over its gold sources.

    The gold sources' part of the validation split is gold for entities, held out by blocks of
    consecutive sentences (``build_data.split_group``): the figure that choices may be made on
    (the ANERcorp test split never is); the news part measures agreement with the weak
    labeller only.
    """
    from .predict import predict_tags

    preds = predict_tags(model, tokenizer, rows["words"], max_length=max_length)
    golds = [list(t) for t in rows["tags"]]
    row_sources = list(rows["source"])

    def score(keep) -> dict[str, Any]:
        idx = [i for i, source in enumerate(row_sources) if keep(source)]
        return score_tags([golds[i] for i in idx], [preds[i] for i in idx], types=ENTITY_TYPES)

    sources = sorted(set(row_sources))
    out = {s: score(lambda x, s=s: x == s) for s in sources}
    gold = [s for s in sources if s not in weak_sources]
    if len(gold) > 1:
        out["gold sources"] = score(lambda x: x in gold)
    return out


def _fmt(x: Any) -> str:
    return f"{x:.3f}" if isinstance(x, float) else str(x)


def to_markdown(report: dict[str, Any], title: str) -> str:
    lines = [f"# {title}", ""]
    for name, part in report.items():
        if not isinstance(part, dict) or "examples" not in part:
            continue
        lines += [f"## {name}", "", f"{part['examples']} examples, {part['words']} words. "
                  f"Micro P/R/F1: {_fmt(part['micro']['precision'])} / {_fmt(part['micro']['recall'])} / "
                  f"**{_fmt(part['micro']['f1'])}**", ""]
        if part.get("groups"):
            lines += ["| group | P | R | F1 |", "|---|---|---|---|"]
            lines += [f"| {g} | {_fmt(s['precision'])} | {_fmt(s['recall'])} | {_fmt(s['f1'])} |"
                      for g, s in part["groups"].items()]
            lines.append("")
        lines += ["| type | P | R | F1 | gold spans |", "|---|---|---|---|---|"]
        lines += [f"| {t} | {_fmt(s['precision'])} | {_fmt(s['recall'])} | {_fmt(s['f1'])} | {s['number']} |"
                  for t, s in sorted(part["per_type"].items())]
        lines.append("")
    if "events" in report:
        from araevents.inference.scoring import events_table

        ev = report["events"]
        lines += ["## events: extract() vs article-level gold", "", f"{ev['n_articles']} articles "
                  "(scoring of shared/spec/event-gold.md).", ""] + events_table(ev) + [""]
        lines += [f"- {src}: micro F1 {sub['micro']['f1']:.3f}, core F1 {sub['core']['f1']:.3f}"
                  for src, sub in ev.get("by_source", {}).items()] + [""]
    if report.get("validation_by_source"):
        lines += ["## validation entities by source (PER/LOC/ORG/DATE; news: weak labels)", "",
                  "| source | examples | P | R | F1 | " + " | ".join(f"{t} F1" for t in ENTITY_TYPES) + " |",
                  "|---|---|---|---|---|" + "---|" * len(ENTITY_TYPES)]
        for src, part in report["validation_by_source"].items():
            per = [_fmt(part["per_type"].get(t, {}).get("f1", "-")) for t in ENTITY_TYPES]
            lines.append(f"| {src} | {part['examples']} | {_fmt(part['micro']['precision'])} | "
                         f"{_fmt(part['micro']['recall'])} | {_fmt(part['micro']['f1'])} | " + " | ".join(per) + " |")
        lines.append("")
    if "validation" in report:
        lines += ["## validation (training corpus split)", "", "```json",
                  json.dumps(report["validation"], indent=1), "```", ""]
    return "\n".join(lines)


def write_report(report: dict[str, Any], out_dir: str | Path, *, title: str, stem: str = "eval_report") -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{stem}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    (out / f"{stem}.md").write_text(to_markdown(report, title), encoding="utf-8")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", required=True, help="model folder (e.g. the embedded araevents/default_model)")
    p.add_argument("--data", nargs="*", default=[], metavar="FILE", help="extra labelled files to score (any format)")
    p.add_argument("--seeds-gold", default="seeds/gold/spans.jsonl", help="span gold of the seeds ('' to skip)")
    p.add_argument("--anercorp", default="../shared/data/anercorp/ANERCorp_CamelLab_style_test.txt",
                   help="ANERcorp CAMeL test split ('' to skip)")
    p.add_argument("--corpus", help="a corpus built by `araevents build-data`: score its validation split's "
                   "entities by source (held out only for a model trained on that corpus's train split)")
    p.add_argument("--events", nargs="*", default=list(DEFAULT_SETS),
                   help="event-level gold sets: 'seeds' (seeds/gold/events.jsonl), 'dev' (../shared/dev), "
                   "'dev2' ... 'dev7' (seeds/devN; dev7 is kept apart for unbiased checks), or paths")
    p.add_argument("--max-length", type=int, default=256)
    p.add_argument("--out", required=True, help="folder for eval_report.json and eval_report.md")


def run(args: argparse.Namespace) -> int:
    from araevents.validation import load_documents

    from .data import documents_to_dataset
    from .train import load_model_and_tokenizer

    model, tokenizer = load_model_and_tokenizer(args.model)
    extra = {Path(p).name: documents_to_dataset(load_documents(p), source=Path(p).name, license="")
             for p in args.data}
    report = evaluate_model(model, tokenizer, max_length=args.max_length, seeds_gold=args.seeds_gold or None,
                            anercorp_test=args.anercorp or None, extra_sets=extra)
    if args.corpus:
        from .build_data import NEWS_SOURCE
        from .data import load_corpus

        report["validation_by_source"] = entities_by_source(model, tokenizer, load_corpus(args.corpus)["validation"],
                                                            max_length=args.max_length, weak_sources=(NEWS_SOURCE,))
    if args.events:
        from araevents.inference.scoring import evaluate_extractor, load_gold_sets
        from araevents.inference.extractor import Extractor

        report["events"] = evaluate_extractor(Extractor(args.model), load_gold_sets(args.events))
    report["model"] = args.model
    write_report(report, args.out, title=f"Evaluation of {args.model}")
    print((Path(args.out) / "eval_report.md").read_text(encoding="utf-8"))
    return 0
