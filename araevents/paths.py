"""Where the package keeps the things it ships."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: The embedded default model: a HF token-classification folder shipped inside the package.
DEFAULT_MODEL_DIR = PACKAGE_DIR / "default_model"
#: Names that mean "the embedded model" wherever a model path or Hub id is accepted.
EMBEDDED_ALIASES = ("embedded", "default")


def resolve_model_ref(ref: str | Path | None) -> str:
    """A model reference as the user gave it, with ``None``/``"embedded"`` → the shipped model folder."""
    if ref is None or str(ref) in EMBEDDED_ALIASES:
        return str(DEFAULT_MODEL_DIR)
    return str(ref)
