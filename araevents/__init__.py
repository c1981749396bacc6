"""araevents: structured diplomatic events from Arabic news.

    >>> from araevents import extract
    >>> events = extract(article)          # list[Event], offsets into `article`

Names are resolved lazily (PEP 562) so ``import araevents`` does not import torch or
transformers; the model is loaded on the first ``extract()`` call and then reused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["extract", "extract_many", "tag", "Extractor", "Event", "Participant", "TextSpan", "__version__"]

_LAZY: dict[str, str] = {
    "extract": "araevents.inference.extractor",
    "extract_many": "araevents.inference.extractor",
    "tag": "araevents.inference.extractor",
    "Extractor": "araevents.inference.extractor",
    "Event": "araevents.events",
    "Participant": "araevents.events",
    "TextSpan": "araevents.events",
}

if TYPE_CHECKING:  # pragma: no cover
    from .events import Event, Participant, TextSpan
    from .inference.extractor import Extractor, extract, extract_many, tag


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'araevents' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
