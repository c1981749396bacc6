"""``araevents build-data``: the weakly-labelled training corpus as a ``datasets.DatasetDict``.

Gold NER sentences (ANERcorp train, Wojood sample train+val, WikiFANE) with roles, triggers
and — where a source has no DATE gold — dates added by the weak labeller (gold wins), plus
politics/diplomacy sentences of SaudiNewsNet labelled entirely by the weak labeller. The
dev articles and any article overlapping a seed article are excluded (``training.news``);
ANERcorp test, Wojood test and NewsFANE are never read.

Output (``--out``): ``save_to_disk`` folders with splits ``train``/``validation`` and columns
``id``, ``words``, ``tags`` (IOB2 strings of :data:`araevents.schema.LABELS`), ``labels``
(the same as ``ClassLabel`` ids), ``source``, ``license``; beside them ``data_card.md`` and
``counts.json``. Same inputs and ``--seed`` → the same corpus (sorted inputs, hashed splits).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from araevents.document import Document, Span
from araevents.errors import UserError
from araevents.formats.iob import document_to_iob, whitespace_tokens
from araevents.inference.lexicon import is_sports_word
from araevents.schema import LABELS, OUTSIDE, SPAN_TYPES, is_role, is_trigger
from araevents.text.tokenize import Token, split_sentences, word_tokenize

NEWS_LICENSE = "SaudiNewsNet (Alhagri 2015), CC BY-NC-SA 4.0: research only"
NEWS_SOURCE = "saudinewsnet"
MAX_WORDS = 100
REPO_SEEDS = Path(__file__).resolve().parent.parent / "seeds"

#: Folded words whose density marks a politics/diplomacy article (prefilter before labelling).
_KEYWORDS = (
    "وزير الخارجيه الرئيس السفير سفير المبعوث مبعوث نظيره الامين اجتماع الاجتماع لقاء اللقاء زياره الزياره "
    "مباحثات المباحثات مفاوضات المفاوضات محادثات اتصالا هاتفيا اتهم دعا رفض طرد استدعاء العلاقات "
    "الدبلوماسيه دبلوماسي الوفد وفد قمه القمه التقي استقبل بحث مجلس الامن الامم المتحده الملك العاهل "
    "ولي العهد الحكومه البيت الابيض الكرملين الاتحاد الاوروبي موسكو واشنطن طهران"
).split()

SPORTS_SOURCES = frozenset({"arreyadi", "arriyadiyah"})

#: Folded words of the rarest span types: an article holding one is labelled whatever its density.
_RARE_KEYWORDS = frozenset((
    "طرد طردت استدعت استدعي استدعاء سحب سحبت قطع قطعت عقوبات العقوبات تجميد هاتفيا هاتفي هاتفيه "
    "اتصالا مكالمه المكالمه المبعوث مبعوث الموفد موفد المتحدث الناطق الامين السفير سفيرها"
).split())



def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, help="output folder (a DatasetDict; e.g. data_build/corpus)")
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="shared data folder (default: %(default)s)")
    parser.add_argument("--seeds", type=Path, default=REPO_SEEDS,
                        help="seed articles to keep out of the news part (default: the repo's seeds/)")
    parser.add_argument("--max-news-sentences", type=int, default=40_000, metavar="N",
                        help="at most N SaudiNewsNet sentences (default: %(default)s)")
    parser.add_argument("--news-articles", type=int, default=None, metavar="N",
                        help="read only the first N news articles (quick builds)")
    parser.add_argument("--seed", type=int, default=13, help="seed of the validation split and sampling (default: %(default)s)")
    parser.add_argument("--validation-fraction", type=float, default=0.05, help="per source (default: %(default)s)")
    parser.add_argument("--min-type-count", type=int, default=200,
                        help="news sentences with span types below this many B- tags are taken first (default: %(default)s)")


# --------------------------------------------------------------------------- examples


@dataclass(frozen=True)
class Example:
    id: str
    words: tuple[str, ...]
    tags: tuple[str, ...]
    source: str
    license: str


def chunk(words: Sequence[str], tags: Sequence[str], max_words: int = MAX_WORDS) -> list[tuple[int, int]]:
    """Cut a long sentence into pieces of ≤ ``max_words`` words, never inside a span:
    after the last ``،``/``,``/``؛`` that fits, else at the last span boundary that fits."""
    pieces = []
    start, n = 0, len(words)
    while n - start > max_words:
        limit = start + max_words
        cut = None
        for i in range(limit - 1, start, -1):
            if words[i] in ("،", ",", "؛", ";") and (i + 1 >= n or not tags[i + 1].startswith("I-")):
                cut = i + 1
                break
        if cut is None:
            for i in range(limit, start, -1):
                if i >= n or not tags[i].startswith("I-"):
                    cut = i
                    break
        if cut is None or cut <= start:
            cut = limit
        pieces.append((start, cut))
        start = cut
    if start < n:
        pieces.append((start, n))
    return pieces


def to_examples(doc: Document, tokens: Sequence[Token], source: str, license: str,
                lost: Counter | None = None) -> list[Example]:
    """IOB2 examples of one document (chunked); spans word-level IOB cannot express (two spans in
    one word) are counted in ``lost`` by ``source:type``."""
    dropped: list[Span] = []
    words, tags = document_to_iob(doc, tokens, lost=dropped)
    if lost is not None:
        lost.update(f"{source}:{s.label}" for s in dropped)
    out = []
    pieces = chunk(words, tags)
    for k, (a, b) in enumerate(pieces):
        piece_tags = list(tags[a:b])
        if piece_tags and piece_tags[0].startswith("I-"):  # cannot happen (cuts avoid I-), kept strict
            piece_tags[0] = "B-" + piece_tags[0][2:]
        ex_id = doc.id if len(pieces) == 1 else f"{doc.id}.{k}"
        out.append(Example(ex_id, tuple(words[a:b]), tuple(piece_tags), source, license))
    return out


def b_counts(examples: Iterable[Example]) -> Counter:
    c: Counter = Counter()
    for ex in examples:
        c.update(t[2:] for t in ex.tags if t.startswith("B-"))
    return c


# --------------------------------------------------------------------------- gold sources


def gold_examples(shared: Path, labeller, progress, lost: Counter) -> tuple[list[Example], dict[str, Counter]]:
    from .sources import SOURCES, read_source
    from .weak_labels import merge_with_gold

    examples: list[Example] = []
    added: dict[str, Counter] = {}
    for name, spec in SOURCES.items():
        added[name] = Counter()
        for gs in progress(read_source(spec, shared), desc=f"gold {name}", unit=" sent"):
            weak = labeller.label(gs.doc.text)
            merged, new = merge_with_gold(gs.doc.spans, weak, blocked=gs.blocked, allowed=spec.weak_types,
                                          soft=gs.soft, soft_allowed=spec.soft_allowed)
            added[name].update(s.label for s in new)
            doc = Document(gs.doc.id, gs.doc.text, merged, None, gs.doc.meta)
            examples += to_examples(doc, whitespace_tokens(doc.text), name, spec.license, lost)
    return examples, added


# --------------------------------------------------------------------------- news


def _keyword_hits(text: str) -> tuple[int, int, bool]:
    """(politics keywords, words, holds a rare-type keyword) on whitespace words, folded."""
    from .weak_labels import fold

    words = text.split()
    hits = 0
    rare = False
    for w in words:
        f = fold(w.strip("،,.:؛\"'«»()"))
        g = f[1:] if len(f) > 3 and f[0] in "وفبل" else f
        if f in _KEYWORD_SET or g in _KEYWORD_SET:
            hits += 1
        if f in _RARE_KEYWORDS or g in _RARE_KEYWORDS:
            rare = True
    return hits, len(words), rare


_KEYWORD_SET: frozenset[str] = frozenset(_KEYWORDS)


def news_examples(shared: Path, labeller, args, progress, lost: Counter) -> tuple[list[Example], dict]:
    """Label politics/diplomacy articles, keep their sentences that hold a role or a non-statement trigger."""
    from .news import iter_news

    seed_dirs = (args.seeds,) if args.seeds is not None and args.seeds.is_dir() else ()
    stats = Counter()
    candidates: list[Example] = []
    seen: set[str] = set()
    for art in progress(iter_news(shared, limit=args.news_articles, seed_dirs=seed_dirs), desc="news", unit=" art"):
        stats["articles"] += 1
        if art.source in SPORTS_SOURCES:
            continue
        hits, n, rare = _keyword_hits(art.content)
        if n == 0 or not (rare or (hits >= 5 and hits / n >= 0.02)):
            continue
        stats["articles_labelled"] += 1
        text = art.text
        tokens = word_tokenize(text)
        spans = labeller.label(text, tokens)
        for k, (a, b) in enumerate(split_sentences(text)):
            sent_spans = [Span(s.start - a, s.end - a, s.label, s.text) for s in spans if a <= s.start and s.end <= b]
            if not any(is_role(s.label) or (is_trigger(s.label) and s.label != "EVT_STATEMENT") for s in sent_spans):
                continue
            sent_text = text[a:b]
            sent_tokens = [Token(t.text, t.start - a, t.end - a) for t in tokens if a <= t.start and t.end <= b]
            if len(sent_tokens) < 5:
                continue
            if any(is_sports_word(t.text) for t in sent_tokens):  # لقاء is a match there, not a meeting
                stats["sports_sentences_skipped"] += 1
                continue
            key = " ".join(t.text for t in sent_tokens)
            if key in seen:  # the same wire story printed by several papers
                stats["duplicate_sentences_skipped"] += 1
                continue
            seen.add(key)
            doc = Document(f"snn-{art.line:05d}-{k:03d}", sent_text, sent_spans)
            candidates += to_examples(doc, sent_tokens, NEWS_SOURCE, NEWS_LICENSE, lost)
    stats["candidate_sentences"] = len(candidates)
    return candidates, dict(stats)


def _rank(seed: int, key: str) -> str:
    return hashlib.sha1(f"{seed}:{key}".encode()).hexdigest()


def select_news(candidates: list[Example], base_counts: Counter, limit: int, min_count: int, seed: int) -> list[Example]:
    """Deterministic choice of ≤ ``limit`` sentences: first those holding span types still
    short of ``min_count`` (rarest type first), then a seeded random sample of the rest."""
    chosen: list[Example] = []
    chosen_ids: set[str] = set()
    counts = Counter(base_counts)
    order = sorted(candidates, key=lambda e: _rank(seed, e.id))
    per_ex = {e.id: Counter(t[2:] for t in e.tags if t.startswith("B-")) for e in candidates}
    for t in sorted(SPAN_TYPES, key=lambda t: (counts[t], t)):
        for e in order:
            if counts[t] >= min_count or len(chosen) >= limit:
                break
            if e.id in chosen_ids or not per_ex[e.id][t]:
                continue
            chosen.append(e)
            chosen_ids.add(e.id)
            counts.update(per_ex[e.id])
    for e in order:
        if len(chosen) >= limit:
            break
        if e.id not in chosen_ids:
            chosen.append(e)
            chosen_ids.add(e.id)
    return sorted(chosen, key=lambda e: e.id)


# --------------------------------------------------------------------------- output


#: Consecutive gold sentences kept on one side of the split: neighbouring sentences of a CoNLL
#: corpus come from one article and repeat its names.
SPLIT_BLOCK = 20
_SENTENCE_ID = re.compile(r"^(?P<doc>.*?)-(?P<n>\d+)(?:\.\d+)?$")


def split_group(example_id: str) -> str:
    """The unit an example moves to validation with: its news article, or its block of
    :data:`SPLIT_BLOCK` consecutive gold sentences.

    A split by sentence leaves the other sentences of a validation sentence's article in
    training, so validation names are mostly training names and the figure overstates how the
    model does on new text (ANERcorp: 0.86 on random validation sentences against 0.69 on the
    test split, which is later articles).
    """
    if example_id.startswith("snn-"):
        return example_id.rsplit("-", 1)[0]
    m = _SENTENCE_ID.match(example_id)
    return f"{m['doc']}~{int(m['n']) // SPLIT_BLOCK}" if m else example_id


def split_examples(examples: list[Example], fraction: float, seed: int) -> tuple[list[Example], list[Example]]:
    """~``fraction`` of each source to validation, by a hash of the example's :func:`split_group`
    (stable under additions)."""
    train, val = [], []
    for e in examples:
        h = int(_rank(seed, split_group(e.id))[:8], 16) / 0xFFFFFFFF
        (val if h < fraction else train).append(e)
    if not val and len(train) > 1:  # an empty split cannot be reloaded by datasets; keep one example there
        first = min(train, key=lambda e: _rank(seed, e.id))
        train.remove(first)
        val.append(first)
    return train, val


def to_dataset_dict(train: list[Example], val: list[Example]):
    import datasets

    features = datasets.Features({
        "id": datasets.Value("string"),
        "words": datasets.Sequence(datasets.Value("string")),
        "tags": datasets.Sequence(datasets.Value("string")),
        "labels": datasets.Sequence(datasets.ClassLabel(names=list(LABELS))),
        "source": datasets.Value("string"),
        "license": datasets.Value("string"),
    })

    def columns(exs: list[Example]) -> dict:
        return {
            "id": [e.id for e in exs],
            "words": [list(e.words) for e in exs],
            "tags": [list(e.tags) for e in exs],
            "labels": [list(e.tags) for e in exs],  # ClassLabel encodes the strings
            "source": [e.source for e in exs],
            "license": [e.license for e in exs],
        }

    return datasets.DatasetDict({
        "train": datasets.Dataset.from_dict(columns(train), features=features),
        "validation": datasets.Dataset.from_dict(columns(val), features=features),
    })


def corpus_counts(train: list[Example], val: list[Example]) -> dict:
    out: dict = {"splits": {}, "by_source": {}}
    for split, exs in (("train", train), ("validation", val)):
        out["splits"][split] = {"sentences": len(exs), "tokens": sum(len(e.words) for e in exs),
                                "labelled_tokens": sum(sum(t != OUTSIDE for t in e.tags) for e in exs),
                                "spans": dict(sorted(b_counts(exs).items()))}
    sources = sorted({e.source for e in train + val})
    for src in sources:
        exs = [e for e in train if e.source == src]
        out["by_source"][src] = {
            "license": next(e.license for e in train + val if e.source == src),
            "train_sentences": len(exs), "train_tokens": sum(len(e.words) for e in exs),
            "validation_sentences": sum(e.source == src for e in val),
            "train_spans": dict(sorted(b_counts(exs).items())),
        }
    return out


def data_card(counts: dict, meta: dict) -> str:
    tr = counts["splits"]["train"]
    va = counts["splits"]["validation"]
    sources = list(counts["by_source"])
    lines = [
        "# araevents weakly-labelled training corpus — data card",
        "",
        f"Built by `{meta['command']}` in {meta['seconds']:.0f} s (seed {meta['seed']}).",
        "Format: `datasets.DatasetDict` (`load_from_disk`), splits train/validation; columns `id`, `words`, "
        "`tags` (IOB2 strings, schema v1), `labels` (ClassLabel ids of the same tags), `source`, `license`.",
        "",
        "| split | sentences | tokens | labelled tokens |",
        "|---|---|---|---|",
        f"| train | {tr['sentences']:,} | {tr['tokens']:,} | {tr['labelled_tokens']:,} |",
        f"| validation | {va['sentences']:,} | {va['tokens']:,} | {va['labelled_tokens']:,} |",
        "",
        "## Sources and licences",
        "",
        "| source | train sentences | train tokens | validation sentences | licence |",
        "|---|---|---|---|---|",
    ]
    for s in sources:
        b = counts["by_source"][s]
        lines.append(f"| {s} | {b['train_sentences']:,} | {b['train_tokens']:,} | {b['validation_sentences']:,} | {b['license']} |")
    lines += [
        "",
        "The corpus mixes licences; the most restrictive is SaudiNewsNet's CC BY-NC-SA 4.0 (non-commercial,",
        "research only). Filter on the `source`/`license` columns to build a subset with other terms.",
        "Never in the corpus: ANERcorp CAMeL test split, Wojood test, NewsFANE, the shared/dev articles, "
        "SaudiNewsNet articles overlapping a seed article.",
        "",
        "## Span counts (B- tags) in train, per source",
        "",
        "| type | total | " + " | ".join(sources) + " |",
        "|---|---|" + "---|" * len(sources),
    ]
    for t in SPAN_TYPES:
        row = [str(counts["by_source"][s]["train_spans"].get(t, 0)) for s in sources]
        lines.append(f"| {t} | {tr['spans'].get(t, 0):,} | " + " | ".join(row) + " |")
    lines += ["", "## Weak labels added to the gold sources (gold wins on conflicts)", ""]
    for s, c in meta["weak_added"].items():
        lines.append(f"- {s}: " + (", ".join(f"{k} {v}" for k, v in sorted(c.items())) or "none"))
    lines += ["", "Spans that word-level IOB cannot express (two spans in one word), left out: "
              + (", ".join(f"{k} {v}" for k, v in meta["lost_spans"].items()) or "none")]
    lines += ["", "## News selection", ""]
    lines += [f"- {k}: {v:,}" if isinstance(v, int) else f"- {k}: {v}" for k, v in meta["news"].items()]
    short = [t for t in SPAN_TYPES if tr["spans"].get(t, 0) < meta["min_type_count"]]
    lines += ["", f"Types under {meta['min_type_count']} B- tags in train: " + (", ".join(short) if short else "none"), ""]
    return "\n".join(lines)


def build(args: argparse.Namespace, *, progress=None) -> tuple[object, dict]:
    """Build the corpus; returns ``(DatasetDict, counts)`` and writes it to ``args.out``."""
    from .weak_labels import make_labeller

    if progress is None:
        from tqdm.auto import tqdm

        def progress(it, **kw):
            return tqdm(it, mininterval=2.0, **kw)

    t0 = time.time()
    shared = args.shared
    if not (shared / "data").is_dir():
        raise UserError(f"{shared}/data not found (pass --shared pointing at the shared data folder)")
    labeller = make_labeller(shared)
    lost: Counter = Counter()
    gold, weak_added = gold_examples(shared, labeller, progress, lost)
    news_candidates, news_stats = news_examples(shared, labeller, args, progress, lost)
    gold_train, _ = split_examples(gold, args.validation_fraction, args.seed)
    news = select_news(news_candidates, b_counts(gold_train), args.max_news_sentences, args.min_type_count, args.seed)
    news_stats["selected_sentences"] = len(news)
    examples = sorted(gold, key=lambda e: (e.source, e.id)) + news
    for e in examples:
        bad = [t for t in e.tags if t not in LABELS]
        if bad:
            raise AssertionError(f"{e.id}: invalid labels {bad[:3]}")
    train, val = split_examples(examples, args.validation_fraction, args.seed)
    dsd = to_dataset_dict(train, val)
    counts = corpus_counts(train, val)
    seconds = time.time() - t0
    args.out.mkdir(parents=True, exist_ok=True)
    dsd.save_to_disk(str(args.out))
    command = (f"araevents build-data --out {args.out} --shared {args.shared} --max-news-sentences "
               f"{args.max_news_sentences} --seed {args.seed}" + (f" --news-articles {args.news_articles}" if args.news_articles else ""))
    meta = {"command": command, "seconds": seconds, "seed": args.seed, "weak_added": {k: dict(v) for k, v in weak_added.items()},
            "news": news_stats, "min_type_count": args.min_type_count, "lost_spans": dict(sorted(lost.items()))}
    counts["build"] = {k: v for k, v in meta.items() if k != "seconds"}
    (args.out / "counts.json").write_text(json.dumps(counts, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    (args.out / "data_card.md").write_text(data_card(counts, meta), encoding="utf-8")
    return dsd, counts


def run(args: argparse.Namespace) -> int:
    for name in ("araevents.formats.conll", "araevents.formats.iob"):
        logging.getLogger(name).setLevel(logging.ERROR)
    dsd, counts = build(args)
    tr = counts["splits"]["train"]
    print(f"train: {tr['sentences']:,} sentences, {tr['tokens']:,} tokens ({tr['labelled_tokens']:,} labelled); "
          f"validation: {counts['splits']['validation']['sentences']:,} sentences → {args.out}")
    print("train B- counts: " + ", ".join(f"{t} {tr['spans'].get(t, 0)}" for t in SPAN_TYPES))
    short = [t for t in SPAN_TYPES if tr["spans"].get(t, 0) < args.min_type_count]
    if short:
        print(f"warning: under {args.min_type_count} B- tags in train: {', '.join(short)}", file=sys.stderr)
    print(f"data card: {args.out / 'data_card.md'}")
    return 0
