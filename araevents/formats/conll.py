"""CoNLL/BIO word-per-line files ↔ documents (ANERcorp, Wojood, NewsFANE/WikiFANE, user files).

Format read: one ``TOKEN TAG [TAG ...]`` line per word (spaces or tabs), a blank line
(or a ``-DOCSTART-`` line) between sentences; ``.gz`` files are read transparently. Each
sentence becomes one :class:`Document` whose text is its tokens joined by single spaces,
so ``text.split(" ")`` gives the tokens back and :func:`write_conll` with
``split="whitespace"`` round-trips them.

What real corpora throw at a reader, and what happens:

* BOM, CRLF line ends, and bidi marks (U+200E/U+200F/U+061C, embeddings, isolates) are
  removed everywhere in the line before splitting: WikiFANE starts most tokens with
  U+200E, the original ANERcorp has U+200F inside tokens. A mark-only field disappears.
* ``I-X`` that does not continue an ``X`` chunk starts a new span (IOB1 / broken BIO,
  see :mod:`.iob`); the number of such repairs is counted in :class:`ConllStats` and
  logged as a warning per file.
* Extra tag columns (Wojood's nested entities; the first tag is the outermost) are
  ignored unless ``nested=True``: then inner spans are kept where they do not overlap a
  kept outer span, which recovers e.g. a GPE inside an EVENT whose type the map drops.
* ``label_map`` sends each source type to a schema span type or to ``None`` (dropped,
  counted per type). A type that is neither in the map nor a schema type is an error:
  nothing disappears unless the map says so. Without a map, types are kept as they are.
* A malformed line (one field, a token containing a space, an invalid tag) is an
  :class:`AnnotationError` naming file and line. Pass ``errors=[]`` to collect errors
  instead: the bad line is skipped (its sentence is kept without it), a sentence with an
  unmapped type is skipped whole.
"""

from __future__ import annotations

import gzip
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator, Literal, Mapping

from ..document import Document, Span
from ..text.tokenize import word_tokenize
from ..validation import AnnotationError
from .iob import document_to_iob, iob_chunks, is_tag, whitespace_tokens
from .labels import check_label_map, map_label, unmapped_message

logger = logging.getLogger(__name__)

#: Invisible characters removed from every line: BOM, LRM, RLM, Arabic letter mark,
#: bidi embeddings/overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
BIDI_MARKS = "\ufeff\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_STRIP = dict.fromkeys(map(ord, BIDI_MARKS))

DOCSTART = "-DOCSTART-"


@dataclass
class ConllStats:
    """What a :func:`read_conll` pass did; pass one in to read it afterwards."""

    sentences: int = 0
    tokens: int = 0
    spans: Counter = field(default_factory=Counter)  # kept spans by (mapped) type
    dropped: Counter = field(default_factory=Counter)  # spans dropped by the map, by source type
    repaired: int = 0  # I- tags that began a span
    nested_kept: int = 0  # inner spans kept (nested=True)
    nested_overlapping: int = 0  # inner spans left out because they overlap a kept span
    lines_with_marks: int = 0  # lines from which bidi marks/BOM were removed
    skipped_lines: int = 0  # malformed lines skipped (errors=[] mode)
    skipped_sentences: int = 0  # sentences skipped for an unmapped type (errors=[] mode)

    def summary(self) -> str:
        kept = ", ".join(f"{k} {v}" for k, v in self.spans.most_common()) or "none"
        dropped = ", ".join(f"{k} {v}" for k, v in self.dropped.most_common()) or "none"
        return (
            f"{self.sentences} sentences, {self.tokens} tokens; spans kept: {kept}; dropped by map: {dropped}; "
            f"{self.repaired} I- repairs; {self.nested_kept} nested spans kept; "
            f"{self.skipped_lines} lines and {self.skipped_sentences} sentences skipped"
        )


def _open_binary(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")


def default_prefix(path: str | Path) -> str:
    """``.../ANERCorp_CamelLab_style_train.txt`` → ``ANERCorp_CamelLab_style_train``."""
    name = Path(path).name
    for suffix in (".gz", ".txt", ".conll", ".bio", ".iob", ".tsv"):
        name = name.removesuffix(suffix)
    return name


def read_conll(
    path: str | Path,
    label_map: Mapping[str, str | None] | None = None,
    *,
    doc_id_prefix: str | None = None,
    column: int = 1,
    source: str | None = None,
    nested: bool = False,
    errors: list[AnnotationError] | None = None,
    stats: ConllStats | None = None,
) -> Iterator[Document]:
    """Yield one :class:`Document` per sentence of a CoNLL/BIO file (see the module docstring).

    ``column`` is the whitespace-separated field holding the (outermost) tag, 1 for
    ``TOKEN TAG`` files, 3 for CoNLL-2003 / Label Studio ``TOKEN -X- _ TAG``; fields after
    it are nested tags. Document ids are ``{doc_id_prefix}-{sentence number:05d}``
    (prefix: the file name without extensions); ``meta`` holds ``file``, ``line`` (first
    line of the sentence) and ``source`` when given.
    """
    path = Path(path)
    if column < 1:
        raise ValueError("column must be >= 1 (column 0 is the token)")
    if label_map is not None:
        check_label_map(label_map)
    stats = stats if stats is not None else ConllStats()
    prefix = doc_id_prefix if doc_id_prefix is not None else default_prefix(path)
    before = (stats.repaired, stats.skipped_lines, stats.skipped_sentences)

    def fail(message: str, lineno: int) -> None:
        err = AnnotationError(message, path=path, line=lineno)
        if errors is None:
            raise err
        errors.append(err)

    tokens: list[str] = []
    rows: list[list[str]] = []
    linenos: list[int] = []
    number = 0

    def flush() -> Document | None:
        nonlocal number
        if not tokens:
            return None
        number += 1
        doc = _sentence_document(
            tokens, rows, linenos, label_map, nested, stats, fail,
            doc_id=f"{prefix}-{number:05d}",
            meta={"file": path.name, "line": linenos[0], **({"source": source} if source else {})},
        )
        tokens.clear()
        rows.clear()
        linenos.clear()
        return doc

    with _open_binary(path) as f:
        for lineno, raw in enumerate(f, 1):
            try:
                line = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError as e:
                fail(f"not valid UTF-8 ({e.reason} at byte {e.start})", lineno)
                stats.skipped_lines += 1
                continue
            clean = line.translate(_STRIP)
            if clean != line:
                stats.lines_with_marks += 1
            fields = clean.split()
            if not fields or fields[0] == DOCSTART:
                doc = flush()
                if doc is not None:
                    yield doc
                continue
            problem = _line_problem(fields, column)
            if problem:
                fail(f"{problem}: {clean.strip()!r}", lineno)
                stats.skipped_lines += 1
                continue
            tokens.append(fields[0])
            rows.append(fields[column:])
            linenos.append(lineno)
    doc = flush()
    if doc is not None:
        yield doc
    repaired, lines, sentences = (now - then for now, then in zip(
        (stats.repaired, stats.skipped_lines, stats.skipped_sentences), before))
    if repaired:
        logger.warning("%s: %d I- tag(s) did not continue a span of their type and were read as B- (IOB1/BIO repair)",
                       path, repaired)
    if lines or sentences:
        logger.warning("%s: skipped %d malformed line(s) and %d sentence(s); see the collected errors",
                       path, lines, sentences)


def _line_problem(fields: list[str], column: int) -> str | None:
    if len(fields) <= column:
        return (f"expected a token and a tag in field {column + 1}, got {len(fields)} field(s) "
                f"(missing token or tag?)")
    bad = next((t for t in fields[column:] if not is_tag(t)), None)
    if bad is None:
        return None
    later = next((i for i in range(column + 1, len(fields)) if is_tag(fields[i])), None)
    if later is not None:
        return (f"field {column + 1} ({bad!r}) is not an IOB tag but field {later + 1} is: does the token contain "
                f"a space, or is the tag in another column (column={later} reads it)?")
    return f"invalid IOB tag {bad!r} (expected O, B-TYPE or I-TYPE; is the tag in another column?)"


def _sentence_document(
    tokens: list[str],
    rows: list[list[str]],
    linenos: list[int],
    label_map: Mapping[str, str | None] | None,
    nested: bool,
    stats: ConllStats,
    fail: Callable[[str, int], None],
    *,
    doc_id: str,
    meta: dict,
) -> Document | None:
    """One sentence → document; None (after ``fail``) if a type is missing from the map."""
    text = " ".join(tokens)
    starts, ends, pos = [], [], 0
    for tok in tokens:
        starts.append(pos)
        ends.append(pos + len(tok))
        pos += len(tok) + 1
    depth = max(len(r) for r in rows) if nested else 1
    layers = [[r[k] if k < len(r) else "O" for r in rows] for k in range(depth)]
    kept: list[Span] = []
    dropped: Counter = Counter()
    repaired = nested_kept = nested_overlapping = 0
    for level, tags in enumerate(layers):
        for chunk in iob_chunks(tags):
            try:
                label = map_label(chunk.label, label_map)
            except KeyError:
                fail(unmapped_message(chunk.label) + f" (sentence {doc_id} skipped)", linenos[chunk.start])
                stats.skipped_sentences += 1
                return None
            repaired += chunk.repaired
            if label is None:
                dropped[chunk.label] += 1
                continue
            start, end = starts[chunk.start], ends[chunk.end - 1]
            if level and any(start < s.end and s.start < end for s in kept):
                nested_overlapping += 1
                continue
            nested_kept += level > 0
            kept.append(Span(start, end, label, text[start:end]))
    stats.sentences += 1
    stats.tokens += len(tokens)
    stats.repaired += repaired
    stats.dropped.update(dropped)
    stats.nested_kept += nested_kept
    stats.nested_overlapping += nested_overlapping
    stats.spans.update(s.label for s in kept)
    return Document(id=doc_id, text=text, spans=sorted(kept), meta=meta)


def write_conll(
    docs: Iterable[Document], path: str | Path, *, split: Literal["words", "whitespace"] = "words"
) -> int:
    """Write documents as ``WORD TAG`` lines (IOB2), a blank line after each; returns how many.

    ``split="words"`` uses :func:`word_tokenize` (the words the model sees);
    ``"whitespace"`` splits on spaces only, which gives back the tokens of documents
    read by :func:`read_conll`. Spans that cannot be tagged at word level are logged.
    """
    if split not in ("words", "whitespace"):
        raise ValueError(f"split must be 'words' or 'whitespace', not {split!r}")
    tokenize = word_tokenize if split == "words" else whitespace_tokens
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for doc in docs:
            words, tags = document_to_iob(doc, tokenize(doc.text))
            f.writelines(f"{w} {t}\n" for w, t in zip(words, tags))
            f.write("\n")
            n += 1
    return n
