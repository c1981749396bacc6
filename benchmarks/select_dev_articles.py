"""Draw diplomatic SaudiNewsNet articles for a team-annotated event gold set.

Why: the 25 seed + shared-dev articles are what every assembly rule was refined on, so their
figures flatter the rules. A set drawn blind (fixed seed, keyword filter on the title only,
never looked at before annotation) measures how the rules generalise.

    python benchmarks/select_dev_articles.py --n 24 --out seeds/dev2

writes ``articles/NNN.txt`` (title, blank line, content, as the shared dev set) and prints the
README table rows (number, 0-based corpus line, source, date, title). ``training.news`` keeps the
articles of every ``seeds/*/articles`` folder out of every corpus (by paragraph), so the draw also
skips the sets already there: to re-draw a set, move it and the sets drawn after it away.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from araevents.errors import UserError
from araevents.training.news import iter_news

# Title words of diplomatic news: meetings, calls, visits, envoys, accusations, appeals.
TITLE = re.compile(
    r"وزير الخارجية|وزير خارجية|يلتقي|يستقبل|يبحث|تبحث|اتصال|هاتفي|يزور|زيارة|مباحثات|محادثات|مبعوث|سفير|"
    r"يدين|تدين|يتهم|تتهم|يدعو|تدعو|يرفض|ترفض|اتفاق|قمة|نظيره"
)
# ... and in the text, foreign affairs: a foreign minister, an envoy, an ambassador, the UN or a summit
# (the title words alone also catch sports transfers and local visits).
FOREIGN = re.compile(r"وزير الخارجية|وزير خارجية|الخارجية|مبعوث|السفير|سفير|الأمم المتحدة|نظيره|القمة|الدبلوماسي")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--shared", type=Path, default=Path("../shared"))
    p.add_argument("--n", type=int, default=24)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--min-words", type=int, default=120)
    p.add_argument("--max-words", type=int, default=450)
    p.add_argument("--min-foreign", type=int, default=2, help="foreign-affairs words in the text, at least")
    p.add_argument("--any-title", action="store_true",
                   help="no title filter (training draws: more articles, fewer of them about diplomacy)")
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args(argv)

    pool = [a for a in iter_news(args.shared, seed_dirs=(Path("seeds"),))
            if (args.any_title or TITLE.search(a.title)) and len(FOREIGN.findall(a.content)) >= args.min_foreign
            and args.min_words <= len(a.content.split()) <= args.max_words]
    if len(pool) < args.n:
        raise UserError(f"only {len(pool)} candidate articles for --n {args.n}")
    picked = sorted(random.Random(args.seed).sample(pool, args.n), key=lambda a: a.line)
    (args.out / "articles").mkdir(parents=True, exist_ok=True)
    rows = []
    for i, art in enumerate(picked, 1):
        (args.out / "articles" / f"{i:03d}.txt").write_text(art.text + "\n", encoding="utf-8")
        rows.append(f"| {i:03d} | {art.line} | {art.source} | {art.date} | {art.title.replace('|', '/')} |")
    print(f"{len(pool)} candidate articles, {len(picked)} drawn")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except UserError as e:
        raise SystemExit(f"error: {e}") from None
