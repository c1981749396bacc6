"""IOB2 tags ↔ character spans: the one place where word tags and spans meet.

Encoding (:func:`document_to_iob`) works on *words*, because seqeval scores and the
token classifier are word-level: a word gets ``B-X`` when a span of type ``X`` starts
inside it and ``I-X`` when it lies inside a span that started in an earlier word. A
span that starts mid-word (after a clitic such as و or ب, which stays attached to the
word) therefore labels the whole word; that is the granularity the model can predict.

Decoding (:func:`iob_chunks`, :func:`iob_to_spans`) is lenient in exactly one
documented way, shared by corpus readers and inference: an ``I-X`` that does not
continue a chunk of type ``X`` (it follows ``O``, a sentence start, or a chunk of
another type) *starts* a new chunk, as in IOB1 and as seqeval's default scheme reads
it. Such chunks are flagged ``repaired`` so readers can report how many they fixed.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from typing import Sequence

from ..document import Document, Span
from ..schema import OUTSIDE
from ..text.tokenize import Token, word_tokenize

logger = logging.getLogger(__name__)

_TAG_RE = re.compile(r"([BI])-(\S+)")


@dataclass(frozen=True)
class Chunk:
    """A decoded span over word indices ``[start, end)``; ``repaired`` if it began with ``I-``."""

    label: str
    start: int
    end: int
    repaired: bool = False


def parse_tag(tag: str) -> tuple[str, str | None]:
    """``B-PER`` → (``B``, ``PER``), ``O`` → (``O``, None); ``ValueError`` for anything else.

    Any type name is accepted (corpora use PERS, Nation, ...); mapping types onto the
    schema is the readers' job, not the decoder's.
    """
    if tag == OUTSIDE:
        return OUTSIDE, None
    m = _TAG_RE.fullmatch(tag)
    if not m:
        raise ValueError(f"invalid IOB tag {tag!r}: expected 'O', 'B-TYPE' or 'I-TYPE'")
    return m.group(1), m.group(2)


def is_tag(field: str) -> bool:
    return field == OUTSIDE or _TAG_RE.fullmatch(field) is not None


def iob_chunks(tags: Sequence[str]) -> list[Chunk]:
    """Decode IOB2 (or IOB1) tags into chunks; see the module docstring for the repair rule."""
    chunks: list[Chunk] = []
    label: str | None = None
    start = 0
    repaired = False
    for i, tag in enumerate(tags):
        prefix, kind = parse_tag(tag)
        continues = prefix == "I" and label is not None and kind == label
        if continues:
            continue
        if label is not None:
            chunks.append(Chunk(label, start, i, repaired))
        label, start, repaired = (kind, i, prefix == "I") if kind is not None else (None, i, False)
    if label is not None:
        chunks.append(Chunk(label, start, len(tags), repaired))
    return chunks


def repair_tags(tags: Sequence[str]) -> list[str]:
    """Strict IOB2 tags of the chunks :func:`iob_chunks` decodes (an orphan ``I-X`` becomes ``B-X``).

    Scoring repaired predictions in strict mode scores exactly the spans the product outputs.
    """
    out = [OUTSIDE] * len(tags)
    for c in iob_chunks(tags):
        out[c.start] = f"B-{c.label}"
        for i in range(c.start + 1, c.end):
            out[i] = f"I-{c.label}"
    return out


def iob_to_spans(tokens: Sequence[Token], tags: Sequence[str], text: str | None = None) -> list[Span]:
    """Turn word tags into character spans over ``tokens``' offsets.

    ``text`` (the string the offsets point into) fills ``Span.text``; without it the
    span text stays empty. ``ValueError`` if there are not exactly as many tags as tokens.
    """
    if len(tokens) != len(tags):
        raise ValueError(f"{len(tags)} tags for {len(tokens)} tokens")
    spans = []
    for c in iob_chunks(tags):
        start, end = tokens[c.start].start, tokens[c.end - 1].end
        spans.append(Span(start, end, c.label, text[start:end] if text is not None else ""))
    return spans


def whitespace_tokens(text: str) -> list[Token]:
    """Split on whitespace only, keeping offsets: recovers the tokens of a CoNLL sentence
    whose text is its tokens joined by single spaces (see :func:`..conll.read_conll`)."""
    return [Token(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def spans_to_tags(spans: Sequence[Span], tokens: Sequence[Token]) -> tuple[list[str], list[Span]]:
    """IOB2 tags for ``tokens`` (sorted by offset) from character spans, and the spans left out.

    A span that touches a word already tagged by an earlier span (two spans inside one
    word), or that covers no word at all, cannot be expressed in word-level IOB; it is
    returned in the second list so the caller can report it.
    """
    tags = [OUTSIDE] * len(tokens)
    ends = [t.end for t in tokens]
    lost: list[Span] = []
    for span in sorted(spans):
        first = bisect.bisect_right(ends, span.start)  # first token ending after span.start
        covered = []
        for i in range(first, len(tokens)):
            if tokens[i].start >= span.end:
                break
            covered.append(i)
        if not covered or any(tags[i] != OUTSIDE for i in covered):
            lost.append(span)
            continue
        tags[covered[0]] = f"B-{span.label}"
        for i in covered[1:]:
            tags[i] = f"I-{span.label}"
    return tags, lost


def document_to_iob(
    doc: Document, tokens: Sequence[Token] | None = None, *, lost: list[Span] | None = None
) -> tuple[list[str], list[str]]:
    """Words and IOB2 tags of ``doc`` (words from :func:`word_tokenize` unless ``tokens`` given).

    Spans that cannot be expressed at word level (see :func:`spans_to_tags`) are logged
    as a warning naming the document and appended to ``lost`` when given.
    """
    if tokens is None:
        tokens = word_tokenize(doc.text)
    tags, dropped = spans_to_tags(doc.spans, tokens)
    if dropped:
        logger.warning(
            "document %s: %d span(s) left out of the word-level IOB tags (two spans in one word, or no word): %s",
            doc.id, len(dropped), "; ".join(f"{s.label} [{s.start}, {s.end}) {s.text!r}" for s in dropped),
        )
        if lost is not None:
            lost.extend(dropped)
    return [t.text for t in tokens], tags
