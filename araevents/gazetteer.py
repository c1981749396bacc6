"""State names, capitals and nationality adjectives → the canonical state name of event gold.

Event gold writes an affiliation as a plain state (or organisation) name (``روسيا``,
``الولايات المتحدة``, ``الأمم المتحدة``) even when the article only says ``الروسي`` or
``موسكو``; inference and the weak labeller both need that mapping, so it ships as data
files in ``araevents/resources`` (built by ``araevents.training.gazetteers`` from our
curated lists plus mledoze/countries, ODbL, and large cities of world-cities, CC BY 4.0)
and is read here once, lazily.

Lookups are done on folded text (:func:`fold`), after stripping one proclitic
(و/ف/ب/ل/ك, ``لل`` → ``ال``) when the full word is unknown, so ``وروسيا`` and
``للأميركي`` resolve too.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .text.normalize import fold
from .text.proclitics import proclitic_readings

#: Shipped with the package (pyproject package-data ``resources/*``).
RESOURCES = Path(__file__).resolve().parent / "resources"


class StateEntry(NamedTuple):
    canonical: str
    kind: str  # "state", "capital" or "org"


class KnownActor(NamedTuple):
    affiliation: str  # canonical state or organisation
    role: str | None  # a Role value, when the corpus is clear about it


#: Person name → state table mined from news by ``araevents build-actors`` (training/actor_dictionary.py).
ACTORS_FILE = RESOURCES / "actors.tsv"


class DemonymEntry(NamedTuple):
    canonical: str
    form: str  # e.g. "m.sg.def", "f.sg", "pl.def"


def _rows(name: str) -> list[list[str]]:
    text = (RESOURCES / name).read_text(encoding="utf-8")
    return [row for row in csv.reader(text.splitlines(), delimiter="\t") if row and not row[0].startswith("#")]


@lru_cache(maxsize=1)
def states_table() -> dict[str, StateEntry]:
    """Folded variant → entry; the first row for a variant wins (curated rows come first)."""
    table: dict[str, StateEntry] = {}
    for row in _rows("states.tsv")[1:]:
        table.setdefault(fold(row[0]), StateEntry(row[1], row[2]))
    return table


@lru_cache(maxsize=1)
def demonyms_table() -> dict[str, DemonymEntry]:
    table: dict[str, DemonymEntry] = {}
    for row in _rows("demonyms.tsv")[1:]:
        table.setdefault(fold(row[0]), DemonymEntry(row[1], row[2]))
    return table


@lru_cache(maxsize=1)
def actors_table() -> dict[str, KnownActor]:
    """Folded person name → its state and role; empty when the table is not shipped."""
    if not ACTORS_FILE.is_file():
        return {}
    return {row[0]: KnownActor(row[1], row[2] or None) for row in _rows(ACTORS_FILE.name)[1:]}


def _candidates(word: str) -> list[str]:
    """The folded word, then its readings without proclitics (``text.proclitics.proclitic_readings``)."""
    return list(dict.fromkeys(form for form, _ in proclitic_readings(fold(word.strip()), min_stem=3)))


def demonym_to_state(word: str) -> str | None:
    """``الروسي``/``روسية``/``الأميركيين``/``الأممي`` → ``روسيا``/.../``الأمم المتحدة``; None if not a demonym."""
    table = demonyms_table()
    for c in _candidates(word):
        entry = table.get(c)
        if entry is not None:
            return entry.canonical
    return None


#: Words naming a form of state (folded), which may stand before the state's own name.
STATE_FORMS = frozenset(fold(w) for w in ("دولة", "مملكة", "جمهورية", "سلطنة", "إمارة", "امارة"))


#: Oman and Amman (Jordan's capital) fold alike: a bare one names neither state for sure.
OMAN_OR_AMMAN = fold("عمان")


def canonical_state(name: str) -> str | None:
    """A state/organisation name or a capital (``موسكو``, ``المملكة العربية السعودية``) → canonical name.

    Multi-word names are matched whole (after folding and whitespace normalisation);
    returns None when the name is not a known state, capital or international organisation.
    """
    key = " ".join(fold(name).split())
    table = states_table()
    if key == OMAN_OR_AMMAN and ("\u064f" in name or "\u0651" in name):
        # Oman and Amman (Jordan's capital) fold alike; a written vowel tells them apart: عُمان, عمّان
        return canonical_state("سلطنة عمان" if "\u064f" in name else "الأردن")
    if key in table:
        return table[key].canonical
    first, _, tail = key.partition(" ")
    for c in _candidates(first)[1:]:
        entry = table.get(f"{c} {tail}".strip())
        if entry is not None:
            return entry.canonical
    # ``دولة الإمارات العربية المتحدة``, ``مملكة المغرب``: a form of state before a state's own name
    if tail and any(c in STATE_FORMS for c in _candidates(first)):
        entry = table.get(tail)
        if entry is not None and entry.kind == "state":
            return entry.canonical
    return None


@lru_cache(maxsize=1)
def cities_table() -> dict[str, str]:
    """Folded city name → canonical state (``cities.tsv``; absent from an older install: empty)."""
    if not (RESOURCES / "cities.tsv").is_file():
        return {}
    return {fold(row[0]): row[1] for row in _rows("cities.tsv")[1:]}


def city_state(name: str) -> str | None:
    """The state a large city lies in (``النجف`` → العراق, ``جنيف`` → سويسرا), else None.

    Kept apart from :func:`canonical_state`: a meeting in جنيف is not a meeting with Switzerland,
    but a visit to النجف is a visit to العراق (one trip told twice).
    """
    table = cities_table()
    return next((table[c] for c in _candidates(" ".join(fold(name).split())) if c in table), None)


def state_kind(name: str) -> str | None:
    """``"state"``, ``"capital"`` or ``"org"`` for a known name, else None."""
    entry = states_table().get(" ".join(fold(name).split()))
    return entry.kind if entry else None
