"""``araevents tag FILE...``: the token classifier's spans (label, text, start, end, score) as JSON."""

from __future__ import annotations

import argparse
import sys

from .cli import add_model_arguments as add_arguments  # noqa: F401  (the subcommand table looks it up here)
from .cli import extractor_from_args, read_articles, to_json


def run(args: argparse.Namespace) -> int:
    articles = [a for name in args.files for a in read_articles(name)]
    spans = extractor_from_args(args).tag_many([a["text"] for a in articles])
    records = [{"id": a["id"], "source": a["source"], "spans": [s.to_dict() for s in ss]} for a, ss in zip(articles, spans)]
    sys.stdout.write(to_json(records, indent=2 if args.pretty else None) + "\n")
    return 0
