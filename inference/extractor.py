"""The public entry points: ``Extractor``, ``extract``, ``extract_many``, ``tag``.

An ``Extractor`` owns one loaded token classifier (loaded once, reused for every call) and
turns its spans into events with :func:`assemble`. The module-level functions keep one
``Extractor`` per model so ``extract(article)`` pays the model load only on its first call.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Protocol, Sequence

from araevents.document import Span
from araevents.events import Event

from .assemble import assemble

_ARABIC = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]")


class SpanTagger(Protocol):
    """Anything that tags texts: the model's :class:`Tagger`, or an oracle in evaluation."""

    def tag_many(self, texts: Sequence[str], batch_size: int = ...) -> list[list[Span]]: ...


def check_article(article: Any, what: str = "article") -> str:
    """Articles must be ``str``; say how to fix the common mistakes instead of failing later."""
    if isinstance(article, str):
        return article
    if isinstance(article, (bytes, bytearray)):
        raise TypeError(f"{what} must be str, got {type(article).__name__}; decode it first, e.g. data.decode('utf-8')")
    if article is None:
        raise TypeError(f"{what} must be str, got None")
    if isinstance(article, (list, tuple)):
        raise TypeError(f"{what} must be str, got {type(article).__name__}; use extract_many() for several articles")
    raise TypeError(f"{what} must be str, got {type(article).__name__}")


def check_articles(articles: Any) -> list[str]:
    """A list of articles from any iterable of ``str``; a lone string would be split into characters."""
    if isinstance(articles, (str, bytes, bytearray)):
        raise TypeError(
            f"articles must be an iterable of str, got {type(articles).__name__}; use extract() for one article"
        )
    if isinstance(articles, Mapping):
        raise TypeError("articles must be an iterable of str, got a mapping; pass its .values()")
    if not isinstance(articles, Iterable):
        raise TypeError(f"articles must be an iterable of str, got {type(articles).__name__}")
    return [check_article(a, f"articles[{i}]") for i, a in enumerate(articles)]


def has_arabic(text: str) -> bool:
    return _ARABIC.search(text) is not None


class Extractor:
    """Diplomatic events from Arabic articles with one token classifier.

    ``model``: a local model folder or a Hugging Face Hub id (``None`` = the embedded model).
    ``tagger``: any object with ``tag_many(texts, batch_size)`` instead of a model (tests,
    oracle evaluation). ``batch_size`` counts model windows (≤ 512 tokens) per forward pass.
    ``rules``: complete the model's spans with the lexicon rules (:mod:`.rules`); ``False``
    gives the model's spans alone. ``backend``: ``auto`` (numpy for plain BERT folders on CPU,
    transformers otherwise), ``numpy`` or ``transformers`` (see :mod:`.tagger`). ``outside_bias``:
    log-probability added to ``O`` before decoding (default :data:`.tagger.OUTSIDE_BIAS`, a lean to
    fewer, surer spans; 0 decodes the model as it is).
    """

    def __init__(
        self, model: str | Path | None = None, *, device: str = "cpu", batch_size: int = 16,
        tagger: SpanTagger | None = None, rules: bool = True, backend: str = "auto",
        outside_bias: float | None = None,
    ) -> None:
        if tagger is not None and outside_bias is not None:
            raise ValueError("outside_bias sets how a loaded model is decoded; it has no effect on a given tagger")
        if tagger is None:
            from .tagger import OUTSIDE_BIAS, Tagger

            tagger = Tagger.load(model, device=device, backend=backend,
                                 outside_bias=OUTSIDE_BIAS if outside_bias is None else outside_bias)
            if rules:
                from .rules import RuleAugmentedTagger

                tagger = RuleAugmentedTagger(tagger)
        self.tagger = tagger
        self.batch_size = batch_size

    def tag(self, article: str) -> list[Span]:
        """The token classifier's spans (label, text, start, end, score) in ``article``'s offsets."""
        return self.tag_many([article])[0]

    def tag_many(self, articles: Iterable[str], batch_size: int | None = None) -> list[list[Span]]:
        texts = check_articles(articles)
        todo = [i for i, t in enumerate(texts) if t.strip() and has_arabic(t)]
        out: list[list[Span]] = [[] for _ in texts]
        if todo:
            tagged = self.tagger.tag_many([texts[i] for i in todo], batch_size=batch_size or self.batch_size)
            for i, spans in zip(todo, tagged):
                out[i] = spans
        return out

    def extract(self, article: str) -> list[Event]:
        """Events of one article; ``[]`` for empty or non-Arabic text."""
        return self.extract_many([check_article(article)])[0]

    def extract_many(
        self, articles: Iterable[str], batch_size: int | None = None, progress: bool = False, chunk: int = 64
    ) -> list[list[Event]]:
        """Events per article; windows of ``chunk`` articles at a time are batched through the model."""
        texts = check_articles(articles)
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(texts), unit="article", desc="extract")
        out: list[list[Event]] = []
        for k in range(0, len(texts), chunk):
            part = texts[k : k + chunk]
            for text, spans in zip(part, self.tag_many(part, batch_size)):
                out.append(assemble(text, spans) if spans else [])
            if bar is not None:
                bar.update(len(part))
        if bar is not None:
            bar.close()
        return out


_SHARED_LOCK = threading.Lock()


def _shared(model: str | None) -> Extractor:
    """The one shared ``Extractor`` per model; the lock makes threads' first calls load it once, not once each."""
    with _SHARED_LOCK:
        return _load_shared(model)


@lru_cache(maxsize=4)
def _load_shared(model: str | None) -> Extractor:
    return Extractor(model)


def _key(model: str | Path | None) -> str | None:
    return None if model is None else str(model)


def extract(article: str, model: str | Path | None = None) -> list[Event]:
    """Events of one Arabic article with the embedded model (or ``model``: folder or Hub id)."""
    check_article(article)
    if not article.strip() or not has_arabic(article):
        return []
    return _shared(_key(model)).extract(article)


def extract_many(
    articles: Iterable[str], model: str | Path | None = None, batch_size: int = 16, progress: bool = False
) -> list[list[Event]]:
    """Events for each article, model windows batched across articles."""
    texts = check_articles(articles)
    if not any(t.strip() and has_arabic(t) for t in texts):
        return [[] for _ in texts]
    return _shared(_key(model)).extract_many(texts, batch_size=batch_size, progress=progress)


def tag(article: str, model: str | Path | None = None) -> list[Span]:
    """The token classifier's spans for one article (label, text, start, end, score)."""
    check_article(article)
    if not article.strip() or not has_arabic(article):
        return []
    return _shared(_key(model)).tag(article)
