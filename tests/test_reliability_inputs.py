"""Whatever the web produces, ``extract``/``tag`` return and every offset is exact.

The tiny random-weight model is the right model here: its labels are random, so spans of
every type land on arbitrary words, and the assembly rules meet span combinations a trained
model would rarely produce. Each property checks, for every TextSpan of every event and every
tagged span, ``0 <= start <= end <= len(article)`` and ``article[start:end] == text``.

The model is loaded once for the module. torch is pinned to one intra-op thread while these
tests run: on two shared, busy cores the tiny model is ~40x slower with two threads spinning.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from araevents.document import Span
from araevents.events import Event, TextSpan, events_to_json
from araevents.inference.extractor import Extractor

from samples import SENTENCES

REGRESSION = Path(__file__).parent / "regression"

SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

WORDS = sorted({w for s in SENTENCES for w in s.split()})
# Pieces of real-world mess, each one a reason something has broken before somewhere.
FRAGMENTS = [
    "&amp;", "&#1575;", "&#x627;", "&nbsp;", "&lt;b&gt;", "&#0;", "&#99999999;", "&bogus;", "<br/>", "<br />",
    "<script>alert('x')</script>", "<p dir=\"rtl\">", "</p>", "<", ">", "<<<", "http://t.co/x?a=1&b=2", "www.x.org",
    "a@b.com", "@user_1", "#وسم_عربي", "\u200f", "\u200e", "\u202b", "\u202e", "\u202c", "\u2067", "\u2069",
    "\u061c", "\ufeff", "\u200b", "\u200c", "\u200d", "\u00ad", "\u064e\u0651", "\u0640\u0640\u0640", "\u0670",
    "\u0654", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "٣٫٥", "2015م", "١٤٣٧هـ", "👨\u200d👩\u200d👧\u200d👦", "🇸🇦", "🇷🇺",
    "👍🏽", "❤️", "1️⃣", "😂😂😂", "\x00", "\x1b[0m", "\x7f", "\x85", "\u2028", "\u2029", "\r\n", "\r", "\n\n",
    "\t", "\u00a0", "\u3000", "\ud800", "\udfff", "\ud83d", "\ude00", "ﻻ", "ﷲ", "ﺍﻟﻘﺎﻫﺮﺓ", "Lavrov", "G20",
    "پ", "ژ", "ی", "Москва", "北京", "...", "…", "!!!!", "؟؟", "،", "؛", "«", "»", "\"", "(", ")", ".", " ", " ",
    "ا" * 300, "لافروف" * 40, "!" * 200,
]
# Every code point, lone surrogates included (hypothesis leaves them out unless told).
ANY_CHAR = st.characters(codec=None, exclude_categories=[])
chunk = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(FRAGMENTS), st.text(ANY_CHAR, min_size=1, max_size=4)
)
messy_articles = st.lists(chunk, max_size=60).map("".join)


@pytest.fixture(scope="module")
def ex(tiny_model_dir: Path) -> Iterator[Extractor]:
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield Extractor(tiny_model_dir)
    torch.set_num_threads(threads)


def all_spans(events: list[Event]) -> Iterator[TextSpan]:
    for e in events:
        yield e.trigger
        yield e.sentence
        yield from e.triggers
        for p in (*e.participants, *e.source, *e.target):
            yield from p.mentions
        if e.location is not None:
            yield e.location
        if e.time is not None:
            yield e.time


def assert_exact(article: str, events: list[Event], spans: list[Span]) -> None:
    n = len(article)
    for s in [*all_spans(events), *spans]:
        assert isinstance(s.start, int) and isinstance(s.end, int), s
        assert 0 <= s.start <= s.end <= n, (s, n)
        assert article[s.start : s.end] == s.text, s
    dicts = json.loads(events_to_json(events))  # the wire format is always producible...
    assert [Event.from_dict(d).to_dict() for d in dicts] == dicts  # ...and reads back unchanged


def check(ex: Extractor, article: str) -> list[Event]:
    events = ex.extract(article)
    assert_exact(article, events, ex.tag(article))
    return events


# --------------------------------------------------------------------------- properties


@SETTINGS
@given(messy_articles)
def test_messy_articles_never_raise_and_offsets_are_exact(ex: Extractor, article: str) -> None:
    check(ex, article)


@SETTINGS
@given(st.text(ANY_CHAR, max_size=80))
def test_arbitrary_unicode_never_raises(ex: Extractor, article: str) -> None:
    check(ex, article)


@SETTINGS
@given(st.data())
def test_real_sentences_with_mess_inserted_keep_exact_offsets(ex: Extractor, data: st.DataObject) -> None:
    article = " ".join(data.draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4)))
    for _ in range(data.draw(st.integers(1, 8))):
        pos = data.draw(st.integers(0, len(article)))
        article = article[:pos] + data.draw(st.sampled_from(FRAGMENTS)) + article[pos:]
    check(ex, article)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(messy_articles, min_size=1, max_size=5))
def test_extract_many_accepts_any_iterable_and_keeps_offsets(ex: Extractor, articles: list[str]) -> None:
    results = ex.extract_many(a for a in articles)  # a generator, as a pipeline would stream them
    assert len(results) == len(articles)
    for article, events in zip(articles, results):
        assert_exact(article, events, [])


# --------------------------------------------------------------------------- regression corpus


def read_regression(path: Path) -> str:
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="ascii"))
    return path.read_bytes().decode("utf-8")  # exact bytes: CRLF and lone CR stay as they are


CORPUS = sorted(p for p in REGRESSION.iterdir() if p.suffix in (".txt", ".json"))


def test_every_regression_file_is_documented() -> None:
    readme = (REGRESSION / "README.md").read_text(encoding="utf-8")
    assert CORPUS and all(f"`{p.name}`" in readme for p in CORPUS)


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_regression_corpus(ex: Extractor, path: Path) -> None:
    article = read_regression(path)
    first = [e.to_dict() for e in check(ex, article)]
    assert [e.to_dict() for e in ex.extract(article)] == first  # deterministic


# --------------------------------------------------------------------------- long inputs


def test_200k_character_article(ex: Extractor) -> None:
    mess = "".join(FRAGMENTS[:40])
    article = ((" ".join(SENTENCES) + "\n" + mess + "\n") * 400)[:200_000]
    assert len(article) == 200_000
    events = check(ex, article)
    assert events  # the random model finds triggers everywhere in a text this long


@pytest.mark.parametrize(
    "article",
    [
        pytest.param(" ".join(s.rstrip(".") for s in SENTENCES) * 75, id="30k_chars_no_sentence_break"),
        pytest.param("ب" + "لافروف" * 15_000 + " " + SENTENCES[0], id="90k_char_word"),
        pytest.param(SENTENCES[0] + "ه" * 100_000 + "!" * 50_000, id="150k_repeated_chars"),
        pytest.param(SENTENCES[1] + "\n" * 50_000 + SENTENCES[2], id="50k_line_breaks"),
        pytest.param(SENTENCES[3] + " ." * 30_000, id="30k_periods"),
    ],
)
def test_pathological_long_inputs(ex: Extractor, article: str) -> None:
    check(ex, article)


# --------------------------------------------------------------------------- determinism, threads


def thread_articles() -> list[str]:
    corpus = [read_regression(p) for p in CORPUS if p.stat().st_size < 5_000]
    return corpus + [" ".join(SENTENCES[i:] + SENTENCES[:i]) for i in range(len(SENTENCES))]


def test_same_input_twice_gives_the_same_output(ex: Extractor) -> None:
    article = " ".join(SENTENCES) + " " + "".join(FRAGMENTS[:30])
    assert [e.to_dict() for e in ex.extract(article)] == [e.to_dict() for e in ex.extract(article)]
    assert [s.to_dict() for s in ex.tag(article)] == [s.to_dict() for s in ex.tag(article)]


def test_eight_threads_give_the_serial_results(ex: Extractor) -> None:
    articles = thread_articles()
    serial = [[e.to_dict() for e in ex.extract(a)] for a in articles]
    assert any(serial), "the check needs some events to compare"
    start = threading.Barrier(8)

    def run(worker: int) -> list[tuple[int, list[dict]]]:
        start.wait()  # all eight threads call extract at the same moment
        return [(i, [e.to_dict() for e in ex.extract(articles[i])]) for i in range(worker, len(articles), 8)]

    with ThreadPoolExecutor(8) as pool:
        parallel = dict(pair for chunk in pool.map(run, range(8)) for pair in chunk)
    assert [parallel[i] for i in range(len(articles))] == serial


def test_shared_extractor_is_loaded_once_by_concurrent_first_calls(
    tiny_model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil
    import time

    import araevents
    from araevents.inference import tagger as tagger_mod

    model = shutil.copytree(tiny_model_dir, tmp_path / "model")  # a path no earlier call has loaded
    real_load = tagger_mod.Tagger.load.__func__
    loads: list[int] = []

    def slow_load(cls, *args, **kwargs):  # widen the window in which a second thread could start a load
        loads.append(1)
        time.sleep(0.3)
        return real_load(cls, *args, **kwargs)

    monkeypatch.setattr(tagger_mod.Tagger, "load", classmethod(slow_load))
    start = threading.Barrier(8)

    def first_call(_: int) -> list[dict]:
        start.wait()
        return [e.to_dict() for e in araevents.extract(SENTENCES[0], model=model)]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(first_call, range(8)))
    assert len(loads) == 1
    assert all(r == results[0] for r in results)
