"""Annotation validation with errors that name the file, line and span at fault.

Every converter ends here: :func:`load_documents` reads any supported annotation file,
checks every document with :func:`validate_document` and reports *all* problems at once
(the first 20), so a user fixes an export in one pass instead of one error per run.
Labels must be exact schema span types; near misses (``person``, ``MEETING``,
``ENVOY``) get a "did you mean" hint rather than a silent guess.
"""

from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from .errors import UserError
from .schema import ENTITY_TYPES, ROLE_PREFIX, SPAN_TYPES, TRIGGER_PREFIX

if TYPE_CHECKING:
    from .document import Document, Span

#: How many problems one :func:`load_documents` error lists.
MAX_REPORTED = 20

#: Common names annotators use for the entity types (suggestions only, never applied).
_ALIASES = {
    "PERSON": "PER", "PERS": "PER", "PEOPLE": "PER",
    "ORGANIZATION": "ORG", "ORGANISATION": "ORG", "ORGS": "ORG",
    "LOCATION": "LOC", "GPE": "LOC", "PLACE": "LOC", "COUNTRY": "LOC", "CITY": "LOC",
    "TIME": "DATE", "TIMEX": "DATE",
    "ROLE": "ROLE_OFFICIAL", "TITLE": "ROLE_OFFICIAL", "OCC": "ROLE_OFFICIAL",
}


_TYPES_HINT = ", ".join(ENTITY_TYPES) + f", {ROLE_PREFIX}*, {TRIGGER_PREFIX}*"


class AnnotationError(UserError):
    """A problem in an annotation file; ``str()`` reads ``file:line: message``.

    ``problems`` holds the individual errors when one error reports several.
    """

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        *,
        problems: Sequence["AnnotationError"] = (),
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.problems = list(problems)
        where = ""
        if self.path:
            where = self.path + (f":{line}" if line is not None else "") + ": "
        elif line is not None:
            where = f"line {line}: "
        super().__init__(where + message)


def suggest_label(name: str) -> str | None:
    """The schema span type a user most likely meant by ``name``, or None."""
    if not isinstance(name, str) or not name.strip():
        return None
    key = name.strip().upper().replace("-", "_").replace(" ", "_")
    if key in SPAN_TYPES:
        return key
    if key in _ALIASES:
        return _ALIASES[key]
    for prefix in (TRIGGER_PREFIX, ROLE_PREFIX):
        if prefix + key in SPAN_TYPES:
            return prefix + key
    close = difflib.get_close_matches(key, SPAN_TYPES, n=1, cutoff=0.6)
    return close[0] if close else None


def describe_span(span: "Span | Mapping[str, Any]") -> str:
    """``PER [3, 8) 'كيري'``: how every message names a span."""
    get = span.get if isinstance(span, Mapping) else lambda k, d=None: getattr(span, k, d)
    text = get("text", "") or ""
    return f"{get('label')} [{get('start')}, {get('end')})" + (f" {text!r}" if text else "")


def document_problems(doc: "Document") -> list[str]:
    """Every problem in ``doc`` as a message naming the document and span; empty if valid."""
    problems: list[str] = []
    who = f"document {doc.id!r}" if doc.id else "document"
    text = doc.text
    if not isinstance(text, str):
        return [f"{who}: text must be a string, got {type(text).__name__}"]
    if not text.strip():
        problems.append(f"{who}: text is empty or only whitespace")
    good: list["Span"] = []
    for span in doc.spans:
        where = f"{who}, span {describe_span(span)}"
        label, start, end = span.label, span.start, span.end
        if label not in SPAN_TYPES:
            hint = suggest_label(label)
            problems.append(
                f"{where}: unknown label {label!r}"
                + (f"; did you mean {hint!r}?" if hint else f"; expected a schema span type ({_TYPES_HINT})")
                + " (or map it with a label map: --label-map SOURCE=TYPE)"
            )
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)):
            problems.append(f"{where}: offsets must be integers")
            continue
        if not 0 <= start < end <= len(text):
            problems.append(f"{where}: offsets out of range (need 0 <= start < end <= {len(text)}, the text length)")
            continue
        actual = text[start:end]
        if span.text and span.text != actual:
            found = text.find(span.text)
            hint = f"; {span.text!r} occurs at [{found}, {found + len(span.text)})" if found >= 0 else ""
            problems.append(f"{where}: span text does not match text[{start}:{end}] = {actual!r}{hint}")
        elif not actual.strip():
            problems.append(f"{where}: span covers only whitespace")
        good.append(span)
    good.sort(key=lambda s: (s.start, s.end))
    for prev, cur in zip(good, good[1:]):
        if cur.start < prev.end:
            kind = "duplicate span" if (cur.start, cur.end) == (prev.start, prev.end) else "overlapping spans"
            problems.append(f"{who}: {kind} {describe_span(prev)} and {describe_span(cur)} (spans may not overlap)")
    return problems


def validate_document(doc: "Document", *, path: str | Path | None = None, line: int | None = None) -> None:
    """Raise :class:`AnnotationError` (naming ``path``:``line`` and the span) if ``doc`` is invalid."""
    problems = document_problems(doc)
    if not problems:
        return
    errors = [AnnotationError(p, path=path, line=line) for p in problems]
    if len(errors) == 1:
        raise errors[0]
    raise AnnotationError(
        f"{len(errors)} problems:\n" + "\n".join(f"  {e}" for e in errors), path=path, line=line, problems=errors
    )


def load_documents(
    path: str | Path,
    *,
    format: str = "auto",
    label_map: Mapping[str, str | None] | None = None,
    column: int = 1,
) -> list["Document"]:
    """Read an annotation file of any supported format, convert, validate every document.

    ``format`` is ``auto`` (by extension, then by content; see
    :func:`araevents.formats.detect_format`), ``jsonl`` (araevents), ``doccano``,
    ``labelstudio`` or ``conll``. ``label_map`` renames (or, with ``None``, drops) source
    labels; ``column`` is the CoNLL tag column. Raises ONE :class:`AnnotationError`
    listing the first :data:`MAX_REPORTED` problems, each with ``file:line``.
    """
    from .formats import read_documents

    errors: list[AnnotationError] = []
    docs = []
    unknown: Counter[str] = Counter()
    for line, doc in read_documents(path, format=format, label_map=label_map, column=column, errors=errors):
        problems = document_problems(doc)
        if problems:
            errors.extend(AnnotationError(p, path=path, line=line) for p in problems)
            unknown.update(s.label for s in doc.spans if s.label not in SPAN_TYPES)
        else:
            docs.append(doc)
    if errors:
        shown = errors[:MAX_REPORTED]
        more = f"\n  ... and {len(errors) - len(shown)} more" if len(errors) > len(shown) else ""
        summary = ""
        if unknown:  # all unknown names at once, so one label map fixes them all
            summary = ("\n  unknown labels in the whole file (count): "
                       + ", ".join(f"{k} {v}" for k, v in unknown.most_common())
                       + "; map each to a schema type or drop it (SOURCE=TYPE or SOURCE=-)")
        raise AnnotationError(
            f"{len(errors)} problem(s) found; nothing was converted. First {len(shown)}:\n"
            + "\n".join(f"  {e}" for e in shown)
            + more
            + summary,
            path=path,
            problems=errors,
        )
    if not docs:
        raise AnnotationError("no documents found", path=path)
    return docs
