"""The gold NER sources of the training corpus, read into our schema.

Each source is a CoNLL file read with :func:`araevents.formats.conll.read_conll` (no label
map: source types are kept and mapped here, because spans of *dropped* types still matter —
they block weak entity labels where the source annotator saw a non-schema entity) and
turned into :class:`GoldSentence`: schema spans + the ranges weak labels must respect +
the weak span types this source lacks and may take from the labeller.

Held out, never read here: ANERcorp CAMeL TEST (our external test set), Wojood test,
and NewsFANE (it repeats ANERcorp sentences, test part included).

Mapping tables (also in docs/data.md):

* ANERcorp: PERS→PER, LOC→LOC, ORG→ORG, MISC→dropped. No DATE gold → weak DATE added.
* Wojood sample (train+val, outermost column): PERS→PER, ORG→ORG, GPE→LOC, LOC→LOC,
  DATE→DATE, TIME→DATE (our DATE covers clock times: ``الساعة التاسعة مساءً`` in the seeds gold),
  OCC→ a ROLE_* found by the role lexicon inside the OCC span (with LOC/ORG names inside
  it from the gazetteers, as the schema splits ``مبعوث`` + ``الأمم المتحدة``), or dropped;
  every other type dropped.
* WikiFANE: see :data:`FANE_MAP`. No DATE gold → weak DATE added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Mapping

from araevents.document import Document, Span
from araevents.errors import UserError
from araevents.formats.conll import ConllStats, read_conll
from araevents.schema import ENTITY_TYPES, ROLE_TYPES, TRIGGER_TYPES

if TYPE_CHECKING:
    from .gazetteers import GoldStats

DATA = Path("data")

ANER_MAP: dict[str, str | None] = {"PERS": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": None}

WOJOOD_MAP: dict[str, str | None] = {
    "PERS": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "DATE": "DATE", "TIME": "DATE",
    "OCC": "OCC",  # resolved by the role lexicon (see module docstring)
}

_FANE_PER = ("Politician", "Religious_PER", "Artist", "Other_PER", "Scientist", "Athlete", "Businessperson",
             "Engineer", "Lawyer", "Police")
_FANE_ORG = ("Government", "Non-Governmental", "Commercial", "Educational", "Media", "Sports", "Religious_ORG",
             "Medical-Science", "Entertainment")
_FANE_LOC = ("Nation", "Population-Center", "State-or-Province", "County-or-District", "GPE-Cluster", "Continent",
             "Water-Body", "Land-Region-Natural", "Address", "Boundary")
#: WikiFANE fine classes → schema types. PER "Group" is a people (المسلمين، العرب), not a name: dropped.
#: Facilities (Building-Grounds, Airport, Path, Subarea-Facility), vehicles (Air, Land, Water),
#: products, weapons, celestial bodies: dropped (they block weak entity labels where they stand).
FANE_MAP: dict[str, str | None] = {
    **{k: "PER" for k in _FANE_PER}, **{k: "ORG" for k in _FANE_ORG}, **{k: "LOC" for k in _FANE_LOC},
}

#: weak types each source may receive (its gold covers the others)
_WEAK_ROLES_TRIGGERS = frozenset(ROLE_TYPES) | frozenset(TRIGGER_TYPES)


@dataclass(frozen=True)
class SourceSpec:
    name: str
    files: tuple[str, ...]
    label_map: Mapping[str, str | None]
    weak_types: frozenset[str]
    license: str
    soft_type: str | None = None  # gold type resolved by the labeller (Wojood OCC)
    soft_allowed: frozenset[str] = frozenset()


SOURCES: dict[str, SourceSpec] = {
    "anercorp": SourceSpec(
        "anercorp", ("anercorp/ANERCorp_CamelLab_style_train.txt",), ANER_MAP,
        _WEAK_ROLES_TRIGGERS | {"DATE"},
        "ANERcorp (Benajiba et al. 2007), CAMeL split: research use; listed as CC BY-SA 4.0 by third parties",
    ),
    "wojood": SourceSpec(
        "wojood", ("wojood_sample/train.txt", "wojood_sample/val.txt"), WOJOOD_MAP,
        _WEAK_ROLES_TRIGGERS,
        "Wojood public sample (Jarrar et al. 2022), SinaLab/ArabicNER repo MIT; research use with citation",
        soft_type="OCC", soft_allowed=frozenset(ROLE_TYPES) | {"LOC", "ORG"},
    ),
    "wikifane": SourceSpec(
        "wikifane", ("fane_gold/WikiFANE_Gold_2014_500K.txt.gz",), FANE_MAP,
        _WEAK_ROLES_TRIGGERS | {"DATE"},
        "WikiFANE Gold (Alotaibi & Lee 2014), CC BY-SA 3.0",
    ),
}

#: Files that must never enter the corpus (checked by :func:`read_source`).
FORBIDDEN = ("ANERCorp_CamelLab_style_test", "NewsFANE", "wojood_sample/test")


@dataclass
class GoldSentence:
    """A gold sentence: schema spans, ranges of dropped-type spans, soft ranges (OCC)."""

    doc: Document
    blocked: list[tuple[int, int]] = field(default_factory=list)
    soft: list[tuple[int, int]] = field(default_factory=list)


def _check_file(path: Path) -> None:
    if any(f in str(path) for f in FORBIDDEN):
        raise UserError(f"{path} is a held-out test file and must not be used for training")
    if not path.is_file():
        raise UserError(f"{path} not found (is --shared the shared data folder?)")


def read_source(spec: SourceSpec, shared: Path, stats: ConllStats | None = None) -> Iterator[GoldSentence]:
    """Sentences of one gold source mapped onto the schema (see the module docstring)."""
    for rel in spec.files:
        path = shared / DATA / rel
        _check_file(path)
        prefix = f"{spec.name}-{Path(rel).name.split('.')[0]}"
        for doc in read_conll(path, doc_id_prefix=prefix, source=spec.name, stats=stats):
            spans, blocked, soft = [], [], []
            for s in doc.spans:
                target = spec.label_map.get(s.label)
                if s.label == spec.soft_type:
                    soft.append((s.start, s.end))
                elif target in ENTITY_TYPES:
                    spans.append(Span(s.start, s.end, target, s.text))
                else:
                    blocked.append((s.start, s.end))
            yield GoldSentence(Document(doc.id, doc.text, spans, None, {"source": spec.name}), blocked, soft)


def gold_stats(shared: Path) -> GoldStats:
    """Word/entity counts over all gold training sources (cleans the gazetteers; see gazetteers.py)."""
    from araevents.formats.iob import whitespace_tokens

    from .gazetteers import GoldStats

    stats = GoldStats()
    for spec in SOURCES.values():
        for gs in read_source(spec, shared):
            toks = whitespace_tokens(gs.doc.text)
            starts = {t.start: i for i, t in enumerate(toks)}
            ends = {t.end: i + 1 for i, t in enumerate(toks)}
            spans = [(starts[s.start], ends[s.end], s.label) for s in gs.doc.spans if s.start in starts and s.end in ends]
            spans += [(starts[a], ends[b], "X") for a, b in gs.blocked if a in starts and b in ends]
            stats.add_sentence([t.text for t in toks], spans)
    return stats
