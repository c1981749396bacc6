"""Annotation formats → :class:`~araevents.document.Document`: CoNLL/BIO, doccano, Label Studio.

Readers (each yields documents, raises :class:`~araevents.validation.AnnotationError`
naming file and line, or collects errors into ``errors=[]``):

* :func:`read_conll` / :func:`write_conll` — word-per-line IOB files (:mod:`.conll`)
* :func:`read_doccano` — doccano JSONL exports (:mod:`.doccano`)
* :func:`read_labelstudio` — Label Studio JSON / JSON-MIN exports (:mod:`.labelstudio`)
* :func:`document_to_iob`, :func:`iob_to_spans` — the IOB2 encoding (:mod:`.iob`)

:func:`read_documents` picks the reader (:func:`detect_format`); most callers want
:func:`araevents.validation.load_documents`, which also validates everything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, Mapping

from ..document import Document, iter_jsonl_records
from ..validation import AnnotationError
from .conll import ConllStats, read_conll, write_conll
from .doccano import is_doccano_record, read_doccano
from .iob import document_to_iob, iob_chunks, iob_to_spans
from .labels import check_label_map, parse_label_map
from .labelstudio import read_labelstudio

__all__ = [
    "FORMATS", "ConllStats", "detect_format", "read_documents", "read_conll", "write_conll", "read_doccano",
    "read_labelstudio", "document_to_iob", "iob_to_spans", "iob_chunks", "parse_label_map",
]

#: Format names accepted by ``format=`` and ``araevents convert --format``.
FORMATS = ("auto", "jsonl", "doccano", "labelstudio", "conll")

_CONLL_SUFFIXES = (".conll", ".txt", ".bio", ".iob", ".tsv")


def detect_format(path: str | Path) -> str:
    """``conll`` by extension (``.conll .txt .bio .iob .tsv``, optionally ``.gz``); otherwise
    by content: a JSON list is Label Studio, JSON lines with ``spans`` are araevents JSONL,
    with ``label``/``labels``/``entities`` doccano."""
    path = Path(path)
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    if suffixes and suffixes[-1] in _CONLL_SUFFIXES:
        return "conll"
    with open(path, encoding="utf-8-sig") as f:
        head = f.read(1 << 16)
    stripped = head.lstrip()
    if stripped.startswith("["):
        return "labelstudio"
    if stripped.startswith("{"):
        for line, record in iter_jsonl_records(path):
            if "spans" in record and "text" in record:
                return "jsonl"
            if is_doccano_record(record):
                return "doccano"
            raise AnnotationError(
                "cannot tell the format from the first record (keys: "
                f"{', '.join(map(str, record))}); pass --format", path=path, line=line)
    if not stripped:
        raise AnnotationError("file is empty", path=path)
    return "conll"  # word-per-line text under another extension


def _read_araevents_jsonl(
    path: Path, label_map, errors: list[AnnotationError] | None
) -> Iterator[tuple[int, Document]]:
    for line, record in iter_jsonl_records(path):
        try:
            if "text" not in record:
                raise AnnotationError('record has no "text"', path=path, line=line)
            doc = Document.from_dict(record)
        except (KeyError, TypeError, ValueError) as e:
            err = e if isinstance(e, AnnotationError) else AnnotationError(f"bad record: {e!r}", path=path, line=line)
            if errors is None:
                raise err from None
            errors.append(err)
            continue
        if label_map is not None:
            kept = []
            for s in doc.spans:
                label = label_map.get(s.label, s.label)
                if label is not None:
                    kept.append(type(s)(s.start, s.end, label, s.text, s.score))
            doc.spans = kept
        yield line, doc


def read_documents(
    path: str | Path,
    *,
    format: str = "auto",
    label_map: Mapping[str, str | None] | None = None,
    column: int = 1,
    errors: list[AnnotationError] | None = None,
) -> Iterator[tuple[int | None, Document]]:
    """Yield ``(line, document)`` for an annotation file in any supported format (not validated).

    ``line`` is where the document starts in the file (converted documents also keep it
    in ``meta["line"]``; araevents JSONL documents are returned unchanged). For the JSON
    formats ``label_map`` renames/drops the labels it names and leaves others to
    validation; for CoNLL it is strict (see :func:`read_conll`).
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no such annotation file: {path}")
    if format not in FORMATS:
        raise AnnotationError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}", path=path)
    if label_map is not None:
        check_label_map(label_map)
    fmt = detect_format(path) if format == "auto" else format
    if fmt == "jsonl":
        return _read_araevents_jsonl(path, label_map, errors)
    if fmt == "conll":
        docs = read_conll(path, label_map, column=column, errors=errors)
    elif fmt == "doccano":
        docs = read_doccano(path, label_map, errors=errors)
    else:
        docs = read_labelstudio(path, label_map, errors=errors)
    return ((doc.meta.get("line"), doc) for doc in docs)
