"""The known-actor table: mined from labelled sentences by explicit bindings only, and used by
the assembler only for a person the article leaves unplaced (training/actor_dictionary.py,
``_Article.fill_from_known_actors``); also the two article-level rules beside it."""

from __future__ import annotations

import pytest

from araevents import gazetteer
from araevents.formats.iob import spans_to_tags, whitespace_tokens
from araevents.gazetteer import KnownActor
from araevents.inference.assemble import assemble
from araevents.inference.lexicon import known_actor, person_key, state_kind
from araevents.training.actor_dictionary import mine, sentence_votes
from oracle_spans import check_offsets
from oracle_spans import spans as _spans


def spans(text: str, *items: tuple):
    return _spans(text, *items, default_score=0.9)


def people(events) -> dict[str, tuple]:
    return {p.name: (p.role, p.affiliation) for e in events for p in e.participants if p.kind == "PER"}


@pytest.fixture
def table(monkeypatch):
    entries = {"عادل الجبير": KnownActor("السعودية", "FOREIGN_MINISTER"), "جون كيري": KnownActor("الولايات المتحدة", None)}
    monkeypatch.setattr(gazetteer, "actors_table", lambda: entries)
    return entries


def test_person_key_folds_and_drops_honorifics_but_refuses_one_word_names() -> None:
    assert person_key("الأستاذ عادل الجبير") == "عادل الجبير"
    assert person_key("معالي الشيخ تميم بن حمد") == "تميم بن حمد"
    assert person_key("هادي") is None
    assert person_key("الشيخ هادي") is None


def test_lookup_tolerates_a_leading_conjunction(table) -> None:
    assert known_actor("وجون كيري") == KnownActor("الولايات المتحدة", None)
    assert known_actor("كيري") is None  # one word: never looked up
    assert known_actor("جون سميث") is None


TEXT = "يقوم وزير الخارجية عادل الجبير بزيارة لموسكو يلتقي خلالها الرئيس الروسي فلاديمير بوتين."
ITEMS = (("وزير الخارجية", "ROLE_FOREIGN_MINISTER"), ("عادل الجبير", "PER"), ("بزيارة", "EVT_VISIT"),
         ("لموسكو", "LOC"), ("يلتقي", "EVT_MEETING"), ("الرئيس الروسي", "ROLE_HEAD_OF_STATE"), ("فلاديمير بوتين", "PER"))


def test_an_unplaced_person_takes_the_state_the_corpus_gives_the_name(table) -> None:
    events = assemble(TEXT, spans(TEXT, *ITEMS))
    check_offsets(TEXT, events)
    assert people(events)["عادل الجبير"] == ("FOREIGN_MINISTER", "السعودية")
    assert people(events)["فلاديمير بوتين"] == ("HEAD_OF_STATE", "روسيا")  # not in the table: its own evidence


def test_the_article_wins_over_the_table(table) -> None:
    text = TEXT.replace("وزير الخارجية", "وزير الخارجية القطري", 1)
    items = (("وزير الخارجية القطري", "ROLE_FOREIGN_MINISTER"),) + ITEMS[1:]
    assert people(assemble(text, spans(text, *items)))["عادل الجبير"] == ("FOREIGN_MINISTER", "قطر")


def test_the_table_gives_a_role_only_when_the_article_gives_none(table) -> None:
    text = "التقى عادل الجبير اليوم في جدة جون كيري."
    events = assemble(text, spans(text, ("التقى", "EVT_MEETING"), ("عادل الجبير", "PER"), ("جدة", "LOC"), ("جون كيري", "PER")))
    assert people(events) == {"عادل الجبير": ("FOREIGN_MINISTER", "السعودية"), "جون كيري": (None, "الولايات المتحدة")}


def test_a_counterpart_met_on_a_visit_belongs_to_the_visited_state(monkeypatch) -> None:
    monkeypatch.setattr(gazetteer, "actors_table", dict)
    text = "وصل وزير الخارجية السوري وليد المعلم إلى مسقط أمس، والتقى نظيره يوسف بن علوي."
    items = (("وصل", "EVT_VISIT"), ("وزير الخارجية السوري", "ROLE_FOREIGN_MINISTER"), ("وليد المعلم", "PER"),
             ("مسقط", "LOC"), ("أمس", "DATE"), ("والتقى", "EVT_MEETING"), ("نظيره", "ROLE_FOREIGN_MINISTER"),
             ("يوسف بن علوي", "PER"))
    got = people(assemble(text, spans(text, *items)))
    assert got["يوسف بن علوي"] == ("FOREIGN_MINISTER", "عمان")
    # the talks' topic is not a state the counterpart can belong to; with two candidate states, no guess
    for extra in (" لبحث الأزمة في سوريا", " بعد زيارة إلى طهران"):
        t = text[:-1] + extra + "."
        loc = extra.split()[-1]
        got = people(assemble(t, spans(t, *items, (loc, "LOC"))))
        want = None if "طهران" in extra else "عمان"
        assert got["يوسف بن علوي"] == ("FOREIGN_MINISTER", want), extra


def test_a_spokesperson_after_the_name_needs_no_comma(monkeypatch) -> None:
    monkeypatch.setattr(gazetteer, "actors_table", dict)
    text = "وقال أحمد فوزي المتحدث باسم الأمم المتحدة إن المحادثات ستبدأ."
    sp = spans(text, ("وقال", "EVT_STATEMENT"), ("أحمد فوزي", "PER"), ("المتحدث باسم", "ROLE_SPOKESPERSON"),
               ("الأمم المتحدة", "ORG"))
    assert people(assemble(text, sp)) == {"أحمد فوزي": ("SPOKESPERSON", "الأمم المتحدة")}
    # any other role after a bare name is someone else: the guest of ``استقبل``
    text = "استقبل أحمد فوزي وزير الخارجية الروسي في مكتبه."
    sp = spans(text, ("استقبل", "EVT_MEETING"), ("أحمد فوزي", "PER"), ("وزير الخارجية الروسي", "ROLE_FOREIGN_MINISTER"))
    assert people(assemble(text, sp))["أحمد فوزي"] == (None, None)


def labelled(text: str, *items: tuple[str, str]) -> tuple[list[str], list[str]]:
    """A corpus row (words, IOB2 tags), as ``araevents build-data`` writes them."""
    tokens = whitespace_tokens(text)
    tags, lost = spans_to_tags(spans(text, *items), tokens)
    assert not lost
    return [t.text for t in tokens], tags


def test_sentence_votes_come_from_explicit_bindings_only() -> None:
    bound = labelled("قال وزير الخارجية السعودي عادل الجبير إن الحل سياسي", ("وزير الخارجية السعودي", "ROLE_FOREIGN_MINISTER"),
                     ("عادل الجبير", "PER"))
    assert sentence_votes(*bound) == [("عادل الجبير", "FOREIGN_MINISTER", "السعودية")]
    bare = labelled("الرياض - قال عادل الجبير إن الحل سياسي", ("الرياض", "LOC"), ("عادل الجبير", "PER"))
    assert sentence_votes(*bare) == [], "a dateline is a guess, not a binding"


def test_a_name_cut_at_its_lineage_casts_no_vote() -> None:
    cut = labelled("وقال وكيل وزارة الخارجية السعودي تركي بن عبدالله بن محمد إن الحل سياسي",
                   ("وكيل وزارة الخارجية السعودي", "ROLE_OFFICIAL"), ("بن عبدالله بن محمد", "PER"))
    assert sentence_votes(*cut) == []


def test_mine_needs_enough_votes_and_a_clear_majority() -> None:
    saudi = labelled("قال وزير الخارجية السعودي عادل الجبير إن", ("وزير الخارجية السعودي", "ROLE_FOREIGN_MINISTER"),
                     ("عادل الجبير", "PER"))
    qatari = labelled("قال وزير الخارجية القطري عادل الجبير إن", ("وزير الخارجية القطري", "ROLE_FOREIGN_MINISTER"),
                      ("عادل الجبير", "PER"))
    (entry,) = mine([saudi] * 4 + [qatari], min_votes=3, min_share=0.8)
    assert (entry.name, entry.affiliation, entry.role, entry.votes, entry.total) == \
        ("عادل الجبير", "السعودية", "FOREIGN_MINISTER", 4, 5)
    assert mine([saudi] * 2, min_votes=3) == []
    assert mine([saudi] * 3 + [qatari] * 2, min_votes=3, min_share=0.8) == []


def test_the_shipped_table_names_known_states_only() -> None:
    table = gazetteer.actors_table()
    assert len(table) >= 50, "araevents/resources/actors.tsv missing or nearly empty: run `araevents build-actors`"
    assert all(state_kind(a.affiliation) is not None for a in table.values())
    assert all(person_key(name) == name for name in table)


def test_a_lineage_name_is_found_by_its_shorter_forms():
    from araevents.inference.lexicon import known_actor

    full = known_actor("محمد بن سلمان بن عبدالعزيز آل سعود")
    assert full is not None and full.affiliation == known_actor("محمد بن سلمان").affiliation
    assert known_actor("ومحمد بن سلمان بن عبدالعزيز") == full


def test_a_short_form_gives_the_state_only_and_never_against_the_family_name():
    from araevents.inference.lexicon import known_actor

    # a cousin may hold another office: a short-form hit gives no role, even where the table has one
    assert known_actor("سلمان بن عبد العزيز").role == "HEAD_OF_STATE"  # the table's own entry
    longer = known_actor("سلمان بن عبد العزيز بن عبد الرحمن آل سعود")  # not in the table
    assert (longer.affiliation, longer.role) == ("السعودية", None)
    assert known_actor("محمد بن سلمان آل خليفة") is None  # a Bahraini namesake
