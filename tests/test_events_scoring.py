"""Event-level scorer on hand-made cases: every number is worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from araevents.errors import UserError
from araevents.inference.scoring import (
    GoldItem,
    aggregate,
    load_gold_dir,
    load_gold_jsonl,
    matched_actors,
    names_match,
    same_affiliation,
    score_article,
)

ACTORS = [
    {"id": "a1", "kind": "PER", "names": ["جون كيري", "كيري"], "role": "FOREIGN_MINISTER", "affiliation": "الولايات المتحدة"},
    {"id": "a2", "kind": "PER", "names": ["سيرغي لافروف", "لافروف"], "role": "FOREIGN_MINISTER", "affiliation": "روسيا"},
    {"id": "a3", "kind": "LOC", "names": ["روسيا", "موسكو"], "role": None, "affiliation": None},
    {"id": "a4", "kind": "ORG", "names": ["الأمم المتحدة"], "role": None, "affiliation": None},
]
GOLD_EVENTS = [
    {"type": "MEETING", "triggers": ["اجتماع"], "participants": ["a1", "a2"], "source": [], "target": []},
    {"type": "MEETING", "triggers": ["لقاء"], "participants": ["a2", "a4"], "source": [], "target": []},
    {"type": "VISIT", "triggers": ["زار"], "participants": ["a1", "a3"], "source": ["a1"], "target": ["a3"]},
    {"type": "STATEMENT", "triggers": ["قال"], "participants": ["a2"], "source": ["a2"], "target": []},
    {"type": "APPEAL", "triggers": ["دعا"], "participants": [], "source": [], "target": []},
]
GOLD = GoldItem("t1", "نص", ACTORS, GOLD_EVENTS)


def P(name, kind="PER", role=None, affiliation=None):
    return {"name": name, "kind": kind, "role": role, "affiliation": affiliation, "mentions": []}


def E(type_, *parts, triggers=("x",), source=()):
    return {"type": type_, "trigger": {"text": triggers[0]}, "triggers": [{"text": t} for t in triggers],
            "participants": list(parts), "source": list(source), "target": []}


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("كيري", "جون كيري", True),
        ("جون كيري", "كيري", True),
        ("أمريكا", "امريكا", True),  # hamza folded
        ("الخارجية الروسية", "الخارجيه الروسيه", True),  # ta marbuta folded
        ("كير", "جون كيري", False),  # not a whole word
        ("لافروف", "جون كيري", False),
        ("", "كيري", False),
        (None, "كيري", False),
    ],
)
def test_names_match(a, b, expected) -> None:
    assert names_match(a, b) is expected


def test_an_affiliation_may_be_any_name_of_the_same_body() -> None:
    assert same_affiliation("الجامعة العربية", "جامعة الدول العربية")
    assert same_affiliation("مجلس التعاون لدول الخليج العربية", "مجلس التعاون الخليجي")
    assert same_affiliation("روسيا", "روسيا")
    assert not same_affiliation("الجامعة العربية", "الاتحاد الأوروبي")
    assert not same_affiliation(None, "روسيا") and not same_affiliation("كلية", "جامعة")


def test_state_participant_matches_by_affiliation() -> None:
    assert matched_actors(P("الكرملين", "LOC", affiliation="روسيا"), ACTORS) == ["a3"]
    assert matched_actors(P("الكرملين", "PER", affiliation="روسيا"), ACTORS) == [], "a person's affiliation is not its name"


def test_perfect_prediction_scores_one() -> None:
    pred = [
        E("MEETING", P("كيري", role="FOREIGN_MINISTER", affiliation="الولايات المتحدة"), P("لافروف", role="FOREIGN_MINISTER", affiliation="روسيا")),
        E("MEETING", P("لافروف", role="FOREIGN_MINISTER", affiliation="روسيا"), P("الأمم المتحدة", "ORG")),
        E("VISIT", P("جون كيري", role="FOREIGN_MINISTER", affiliation="الولايات المتحدة"), P("موسكو", "LOC")),
        E("STATEMENT", P("لافروف", role="FOREIGN_MINISTER", affiliation="روسيا")),
        E("APPEAL", triggers=("دعا",)),
    ]
    res = aggregate([score_article(pred, GOLD)])
    assert res["micro"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 5, "pred": 5, "gold": 5}
    assert res["core"]["tp"] == 4 and res["core"]["gold"] == 4
    assert res["persons_matched"] == 2 and res["role_accuracy"] == 1.0 and res["affiliation_accuracy"] == 1.0


def test_one_to_one_matching_and_partial_credit() -> None:
    pred = [
        # both predicted meetings include Lavrov: only a maximum one-to-one matching gives 2 tp
        E("MEETING", P("لافروف"), P("الأمم المتحدة", "ORG")),
        E("MEETING", P("لافروف"), P("كيري", role="ENVOY", affiliation="الولايات المتحدة")),
        E("MEETING", P("لافروف")),  # a third one: false positive
        E("VISIT", P("بوتين")),  # unknown person: false positive
        E("STATEMENT", P("كيري")),  # wrong speaker: false positive
        E("APPEAL", triggers=("طالب",)),  # gold appeal has no participants and another trigger
        E("REJECTION", P("لافروف")),  # no such gold type
    ]
    s = score_article(pred, GOLD)
    assert s.tp == {t: 0 for t in s.tp} | {"MEETING": 2}
    res = aggregate([s])
    m = res["per_type"]["MEETING"]
    assert (m["tp"], m["pred"], m["gold"]) == (2, 3, 2)
    assert m["precision"] == pytest.approx(0.6667, abs=1e-4) and m["recall"] == 1.0 and m["f1"] == 0.8
    micro = res["micro"]
    assert (micro["tp"], micro["pred"], micro["gold"]) == (2, 7, 5)
    assert micro["precision"] == pytest.approx(0.2857, abs=1e-4) and micro["recall"] == 0.4
    assert micro["f1"] == pytest.approx(2 * (2 / 7) * 0.4 / ((2 / 7) + 0.4), abs=1e-4)
    core = res["core"]
    assert (core["tp"], core["pred"], core["gold"]) == (2, 6, 4)
    # persons in matched events: Lavrov (no role/affiliation predicted) and Kerry (wrong role, right affiliation)
    assert res["persons_matched"] == 2
    assert res["role_accuracy"] == 0.0 and res["affiliation_accuracy"] == 0.5


def test_trigger_fallback_for_gold_events_without_participants() -> None:
    s = score_article([E("APPEAL", triggers=("دعا",))], GOLD)
    assert s.tp["APPEAL"] == 1
    # folding applies to triggers too
    g = GoldItem("t2", "", [], [{"type": "APPEAL", "triggers": ["أكّد"], "participants": []}])
    assert score_article([E("APPEAL", triggers=("اكد",))], g).tp["APPEAL"] == 1


def test_aggregate_sums_over_articles_and_handles_no_predictions() -> None:
    empty = aggregate([score_article([], GOLD), score_article([], GOLD)])
    assert empty["micro"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "pred": 0, "gold": 10}
    assert empty["role_accuracy"] is None
    assert [a["gold"] for a in empty["per_article"]] == [5, 5]


def test_accepts_event_objects() -> None:
    from araevents.events import Event, Participant, TextSpan

    sp = TextSpan("x", 0, 1)
    ev = Event("STATEMENT", "010", "STATEMENT", None, sp, sp, participants=[Participant("لافروف", "PER")],
               source=[Participant("لافروف", "PER")], triggers=[sp])
    assert score_article([ev], GOLD).tp["STATEMENT"] == 1


def test_gold_loaders(tmp_path: Path) -> None:
    arts, gold = tmp_path / "articles", tmp_path / "gold"
    arts.mkdir()
    gold.mkdir()
    (arts / "001.txt").write_text("نص المقال", encoding="utf-8")
    (gold / "001.json").write_text(json.dumps({"article": "001", "actors": ACTORS, "events": GOLD_EVENTS}), encoding="utf-8")
    (item,) = load_gold_dir(arts, gold)
    assert (item.id, item.text, len(item.events), item.source) == ("001", "نص المقال", 5, "dev")

    seeds = tmp_path / "seeds"
    (seeds / "gold").mkdir(parents=True)
    (seeds / "000_abc.txt").write_text("نص البذرة", encoding="utf-8")
    lines = [
        json.dumps({"article": "000", "actors": ACTORS, "events": GOLD_EVENTS}),
        json.dumps({"id": "009", "text": "نص مضمن", "events": {"actors": [], "events": []}}),
    ]
    (seeds / "gold" / "events.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    a, b = load_gold_jsonl(seeds / "gold" / "events.jsonl", seeds)
    assert (a.id, a.text, b.id, b.text) == ("000", "نص البذرة", "009", "نص مضمن")

    (seeds / "gold" / "bad.jsonl").write_text(json.dumps({"article": "777", "actors": [], "events": []}) + "\n", encoding="utf-8")
    with pytest.raises(UserError, match="777"):
        load_gold_jsonl(seeds / "gold" / "bad.jsonl", seeds)


def test_named_team_sets_load_from_the_repo_and_the_held_out_one_is_not_a_default(tmp_path: Path) -> None:
    from araevents.inference.scoring import DEFAULT_SETS, load_gold_sets

    for name in ("dev2", "dev4"):
        (tmp_path / "seeds" / name / "articles").mkdir(parents=True)
        (tmp_path / "seeds" / name / "gold").mkdir()
        (tmp_path / "seeds" / name / "articles" / "001.txt").write_text("نص", encoding="utf-8")
        (tmp_path / "seeds" / name / "gold" / "001.json").write_text(
            json.dumps({"article": "001", "actors": ACTORS, "events": GOLD_EVENTS}), encoding="utf-8")
    items = load_gold_sets(["dev2", "dev4"], repo=tmp_path, shared=tmp_path / "shared")
    assert [i.source for i in items] == ["dev2", "dev4"]
    assert "dev7" not in DEFAULT_SETS and "dev2" in DEFAULT_SETS and "dev6" in DEFAULT_SETS  # dev7: the held-out set
