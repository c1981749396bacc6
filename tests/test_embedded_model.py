"""The model shipped in the package: loads offline, fits the size budget, and does the main job."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from araevents.paths import DEFAULT_MODEL_DIR
from araevents.schema import LABELS

REPO = Path(__file__).resolve().parents[1]
SEED_000 = REPO / "seeds" / "000_91a734e0eab9479f.txt"

pytestmark = pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "config.json").is_file(),
                                reason="embedded model not built yet (araevents/default_model)")


@pytest.fixture(scope="module")
def seed_events():
    from araevents import extract

    article = SEED_000.read_text(encoding="utf-8")
    return article, extract(article)


def test_embedded_model_is_small_and_carries_the_schema():
    size = sum(p.stat().st_size for p in DEFAULT_MODEL_DIR.iterdir() if p.is_file())
    assert size <= 25 * 1024 * 1024, f"{size / 1e6:.1f} MB"
    config = json.loads((DEFAULT_MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    assert [config["id2label"][str(i)] for i in range(len(LABELS))] == list(LABELS)
    assert (DEFAULT_MODEL_DIR / "eval_report.json").is_file() and (DEFAULT_MODEL_DIR / "README.md").is_file()


def test_embedded_model_runs_in_a_plain_transformers_pipeline():
    from transformers import pipeline

    nlp = pipeline("token-classification", model=str(DEFAULT_MODEL_DIR), aggregation_strategy="first", device="cpu")
    text = "التقى وزير الخارجية الروسي سيرغي لافروف نظيره الأميركي جون كيري في جنيف."
    groups = {g["entity_group"] for g in nlp(text)}
    assert "PER" in groups and "EVT_MEETING" in groups


def _person(event, name: str):
    return next((p for p in event.participants if name in p.name), None)


def test_seed_000_kerry_lavrov_meeting_and_phone_call(seed_events):
    article, events = seed_events
    meetings = [e for e in events if e.type == "MEETING" and _person(e, "كيري") and _person(e, "لافروف")]
    assert meetings, [e.to_dict() for e in events]
    kerry, lavrov = _person(meetings[0], "كيري"), _person(meetings[0], "لافروف")
    assert (kerry.role, kerry.affiliation) == ("FOREIGN_MINISTER", "الولايات المتحدة")
    assert (lavrov.role, lavrov.affiliation) == ("FOREIGN_MINISTER", "روسيا")
    assert any(e.type == "PHONE_CALL" for e in events)


def test_seed_000_every_span_points_into_the_original_text(seed_events):
    article, events = seed_events

    def spans(d):
        if isinstance(d, dict):
            if {"text", "start", "end"} <= d.keys():
                yield d
            for v in d.values():
                yield from spans(v)
        elif isinstance(d, list):
            for v in d:
                yield from spans(v)

    found = [s for e in events for s in spans(e.to_dict())]
    assert found
    for s in found:
        assert article[s["start"]:s["end"]] == s["text"]
