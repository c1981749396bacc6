"""Lexicon rules beside the model: spans the model missed, from the weak labeller's curated lists.

The embedded model is small and learned from weak labels, so it misses some forms its
teacher knows. At inference the same high-precision labeller (``araevents.training.weak_labels``,
curated lexicons only: no third-party gazetteer is needed or shipped) proposes spans, and
:func:`merge_spans` adds those that overlap no model span and widens a model span that a rule
span of the same label contains: the model decides wherever it spoke, the rules fill silence
and finish spans the model cut short. ``Extractor(rules=False)`` gives the model's spans alone.
"""

from __future__ import annotations

import bisect
import threading
from typing import Sequence

from araevents.document import Span
from araevents.schema import is_trigger

_LOCK = threading.Lock()
_LABELLER = None


def rule_labeller():
    """The weak labeller over the curated lexicons, built once per process (about a second)."""
    global _LABELLER
    with _LOCK:
        if _LABELLER is None:
            from araevents.training.weak_labels import WeakLabeller, default_lexicons

            _LABELLER = WeakLabeller(default_lexicons(None))
    return _LABELLER


def merge_spans(model_spans: Sequence[Span], rule_spans: Sequence[Span]) -> list[Span]:
    """Model spans, widened where a rule span of the same label contains them, plus every rule
    span that overlaps none of them, in text order.

    The model decides the label wherever it spoke; the lexicon gives the extent when both agree
    on the label but the model stopped early (``وزير`` | ``الخارجية الإيراني``), and fills silence.
    Model spans never overlap each other, so a rule span overlaps a run of consecutive ones.
    """
    kept = sorted(model_spans)
    starts = [s.start for s in kept]
    ends = [s.end for s in kept]
    out: list[Span | None] = list(kept)
    for r in rule_spans:
        lo = bisect.bisect_right(ends, r.start)  # first model span ending after r starts
        hi = bisect.bisect_left(starts, r.end)  # past the last model span starting before r ends
        if lo >= hi:
            out.append(r)
        elif hi - lo == 1 and kept[lo].label == r.label and r.start <= kept[lo].start and kept[lo].end <= r.end:
            m = kept[lo]
            out[lo] = Span(r.start, r.end, m.label, r.text, m.score)  # out[:len(kept)] is kept
        elif (head := name_before_trigger(kept[lo], r)) is not None and all(r.end >= m.end for m in kept[lo + 1 : hi]):
            # the trigger also takes what the model tagged inside the rest of it (``هاتفيين`` as a role)
            out[lo] = head
            for k in range(lo + 1, hi):
                out[k] = None
            out.append(r)
    return sorted(sp for sp in out if sp is not None)


def name_before_trigger(m: Span, r: Span) -> Span | None:
    """A person's name the model ran on into the first words of a lexicon trigger (``سامح شكري اتصالين`` |
    ``اتصالين هاتفيين``, ``آل صالح يثمن``): the name, cut where the trigger's first word begins;
    None unless the trigger starts at a word of the name and runs to its end or past it."""
    if m.label != "PER" or not is_trigger(r.label) or not m.start < r.start < m.end <= r.end:
        return None
    k = r.start - m.start
    if len(m.text) != m.end - m.start or not m.text[k - 1].isspace():
        return None  # ``فيصل``: a proclitic reading inside a word is no word of its own
    head = m.text[:k].rstrip(" \t\n\u00a0،,:;-–")
    return Span(m.start, m.start + len(head), m.label, head, m.score)


class RuleAugmentedTagger:
    """A tagger whose spans are completed by the lexicon rules (see module docstring)."""

    def __init__(self, tagger) -> None:
        self.tagger = tagger
        self.model = getattr(tagger, "model", None)

    def tag_many(self, texts: Sequence[str], batch_size: int = 16) -> list[list[Span]]:
        labeller = rule_labeller()
        tagged = self.tagger.tag_many(texts, batch_size=batch_size)
        return [merge_spans(spans, labeller.label(text)) for text, spans in zip(texts, tagged)]
