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
    out = list(kept)
    for r in rule_spans:
        lo = bisect.bisect_right(ends, r.start)  # first model span ending after r starts
        hi = bisect.bisect_left(starts, r.end)  # past the last model span starting before r ends
        if lo >= hi:
            out.append(r)
        elif hi - lo == 1 and kept[lo].label == r.label and r.start <= kept[lo].start and kept[lo].end <= r.end:
            m = kept[lo]
            out[lo] = Span(r.start, r.end, m.label, r.text, m.score)  # out[:len(kept)] is kept
    return sorted(out)


class RuleAugmentedTagger:
    """A tagger whose spans are completed by the lexicon rules (see module docstring)."""

    def __init__(self, tagger) -> None:
        self.tagger = tagger
        self.model = getattr(tagger, "model", None)

    def tag_many(self, texts: Sequence[str], batch_size: int = 16) -> list[list[Span]]:
        labeller = rule_labeller()
        tagged = self.tagger.tag_many(texts, batch_size=batch_size)
        return [merge_spans(spans, labeller.label(text)) for text, spans in zip(texts, tagged)]
