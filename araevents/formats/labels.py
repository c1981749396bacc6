"""Label maps: how a corpus's or annotation tool's label names become schema span types.

A map sends a source name to a schema span type, or to ``None`` to drop it (e.g. MISC).
Dropping is only ever explicit: readers refuse source names that are neither in the map
nor exact schema span types, so a new tag in a corpus cannot vanish unnoticed.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from ..schema import SPAN_TYPES
from ..validation import AnnotationError, suggest_label

LabelMap = Mapping[str, "str | None"]

#: Right-hand sides of ``--label-map`` that mean "drop this label".
DROP_WORDS = ("", "-", "none", "None", "DROP", "drop")


def check_label_map(label_map: LabelMap) -> None:
    """Every target must be a schema span type or ``None``; the error suggests the closest."""
    for source, target in label_map.items():
        if target is not None and target not in SPAN_TYPES:
            hint = suggest_label(target)
            raise AnnotationError(
                f"label map sends {source!r} to {target!r}, which is not a schema span type"
                + (f"; did you mean {hint!r}?" if hint else f"; expected one of {', '.join(SPAN_TYPES)}")
            )


def parse_label_map(items: Iterable[str]) -> dict[str, str | None]:
    """``["PERS=PER", "MISC=-"]`` → ``{"PERS": "PER", "MISC": None}`` (checked)."""
    label_map: dict[str, str | None] = {}
    for item in items:
        source, sep, target = item.partition("=")
        if not sep or not source.strip():
            raise AnnotationError(f"bad label map entry {item!r}: expected SOURCE=TARGET (TARGET '-' drops SOURCE)")
        target = target.strip()
        label_map[source.strip()] = None if target in DROP_WORDS else target
    check_label_map(label_map)
    return label_map


def map_label(label: str, label_map: LabelMap | None) -> str | None:
    """Schema type for ``label``: via the map, else unchanged if already a schema type.

    With no map at all the label is returned unchanged (validation judges it later).
    ``KeyError`` when a map is given and ``label`` is neither a key nor a schema type;
    readers turn that into an :class:`AnnotationError` naming file and line.
    """
    if label_map is None:
        return label
    if label in label_map:
        return label_map[label]
    if label in SPAN_TYPES:
        return label
    raise KeyError(label)


def unmapped_message(label: str) -> str:
    return (
        f"label {label!r} is neither a schema span type nor in the label map; "
        f"add it to the map (SOURCE=TYPE, or SOURCE=- to drop it)"
    )
