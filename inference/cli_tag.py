"""``araevents tag FILE...``: the token classifier's spans (label, text, start, end, score) as JSON."""

from __future__ import annotations

import argparse
import sys

from .cli import read_articles, to_json


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="text or JSONL files; '-' reads standard input")
    p.add_argument("--model", default=None, help="model folder or Hugging Face Hub id (default: the embedded model)")
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--pretty", action="store_true", help="indent the JSON output")
    p.add_argument("--no-rules", action="store_true",
                   help="the model's spans alone, without the lexicon rules that fill its gaps")


def run(args: argparse.Namespace) -> int:
    from .extractor import Extractor

    articles = [a for name in args.files for a in read_articles(name)]
    spans = Extractor(args.model, batch_size=args.batch_size, rules=not args.no_rules).tag_many([a["text"] for a in articles])
    records = [{"id": a["id"], "source": a["source"], "spans": [s.to_dict() for s in ss]} for a, ss in zip(articles, spans)]
    sys.stdout.write(to_json(records, indent=2 if args.pretty else None) + "\n")
    return 0
