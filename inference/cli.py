"""``araevents extract FILE... | -``: events as JSON/JSONL, optionally an HTML view.

Input: plain-text files (one article each) or JSONL files (``.jsonl``, or ``-`` whose first
character is ``{``) with a ``text`` field per line (``id`` kept if present).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any, Iterator

from araevents.errors import UserError


def add_model_arguments(p: argparse.ArgumentParser) -> None:
    """Input files and the model options shared by ``extract`` and ``tag``."""
    p.add_argument("files", nargs="+", metavar="FILE", help="text or JSONL files; '-' reads standard input")
    p.add_argument("--model", default=None, help="model folder or Hugging Face Hub id (default: the embedded model)")
    p.add_argument("--backend", choices=("auto", "numpy", "transformers"), default="auto",
                   help="what computes the model: numpy (plain BERT folders on CPU, fast start), transformers, "
                        "or auto (numpy where it can; default)")
    p.add_argument("--batch-size", type=int, default=16, help="model windows per forward pass (default 16)")
    p.add_argument("--pretty", action="store_true", help="indent the JSON output")
    p.add_argument("--no-rules", action="store_true",
                   help="the model's spans alone, without the lexicon rules that fill its gaps")
    p.add_argument("--outside-bias", type=float, default=None, metavar="NATS",
                   help="log-probability added to O before decoding: higher gives fewer, surer spans "
                        "(default 1.0; 0 decodes the model as it is)")


def extractor_from_args(args: argparse.Namespace):
    from .extractor import Extractor

    return Extractor(args.model, batch_size=args.batch_size, rules=not args.no_rules, backend=args.backend,
                     outside_bias=args.outside_bias)


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_model_arguments(p)
    p.add_argument("--format", choices=("json", "jsonl"), default="json", help="output format (default json)")
    p.add_argument("-o", "--output", default=None, help="write here instead of standard output")
    p.add_argument("--html", default=None, metavar="OUT.html", help="also write a right-to-left HTML view")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def to_json(obj: Any, indent: int | None = None) -> str:
    """JSON with Arabic kept readable, encodable as UTF-8 whatever the input held.

    JSON input can carry a lone surrogate (``"\\ud83d"``: an emoji cut in half by a UTF-16
    truncation); echoed raw it makes the UTF-8 write fail, escaped it reads back unchanged.
    """
    out = json.dumps(obj, ensure_ascii=False, indent=indent)
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


def read_articles(name: str) -> Iterator[dict[str, Any]]:
    """``{"id", "source", "text"}`` per article of one input (file path or '-')."""
    if name == "-":
        data, source = sys.stdin.read(), "<stdin>"
    else:
        path = Path(name)
        if not path.is_file():
            raise UserError(f"{name}: no such file")
        try:
            data = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as e:
            raise UserError(f"{name}: not UTF-8 text ({e.reason} at byte {e.start})") from None
        source = name
    is_jsonl = name.endswith(".jsonl") or (name == "-" and data.lstrip().startswith("{"))
    if not is_jsonl:
        yield {"id": Path(name).stem if name != "-" else "stdin", "source": source, "text": data}
        return
    for lineno, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise UserError(f"{source}:{lineno}: invalid JSON ({e.msg})") from None
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            raise UserError(f"{source}:{lineno}: expected an object with a string 'text' field")
        yield {"id": str(rec.get("id", f"{Path(source).stem}:{lineno}")), "source": source, "text": rec["text"]}


def run(args: argparse.Namespace) -> int:
    articles = [a for name in args.files for a in read_articles(name)]
    extractor = extractor_from_args(args)
    results = extractor.extract_many([a["text"] for a in articles], progress=len(articles) > 1 and sys.stderr.isatty())
    records = [
        {"id": a["id"], "source": a["source"], "events": [e.to_dict() for e in evs]} for a, evs in zip(articles, results)
    ]
    if args.format == "jsonl":
        out = "".join(to_json(r) + "\n" for r in records)
    else:
        out = to_json(records, indent=2 if args.pretty else None) + "\n"
    if args.output:
        Path(args.output).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    if args.html:
        from .render_html import render_page

        spans = extractor.tag_many([a["text"] for a in articles])
        docs = [(a["id"], a["text"], s, e) for a, s, e in zip(articles, spans, results)]
        Path(args.html).write_text(render_page(docs), encoding="utf-8", errors="replace")  # a view: U+FFFD is fine
        print(f"wrote {args.html}", file=sys.stderr)
    return 0
