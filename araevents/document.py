"""The one annotation format: article text + labelled character spans (+ optional events).

A :class:`Document` is what every converter produces and every consumer reads (training
data, gold seeds, user annotations). Spans always carry ``start``/``end`` character offsets
into the *original* text, like spaCy's ``Span``, so ``text[start:end] == span.text`` holds
everywhere. On disk a corpus is JSONL, one document per line::

    {"id": "000", "text": "...", "spans": [{"start": 0, "end": 4, "label": "PER", "text": "كيري"}],
     "events": [...], "meta": {"source": "seeds"}}

``events`` (optional) holds the article-level gold of ``shared/spec/event-gold.md``
(``actors`` + ``events``) unchanged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator


@dataclass(frozen=True, order=True)
class Span:
    """A labelled slice ``text[start:end]`` of a document's original text."""

    start: int
    end: int
    label: str
    text: str = field(compare=False, default="")
    score: float | None = field(compare=False, default=None)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "label": self.label, "text": self.text}
        if self.score is not None:
            d["score"] = round(float(self.score), 4)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Span":
        return cls(int(d["start"]), int(d["end"]), str(d["label"]), str(d.get("text", "")), d.get("score"))


@dataclass
class Document:
    """An article (or sentence) with its spans; ``gold`` holds article-level event gold, if any."""

    id: str
    text: str
    spans: list[Span] = field(default_factory=list)
    gold: dict[str, Any] | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def add_span(self, start: int, end: int, label: str) -> Span:
        span = Span(start, end, label, self.text[start:end])
        self.spans.append(span)
        return span

    def sorted_spans(self) -> list[Span]:
        return sorted(self.spans)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "text": self.text, "spans": [s.to_dict() for s in self.sorted_spans()]}
        if self.gold is not None:
            d["events"] = self.gold
        if self.meta:
            d["meta"] = self.meta
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Document":
        return cls(
            id=str(d.get("id", "")),
            text=d["text"],
            spans=[Span.from_dict(s) for s in d.get("spans", [])],
            gold=d.get("events"),
            meta=dict(d.get("meta", {})),
        )


def write_jsonl(docs: Iterable[Document], path: str | Path) -> int:
    """Write documents one per line (UTF-8, Arabic kept readable); returns how many."""
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for doc in docs:
            f.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n


def iter_jsonl_records(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, record)`` for each non-blank line; malformed JSON names file and line."""
    from .validation import AnnotationError

    with open(path, encoding="utf-8-sig") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise AnnotationError(f"invalid JSON: {e.msg} (column {e.colno})", path=path, line=lineno) from None
            if not isinstance(record, dict):
                raise AnnotationError(f"expected a JSON object, got {type(record).__name__}", path=path, line=lineno)
            yield lineno, record
