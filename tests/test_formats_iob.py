"""IOB2 encoding/decoding: the repair rule, mid-word spans, and spans that cannot be tagged."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from araevents.document import Document, Span
from araevents.formats.iob import (
    Chunk,
    document_to_iob,
    iob_chunks,
    iob_to_spans,
    parse_tag,
    spans_to_tags,
    whitespace_tokens,
)
from araevents.text.tokenize import Token


def test_parse_tag():
    assert parse_tag("O") == ("O", None)
    assert parse_tag("B-PER") == ("B", "PER")
    assert parse_tag("I-Population-Center") == ("I", "Population-Center")
    for bad in ("B-", "E-PER", "b-PER", "PER", ""):
        with pytest.raises(ValueError, match="invalid IOB tag"):
            parse_tag(bad)


def test_chunks_strict_iob2():
    tags = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]
    assert iob_chunks(tags) == [Chunk("PER", 0, 2), Chunk("LOC", 3, 4), Chunk("LOC", 4, 6)]


def test_i_after_o_or_other_type_starts_a_repaired_chunk():
    tags = ["I-PER", "O", "I-PER", "I-PER", "B-ORG", "I-LOC"]
    assert iob_chunks(tags) == [
        Chunk("PER", 0, 1, repaired=True),
        Chunk("PER", 2, 4, repaired=True),
        Chunk("ORG", 4, 5),
        Chunk("LOC", 5, 6, repaired=True),
    ]


def test_iob_to_spans_uses_offsets_and_text():
    text = "التقى لافروف كيري في جنيف"
    tokens = whitespace_tokens(text)
    spans = iob_to_spans(tokens, ["B-EVT_MEETING", "B-PER", "B-PER", "O", "B-LOC"], text)
    assert [(s.label, s.text) for s in spans] == [("EVT_MEETING", "التقى"), ("PER", "لافروف"), ("PER", "كيري"), ("LOC", "جنيف")]
    assert all(text[s.start:s.end] == s.text for s in spans)
    assert iob_to_spans(tokens[:2], ["B-PER", "I-PER"])[0].text == ""  # no text given
    with pytest.raises(ValueError, match="2 tags for 5 tokens"):
        iob_to_spans(tokens, ["O", "O"])


def test_span_starting_after_a_clitic_labels_the_whole_word():
    text = "وقال المبعوث الأممي إن واشنطن"
    doc = Document("d", text)
    doc.add_span(1, 4, "EVT_STATEMENT")  # قال inside وقال
    doc.add_span(5, 19, "ROLE_ENVOY")  # المبعوث الأممي
    doc.add_span(23, 28, "LOC")  # واشن: ends mid-word, still the whole word
    words, tags = document_to_iob(doc)
    assert words == ["وقال", "المبعوث", "الأممي", "إن", "واشنطن"]
    assert tags == ["B-EVT_STATEMENT", "B-ROLE_ENVOY", "I-ROLE_ENVOY", "O", "B-LOC"]


def test_word_tokenizer_splits_punctuation_from_words():
    doc = Document("d", "قال كيري: «لا».")
    doc.add_span(4, 8, "PER")
    words, tags = document_to_iob(doc)
    assert words[:3] == ["قال", "كيري", ":"]
    assert tags[:3] == ["O", "B-PER", "O"]


def test_untaggable_spans_are_reported_not_dropped_silently(caplog):
    doc = Document("doc-7", "ولبنان وسوريا")
    doc.add_span(0, 1, "LOC")  # و
    doc.add_span(1, 6, "LOC")  # لبنان: same word as the span before
    doc.spans.append(Span(6, 7, "LOC", " "))  # covers no word
    lost: list[Span] = []
    with caplog.at_level(logging.WARNING, logger="araevents.formats.iob"):
        words, tags = document_to_iob(doc, lost=lost)
    assert tags == ["B-LOC", "O"]
    assert [(s.start, s.end) for s in lost] == [(1, 6), (6, 7)]
    assert "doc-7" in caplog.text and "2 span(s)" in caplog.text


def test_spans_to_tags_returns_lost_spans():
    tokens = [Token("أ", 0, 1), Token("ب", 2, 3)]
    tags, lost = spans_to_tags([Span(0, 3, "PER"), Span(2, 3, "LOC")], tokens)
    assert tags == ["B-PER", "I-PER"] and lost == [Span(2, 3, "LOC")]


_TAG = st.sampled_from(["O", "B-PER", "I-PER", "B-LOC", "I-LOC"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_TAG, max_size=12))
def test_decode_then_encode_gives_repaired_iob2(tags):
    """Any tag sequence decodes to spans that re-encode to valid IOB2 decoding to the same spans."""
    text = " ".join(f"w{i}" for i in range(len(tags)))
    tokens = whitespace_tokens(text)
    spans = iob_to_spans(tokens, tags, text)
    encoded, lost = spans_to_tags(spans, tokens)
    assert not lost
    assert iob_to_spans(tokens, encoded, text) == spans
    assert not any(c.repaired for c in iob_chunks(encoded))
    # the repair only ever changes an I- into a B- of the same type
    for old, new in zip(tags, encoded):
        assert old == new or (old.startswith("I-") and new == "B-" + old[2:])


def test_repair_tags_turns_orphan_inside_tags_into_beginnings():
    from araevents.formats.iob import repair_tags

    assert repair_tags(["O", "I-PER", "I-PER", "B-LOC", "I-ORG", "O"]) == ["O", "B-PER", "I-PER", "B-LOC", "B-ORG", "O"]
    assert repair_tags([]) == []
