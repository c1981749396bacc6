"""``araevents build-actors``: the known-actor dictionary (person name → state, role) mined from news.

Arabic news names a familiar office holder bare: ``وزير الخارجية عادل الجبير``, with no
nationality adjective, and the article alone cannot say whose minister he is. Event coders
for English (PETRARCH, POLECAT) solve this with hand-kept actor dictionaries; ours is mined
instead, from the same corpus the tagger is trained on: every sentence of the
weakly-labelled corpus (``araevents build-data``) is run through the assembler's role binding
(:mod:`araevents.inference.assemble`), and each person whose mentions are explicitly bound to
a state (``وزير الخارجية السعودي عادل الجبير``) adds a vote for that state. A name enters
the dictionary only with enough explicit votes and a clear majority, so the dictionary
encodes what the corpus says outright, never a guess; inference uses it only for a person
the article itself leaves unplaced (``assemble.fill_from_known_actors``).

The shipped table (``araevents/resources/actors.tsv``) is derived from SaudiNewsNet
(CC BY-NC-SA 4.0) sentences, so it reflects 2015 Arabic news: re-mine it from your own
corpus for another period (``araevents build-data`` then ``araevents build-actors``).
The dev and seed articles are never in the corpus (``training.news``). The team's span gold of
news articles (``annotations/news-spans``), which the corpus leaves out so that weak labels never
contradict it, is mined beside it (``--data``).
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from araevents.errors import UserError
from araevents.gazetteer import ACTORS_FILE, canonical_state
from araevents.text.normalize import fold

_PLAIN = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")  # letters and single spaces: a name, not a scrap of markup

#: A name key never starts here (keys are folded); not ``ابن``, which opens names of its own (``ابن خلدون``).
_LINEAGE_START = frozenset(fold(w) for w in ("بن", "بنت"))

#: The corpus source whose sentences are mined (the gold NER sources are encyclopaedic or older).
NEWS_SOURCE = "saudinewsnet"


@dataclass(frozen=True)
class ActorEntry:
    name: str  # folded, honorifics removed
    affiliation: str
    role: str | None
    votes: int  # sentences binding the name to ``affiliation``
    total: int  # sentences binding the name to any state


def sentence_votes(words: Sequence[str], tags: Sequence[str]) -> list[tuple[str, str | None, str | None]]:
    """(name, role, state) for each person of one labelled sentence, from explicit bindings only
    (a role phrase or nationality adjective next to the name), never from article-level guesses."""
    from araevents.formats.iob import iob_to_spans, whitespace_tokens
    from araevents.inference.assemble import _Article
    from araevents.inference.lexicon import person_key

    text = " ".join(words)
    spans = iob_to_spans(whitespace_tokens(text), tags, text)
    if not any(sp.label == "PER" for sp in spans):
        return []
    art = _Article(text, spans)
    art.build_actors(art.bind_roles(), use_known_actors=False)
    out = []
    for a in art.actors:
        if a.kind != "PER" or not a.evidence:
            continue
        # not a scrap that starts at a lineage word (``بن عبدالله بن محمد``: the tagger cut the name)
        keys = [k for k in (person_key(m.text) for m in a.mentions)
                if k and _PLAIN.fullmatch(k) and k.split()[0] not in _LINEAGE_START]
        if not keys:
            continue
        name = max(keys, key=lambda k: (len(k.split()), k))
        roles = [r for r, _ in a.evidence if r]
        states = [f for _, f in a.evidence if f]
        out.append((name, Counter(roles).most_common(1)[0][0] if roles else None,
                    Counter(states).most_common(1)[0][0] if states else None))
    return out


def mine(sentences: Iterable[tuple[Sequence[str], Sequence[str]]], min_votes: int = 3,
         min_share: float = 0.8) -> list[ActorEntry]:
    """Entries for names bound to one state in at least ``min_votes`` sentences and in at least
    ``min_share`` of the sentences binding them to any state; the role likewise, else None."""
    states: dict[str, Counter] = defaultdict(Counter)
    roles: dict[str, Counter] = defaultdict(Counter)
    for words, tags in sentences:
        for name, role, state in sentence_votes(words, tags):
            if state:
                states[name][state] += 1
            if role:
                roles[name][role] += 1

    def clear_majority(c: Counter) -> str | None:
        value, votes = c.most_common(1)[0]
        return value if votes >= min_votes and votes >= min_share * sum(c.values()) else None

    entries = []
    for name, c in states.items():
        state = clear_majority(c)
        if state is None or canonical_state(state) is None:
            # ``المتحدث باسم وزارة الصحة``: a domestic body with no state is no affiliation to carry over
            continue
        role = clear_majority(roles[name]) if roles.get(name) else None
        entries.append(ActorEntry(name, state, role, c[state], sum(c.values())))
    return sorted(entries, key=lambda e: (-e.votes, e.name))


def write_table(entries: Sequence[ActorEntry], path: Path, command: str) -> None:
    lines = [
        f"# Generated by `{command}` (araevents.training.actor_dictionary).",
        "# Person names bound to a state by an explicit role phrase or nationality adjective in",
        "# SaudiNewsNet sentences (Alhagri 2015, CC BY-NC-SA 4.0); votes/total: sentences for the state / for any state.",
        "name\taffiliation\trole\tvotes\ttotal",
    ]
    lines += [f"{e.name}\t{e.affiliation}\t{e.role or ''}\t{e.votes}\t{e.total}" for e in entries]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", default="data_build/corpus", help="output folder of `araevents build-data`")
    parser.add_argument("--out", default=str(ACTORS_FILE), help="TSV to write (default: the packaged table)")
    from .news import REPO_TRAIN_ARTICLES

    team_gold = sorted(str(p) for p in REPO_TRAIN_ARTICLES.glob("*/spans.jsonl"))
    parser.add_argument("--data", nargs="*", default=team_gold, metavar="FILE",
                        help="labelled news documents mined beside the corpus: by default the team's span gold "
                             "(annotations/*/spans.jsonl), which the corpus leaves out; --data alone mines none")
    parser.add_argument("--min-votes", type=int, default=3, help="sentences binding a name to its state, at least")
    parser.add_argument("--min-share", type=float, default=0.8, help="share of the name's state bindings, at least")


def _shown(path: str) -> str:
    """A path as the table's header shows it: relative to the working folder where it can be."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)


def run(args: argparse.Namespace) -> int:
    from datasets import load_from_disk
    from tqdm.auto import tqdm

    corpus = Path(args.corpus)
    if not (corpus / "dataset_dict.json").is_file():
        raise UserError(f"{corpus} is not a corpus built by `araevents build-data` (no dataset_dict.json)")
    dd = load_from_disk(str(corpus))
    rows = [(ex["words"], ex["tags"]) for split in dd.values() for ex in split if ex["source"] == NEWS_SOURCE]
    if not rows:
        raise UserError(f"{corpus} holds no {NEWS_SOURCE} sentences to mine")
    command = shlex.join(["araevents", "build-actors", "--corpus", str(args.corpus), "--data",
                          *(_shown(path) for path in args.data),
                          "--min-votes", str(args.min_votes), "--min-share", str(args.min_share)])
    if not args.data:
        print("no labelled documents mined beside the corpus (--data: none given, no annotations/*/spans.jsonl here)")
    else:
        # the team's span gold of news articles, which build-data keeps out of the weak corpus
        print(f"mining beside the corpus: {len(args.data)} labelled document file(s)")
        from araevents.validation import load_documents

        from .data import documents_to_dataset

        docs = [d for path in args.data for d in load_documents(path, format="auto", label_map=None)]
        gold = documents_to_dataset(docs, source=NEWS_SOURCE, license="")
        rows += list(zip(gold["words"], gold["tags"]))
    t0 = time.time()
    entries = mine(tqdm(rows, desc="mining actors", unit="sent"), args.min_votes, args.min_share)
    write_table(entries, Path(args.out), command)
    print(f"{len(entries)} actors from {len(rows):,} sentences in {time.time() - t0:.0f}s → {args.out}")
    return 0
