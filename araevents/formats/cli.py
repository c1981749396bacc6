"""``araevents convert``: any supported annotation file → validated araevents JSONL.

    araevents convert export.jsonl -o train.jsonl --format doccano --label-map person=PER misc=-

Nothing is written unless every document converts and validates; the error lists the
first 20 problems with ``file:line``. On success it prints counts per label.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from pathlib import Path

from . import FORMATS
from .labels import parse_label_map


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", type=Path, help="annotation file (CoNLL/BIO, doccano JSONL, Label Studio JSON, araevents JSONL)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="araevents JSONL to write")
    parser.add_argument("--format", choices=FORMATS, default="auto",
                        help="input format (default: by extension .conll/.txt/.bio, then by content)")
    parser.add_argument("--label-map", nargs="+", default=None, metavar="SOURCE=TYPE",
                        help="rename labels to schema span types; SOURCE=- drops SOURCE (e.g. PERS=PER MISC=-)")
    parser.add_argument("--column", type=int, default=1,
                        help="CoNLL: field holding the tag (1 for 'TOKEN TAG', 3 for 'TOKEN -X- _ TAG')")


def run(args: argparse.Namespace) -> int:
    from ..document import write_jsonl
    from ..validation import load_documents

    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="araevents convert: warning: %(message)s")
    label_map = parse_label_map(args.label_map) if args.label_map else None
    docs = load_documents(args.input, format=args.format, label_map=label_map, column=args.column)
    n = write_jsonl(docs, args.output)
    counts = Counter(s.label for d in docs for s in d.spans)
    print(f"wrote {n} documents, {sum(counts.values())} spans to {args.output}")
    width = max((len(k) for k in counts), default=5)
    for label, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {label:<{width}}  {count}")
    if not counts:
        print("  (no spans)", file=sys.stderr)
    return 0
