"""Event-level scoring of event-gold.md ("Scoring"), gold loading, and the evaluation report.

* A predicted participant matches a gold actor when, after ``fold``, its name (for a state or
  organisation also its affiliation, i.e. the state it stands for) equals one of the actor's
  names or one contains the other as whole words (``كيري`` ~ ``جون كيري``).
* A predicted event matches a gold event of the same type when their participants share a
  matched actor (a gold event without participants: a trigger string in common). Matching is
  one-to-one (maximum bipartite matching per article and type).
* P/R/F1 per type, micro over all types, and "core" (all but STATEMENT); role and
  affiliation accuracy over the gold persons found in matched events.

Run ``python -m araevents.inference.scoring --out reports/`` to evaluate the embedded model
on seeds + dev; ``evaluate_extractor`` is what ``araevents evaluate`` calls.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from araevents.errors import UserError
from araevents.schema import EventType

from .deps import fold
from .lexicon import state_of

CORE_EXCLUDED = {EventType.STATEMENT.value}
TYPES = [t.value for t in EventType]


# ------------------------------------------------------------------------ gold


@dataclass
class GoldItem:
    """One article with its event gold (``actors`` + ``events`` of event-gold.md)."""

    id: str
    text: str
    actors: list[dict[str, Any]]
    events: list[dict[str, Any]]
    source: str = ""


def _item(record: dict[str, Any], text: str, source: str, where: str) -> GoldItem:
    gold = record.get("events") if isinstance(record.get("events"), dict) else record
    if not isinstance(gold.get("actors"), list) or not isinstance(gold.get("events"), list):
        raise UserError(f"{where}: event gold needs 'actors' and 'events' lists (see event-gold.md)")
    art_id = str(record.get("article") or record.get("id") or gold.get("article") or "")
    return GoldItem(art_id, text, gold["actors"], gold["events"], source)


def load_gold_dir(articles_dir: str | Path, gold_dir: str | Path, source: str = "dev") -> list[GoldItem]:
    """``gold_dir/NNN.json`` with ``articles_dir/NNN.txt`` (the shared dev set layout)."""
    articles_dir, gold_dir = Path(articles_dir), Path(gold_dir)
    items = []
    for path in sorted(gold_dir.glob("*.json")):
        txt = articles_dir / f"{path.stem}.txt"
        if not txt.is_file():
            raise UserError(f"{path}: no article text {txt}")
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise UserError(f"{path}: invalid JSON ({e.msg}, line {e.lineno})") from None
        items.append(_item(record, txt.read_text(encoding="utf-8"), source, str(path)))
    return items


def load_gold_jsonl(path: str | Path, texts_dir: str | Path | None = None, source: str = "seeds") -> list[GoldItem]:
    """One article per line: an araevents Document (``text`` + ``events``) or a bare gold record
    (``article`` + ``actors`` + ``events``) whose text is ``texts_dir/<article>_*.txt``."""
    from araevents.document import iter_jsonl_records

    path = Path(path)
    texts_dir = Path(texts_dir) if texts_dir is not None else path.parent.parent
    items = []
    for lineno, record in iter_jsonl_records(path):
        where = f"{path}:{lineno}"
        text = record.get("text")
        if text is None:
            art = str(record.get("article") or record.get("id") or "")
            found = sorted(texts_dir.glob(f"{art}_*.txt")) or sorted(texts_dir.glob(f"{art}.txt"))
            if not art or not found:
                raise UserError(f"{where}: no 'text' and no article file {texts_dir}/{art or '?'}_*.txt")
            text = found[0].read_text(encoding="utf-8")
        items.append(_item(record, text, source, where))
    return items


def load_gold_sets(names: Sequence[str], *, repo: Path | None = None, shared: Path | None = None) -> list[GoldItem]:
    """Gold items of named sets: ``seeds`` (``seeds/gold/events.jsonl``), ``dev`` (``shared/dev``),
    ``dev2`` ... ``dev7`` (``seeds/devN``, drawn blind and annotated by the team), or paths: a folder with
    ``articles/`` + ``gold/``, or a JSONL file of gold records."""
    repo = repo or Path.cwd()
    shared = shared or repo.parent / "shared"
    items: list[GoldItem] = []
    for name in names:
        if name == "seeds":
            items += load_gold_jsonl(repo / "seeds" / "gold" / "events.jsonl", repo / "seeds", "seeds")
        elif name == "dev":
            items += load_gold_dir(shared / "dev" / "articles", shared / "dev" / "gold", "dev")
        elif re.fullmatch(r"dev[0-9]+", name) and (repo / "seeds" / name).is_dir():
            items += load_gold_dir(repo / "seeds" / name / "articles", repo / "seeds" / name / "gold", name)
        elif Path(name).is_dir():
            items += load_gold_dir(Path(name) / "articles", Path(name) / "gold", Path(name).name)
        elif Path(name).is_file():
            items += load_gold_jsonl(name, source=Path(name).stem)
        else:
            raise UserError(f"unknown event gold set {name!r}: use 'seeds', 'dev', 'dev2' ... 'dev7', a folder with articles/ and "
                            "gold/, or a JSONL file of gold records")
    return items


#: The sets the reports measure, each also reported alone (by source). ``seeds/dev7`` is left out:
#: it is kept apart from rule work and model choice, for unbiased checks (seeds/dev7/README.md); dev4,
#: dev5 and dev6 held that place in sessions 9, 10 and 11, each joining the measured sets when the
#: next was drawn.
DEFAULT_SETS = ("seeds", "dev", "dev2", "dev3", "dev4", "dev5", "dev6")


def default_gold(repo: Path | None = None, shared: Path | None = None,
                 sets: Sequence[str] = DEFAULT_SETS) -> list[GoldItem]:
    """Gold of ``sets`` (default: :data:`DEFAULT_SETS`), as the reports measure them."""
    repo = repo or Path(__file__).resolve().parent.parent
    return load_gold_sets(sets, repo=repo, shared=shared)


# ------------------------------------------------------------------------ matching


def _words(s: str | None) -> tuple[str, ...]:
    return tuple(fold(s).split()) if s else ()


def names_match(a: str | None, b: str | None) -> bool:
    """Equal after folding, or one contains the other as whole words."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def same_affiliation(a: str | None, b: str | None) -> bool:
    """As :func:`names_match`, or two names of one state or body (``الجامعة العربية`` and
    ``جامعة الدول العربية``, ``مجلس التعاون الخليجي`` and ``مجلس التعاون لدول الخليج العربية``):
    event-gold.md asks for the plain name, and a body has more than one."""
    if names_match(a, b):
        return True
    ca = state_of(a) if a else None
    return ca is not None and ca == (state_of(b) if b else None)


def _get(obj: Any, key: str, default: Any = None) -> Any:
    return obj.get(key, default) if isinstance(obj, dict) else getattr(obj, key, default)


def participant_names(p: Any) -> list[str]:
    names = [_get(p, "name")]
    if _get(p, "kind", "PER") != "PER" and _get(p, "affiliation"):
        names.append(_get(p, "affiliation"))
    return [n for n in names if n]


def matched_actors(p: Any, actors: Sequence[dict[str, Any]]) -> list[str]:
    """Ids of the gold actors a predicted participant matches."""
    names = participant_names(p)
    return [a["id"] for a in actors if any(names_match(n, g) for n in names for g in a.get("names", []))]


def _event_actor_ids(ev: Any) -> list[Any]:
    seen: list[Any] = []
    for key in ("participants", "source", "target"):
        for p in _get(ev, key, []) or []:
            if p not in seen:
                seen.append(p)
    return seen


def _pred_triggers(ev: Any) -> set[str]:
    trig = [_get(t, "text") for t in (_get(ev, "triggers") or [])]
    first = _get(ev, "trigger")
    if first is not None:
        trig.append(_get(first, "text"))
    return {fold(t) for t in trig if t}


def _max_matching(edges: dict[int, list[int]], n_left: int) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths), deterministic in index order; left → right."""
    match_right: dict[int, int] = {}

    def augment(u: int, seen: set[int]) -> bool:
        for v in edges.get(u, []):
            if v in seen:
                continue
            seen.add(v)
            if v not in match_right or augment(match_right[v], seen):
                match_right[v] = u
                return True
        return False

    for u in range(n_left):
        augment(u, set())
    return {u: v for v, u in match_right.items()}


@dataclass
class ArticleScore:
    id: str
    tp: dict[str, int] = field(default_factory=dict)
    n_pred: dict[str, int] = field(default_factory=dict)
    n_gold: dict[str, int] = field(default_factory=dict)
    persons: dict[str, tuple[bool, bool]] = field(default_factory=dict)  # gold actor id → (role ok, affiliation ok)


def score_article(pred: Sequence[Any], gold: GoldItem) -> ArticleScore:
    """Score one article's predicted events (``Event`` objects or their dicts) against its gold."""
    res = ArticleScore(gold.id)
    actors = gold.actors
    by_id = {a["id"]: a for a in actors}
    for t in TYPES:
        P = [e for e in pred if _get(e, "type") == t]
        G = [e for e in gold.events if e.get("type") == t]
        res.n_pred[t], res.n_gold[t] = len(P), len(G)
        if not P or not G:
            res.tp[t] = 0
            continue
        p_parts = [_event_actor_ids(e) for e in P]
        p_actor_sets = [{a for p in parts for a in matched_actors(p, actors)} for parts in p_parts]
        edges: dict[int, list[int]] = {}
        for i, e in enumerate(P):
            for j, g in enumerate(G):
                g_ids = set(_event_actor_ids(g))
                if g_ids:
                    ok = bool(p_actor_sets[i] & g_ids)
                else:
                    ok = bool(_pred_triggers(e) & {fold(x) for x in g.get("triggers", [])})
                if ok:
                    edges.setdefault(i, []).append(j)
        pairs = _max_matching(edges, len(P))
        res.tp[t] = len(pairs)
        for i, j in sorted(pairs.items()):
            g_ids = set(_event_actor_ids(G[j]))
            for p in p_parts[i]:
                for aid in matched_actors(p, actors):
                    a = by_id[aid]
                    if aid not in g_ids or a.get("kind") != "PER" or aid in res.persons:
                        continue
                    role_ok = _get(p, "role") == a.get("role")
                    ga, pa = a.get("affiliation"), _get(p, "affiliation")
                    aff_ok = (ga is None and pa is None) or same_affiliation(ga, pa)
                    res.persons[aid] = (role_ok, aff_ok)
    return res


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": n_pred, "gold": n_gold}


def aggregate(scores: Iterable[ArticleScore]) -> dict[str, Any]:
    """Per-type, micro and core P/R/F1, role/affiliation accuracy, per-article counts."""
    scores = list(scores)
    tot = {k: {t: sum(getattr(s, k).get(t, 0) for s in scores) for t in TYPES} for k in ("tp", "n_pred", "n_gold")}
    per_type = {t: _prf(tot["tp"][t], tot["n_pred"][t], tot["n_gold"][t]) for t in TYPES}

    def over(types: list[str]) -> dict[str, float | int]:
        return _prf(*(sum(tot[k][t] for t in types) for k in ("tp", "n_pred", "n_gold")))

    persons = [v for s in scores for v in s.persons.values()]
    n = len(persons)
    return {
        "per_type": per_type,
        "micro": over(TYPES),
        "core": over([t for t in TYPES if t not in CORE_EXCLUDED]),
        "persons_matched": n,
        "role_accuracy": round(sum(r for r, _ in persons) / n, 4) if n else None,
        "affiliation_accuracy": round(sum(a for _, a in persons) / n, 4) if n else None,
        "per_article": [
            {"id": s.id, "pred": sum(s.n_pred.values()), "gold": sum(s.n_gold.values()), "tp": sum(s.tp.values())}
            for s in scores
        ],
    }


# ------------------------------------------------------------------------ evaluation


def evaluate_extractor(extractor: Any, gold_items: Sequence[GoldItem], batch_size: int = 8) -> dict[str, Any]:
    """Run ``extractor.extract_many`` over the gold articles and score it; results per source too."""
    preds = extractor.extract_many([g.text for g in gold_items], batch_size=batch_size)
    scores = [score_article(p, g) for p, g in zip(preds, gold_items)]
    for s, g in zip(scores, gold_items):
        s.id = f"{g.source}/{g.id}" if g.source else g.id
    result = aggregate(scores)
    result["by_source"] = {
        src: {k: v for k, v in aggregate([s for s, g in zip(scores, gold_items) if g.source == src]).items() if k != "per_article"}
        for src in sorted({g.source for g in gold_items})
    }
    result["n_articles"] = len(gold_items)
    return result


def events_table(res: dict[str, Any]) -> list[str]:
    lines = ["| type | P | R | F1 | tp | pred | gold |", "|---|---|---|---|---|---|---|"]
    rows = list(res["per_type"].items()) + [("**micro**", res["micro"]), ("**core** (no STATEMENT)", res["core"])]
    for name, m in rows:
        lines.append(f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['tp']} | {m['pred']} | {m['gold']} |")
    ra, aa = res.get("role_accuracy"), res.get("affiliation_accuracy")
    fmt = lambda x: "n/a" if x is None else f"{x:.3f}"  # noqa: E731
    lines += ["", f"Role accuracy {fmt(ra)}, affiliation accuracy {fmt(aa)} over {res['persons_matched']} matched persons."]
    return lines


def render_report(results: dict[str, dict[str, Any]], command: str) -> str:
    """Markdown for ``reports/events_eval.md``: one section per evaluated configuration."""
    out = ["# Event-level evaluation", "", f"Generated by `{command}`. Scoring: shared/spec/event-gold.md (\"Scoring\").", ""]
    for name, res in results.items():
        out += [f"## {name}", "", f"{res['n_articles']} articles.", ""] + events_table(res) + [""]
        for src, sub in res.get("by_source", {}).items():
            m, c = sub["micro"], sub["core"]
            out.append(f"- {src}: micro F1 {m['f1']:.3f} (P {m['precision']:.3f} R {m['recall']:.3f}), core F1 {c['f1']:.3f}")
        out += ["", "| article | pred | gold | matched |", "|---|---|---|---|"]
        out += [f"| {a['id']} | {a['pred']} | {a['gold']} | {a['tp']} |" for a in res["per_article"]]
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m araevents.inference.scoring", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default="reports", help="folder for events_eval.md and events_eval.json")
    p.add_argument("--model", default=None, help="model folder or Hub id (default: the embedded model)")
    p.add_argument("--no-rules", action="store_true", help="score the model's spans alone (no lexicon rules)")
    p.add_argument("--oracle", action="store_true", help="also score assembly alone on gold-derived spans")
    p.add_argument("--no-model", action="store_true", help="skip the model run (oracle only)")
    p.add_argument("--shared", default=None, help="the shared folder holding dev/ (default ../shared)")
    p.add_argument("--sets", nargs="+", default=list(DEFAULT_SETS),
                   help="event gold sets: seeds, dev, dev2 ... dev6, dev7 (held out), or folders/JSONL files (default: %(default)s)")
    p.add_argument("--batch-size", type=int, default=8)
    args = p.parse_args(argv)
    items = default_gold(shared=Path(args.shared) if args.shared else None, sets=args.sets)
    if not items:
        raise UserError("no gold found (seeds/gold/events.jsonl or shared/dev/gold)")
    results: dict[str, dict[str, Any]] = {}
    if not args.no_model:
        from .extractor import Extractor

        name = "model: " + (args.model or "embedded default_model") + (" (no rules)" if args.no_rules else " + rules")
        results[name] = evaluate_extractor(Extractor(args.model, rules=not args.no_rules), items, args.batch_size)
    if args.oracle or args.no_model:
        from .extractor import Extractor
        from .oracle import OracleTagger

        results["oracle spans (assembly alone)"] = evaluate_extractor(Extractor(tagger=OracleTagger.for_gold(items)), items)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cmd = "python -m araevents.inference.scoring " + " ".join(argv if argv is not None else sys.argv[1:])
    (out / "events_eval.md").write_text(render_report(results, cmd.strip()), encoding="utf-8")
    (out / "events_eval.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    for name, res in results.items():
        print(f"{name}: micro F1 {res['micro']['f1']:.3f}, core F1 {res['core']['f1']:.3f}, "
              f"role acc {res['role_accuracy']}, affiliation acc {res['affiliation_accuracy']}")
    print(f"wrote {out / 'events_eval.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
