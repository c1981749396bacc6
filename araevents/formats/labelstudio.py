"""Label Studio exports (JSON and JSON-MIN) of a ``<Labels>`` + ``<Text>`` project → documents.

JSON (the full export) is a list of tasks::

    [{"id": 1, "data": {"text": "..."},
      "annotations": [{"id": 5, "was_cancelled": false,
                       "result": [{"type": "labels", "from_name": "label", "to_name": "text",
                                   "value": {"start": 0, "end": 4, "text": "كيري", "labels": ["PER"]}}]}]}]

A task can carry several annotations (several annotators, or redone work). We take the
**first annotation that is not cancelled** (``was_cancelled``: the annotator skipped the
task) and record its id in ``meta["annotation_id"]``; the others are ignored, and how
many there were is logged. Tasks with no usable annotation are skipped with a warning
(an unannotated task is not a task with no entities). ``predictions`` are ignored.
Pre-1.0 exports call annotations ``completions``; they are read the same way.

JSON-MIN is a list of flat records, one per annotation: the task's data fields
(``text``), ``id``, and per labelling control a list of ``{start, end, text, labels}``.
When several records share an ``id`` the first is taken, as above.

Results of other types (``choices``, ``relation``, ``textarea``...) carry no spans and
are ignored; ``hypertextlabels``/``paragraphlabels`` use XPath offsets and are refused.
Each span must have exactly one label. ``value.text``, when present, is kept as the
span text so validation catches offsets that do not point at it.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Iterator, Mapping

from ..document import Document, Span
from ..validation import AnnotationError
from .labels import check_label_map

logger = logging.getLogger(__name__)

_SPAN_RESULT = "labels"
_REFUSED_RESULTS = ("hypertextlabels", "paragraphlabels")
_MIN_META_KEYS = {"id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time", "agreement"}


def iter_json_array(path: str | Path) -> Iterator[tuple[int, Any]]:
    """Yield ``(line, item)`` for each element of a top-level JSON list, so errors can
    name the line where the element starts (``json.load`` forgets positions)."""
    raw = Path(path).read_text(encoding="utf-8-sig")
    decoder = json.JSONDecoder()
    pos, line, counted = 0, 1, 0

    def line_at(i: int) -> int:
        nonlocal line, counted
        line += raw.count("\n", counted, i)
        counted = i
        return line

    def skip(i: int) -> int:
        while i < len(raw) and raw[i] in " \t\r\n":
            i += 1
        return i

    pos = skip(pos)
    if not raw.startswith("[", pos):
        raise AnnotationError("expected a JSON list of tasks (the file should start with '[')", path=path,
                              line=line_at(pos))
    pos = skip(pos + 1)
    if raw.startswith("]", pos):
        return
    while True:
        try:
            item, end = decoder.raw_decode(raw, pos)
        except json.JSONDecodeError as e:
            raise AnnotationError(f"invalid JSON: {e.msg} (column {e.colno})", path=path, line=e.lineno) from None
        yield line_at(pos), item
        pos = skip(end)
        if raw.startswith(",", pos):
            pos = skip(pos + 1)
        elif raw.startswith("]", pos):
            return
        else:
            raise AnnotationError("invalid JSON: expected ',' or ']' after a list element", path=path,
                                  line=line_at(min(pos, len(raw))))


def _task_text(data: Any, error) -> str:
    if not isinstance(data, Mapping):
        raise error('"data" must be an object holding the task text')
    if isinstance(data.get("text"), str):
        return data["text"]
    strings = [k for k, v in data.items() if isinstance(v, str)]
    if len(strings) == 1:
        return data[strings[0]]
    raise error(f'cannot tell which "data" field is the text: no "text" field and '
                f"{len(strings)} string fields ({', '.join(strings) or 'none'})")


def _value_span(value: Any, text: str, label_map, error) -> Span | None:
    if not isinstance(value, Mapping) or not {"start", "end", "labels"} <= value.keys():
        raise error(f"a labels result must have a value with start, end and labels, got {value!r}")
    labels = value["labels"]
    if not isinstance(labels, list) or len(labels) != 1 or not isinstance(labels[0], str):
        raise error(f"each span needs exactly one label, got labels={labels!r} at "
                    f"[{value['start']}, {value['end']})")
    label: str | None = labels[0]
    if label_map is not None and label in label_map:
        label = label_map[label]
        if label is None:
            return None
    start, end = value["start"], value["end"]
    ok = all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end))
    span_text = value.get("text") if isinstance(value.get("text"), str) else (text[start:end] if ok else "")
    return Span(start, end, label, span_text)


def labelstudio_task_to_document(
    task: Mapping[str, Any],
    *,
    path: str | Path | None = None,
    line: int | None = None,
    label_map: Mapping[str, str | None] | None = None,
) -> Document | None:
    """Convert one full-export task or JSON-MIN record; None when it has no usable annotation."""

    def error(message: str) -> AnnotationError:
        return AnnotationError(message, path=path, line=line)

    if not isinstance(task, Mapping):
        raise error(f"expected a task object, got {type(task).__name__}")
    meta: dict[str, Any] = {"line": line, **({"file": Path(path).name} if path is not None else {})}
    spans: list[Span | None] = []
    if "data" in task:
        text = _task_text(task["data"], error)
        annotations = task.get("annotations", task.get("completions")) or []
        if not isinstance(annotations, list):
            raise error('"annotations" must be a list')
        usable = [a for a in annotations if isinstance(a, Mapping) and not a.get("was_cancelled")]
        if not usable:
            return None
        chosen = usable[0]
        if len(annotations) > 1:
            meta["annotations_in_task"] = len(annotations)
        if chosen.get("id") is not None:
            meta["annotation_id"] = chosen["id"]
        results = chosen.get("result", [])
        if not isinstance(results, list):
            raise error('"result" must be a list')
        for r in results:
            kind = r.get("type") if isinstance(r, Mapping) else None
            if kind in _REFUSED_RESULTS:
                raise error(f"{kind} results (HTML/paragraph offsets) are not supported; use a <Text> task")
            if kind == _SPAN_RESULT:
                spans.append(_value_span(r.get("value"), text, label_map, error))
    else:  # JSON-MIN
        text = task.get("text")
        if not isinstance(text, str):
            raise error(f'JSON-MIN record has no "text" string (keys: {", ".join(map(str, task.keys()))})')
        for key, value in task.items():
            if key in _MIN_META_KEYS or not isinstance(value, list):
                continue
            for v in value:
                if isinstance(v, Mapping) and "labels" in v:
                    spans.append(_value_span(v, text, label_map, error))
        if task.get("annotation_id") is not None:
            meta["annotation_id"] = task["annotation_id"]
    task_id = task.get("id")
    default_id = f"{Path(path).stem}-{line}" if path is not None else str(line or "")
    return Document(
        id=str(task_id) if task_id is not None else default_id,
        text=text,
        spans=[s for s in spans if s is not None],
        meta=meta,
    )


def read_labelstudio(
    path: str | Path,
    label_map: Mapping[str, str | None] | None = None,
    *,
    errors: list[AnnotationError] | None = None,
) -> Iterator[Document]:
    """Yield a document per annotated task of a Label Studio JSON or JSON-MIN export.

    A bad task raises :class:`AnnotationError`; with ``errors=[]`` it is appended there
    and skipped instead. Skipped unannotated tasks and repeated ids are logged.
    """
    if label_map is not None:
        check_label_map(label_map)
    seen: set[str] = set()
    unannotated: list[str] = []
    repeated = multi = 0
    for line, task in iter_json_array(path):
        try:
            doc = labelstudio_task_to_document(task, path=path, line=line, label_map=label_map)
        except AnnotationError as e:
            if errors is None:
                raise
            errors.append(e)
            continue
        if doc is None:
            unannotated.append(f"{task.get('id')} (line {line})")
            continue
        if doc.id in seen:  # JSON-MIN: one record per annotation
            repeated += 1
            continue
        seen.add(doc.id)
        multi += "annotations_in_task" in doc.meta
        yield doc
    if unannotated:
        logger.warning("%s: skipped %d task(s) without a non-cancelled annotation: %s%s", path, len(unannotated),
                       ", ".join(unannotated[:10]), " ..." if len(unannotated) > 10 else "")
    if multi or repeated:
        logger.warning("%s: %d task(s) had several annotations and %d record(s) repeated a task id; "
                       "the first non-cancelled annotation of each task was used", path, multi, repeated)
