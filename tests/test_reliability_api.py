"""Wrong argument types fail at once with a TypeError that says what to pass instead.

No model is needed: types are checked before anything is loaded, so these run in
milliseconds (the Extractor methods are exercised with an oracle tagger).
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

import araevents
from araevents.inference.cli import to_json
from araevents.inference.extractor import Extractor
from araevents.inference.oracle import OracleTagger

NOT_STR = [None, b"\xd8\xa7", bytearray(b"x"), ["نص"], ("نص",), 42, 3.5, {"text": "نص"}, {"نص"}, SimpleNamespace(text="نص")]


@pytest.fixture(scope="module")
def oracle_extractor() -> Extractor:
    return Extractor(tagger=OracleTagger({}))


@pytest.mark.parametrize("bad", NOT_STR, ids=lambda b: type(b).__name__)
def test_extract_and_tag_reject_non_str(bad: object, oracle_extractor: Extractor) -> None:
    name = type(bad).__name__ if bad is not None else "None"
    for call in (araevents.extract, araevents.tag, oracle_extractor.extract, oracle_extractor.tag):
        with pytest.raises(TypeError, match=rf"must be str, got {name}"):
            call(bad)


@pytest.mark.parametrize(
    "bad, hint",
    [
        ("مقال واحد", "use extract\\(\\) for one article"),
        (b"bytes", "got bytes"),
        (None, "got NoneType"),
        (42, "got int"),
        ({"a": "نص"}, "pass its .values\\(\\)"),
    ],
    ids=["str", "bytes", "None", "int", "dict"],
)
def test_extract_many_rejects_a_non_iterable_or_a_single_article(bad: object, hint: str, oracle_extractor: Extractor) -> None:
    # A lone str is iterable: without the check every character would become an "article".
    for call in (araevents.extract_many, oracle_extractor.extract_many, oracle_extractor.tag_many):
        with pytest.raises(TypeError, match=rf"articles must be an iterable of str.*{hint}"):
            call(bad)


@pytest.mark.parametrize("bad", [None, b"x", 7, ["nested"]], ids=["None", "bytes", "int", "list"])
def test_extract_many_names_the_index_of_a_non_str_element(bad: object, oracle_extractor: Extractor) -> None:
    articles = ["نص أول", "second", bad, "نص"]
    for call in (araevents.extract_many, oracle_extractor.extract_many, oracle_extractor.tag_many):
        with pytest.raises(TypeError, match=r"articles\[2\] must be str"):
            call(articles)
        with pytest.raises(TypeError, match=r"articles\[2\] must be str"):
            call(iter(articles))  # a generator gets the same message


def test_extract_many_accepts_generators_and_tuples(oracle_extractor: Extractor) -> None:
    assert araevents.extract_many(a for a in ["", "no arabic"]) == [[], []]
    assert oracle_extractor.extract_many(("نص", "")) == [[], []]
    assert oracle_extractor.extract_many([]) == []


def test_extract_many_tags_in_chunks_not_all_at_once() -> None:
    """The streaming contract memory depends on: the tagger never sees more than ``chunk`` articles."""
    seen: list[int] = []

    class Recording(OracleTagger):
        def tag_many(self, texts, batch_size=16):
            seen.append(len(texts))
            return super().tag_many(texts, batch_size)

    ex = Extractor(tagger=Recording({}))
    out = ex.extract_many((f"مقال رقم {i}" for i in range(150)), chunk=64)
    assert len(out) == 150 and seen == [64, 64, 22]


def test_cli_json_escapes_lone_surrogates_so_output_encodes_as_utf8() -> None:
    record = {"text": "لافروف\ud83d كيري\ude00", "start": 0}
    out = to_json(record)
    out.encode("utf-8")  # raw lone surrogates would raise UnicodeEncodeError on the write
    assert "لافروف" in out and json.loads(out) == record
