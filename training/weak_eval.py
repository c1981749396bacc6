"""``araevents weak-eval``: how good are the weak labels? Scored against the seeds span gold.

The training corpus is only as good as its weak labels, so their precision is measured,
not assumed: per span type, strict word-level IOB2 (what the model is trained and scored on:
:func:`araevents.formats.iob.document_to_iob` + seqeval ``mode="strict"``) and exact character
spans (what ``extract()`` reports). The seeds are our dev measure; the dev articles are never
looked at for rules.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from araevents.document import Document, iter_jsonl_records
from araevents.errors import UserError
from araevents.formats.iob import document_to_iob
from araevents.schema import ENTITY_TYPES, ROLE_TYPES, SPAN_TYPES, TRIGGER_TYPES

DEFAULT_GOLD = Path("seeds/gold/spans.jsonl")
DEFAULT_REPORT = Path("reports/weak_labeller.md")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="span gold JSONL (default: %(default)s)")
    parser.add_argument("--shared", type=Path, default=Path("../shared"),
                        help="shared data folder for the cleaned gazetteers (default: %(default)s)")
    parser.add_argument("--curated-only", action="store_true", help="use only our curated lexicons (no --shared data)")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT, help="markdown report (default: %(default)s)")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="also print up to N false positives/negatives per type")


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def span_scores(gold_docs: list[Document], pred_docs: list[Document]) -> dict[str, tuple[int, int, int]]:
    """Exact character-span match: type → (tp, fp, fn)."""
    counts: dict[str, list[int]] = {t: [0, 0, 0] for t in SPAN_TYPES}
    for g, p in zip(gold_docs, pred_docs):
        gs = {(s.start, s.end, s.label) for s in g.spans}
        ps = {(s.start, s.end, s.label) for s in p.spans}
        for _, _, t in gs & ps:
            counts[t][0] += 1
        for _, _, t in ps - gs:
            counts.setdefault(t, [0, 0, 0])[1] += 1
        for _, _, t in gs - ps:
            counts.setdefault(t, [0, 0, 0])[2] += 1
    return {t: tuple(v) for t, v in counts.items()}  # type: ignore[misc]


def iob_scores(gold_docs: list[Document], pred_docs: list[Document]) -> dict[str, tuple[int, int, int]]:
    """Strict IOB2 chunk match on the word tags (seqeval semantics): type → (tp, fp, fn)."""
    from seqeval.scheme import IOB2, Entities

    y_true, y_pred = [], []
    for g, p in zip(gold_docs, pred_docs):
        _, gt = document_to_iob(g)
        _, pt = document_to_iob(p)
        y_true.append(gt)
        y_pred.append(pt)
    true_e = Entities(y_true, IOB2, suffix=False)
    pred_e = Entities(y_pred, IOB2, suffix=False)
    counts = {}
    for t in SPAN_TYPES:
        ts = set(true_e.filter(t))
        ps = set(pred_e.filter(t))
        counts[t] = (len(ts & ps), len(ps - ts), len(ts - ps))
    return counts


def _table(counts: dict[str, tuple[int, int, int]]) -> list[str]:
    lines = ["| type | P | R | F1 | gold | predicted |", "|---|---|---|---|---|---|"]
    groups = {"entities": ENTITY_TYPES, "roles": ROLE_TYPES, "triggers": TRIGGER_TYPES}
    for t in SPAN_TYPES:
        tp, fp, fn = counts.get(t, (0, 0, 0))
        if not tp + fp + fn:
            lines.append(f"| {t} | – | – | – | 0 | 0 |")
            continue
        p, r, f = _prf(tp, fp, fn)
        lines.append(f"| {t} | {p:.3f} | {r:.3f} | {f:.3f} | {tp + fn} | {tp + fp} |")
    for name, types in [*groups.items(), ("**micro (all)**", SPAN_TYPES)]:
        tp = sum(counts.get(t, (0, 0, 0))[0] for t in types)
        fp = sum(counts.get(t, (0, 0, 0))[1] for t in types)
        fn = sum(counts.get(t, (0, 0, 0))[2] for t in types)
        p, r, f = _prf(tp, fp, fn)
        lines.append(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {tp + fn} | {tp + fp} |")
    return lines


def load_gold(path: Path) -> list[Document]:
    if not path.is_file():
        raise UserError(f"{path} not found: the seeds span gold (JSONL, one document per line) is needed")
    return [Document.from_dict(rec) for _, rec in iter_jsonl_records(path)]


def evaluate_labeller(labeller, gold_docs: list[Document]) -> tuple[list[Document], dict, dict]:
    preds = [Document(g.id, g.text, labeller.label(g.text)) for g in gold_docs]
    return preds, iob_scores(gold_docs, preds), span_scores(gold_docs, preds)


def _errors(gold_docs, preds, limit: int) -> list[str]:
    out = []
    fps: dict[str, Counter] = {}
    fns: dict[str, Counter] = {}
    for g, p in zip(gold_docs, preds):
        gs = {(s.start, s.end, s.label): s.text for s in g.spans}
        ps = {(s.start, s.end, s.label): s.text for s in p.spans}
        for k in ps.keys() - gs.keys():
            fps.setdefault(k[2], Counter())[ps[k]] += 1
        for k in gs.keys() - ps.keys():
            fns.setdefault(k[2], Counter())[gs[k]] += 1
    def top(counts: Counter) -> str:  # ties in text order, so that the report regenerates identically
        return " | ".join(f"{x}×{n}" for x, n in sorted(counts.items(), key=lambda xn: (-xn[1], xn[0]))[:limit])

    for t in SPAN_TYPES:
        if t in fps:
            out.append(f"FP {t}: " + top(fps[t]))
        if t in fns:
            out.append(f"FN {t}: " + top(fns[t]))
    return out


def run(args: argparse.Namespace) -> int:
    import logging

    from .weak_labels import make_labeller

    logging.getLogger("araevents.formats.conll").setLevel(logging.ERROR)
    t0 = time.time()
    gold_docs = load_gold(args.gold)
    labeller = make_labeller(None if args.curated_only else args.shared)
    preds, iob, spans = evaluate_labeller(labeller, gold_docs)
    cmd = "araevents weak-eval" + (" --curated-only" if args.curated_only else f" --shared {args.shared}") \
        + (f" --errors {args.errors}" if args.errors else "")
    lines = [
        "# Weak labeller vs. the seeds span gold",
        "",
        f"Generated by `{cmd}` on `{args.gold}` ({len(gold_docs)} documents, "
        f"{sum(len(d.spans) for d in gold_docs)} gold spans) in {time.time() - t0:.1f} s.",
        "Strict = seqeval strict IOB2 on word tags from `document_to_iob` (what the model is scored on);",
        "exact = identical character offsets and type (proclitics excluded, as in the gold).",
        "Caveat: the lexicons were adjusted after reading errors on these seeds (span conventions, missing",
        "forms), so the scores are optimistic; the seeds cover few role types (– = no gold and no prediction).",
        "",
        "## Strict word-level IOB2 (seqeval, mode=strict)",
        "",
        *_table(iob),
        "",
        "## Exact character spans",
        "",
        *_table(spans),
        "",
    ]
    if args.errors:
        lines += ["## Most frequent errors (exact spans)", "", "```", *_errors(gold_docs, preds, args.errors), "```", ""]
    text = "\n".join(lines)
    print(text)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(text, encoding="utf-8")
    print(f"wrote {args.report}", file=sys.stderr)
    return 0
