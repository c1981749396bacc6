"""YAML run configs: one file says everything a run needs, so a run is reproducible from it.

Configs are plain YAML mappings. ``load_config`` checks keys against the dataclass it fills,
so a typo (``learning_rte``) fails before any work starts instead of being ignored.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, TypeVar

import yaml

from araevents.errors import ConfigError

T = TypeVar("T")


def load_yaml(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"config file not found: {p}")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise ConfigError(f"{p}: invalid YAML: {e}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{p}: expected a mapping at the top level, got {type(data).__name__}")
    return data


def fill(cls: type[T], data: dict[str, Any], *, where: str) -> T:
    """Build dataclass ``cls`` from ``data``, naming unknown or missing keys in the error."""
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(fields))}")
    missing = [
        n for n, f in fields.items()
        if n not in data and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    if missing:
        raise ConfigError(f"{where}: missing required key(s) {', '.join(missing)}")
    data = dict(data)
    for name, value in data.items():
        annotation = str(fields[name].type)
        if value is None and "None" not in annotation and fields[name].default is not None:
            raise ConfigError(f"{where}: {name} needs a value")
        kind = _numeric_kind(annotation)
        if kind is not None and isinstance(value, str):
            # YAML 1.1 reads ``2e-4`` (no dot) as a string: take it as the number it was meant to be
            try:
                number = float(value)
            except ValueError:
                raise ConfigError(f"{where}: {name} must be a number, not {value!r}") from None
            if kind is int and not number.is_integer():
                raise ConfigError(f"{where}: {name} must be a whole number, not {value!r}")
            data[name] = kind(number)
    return cls(**data)


def _numeric_kind(annotation: Any) -> type | None:
    """``float`` or ``int`` for a field annotated as a plain number (optionally ``| None``)."""
    text = str(annotation).replace(" ", "")
    for kind in (float, int):
        if text in (kind.__name__, f"{kind.__name__}|None", f"None|{kind.__name__}", f"Optional[{kind.__name__}]"):
            return kind
    return None



def start_run(cfg: Any, config_name: str) -> Path:
    """Fix threads and seeds and record the config beside the run's outputs, before any work."""
    import torch
    from transformers import set_seed

    if getattr(cfg, "threads", None):
        torch.set_num_threads(cfg.threads)
    set_seed(cfg.seed)
    out = Path(cfg.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(dataclasses.asdict(cfg), indent=2, ensure_ascii=False)
    (out / config_name).write_text(text, encoding="utf-8")
    print("config:", json.dumps(dataclasses.asdict(cfg), ensure_ascii=False))
    return out
