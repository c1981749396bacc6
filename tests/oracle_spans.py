"""Hand-made ("oracle") spans for assembly tests, and the offset check every event must pass."""

from __future__ import annotations

from araevents.document import Span


def spans(text: str, *items: tuple, default_score: float | None = None) -> list[Span]:
    """Spans from ``(substring, label[, occurrence[, score]])`` items, found in ``text`` in order."""
    out = []
    for item in items:
        sub, label = item[0], item[1]
        nth = item[2] if len(item) > 2 else 0
        score = item[3] if len(item) > 3 else default_score
        i = -1
        for _ in range(nth + 1):
            i = text.index(sub, i + 1)
        out.append(Span(i, i + len(sub), label, sub, score))
    return out


def check_offsets(text: str, events) -> None:
    for e in events:
        for sp in [e.trigger, e.sentence, *e.triggers, e.location, e.time]:
            if sp is not None:
                assert text[sp.start : sp.end] == sp.text
        for p in e.participants + e.source + e.target:
            for m in p.mentions:
                assert text[m.start : m.end] == m.text


def people_by_name(text: str, sp: list[Span]) -> dict:
    """Every participant of the events assembled from ``sp``, by name (a later event's wins)."""
    from araevents.inference.assemble import assemble

    return {p.name: p for ev in assemble(text, sp) for p in ev.participants}
