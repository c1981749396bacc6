"""The event output of ``extract()`` (schema.md, "Event output") as plain dataclasses.

Dataclasses rather than dicts so users get attribute access and type hints; every object has
``to_dict()`` that yields exactly the JSON of the spec, so ``json.dumps`` of the list is the
documented wire format. Every span keeps offsets into the caller's ORIGINAL string, so
``article[span.start:span.end] == span.text`` always holds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TextSpan:
    """A slice ``article[start:end]`` of the user's original article."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "TextSpan":
        return cls(str(d["text"]), int(d["start"]), int(d["end"]))


@dataclass
class Participant:
    """One actor of an event: a person, or a state/organisation acting as a whole.

    ``name`` is the fullest surface form the article uses; ``affiliation`` is the state or
    organisation a person represents (``روسيا`` even when the article only says ``الروسي``),
    and for a state named by its capital (``واشنطن``) the state's plain name.
    """

    name: str
    kind: str  # PER, ORG or LOC
    role: str | None = None
    affiliation: str | None = None
    mentions: list[TextSpan] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "affiliation": self.affiliation,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Participant":
        return cls(
            name=str(d["name"]),
            kind=str(d.get("kind", "PER")),
            role=d.get("role"),
            affiliation=d.get("affiliation"),
            mentions=[TextSpan.from_dict(m) for m in d.get("mentions", [])],
        )


@dataclass
class Event:
    """One real-world diplomatic event, merged over all sentences that mention it.

    ``trigger`` is the first trigger mention, ``triggers`` all of them. ``source``/``target``
    are non-empty only for directed events (visitor→host, accuser→accused, ...) and hold
    participants that also appear in ``participants``.
    """

    type: str
    cameo: str
    plover: str
    mode: str | None
    trigger: TextSpan
    sentence: TextSpan
    participants: list[Participant] = field(default_factory=list)
    source: list[Participant] = field(default_factory=list)
    target: list[Participant] = field(default_factory=list)
    location: TextSpan | None = None
    time: TextSpan | None = None
    modality: str = "asserted"
    score: float = 0.0
    triggers: list[TextSpan] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "cameo": self.cameo,
            "plover": self.plover,
            "mode": self.mode,
            "trigger": self.trigger.to_dict(),
            "triggers": [t.to_dict() for t in self.triggers],
            "participants": [p.to_dict() for p in self.participants],
            "source": [p.to_dict() for p in self.source],
            "target": [p.to_dict() for p in self.target],
            "location": self.location.to_dict() if self.location else None,
            "time": self.time.to_dict() if self.time else None,
            "sentence": self.sentence.to_dict(),
            "modality": self.modality,
            "score": round(float(self.score), 4),
        }

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        opt = lambda k: TextSpan.from_dict(d[k]) if d.get(k) else None  # noqa: E731
        return cls(
            type=str(d["type"]),
            cameo=str(d["cameo"]),
            plover=str(d["plover"]),
            mode=d.get("mode"),
            trigger=TextSpan.from_dict(d["trigger"]),
            sentence=TextSpan.from_dict(d["sentence"]),
            participants=[Participant.from_dict(p) for p in d.get("participants", [])],
            source=[Participant.from_dict(p) for p in d.get("source", [])],
            target=[Participant.from_dict(p) for p in d.get("target", [])],
            location=opt("location"),
            time=opt("time"),
            modality=str(d.get("modality", "asserted")),
            score=float(d.get("score", 0.0)),
            triggers=[TextSpan.from_dict(t) for t in d.get("triggers", [])],
        )


def events_to_json(events: list[Event], pretty: bool = False) -> str:
    """The documented wire format: a JSON list of event objects, Arabic kept readable."""
    return json.dumps([e.to_dict() for e in events], ensure_ascii=False, indent=2 if pretty else None)
