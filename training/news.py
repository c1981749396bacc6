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
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

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


def seed_paragraphs(shared: Path, extra_seed_dirs: tuple[Path, ...] = ()) -> set[str]:
    keys: set[str] = set()
    gold_dirs = sorted(REPO_GOLD_ARTICLES.glob("*/articles")) + sorted(REPO_TRAIN_ARTICLES.glob("*/articles"))
    for d in dict.fromkeys((shared / SEEDS_DIR, *extra_seed_dirs, *gold_dirs)):
        for f in sorted(Path(d).glob("*.txt")):
            keys |= _paragraph_keys(f.read_text(encoding="utf-8"))
    return keys


def iter_news(shared: str | Path, *, limit: int | None = None,
              seed_dirs: tuple[Path, ...] = ()) -> Iterator[NewsArticle]:
    """Yield SaudiNewsNet articles in corpus order, minus dev and seed-overlapping articles.

    Seeds are read from ``shared/seeds``, from ``seed_dirs`` (e.g. the repo's ``seeds/``) and from the
    repo's own gold sets (``seeds/*/articles``, ``annotations/*/articles``).
    """
    shared = Path(shared)
    path = shared / NEWS_FILE
    if not path.is_file():
        raise UserError(f"{path} not found (pass --shared pointing at the shared data folder)")
    excluded = dev_lines(shared)
    seeds = seed_paragraphs(shared, seed_dirs)
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for lineno, raw in enumerate(f):
            if lineno in excluded:
                continue
            rec = json.loads(raw)
            art = NewsArticle(lineno, rec.get("source") or "", (rec.get("date_extracted") or "")[:10],
                              (rec.get("title") or "").strip(), (rec.get("content") or "").strip())
            if not art.content or (seeds and _paragraph_keys(art.content) & seeds):
                continue
            yield art
            n += 1
            if limit is not None and n >= limit:
                return
