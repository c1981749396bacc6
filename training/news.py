"""SaudiNewsNet access with the project's hold-outs applied in one place.

Every corpus built from raw news (pretraining text, weak labels, lexicon statistics) must
exclude the dev articles (``shared/dev/README.md`` lists their 0-based corpus lines) and any
article that overlaps a seed article, or our dev measurements would be measured on training
data. Reading the news through :func:`iter_news` is how that is guaranteed.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from araevents.errors import UserError

NEWS_FILE = Path("data") / "saudinewsnet" / "saudinewsnet.jsonl.gz"
DEV_README = Path("dev") / "README.md"
SEEDS_DIR = Path("seeds")
#: The repo's own gold drawn from the news, kept out by its paragraphs as seed articles are: event gold
#: (``seeds/dev2/articles``), so that it never becomes training text, and span gold written for training
#: (``annotations/news-spans/articles``), so that weak labels never contradict it and no later dev draw
#: picks an article the model was trained on.
REPO_ROOT = Path(__file__).resolve().parent.parent
REPO_GOLD_ARTICLES = REPO_ROOT / "seeds"
REPO_TRAIN_ARTICLES = REPO_ROOT / "annotations"

_DEV_ROW = re.compile(r"^\|\s*\d{3}\s*\|\s*(\d+)\s*\|", re.M)


@dataclass(frozen=True)
class NewsArticle:
    line: int
    source: str
    date: str
    title: str
    content: str

    @property
    def text(self) -> str:
        return f"{self.title}\n\n{self.content}" if self.title else self.content


def dev_lines(shared: Path) -> set[int]:
    """The corpus lines of the dev articles; an unreadable list is an error, never 'exclude nothing'."""
    readme = shared / DEV_README
    if not readme.is_file():
        raise UserError(f"{readme} not found: it lists the dev articles that must be excluded from training")
    lines = {int(m) for m in _DEV_ROW.findall(readme.read_text(encoding="utf-8"))}
    if not lines:
        raise UserError(f"{readme}: no 'saudinewsnet_line' rows found in its table")
    return lines


def _paragraph_keys(text: str) -> set[str]:
    return {" ".join(p.split()) for p in text.splitlines() if len(p.strip()) >= 40}


def _gold_dirs(shared: Path, extra_seed_dirs: tuple[Path, ...] = (), *, dev: bool = False,
               training_gold: bool = True) -> list[Path]:
    """Folders of gold articles: shared seeds (and, with ``dev``, the shared dev articles), ``extra_seed_dirs``,
    the repo's event-gold sets and (``training_gold``) the span gold written for training."""
    dirs = [shared / SEEDS_DIR, *([shared / DEV_README.parent / "articles"] if dev else []), *extra_seed_dirs,
            *sorted(REPO_GOLD_ARTICLES.glob("*/articles"))]
    if training_gold:
        dirs += sorted(REPO_TRAIN_ARTICLES.glob("*/articles"))
    return list(dict.fromkeys(dirs))


def _texts(dirs: Iterable[Path]) -> Iterator[str]:
    for d in dirs:
        for f in sorted(Path(d).glob("*.txt")):
            yield f.read_text(encoding="utf-8")


def seed_paragraphs(shared: Path, extra_seed_dirs: tuple[Path, ...] = ()) -> set[str]:
    return {key for text in _texts(_gold_dirs(shared, extra_seed_dirs)) for key in _paragraph_keys(text)}


#: Word n-grams compared, and the share of either article's n-grams the other must hold: one outlet's
#: copy of a wire story another outlet also ran is the same article for hold-out purposes.
DUP_N = 6
DUP_SHARE = 0.25


def shingles(text: str, n: int = DUP_N) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text)
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


class NearDuplicates:
    """Tells whether a text retells one of the reference texts (the same story from another outlet,
    re-paragraphed or cut: exact paragraph matching misses those). Shared n-grams are counted against
    the smaller of the two articles, so a short copy of a long story is caught too."""

    def __init__(self, texts: Iterable[str]):
        self._sizes: list[int] = []
        self._index: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for k, text in enumerate(texts):
            grams = shingles(text)
            self._sizes.append(len(grams))
            for g in grams:
                self._index[g].append(k)

    def __call__(self, text: str) -> bool:
        grams = shingles(text)
        if not grams:
            return False
        shared = Counter(k for g in grams for k in self._index.get(g, ()))
        return any(n >= DUP_SHARE * min(len(grams), self._sizes[k]) for k, n in shared.items())


def gold_texts(shared: Path, extra_seed_dirs: tuple[Path, ...] = (), *, training_gold: bool = True) -> list[str]:
    """The articles every corpus and draw keeps away from: shared seeds and dev articles, the repo's
    seeds and event-gold sets, and (``training_gold``) the span gold written for training."""
    return list(_texts(_gold_dirs(shared, extra_seed_dirs, dev=True, training_gold=training_gold)))


def iter_news(shared: str | Path, *, limit: int | None = None,
              seed_dirs: tuple[Path, ...] = ()) -> Iterator[NewsArticle]:
    """Yield SaudiNewsNet articles in corpus order, minus dev and seed-overlapping articles.

    Seeds are read from ``shared/seeds``, from ``seed_dirs`` (e.g. the repo's ``seeds/``) and from the
    repo's own gold sets (``seeds/*/articles``, ``annotations/*/articles``); an article that retells
    any of those or a dev article (:class:`NearDuplicates`) is left out as well.
    """
    shared = Path(shared)
    path = shared / NEWS_FILE
    if not path.is_file():
        raise UserError(f"{path} not found (pass --shared pointing at the shared data folder)")
    excluded = dev_lines(shared)
    seeds = seed_paragraphs(shared, seed_dirs)
    retold = NearDuplicates(gold_texts(shared, seed_dirs))
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for lineno, raw in enumerate(f):
            if lineno in excluded:
                continue
            rec = json.loads(raw)
            art = NewsArticle(lineno, rec.get("source") or "", (rec.get("date_extracted") or "")[:10],
                              (rec.get("title") or "").strip(), (rec.get("content") or "").strip())
            if not art.content or (seeds and _paragraph_keys(art.content) & seeds) or retold(art.text):
                continue
            yield art
            n += 1
            if limit is not None and n >= limit:
                return
