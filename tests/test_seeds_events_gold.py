"""Checks the article-level event gold of the seed articles (``seeds/gold/events.jsonl``).

The format is ``shared/spec/event-gold.md``; the guideline is ``docs/event-annotation.md``.
Every check is done by :func:`validate_record`, which returns a list of problems (empty
when the record is valid). The gold must produce no problems, and the mutation tests
below prove that each kind of mistake is caught, so this file can really fail.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from araevents.schema import EventType, Modality, Role

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = SEEDS / "gold" / "events.jsonl"

KINDS = {"PER", "LOC", "ORG"}
EVENT_TYPES = {e.value for e in EventType}
ROLES = {r.value for r in Role}
MODALITIES = {m.value for m in Modality}
RECORD_KEYS = {"article", "actors", "events"}
ACTOR_KEYS = {"id", "kind", "names", "role", "affiliation"}
EVENT_KEYS = {"type", "triggers", "participants", "source", "target", "location", "time", "modality"}
#: Symmetric events: everyone goes in ``participants``, ``source``/``target`` stay empty.
SYMMETRIC = {"MEETING", "AGREEMENT"}
ACTOR_ID = re.compile(r"^a[1-9][0-9]*$")


def seed_texts() -> dict[str, str]:
    """``{"000": text, ...}`` for every seed article, keyed by its 3-digit prefix."""
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def gold_records() -> list[dict]:
    lines = [line for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [json.loads(line) for line in lines]


def _is_exact_string(value: object) -> bool:
    return isinstance(value, str) and value != "" and value == value.strip()


def validate_record(record: dict, text: str) -> list[str]:
    """All problems of one article's gold record against its article text."""
    problems: list[str] = []
    art = record.get("article", "?")

    def bad(msg: str) -> None:
        problems.append(f"{art}: {msg}")

    if set(record) != RECORD_KEYS:
        bad(f"record keys {sorted(record)} != {sorted(RECORD_KEYS)}")
    if not isinstance(record.get("article"), str) or not re.fullmatch(r"[0-9]{3}", record.get("article", "")):
        bad(f"article id {record.get('article')!r} is not a 3-digit string")

    actors = record.get("actors", [])
    events = record.get("events", [])
    if not isinstance(actors, list) or not isinstance(events, list):
        return problems + [f"{art}: actors/events must be lists"]

    ids: list[str] = []
    for a in actors:
        if not isinstance(a, dict) or set(a) != ACTOR_KEYS:
            bad(f"actor keys {sorted(a) if isinstance(a, dict) else a!r} != {sorted(ACTOR_KEYS)}")
            continue
        aid = a["id"]
        ids.append(aid)
        if not isinstance(aid, str) or not ACTOR_ID.match(aid):
            bad(f"actor id {aid!r} is not of the form a1, a2, ...")
        if a["kind"] not in KINDS:
            bad(f"{aid}: kind {a['kind']!r} not in {sorted(KINDS)}")
        names = a["names"]
        if not isinstance(names, list):
            bad(f"{aid}: names must be a list")
            names = []
        if len(set(names)) != len(names):
            bad(f"{aid}: duplicate names {names}")
        for n in names:
            if not _is_exact_string(n):
                bad(f"{aid}: name {n!r} is empty or has outer whitespace")
            elif n not in text:
                bad(f"{aid}: name {n!r} does not occur in the article")
        if a["kind"] == "PER":
            if a["role"] is not None and a["role"] not in ROLES:
                bad(f"{aid}: role {a['role']!r} not in {sorted(ROLES)}")
            if a["affiliation"] is not None and not _is_exact_string(a["affiliation"]):
                bad(f"{aid}: affiliation {a['affiliation']!r} must be a non-empty string or null")
            if not names and (a["role"] is None or a["affiliation"] is None):
                bad(f"{aid}: a person without a name needs a role and an affiliation")
        else:
            if a["role"] is not None or a["affiliation"] is not None:
                bad(f"{aid}: role/affiliation must be null for kind {a['kind']}")
            if not names:
                bad(f"{aid}: a {a['kind']} actor needs at least one name")
    if len(set(ids)) != len(ids):
        bad(f"actor ids not unique: {ids}")
    known = set(ids)

    used: set[str] = set()
    for i, e in enumerate(events):
        where = f"event {i}"
        if not isinstance(e, dict) or set(e) != EVENT_KEYS:
            bad(f"{where}: keys {sorted(e) if isinstance(e, dict) else e!r} != {sorted(EVENT_KEYS)}")
            continue
        where = f"event {i} ({e['type']})"
        if e["type"] not in EVENT_TYPES:
            bad(f"{where}: type not in {sorted(EVENT_TYPES)}")
        if e["modality"] not in MODALITIES:
            bad(f"{where}: modality {e['modality']!r} not in {sorted(MODALITIES)}")
        triggers = e["triggers"]
        if not isinstance(triggers, list) or not triggers:
            bad(f"{where}: needs at least one trigger")
            triggers = []
        for t in triggers:
            if not _is_exact_string(t):
                bad(f"{where}: trigger {t!r} is empty or has outer whitespace")
            elif t not in text:
                bad(f"{where}: trigger {t!r} does not occur in the article")
        for field in ("location", "time"):
            value = e[field]
            if value is None:
                continue
            if not _is_exact_string(value):
                bad(f"{where}: {field} {value!r} must be a non-empty string or null")
            elif value not in text:
                bad(f"{where}: {field} {value!r} does not occur in the article")
        for field in ("participants", "source", "target"):
            refs = e[field]
            if not isinstance(refs, list):
                bad(f"{where}: {field} must be a list")
                continue
            if len(set(refs)) != len(refs):
                bad(f"{where}: duplicate ids in {field}: {refs}")
            for ref in refs:
                if ref not in known:
                    bad(f"{where}: {field} refers to unknown actor {ref!r}")
            used.update(r for r in refs if isinstance(r, str))
        participants = set(e["participants"]) if isinstance(e["participants"], list) else set()
        for field in ("source", "target"):
            if isinstance(e[field], list) and not set(e[field]) <= participants:
                bad(f"{where}: {field} {e[field]} is not a subset of participants")
        if e["type"] in SYMMETRIC and (e["source"] or e["target"]):
            bad(f"{where}: a symmetric event keeps source/target empty")
        if e["type"] == "STATEMENT" and (not e["source"] or set(e["source"]) != participants):
            bad(f"{where}: a STATEMENT's source is its speaker(s), equal to participants")
    for aid in sorted(known - used):
        bad(f"actor {aid} takes part in no event (bystanders are not listed)")

    # STATEMENT: one event per speaker per article.
    speakers = [tuple(sorted(e["source"])) for e in events
                if isinstance(e, dict) and e.get("type") == "STATEMENT" and isinstance(e.get("source"), list)]
    singles = [s[0] for s in speakers if len(s) == 1]
    if len(set(singles)) != len(singles):
        bad(f"more than one STATEMENT for the same speaker: {sorted(singles)}")
    return problems


# ------------------------------------------------------------------------------ the gold


def test_one_line_per_seed_in_file_name_order():
    texts = seed_texts()
    assert len(texts) == 5, sorted(texts)
    assert [r["article"] for r in gold_records()] == list(texts)


def test_gold_is_plain_jsonl():
    for n, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"blank line {n}"
        assert isinstance(json.loads(line), dict), f"line {n} is not a JSON object"


@pytest.mark.parametrize("record", gold_records(), ids=lambda r: r["article"])
def test_gold_record_is_valid(record):
    text = seed_texts()[record["article"]]
    assert validate_record(record, text) == []


@pytest.mark.parametrize("record", gold_records(), ids=lambda r: r["article"])
def test_gold_record_is_not_trivial(record):
    # Every seed reports a Kerry/Lavrov/de Mistura encounter: at least one person actor
    # with a role and at least one MEETING or PHONE_CALL.
    assert any(a["kind"] == "PER" and a["role"] for a in record["actors"])
    assert any(e["type"] in {"MEETING", "PHONE_CALL"} for e in record["events"])


def test_seed_000_required_events():
    record = next(r for r in gold_records() if r["article"] == "000")
    by_name = {n: a for a in record["actors"] for n in a["names"]}
    kerry, lavrov = by_name["كيري"], by_name["لافروف"]
    assert (kerry["role"], kerry["affiliation"]) == ("FOREIGN_MINISTER", "الولايات المتحدة")
    assert (lavrov["role"], lavrov["affiliation"]) == ("FOREIGN_MINISTER", "روسيا")
    pair = {kerry["id"], lavrov["id"]}
    types = {(e["type"], frozenset(e["participants"])) for e in record["events"]}
    assert ("MEETING", frozenset(pair)) in types
    assert ("PHONE_CALL", frozenset(pair)) in types
    issg = by_name["المجموعة الدولية لدعم سورية"]["id"]
    assert any(e["type"] == "MEETING" and issg in e["participants"] and e["location"] == "نيويورك"
               and e["modality"] == "future" for e in record["events"])
    assert any(e["type"] == "ACCUSATION" for e in record["events"])


# ------------------------------------------------------------------ the checker can fail


def _first(record, pred):
    return next(x for x in record if pred(x))


MUTATIONS = {
    "trigger not in text": lambda r: r["events"][0]["triggers"].append("تشاور_غير_موجود"),
    "name not in text": lambda r: r["actors"][0]["names"].append("جون كيرى"),
    "time not in text": lambda r: r["events"][0].__setitem__("time", "غدا الجمعة الماضي"),
    "location not in text": lambda r: r["events"][0].__setitem__("location", "باريس"),
    "duplicate actor id": lambda r: r["actors"][1].__setitem__("id", r["actors"][0]["id"]),
    "dangling participant": lambda r: r["events"][0]["participants"].append("a99"),
    "dangling source": lambda r: r["events"][0]["source"].append("a98"),
    "bad type": lambda r: r["events"][0].__setitem__("type", "MEET"),
    "bad modality": lambda r: r["events"][0].__setitem__("modality", "planned"),
    "bad role": lambda r: _first(r["actors"], lambda a: a["kind"] == "PER").__setitem__("role", "ENVOY_SPECIAL"),
    "bad kind": lambda r: r["actors"][0].__setitem__("kind", "GPE"),
    "role on a LOC": lambda r: _first(r["actors"], lambda a: a["kind"] == "LOC").__setitem__("role", "OFFICIAL"),
    "affiliation on an ORG": lambda r: _first(r["actors"], lambda a: a["kind"] == "ORG").__setitem__("affiliation", "روسيا"),
    "source outside participants": lambda r: _first(
        r["events"], lambda e: e["type"] == "STATEMENT")["source"].append(
            _first(r["actors"], lambda a: a["kind"] == "LOC")["id"]),
    "direction on a meeting": lambda r: _first(r["events"], lambda e: e["type"] == "MEETING").__setitem__(
        "source", list(_first(r["events"], lambda e: e["type"] == "MEETING")["participants"][:1])),
    "no triggers": lambda r: r["events"][0].__setitem__("triggers", []),
    "unused actor": lambda r: r["actors"].append(
        {"id": "a77", "kind": "LOC", "names": ["روسيا"], "role": None, "affiliation": None}),
    "extra key": lambda r: r["events"][0].__setitem__("cameo", "040"),
    "two statements for one speaker": lambda r: r["events"].append(
        copy.deepcopy(_first(r["events"], lambda e: e["type"] == "STATEMENT"))),
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_checker_catches(mutation):
    record = copy.deepcopy(next(r for r in gold_records() if r["article"] == "000"))
    text = seed_texts()["000"]
    assert validate_record(record, text) == []
    MUTATIONS[mutation](record)
    assert validate_record(record, text) != [], f"validate_record missed: {mutation}"


# ------------------------------------------------------------------------------ seeds/dev2 ... dev7

#: The team's own event gold sets (articles drawn blind from the news; README lists their corpus lines).
TEAM_SETS = [SEEDS / "dev2", SEEDS / "dev3", SEEDS / "dev4", SEEDS / "dev5", SEEDS / "dev6", SEEDS / "dev7"]


def team_records() -> list[tuple[dict, str]]:
    return [(json.loads(p.read_text(encoding="utf-8")), (d / "articles" / f"{p.stem}.txt").read_text(encoding="utf-8"))
            for d in TEAM_SETS for p in sorted((d / "gold").glob("*.json"))]


@pytest.mark.parametrize("folder", TEAM_SETS, ids=lambda d: d.name)
def test_team_set_has_gold_for_every_article_and_its_readme_lists_each_once(folder):
    articles = sorted(p.stem for p in (folder / "articles").glob("*.txt"))
    assert articles and articles == sorted(p.stem for p in (folder / "gold").glob("*.json"))
    rows = re.findall(r"^\|\s*(\d{3})\s*\|\s*(\d+)\s*\|", (folder / "README.md").read_text(encoding="utf-8"), re.M)
    assert [n for n, _ in rows] == articles
    assert len({line for _, line in rows}) == len(rows)


def test_team_sets_share_no_article():
    lines = [set(re.findall(r"^\|\s*\d{3}\s*\|\s*(\d+)\s*\|", (d / "README.md").read_text(encoding="utf-8"), re.M))
             for d in TEAM_SETS]
    assert sum(map(len, lines)) == len(set().union(*lines))


@pytest.mark.parametrize("record,text", team_records(), ids=lambda r: r["article"] if isinstance(r, dict) else "")
def test_team_gold_record_is_valid(record, text):
    assert validate_record(record, text) == []
