"""Lexicon rules complete the model's spans without ever overriding them."""

from __future__ import annotations

from araevents.document import Span
from araevents.inference.rules import merge_spans


def test_merge_keeps_model_spans_and_fills_gaps_only():
    model = [Span(0, 4, "PER", "كيري"), Span(10, 16, "LOC", "موسكو ")]
    rules = [Span(2, 6, "ORG", "xx"), Span(5, 9, "EVT_MEETING", "لقاء"), Span(15, 20, "DATE", "x"),
             Span(20, 25, "DATE", "اليوم")]
    merged = merge_spans(model, rules)
    assert merged == [model[0], Span(5, 9, "EVT_MEETING"), model[1], Span(20, 25, "DATE")]


def test_rules_find_roles_and_triggers_in_curated_lexicons():
    from araevents.inference.rules import rule_labeller

    text = "واجتمع وزير الخارجية الروسي سيرغي لافروف مع نظيره الأميركي في جنيف اليوم."
    got = {(s.label, text[s.start:s.end]) for s in rule_labeller().label(text)}
    assert ("EVT_MEETING", "اجتمع") in got
    assert ("ROLE_FOREIGN_MINISTER", "وزير الخارجية الروسي") in got
    assert ("LOC", "جنيف") in got
