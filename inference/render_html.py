"""A self-contained right-to-left HTML view: the article with highlighted spans + an events table."""

from __future__ import annotations

from html import escape
from typing import Sequence

from araevents.document import Span
from araevents.events import Event

_COLOURS = {"PER": "#ffd6a5", "ORG": "#caffbf", "LOC": "#9bf6ff", "DATE": "#e4c1f9", "ROLE": "#fdffb6", "EVT": "#ffadad"}

_CSS = """
body{font-family:'Noto Naskh Arabic','Amiri',Tahoma,sans-serif;max-width:60em;margin:2em auto;line-height:2}
mark{border-radius:.3em;padding:0 .15em} mark sub{font-size:.55em;color:#555;font-family:monospace}
table{border-collapse:collapse;width:100%;margin:1em 0} td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}
.article{white-space:pre-wrap} h2{border-bottom:1px solid #ddd}
"""


def _colour(label: str) -> str:
    return _COLOURS.get(label.split("_")[0], "#eee")


def render_article(text: str, spans: Sequence[Span]) -> str:
    """The article with each span wrapped in ``<mark>`` (non-overlapping spans, in order)."""
    out, pos = [], 0
    for sp in sorted(spans):
        if sp.start < pos:
            continue
        out.append(escape(text[pos : sp.start]))
        score = f" ({sp.score:.2f})" if sp.score is not None else ""
        out.append(
            f'<mark style="background:{_colour(sp.label)}" title="{escape(sp.label)}{score}">'
            f"{escape(text[sp.start:sp.end])}<sub>{escape(sp.label)}</sub></mark>"
        )
        pos = sp.end
    out.append(escape(text[pos:]))
    return '<div class="article">' + "".join(out) + "</div>"


def _who(parts) -> str:
    return "، ".join(
        escape(p.name) + (f" <small>({escape(p.role or '')}{'، ' if p.role and p.affiliation else ''}{escape(p.affiliation or '')})</small>" if (p.role or p.affiliation) else "")
        for p in parts
    )


def render_events(events: Sequence[Event]) -> str:
    rows = [
        "<tr><th>type</th><th>trigger</th><th>participants</th><th>source → target</th><th>where</th><th>when</th><th>modality</th><th>score</th></tr>"
    ]
    for e in events:
        direction = f"{_who(e.source)} → {_who(e.target)}" if (e.source or e.target) else ""
        rows.append(
            f"<tr><td>{e.type} <small>{e.cameo}</small></td><td>{escape('، '.join(t.text for t in e.triggers) or e.trigger.text)}</td>"
            f"<td>{_who(e.participants)}</td><td>{direction}</td><td>{escape(e.location.text) if e.location else ''}</td>"
            f"<td>{escape(e.time.text) if e.time else ''}</td><td>{e.modality}</td><td>{e.score:.2f}</td></tr>"
        )
    return "<table>" + "".join(rows) + "</table>"


def render_page(docs: Sequence[tuple[str, str, Sequence[Span], Sequence[Event]]], title: str = "araevents") -> str:
    """``docs``: (id, text, spans, events) per article."""
    body = []
    for doc_id, text, spans, events in docs:
        body.append(f"<section><h2>{escape(doc_id)}</h2>{render_events(events)}{render_article(text, spans)}</section>")
    return (
        f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{_CSS}</style></head><body>{''.join(body)}</body></html>\n"
    )
