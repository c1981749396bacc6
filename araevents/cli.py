"""The ``araevents`` command: one subcommand per job, each living beside the code it drives.

Subcommand modules are imported only when chosen, so ``araevents extract`` never pays for
importing the training stack. Each module exposes ``add_arguments(parser)`` and
``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

#: name → (module, one-line help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("araevents.inference.cli", "extract diplomatic events from Arabic articles"),
    "tag": ("araevents.inference.cli_tag", "print the token classifier's spans"),
    "build-data": ("araevents.training.build_data", "build the weakly-labelled training corpus"),
    "build-actors": ("araevents.training.actor_dictionary", "mine the known-actor table (name → state) from the corpus"),
    "weak-eval": ("araevents.training.weak_eval", "score the weak labeller against the seeds gold"),
    "pretrain": ("araevents.training.pretrain", "MLM-pretrain a compact BERT (and its tokenizer) on raw news"),
    "train": ("araevents.training.train", "fine-tune a token classifier from a config"),
    "evaluate": ("araevents.training.evaluation", "span- and event-level evaluation report"),
    "soup": ("araevents.training.soup", "average the weights of fine-tuned runs of one model (model soup)"),
    "publish": ("araevents.training.publish", "stage, verify and upload a model to the Hugging Face Hub"),
    "convert": ("araevents.formats.cli", "convert annotations (CoNLL, doccano, Label Studio) to araevents JSONL"),
}


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="araevents", description="Diplomatic events from Arabic news.")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_, help_) in SUBCOMMANDS.items():
        sub.add_parser(name, help=help_, add_help=False)
    chosen = next((a for a in argv if a in SUBCOMMANDS), None)
    if chosen is not None:
        module = importlib.import_module(SUBCOMMANDS[chosen][0])
        p = sub.choices[chosen]
        p.add_argument("-h", "--help", action="help", help="show this help message and exit")
        p.description = SUBCOMMANDS[chosen][1]
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("araevents")
    except PackageNotFoundError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (ValueError, TypeError, FileNotFoundError, OSError) as e:
        # User-facing errors (bad input file, bad config, missing model) read as one line, not a traceback.
        from .errors import UserError

        if isinstance(e, UserError) or isinstance(e, (FileNotFoundError, OSError)):
            print(f"araevents {args.command}: error: {e}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
