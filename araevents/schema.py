"""Label schema v1 (``shared/spec/schema.md``) in code, once.

Every other module imports the span types, IOB2 labels, roles, event types and the
CAMEO/PLOVER mapping from here, so the order of ``LABELS`` (and therefore the model's
``id2label``) is fixed in exactly one place. Changing anything here changes the contract
between annotations, the model and the event output: document the reason in
``docs/schema.md`` first.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

SCHEMA_VERSION = "1"

ENTITY_TYPES: tuple[str, ...] = ("PER", "ORG", "LOC", "DATE")


class Role(str, Enum):
    """Diplomatic offices an actor can hold (the ``role`` field of events and gold)."""

    HEAD_OF_STATE = "HEAD_OF_STATE"
    HEAD_OF_GOVERNMENT = "HEAD_OF_GOVERNMENT"
    FOREIGN_MINISTER = "FOREIGN_MINISTER"
    MINISTER = "MINISTER"
    ENVOY = "ENVOY"
    AMBASSADOR = "AMBASSADOR"
    SPOKESPERSON = "SPOKESPERSON"
    SECRETARY_GENERAL = "SECRETARY_GENERAL"
    OFFICIAL = "OFFICIAL"


class EventType(str, Enum):
    """The ten event types; the trigger span type is ``EVT_`` + value."""

    MEETING = "MEETING"
    PHONE_CALL = "PHONE_CALL"
    VISIT = "VISIT"
    NEGOTIATION = "NEGOTIATION"
    STATEMENT = "STATEMENT"
    AGREEMENT = "AGREEMENT"
    ACCUSATION = "ACCUSATION"
    APPEAL = "APPEAL"
    REJECTION = "REJECTION"
    REDUCE_RELATIONS = "REDUCE_RELATIONS"


class Modality(str, Enum):
    ASSERTED = "asserted"
    FUTURE = "future"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"


ROLE_PREFIX = "ROLE_"
TRIGGER_PREFIX = "EVT_"

ROLE_TYPES: tuple[str, ...] = tuple(ROLE_PREFIX + r.value for r in Role)
TRIGGER_TYPES: tuple[str, ...] = tuple(TRIGGER_PREFIX + e.value for e in EventType)

#: The 23 span types, in the fixed order that defines label ids.
SPAN_TYPES: tuple[str, ...] = ENTITY_TYPES + ROLE_TYPES + TRIGGER_TYPES

OUTSIDE = "O"

#: The 47 IOB2 labels: ``O`` first, then ``B-``/``I-`` per span type in ``SPAN_TYPES`` order.
LABELS: tuple[str, ...] = (OUTSIDE,) + tuple(
    f"{prefix}-{t}" for t in SPAN_TYPES for prefix in ("B", "I")
)

id2label: dict[int, str] = dict(enumerate(LABELS))
label2id: dict[str, int] = {label: i for i, label in id2label.items()}

assert len(SPAN_TYPES) == 23 and len(LABELS) == 47


@dataclass(frozen=True)
class EventCode:
    """How an event type maps onto the CAMEO and PLOVER ontologies used by event-data projects."""

    cameo: str
    plover: str
    mode: str | None = None


#: Event type → default CAMEO root code, PLOVER category and PLOVER mode (schema.md table).
EVENT_CODES: dict[EventType, EventCode] = {
    EventType.MEETING: EventCode("040", "CONSULT", "in-person"),
    EventType.PHONE_CALL: EventCode("041", "CONSULT", "phone"),
    EventType.VISIT: EventCode("042", "CONSULT", "visit"),
    EventType.NEGOTIATION: EventCode("046", "CONSULT", "negotiation"),
    EventType.STATEMENT: EventCode("010", "STATEMENT", None),
    EventType.AGREEMENT: EventCode("057", "AGREE", None),
    EventType.ACCUSATION: EventCode("112", "ACCUSE", None),
    EventType.APPEAL: EventCode("020", "REQUEST", None),
    EventType.REJECTION: EventCode("120", "REJECT", None),
    EventType.REDUCE_RELATIONS: EventCode("160", "REDUCE_RELATIONS", None),
}


def is_role(span_type: str) -> bool:
    return span_type.startswith(ROLE_PREFIX)


def is_trigger(span_type: str) -> bool:
    return span_type.startswith(TRIGGER_PREFIX)


def role_of(span_type: str) -> Role:
    """``ROLE_ENVOY`` → ``Role.ENVOY``; raises ``ValueError`` for a non-role type."""
    if not is_role(span_type):
        raise ValueError(f"{span_type!r} is not a role span type")
    return Role(span_type[len(ROLE_PREFIX):])


def event_type_of(span_type: str) -> EventType:
    """``EVT_MEETING`` → ``EventType.MEETING``; raises ``ValueError`` for a non-trigger type."""
    if not is_trigger(span_type):
        raise ValueError(f"{span_type!r} is not an event-trigger span type")
    return EventType(span_type[len(TRIGGER_PREFIX):])


def split_label(label: str) -> tuple[str, str | None]:
    """``B-PER`` → (``B``, ``PER``); ``O`` → (``O``, None). Raises ``ValueError`` if unknown."""
    if label not in label2id:
        raise ValueError(f"unknown label {label!r}; expected one of the {len(LABELS)} labels of schema v{SCHEMA_VERSION}")
    if label == OUTSIDE:
        return OUTSIDE, None
    prefix, span_type = label.split("-", 1)
    return prefix, span_type
