"""From annotations to model inputs: sentence examples, word tags, aligned sub-token labels.

This is the data half of the run_ner.py flow. Whole-article documents (seeds gold, user
annotations) become sentence-sized examples so nothing is truncated; words are passed through
the same model-input normalisation the tagger applies, and only the first sub-token of each
word (of its stem, when proclitics are split) carries a label (AraBERT's recipe; the rest get
-100 and are ignored by the loss).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Sequence

from araevents.document import Document
from araevents.errors import UserError
from araevents.formats.iob import iob_chunks
from araevents.schema import label2id

#: Columns every example table has, whatever its source.
COLUMNS = ("id", "words", "tags", "source", "license")
IGNORE_INDEX = -100
MAX_WORDS = 100


def _sentence_ranges(doc: Document) -> list[tuple[int, int]]:
    """Sentence ranges of ``doc``, merged wherever a span crosses a boundary (a span is never cut)."""
    from araevents.text.tokenize import split_sentences

    ranges = [list(r) for r in split_sentences(doc.text)] or [[0, len(doc.text)]]
    for span in doc.spans:
        first = next((i for i, r in enumerate(ranges) if r[1] > span.start), None)
        last = next((i for i, r in enumerate(ranges) if r[1] >= span.end), len(ranges) - 1)
        if first is not None and last > first:
            ranges[first:last + 1] = [[ranges[first][0], ranges[last][1]]]
    return [(a, b) for a, b in ranges]


def document_examples(doc: Document, *, source: str, license: str, max_words: int = MAX_WORDS) -> list[dict[str, Any]]:
    """Split a document into sentence examples of at most ``max_words`` words with IOB2 tags."""
    from araevents.formats.iob import document_to_iob

    examples = []
    for k, (start, end) in enumerate(_sentence_ranges(doc)):
        sub = Document(
            id=f"{doc.id}#{k}", text=doc.text[start:end],
            spans=[type(s)(s.start - start, s.end - start, s.label, s.text) for s in doc.spans
                   if s.start >= start and s.end <= end],
        )
        words, tags = document_to_iob(sub)
        for c in range(0, len(words), max_words):
            chunk_words, chunk_tags = words[c:c + max_words], list(tags[c:c + max_words])
            if chunk_tags and chunk_tags[0].startswith("I-"):
                chunk_tags[0] = "B-" + chunk_tags[0][2:]
            if chunk_words:
                examples.append({"id": f"{sub.id}.{c // max_words}", "words": chunk_words, "tags": chunk_tags,
                                 "source": source, "license": license})
    return examples


def documents_to_dataset(docs: Iterable[Document], *, source: str, license: str):
    import datasets

    rows = [ex for doc in docs for ex in document_examples(doc, source=source, license=license)]
    if not rows:
        raise UserError(f"no examples could be made from the {source} documents (are they empty?)")
    return datasets.Dataset.from_dict({c: [r[c] for r in rows] for c in COLUMNS})


def load_corpus(path: str | Path):
    """The DatasetDict written by ``araevents build-data`` (train/validation)."""
    import datasets

    p = Path(path)
    if not (p / "dataset_dict.json").is_file():
        raise UserError(f"{p} is not a corpus built by `araevents build-data` (no dataset_dict.json)")
    dd = datasets.load_from_disk(str(p))
    return dd.select_columns([c for c in COLUMNS if c in dd["train"].column_names])


def model_words(words: Sequence[str]) -> list[str]:
    """Apply the tagger's model-input normalisation word by word (empty results keep the word)."""
    from araevents.text.normalize import normalize_for_model

    out = []
    for w in words:
        n = normalize_for_model(w).text.strip()
        out.append(n or w)
    return out


def trusted_outside_words(rows, gold_sources: Sequence[str], *, min_count: int = 3,
                          min_outside_ratio: float = 0.98) -> frozenset[str]:
    """Words that fully annotated (gold-entity) sentences show are almost never part of a span.

    Weakly labelled news only knows the names its lexicons know: every other name is tagged
    ``O`` there, which would teach the model that unknown names are not names. With
    ``partial_weak_outside`` those ``O`` labels are trusted only on these words.
    """
    from collections import Counter

    from araevents.text.normalize import fold

    seen, outside = Counter(), Counter()
    for words, tags, source in zip(rows["words"], rows["tags"], rows["source"]):
        if source not in gold_sources:
            continue
        for w, t in zip(words, tags):
            f = fold(w)
            seen[f] += 1
            outside[f] += t == "O"
    return frozenset(w for w, n in seen.items() if n >= min_count and outside[w] / n >= min_outside_ratio)


#: Name types: the ones :func:`swap_mentions` exchanges and self-training adds (not roles or triggers).
NAME_TYPES = ("PER", "LOC", "ORG")


def mention_inventory(rows, sources: Sequence[str]) -> dict[str, list[tuple[str, ...]]]:
    """Distinct PER/LOC/ORG mentions (as word tuples) of the rows from gold ``sources``."""
    seen: dict[str, set[tuple[str, ...]]] = {t: set() for t in NAME_TYPES}
    for words, tags, source in zip(rows["words"], rows["tags"], rows["source"]):
        if source in sources:
            for c in iob_chunks(tags):
                if c.label in seen:
                    seen[c.label].add(tuple(words[c.start:c.end]))
    return {t: sorted(v) for t, v in seen.items()}


def swap_mentions(rows, inventory: dict[str, list[tuple[str, ...]]], probability: float, seed: int):
    """A copy of ``rows`` where each PER/LOC/ORG mention is replaced, with ``probability``, by a
    random mention of the same type from ``inventory``.

    Why: the gold NER corpora are small and repeat their names, so a compact model learns the
    names rather than the contexts that mark a name, and misses the new names of unseen text
    (ANERcorp: 0.86 F1 on validation sentences beside training ones, 0.69 on the later test
    articles). Mention replacement (Dai & Adel 2020) shows each context with other names.
    """
    import random

    import datasets

    rng = random.Random(seed)
    out = {c: list(rows[c]) for c in rows.column_names}
    for k, (words, tags) in enumerate(zip(out["words"], out["tags"])):
        new_words, new_tags, last = [], [], 0
        for c in iob_chunks(tags):
            if not inventory.get(c.label) or rng.random() >= probability:
                continue
            mention = rng.choice(inventory[c.label])
            new_words += [*words[last:c.start], *mention]
            new_tags += [*tags[last:c.start], f"B-{c.label}", *[f"I-{c.label}"] * (len(mention) - 1)]
            last = c.end
        if last:
            out["words"][k] = [*new_words, *words[last:]]
            out["tags"][k] = [*new_tags, *tags[last:]]
            out["id"][k] = f"{out['id'][k]}~swap{seed}"
    return datasets.Dataset.from_dict(out, features=rows.features)


def input_splitter(model, tokenizer):
    """The proclitic splitter a model reads its input with (``config.split_proclitics``), or None."""
    if not getattr(model.config, "split_proclitics", False):
        return None
    from araevents.text.proclitics import ProcliticSplitter

    return ProcliticSplitter(tokenizer.backend_tokenizer)


def encode_words(batch_words: Sequence[Sequence[str]], tokenizer, max_length: int, splitter=None):
    """Tokenise pre-split words; per row, the input word whose label each sub-token carries (or None).

    Only the first sub-token of a word carries its label; with a ``splitter``
    (``araevents.text.proclitics``) the first sub-token of the word's stem, its proclitic
    pieces carry none.
    """
    from araevents.text.proclitics import expand_words

    expanded = [expand_words(model_words(ws), splitter) for ws in batch_words]
    enc = tokenizer([parts for parts, _, _ in expanded], is_split_into_words=True,
                    truncation=True, max_length=max_length)
    label_at: list[list[int | None]] = []
    for i, (_, owner, carries) in enumerate(expanded):
        prev = None
        row: list[int | None] = []
        for wid in enc.word_ids(i):
            row.append(owner[wid] if wid is not None and wid != prev and carries[wid] else None)
            prev = wid
        label_at.append(row)
    return enc, label_at


def tokenize_and_align(batch: dict[str, list], tokenizer, max_length: int, *, splitter=None,
                       partial_sources: frozenset[str] = frozenset(),
                       trusted_outside: frozenset[str] = frozenset()) -> dict[str, list]:
    """Tokenise pre-split words; the sub-token that carries each word's label gets its label id.

    In examples from ``partial_sources`` an ``O`` word outside ``trusted_outside`` is left
    unlabelled (-100): there ``O`` only means "no lexicon matched".
    """
    from araevents.text.normalize import fold

    enc, label_at = encode_words(batch["words"], tokenizer, max_length, splitter)
    sources = batch.get("source") or [None] * len(batch["words"])
    labels, truncated = [], []
    for i, tags in enumerate(batch["tags"]):
        partial = sources[i] in partial_sources
        words = batch["words"][i]
        row = []
        for wid in label_at[i]:
            if wid is None or (partial and tags[wid] == "O" and fold(words[wid]) not in trusted_outside):
                row.append(IGNORE_INDEX)
            else:
                row.append(label2id[tags[wid]])
        labels.append(row)
        truncated.append(sum(w is not None for w in label_at[i]) < len(tags))
    enc["labels"] = labels
    enc["truncated"] = truncated  # reported by the caller: truncation must never be silent
    return enc
