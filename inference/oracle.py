"""Oracle taggers: gold spans instead of model output, to measure event assembly alone.

``OracleTagger`` returns known spans for known texts. ``for_gold`` takes them from the seeds
span gold (``seeds/gold/spans.jsonl``) where an article has it, and otherwise derives them
from the article's event gold: every occurrence of an actor name, trigger, location and time
string, widened to whole words as the model would tag them (``ولافروف``), plus role phrases
found by a small pattern list (event gold has no role spans). The derived oracle is an upper
bound for entity/trigger recall, not a model: it never misses a gold name.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence

from araevents.document import Span

from .lexicon import demonym_state

_ROLE_PATTERNS: list[tuple[str, str]] = [
    ("ROLE_FOREIGN_MINISTER", r"(?:وزير|وزيرة|وزيرا|وزيري)\s+(?:ال)?خارجي(?:ة|ه)|نظير(?:ه|ها|هم|ته)|وزراء\s+(?:ال)?خارجية"),
    ("ROLE_HEAD_OF_GOVERNMENT", r"رئيس\s+(?:الوزراء|الحكومة|وزراء)"),
    ("ROLE_MINISTER", r"(?:نائب\s+)?(?:وزير|وزيرة)\s+(?!(?:ال)?خارجي)\S+"),
    ("ROLE_SECRETARY_GENERAL", r"(?:ال)?أمين\s+(?:ال)?عام"),
    ("ROLE_HEAD_OF_STATE", r"(?:ال)?رئيس(?!\s+(?:الوزراء|الحكومة|وزراء))|(?:ال)?ملك|العاهل|أمير|ولي\s+(?:ولي\s+)?العهد|السلطان"),
    ("ROLE_ENVOY", r"(?:ال)?مبعوث|(?:ال)?موفد|الممثل\s+الخاص"),
    ("ROLE_AMBASSADOR", r"(?:ال)?سفير|(?:ال)?مندوب"),
    ("ROLE_SPOKESPERSON", r"(?:ال)?(?:متحدث|متحدثة|ناطق|ناطقة)\s+باسم"),
]
_PRIORITY = {"PER": 0, "ORG": 0, "LOC": 1, "DATE": 3}


def _prio(label: str) -> int:
    return _PRIORITY.get(label, 2)


def _widen(text: str, s: int, e: int) -> tuple[int, int]:
    while s > 0 and text[s - 1].isalpha():
        s -= 1
    while e < len(text) and (text[e].isalpha() or text[e] in "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"):
        e += 1
    return s, e


def _resolve(text: str, cands: list[tuple[int, int, str]]) -> list[Span]:
    """Non-overlapping spans: entities before roles before triggers before dates, longer first."""
    taken: list[tuple[int, int]] = []
    out = []
    for s, e, lab in sorted(cands, key=lambda c: (_prio(c[2]), -(c[1] - c[0]), c[0])):
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        out.append(Span(s, e, lab, text[s:e]))
    return sorted(out)


def gold_spans(text: str, actors: Sequence[dict[str, Any]], events: Sequence[dict[str, Any]]) -> list[Span]:
    """Spans derived from event gold (see module docstring)."""
    cands: list[tuple[int, int, str]] = []

    def add_all(needle: str | None, label: str) -> None:
        if not needle:
            return
        for m in re.finditer(re.escape(needle), text):
            s, e = _widen(text, m.start(), m.end())
            cands.append((s, e, label))

    for a in actors:
        for n in a.get("names", []):
            add_all(n, a.get("kind", "PER"))
    for ev in events:
        for t in ev.get("triggers", []):
            add_all(t, "EVT_" + ev["type"])
        add_all(ev.get("location"), "LOC")
        add_all(ev.get("time"), "DATE")
    for label, pat in _ROLE_PATTERNS:
        for m in re.finditer(pat, text):
            s, e = _widen(text, m.start(), m.end())
            nxt = re.match(r"\s+(\S+)", text[e:])
            if nxt and demonym_state(nxt.group(1).rstrip("،,.")) is not None:
                e = e + nxt.start(1) + len(nxt.group(1).rstrip("،,."))
            cands.append((s, e, label))
    return _resolve(text, cands)


class OracleTagger:
    """Returns stored spans for known texts (``[]`` for unknown ones)."""

    def __init__(self, spans_by_text: dict[str, list[Span]]) -> None:
        self.table = spans_by_text

    def tag_many(self, texts: Sequence[str], batch_size: int = 0) -> list[list[Span]]:
        return [list(self.table.get(t, [])) for t in texts]

    @classmethod
    def for_gold(cls, items: Sequence[Any], spans_jsonl: str | Path | None = None) -> "OracleTagger":
        table: dict[str, list[Span]] = {}
        path = Path(spans_jsonl) if spans_jsonl else Path(__file__).resolve().parent.parent / "seeds" / "gold" / "spans.jsonl"
        if path.is_file():
            from araevents.document import Document, iter_jsonl_records

            for _, record in iter_jsonl_records(path):
                doc = Document.from_dict(record)
                table[doc.text] = list(doc.spans)
        for it in items:
            if it.text not in table:
                table[it.text] = gold_spans(it.text, it.actors, it.events)
        return cls(table)

