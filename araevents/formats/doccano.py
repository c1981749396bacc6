"""doccano sequence-labelling exports (JSONL) → documents.

One JSON object per line. The layouts doccano has produced over its versions, all read:

* current: ``{"id": 7, "text": "...", "label": [[start, end, "LABEL"], ...]}``
* older 1.x: the same with ``"labels"``, or the text under ``"data"``;
* projects with relations: ``{"text": ..., "entities": [{"start_offset", "end_offset", "label"}], "relations": [...]}``
* 0.x: ``"annotations": [{"start_offset", "end_offset", "label"}]``; numeric label ids
  (its default) cannot be resolved without the project's label list and are an error.

Offsets are character offsets into ``text`` (end exclusive). ``relations`` and other keys
are ignored; every record keeps its line number in ``meta["line"]`` so validation
errors point at the export line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Mapping

from ..document import Document, Span, iter_jsonl_records
from ..validation import AnnotationError
from .labels import check_label_map

_SPAN_LIST_KEYS = ("label", "labels")
_SPAN_OBJECT_KEYS = ("entities", "annotations")


def is_doccano_record(record: Mapping[str, Any]) -> bool:
    """True for a record in one of the doccano layouts (used by format detection)."""
    if "spans" in record:
        return False
    has_text = isinstance(record.get("text"), str) or isinstance(record.get("data"), str)
    return has_text and any(k in record for k in _SPAN_LIST_KEYS + _SPAN_OBJECT_KEYS)


def doccano_record_to_document(
    record: Mapping[str, Any],
    *,
    path: str | Path | None = None,
    line: int | None = None,
    label_map: Mapping[str, str | None] | None = None,
) -> Document:
    """Convert one doccano record; :class:`AnnotationError` (naming path:line) if it is not one.

    ``label_map`` renames labels (``None`` drops them); labels outside the map are kept
    as they are and judged by validation, which suggests the closest schema type.
    """

    def error(message: str) -> AnnotationError:
        return AnnotationError(message, path=path, line=line)

    text = record.get("text", record.get("data"))
    if not isinstance(text, str):
        raise error('doccano record has no "text" string')
    raw: list[tuple[Any, Any, Any]] = []
    key = next((k for k in _SPAN_LIST_KEYS + _SPAN_OBJECT_KEYS if k in record), None)
    items = record.get(key, []) if key else []
    if not isinstance(items, list):
        raise error(f'"{key}" must be a list, got {type(items).__name__}')
    for item in items:
        if key in _SPAN_LIST_KEYS:
            if isinstance(item, str):
                raise error(f'"{key}" holds plain strings ({item!r}): this is a text-classification export, '
                            "not sequence labelling")
            if not (isinstance(item, (list, tuple)) and len(item) == 3):
                raise error(f'each "{key}" item must be [start, end, "LABEL"], got {item!r}')
            raw.append(tuple(item))
        else:
            if not isinstance(item, Mapping) or not {"start_offset", "end_offset", "label"} <= item.keys():
                raise error(f'each "{key}" item must have start_offset, end_offset and label, got {item!r}')
            raw.append((item["start_offset"], item["end_offset"], item["label"]))
    spans = []
    for start, end, label in raw:
        if isinstance(label, int) and not isinstance(label, bool):
            raise error(f"label is a numeric id ({label}) as in doccano 0.x exports; re-export with label names "
                        "from a current doccano")
        if not isinstance(label, str):
            raise error(f"label must be a string, got {label!r}")
        if label_map is not None and label in label_map:
            label = label_map[label]
            if label is None:
                continue
        ok = all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end))
        spans.append(Span(start, end, label, text[start:end] if ok else ""))
    doc_id = record.get("id")
    default_id = f"{Path(path).stem}-{line}" if path is not None else str(line or "")
    return Document(
        id=str(doc_id) if doc_id is not None else default_id,
        text=text,
        spans=spans,
        meta={"line": line, **({"file": Path(path).name} if path is not None else {})},
    )


def read_doccano(
    path: str | Path,
    label_map: Mapping[str, str | None] | None = None,
    *,
    errors: list[AnnotationError] | None = None,
) -> Iterator[Document]:
    """Yield a document per record of a doccano JSONL export.

    A bad record raises :class:`AnnotationError`; with ``errors=[]`` it is appended there
    and skipped instead.
    """
    if label_map is not None:
        check_label_map(label_map)
    for lineno, record in iter_jsonl_records(path):
        try:
            yield doccano_record_to_document(record, path=path, line=lineno, label_map=label_map)
        except AnnotationError as e:
            if errors is None:
                raise
            errors.append(e)
