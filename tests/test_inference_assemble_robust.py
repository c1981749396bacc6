"""Event assembly on model-like spans: cut names, role phrases in pieces, stray adjectives.

Spans are hand-made the way a small tagger gets them wrong (see inference/clitics.py
``repair_spans`` and the actor steps of inference/assemble.py); no model is loaded.
"""

from __future__ import annotations

from araevents.inference.assemble import assemble
from oracle_spans import check_offsets
from oracle_spans import spans as _spans
from araevents.inference.clitics import repair_spans


def spans(text: str, *items: tuple):
    """Model-like spans: a default score of 0.9 (the participant filter reads scores)."""
    return _spans(text, *items, default_score=0.9)






def people(event) -> dict[str, tuple]:
    return {p.name: (p.role, p.affiliation) for p in event.participants if p.kind == "PER"}


SEED_000 = "بعد اجتماع جرى بين وزير الخارجية الروسي، سيرغي لافروف، والأميركي، جون كيري، اليوم."


def test_role_comma_name_binds_even_when_the_model_tagged_only_the_surname() -> None:
    sp = spans(SEED_000, ("اجتماع", "EVT_MEETING"), ("وزير الخارجية الروسي", "ROLE_FOREIGN_MINISTER"),
               ("لافروف", "PER"), ("الأميركي", "ROLE_FOREIGN_MINISTER"), ("جون", "PER"), ("كيري", "PER"))
    (ev,) = assemble(SEED_000, sp)
    check_offsets(SEED_000, [ev])
    assert people(ev) == {"سيرغي لافروف": ("FOREIGN_MINISTER", "روسيا"),
                          "جون كيري": ("FOREIGN_MINISTER", "الولايات المتحدة")}


def test_elliptic_adjective_takes_the_preceding_role_not_its_own_label() -> None:
    # the bare adjective is tagged with a wrong role; the elided head noun is the previous role's
    sp = spans(SEED_000, ("اجتماع", "EVT_MEETING"), ("وزير الخارجية الروسي", "ROLE_FOREIGN_MINISTER"),
               ("سيرغي لافروف", "PER"), ("الأميركي", "ROLE_HEAD_OF_STATE"), ("جون كيري", "PER"))
    (ev,) = assemble(SEED_000, sp)
    assert people(ev)["جون كيري"] == ("FOREIGN_MINISTER", "الولايات المتحدة")


def test_untagged_elliptic_adjective_gives_role_and_state() -> None:
    sp = spans(SEED_000, ("اجتماع", "EVT_MEETING"), ("وزير الخارجية الروسي", "ROLE_FOREIGN_MINISTER"),
               ("سيرغي لافروف", "PER"), ("جون كيري", "PER"))
    (ev,) = assemble(SEED_000, sp)
    assert people(ev) == {"سيرغي لافروف": ("FOREIGN_MINISTER", "روسيا"),
                          "جون كيري": ("FOREIGN_MINISTER", "الولايات المتحدة")}


def test_name_pieces_join_but_two_people_side_by_side_stay_apart() -> None:
    text = "الشيخ تميم بن حمد يستقبل جون كيري. التقى كيري لافروف. وقال كيري إن لافروف محق."
    sp = spans(text, ("تميم بن", "PER"), ("حمد", "PER"), ("جون", "PER"), ("كيري", "PER"),
               ("كيري", "PER", 1), ("لافروف", "PER"), ("كيري", "PER", 2), ("لافروف", "PER", 1))
    got = [(s.text, s.start) for s in repair_spans(text, sp)]
    assert ("تميم بن حمد", text.index("تميم")) in got
    assert ("جون كيري", text.index("جون")) in got
    assert ("كيري", text.index("كيري لافروف")) in got and ("لافروف", text.index("لافروف")) in got


def test_a_name_cut_after_a_role_and_its_body_is_one_name() -> None:
    """``رئيس [البرلمان الإيراني] [علي] [لاريجاني]``: the role introduces the name across the body it
    heads, and ``علي`` (which folds to the preposition ``على``) is a first name when tagged one."""
    cases = (("ونفى رئيس البرلمان الإيراني علي لاريجاني ما قاله المعهد.", "علي", "لاريجاني", None),
             ("وأكد رئيس منظمة الطاقة الذرية الإيرانية رالف كينج الخبر.", "رالف", "كينج", "منظمة الطاقة الذرية الإيرانية"))
    for text, first, last, body in cases:
        items = [("رئيس", "ROLE_OFFICIAL"), (first, "PER"), (last, "PER")] + ([(body, "ORG")] if body else [])
        got = [s.text for s in repair_spans(text, spans(text, *items)) if s.label == "PER"]
        assert got == [f"{first} {last}"], text
    # without a role before them, two one-word names side by side stay two people
    text = "التقى بوتين أردوغان في موسكو."
    got = [s.text for s in repair_spans(text, spans(text, ("بوتين", "PER"), ("أردوغان", "PER"))) if s.label == "PER"]
    assert got == ["بوتين", "أردوغان"]


def test_role_phrase_in_pieces_is_one_role_and_absorbs_a_coordinated_adjective() -> None:
    text = "وصل وزير الخارجية الروسي سيرجي لافروف. وقال وزيري الخارجية الأميركي والروسي، جون كيري، وسيرغي لافروف."
    sp = spans(text, ("وزير", "ROLE_FOREIGN_MINISTER", 0, 0.87), ("الخارجية", "ORG", 0, 0.42),
               ("الروسي", "ROLE_HEAD_OF_STATE", 0, 0.35), ("سيرجي لافروف", "PER"),
               ("وزيري الخارجية الأميركي", "ROLE_FOREIGN_MINISTER"), ("جون كيري", "PER"), ("لافروف", "PER", 1))
    fixed = repair_spans(text, sp)
    roles = [(s.text, s.label) for s in fixed if s.label.startswith("ROLE_")]
    assert roles == [("وزير الخارجية الروسي", "ROLE_FOREIGN_MINISTER"),
                     ("وزيري الخارجية الأميركي والروسي", "ROLE_FOREIGN_MINISTER")]
    for s in fixed:
        assert text[s.start : s.end] == s.text


def test_dual_role_with_missed_second_adjective_distributes_states() -> None:
    text = "شهد الاجتماع تبادل اتهامات بين وزيري الخارجية الأميركي والروسي، جون كيري، وسيرغي لافروف."
    sp = spans(text, ("اتهامات", "EVT_ACCUSATION"), ("وزيري الخارجية الأميركي", "ROLE_FOREIGN_MINISTER"),
               ("جون كيري", "PER"), ("لافروف", "PER"))
    (ev,) = assemble(text, sp)
    check_offsets(text, [ev])
    assert people(ev) == {"جون كيري": ("FOREIGN_MINISTER", "الولايات المتحدة"),
                          "سيرغي لافروف": ("FOREIGN_MINISTER", "روسيا")}


def test_mentions_of_one_person_merge_into_one_actor_with_all_evidence() -> None:
    text = "قال جون إن الوضع صعب. وأضاف كيري أنه سيلتقي لافروف. والتقى وزير الخارجية الأميركي جون كيري لافروف."
    sp = spans(text, ("قال", "EVT_STATEMENT"), ("جون", "PER"), ("كيري", "PER"), ("سيلتقي", "EVT_MEETING"),
               ("لافروف", "PER"), ("والتقى", "EVT_MEETING"), ("وزير الخارجية الأميركي", "ROLE_FOREIGN_MINISTER"),
               ("جون كيري", "PER"), ("لافروف", "PER", 1))
    events = assemble(text, sp)
    check_offsets(text, events)
    names = {p.name for e in events for p in e.participants}
    assert "جون" not in names and "كيري" not in names
    (st,) = [e for e in events if e.type == "STATEMENT"]
    assert [(p.name, p.role, p.affiliation) for p in st.source] == [("جون كيري", "FOREIGN_MINISTER", "الولايات المتحدة")]
    assert len(st.source[0].mentions) == 3


def test_ambiguous_first_name_is_not_merged() -> None:
    text = "قال محمد إن اللقاء مثمر. التقى محمد بن سلمان محمد جواد ظريف."
    sp = spans(text, ("قال", "EVT_STATEMENT"), ("محمد", "PER"), ("التقى", "EVT_MEETING"), ("محمد بن سلمان", "PER"),
               ("محمد جواد ظريف", "PER"))
    events = assemble(text, sp)
    (meeting,) = [e for e in events if e.type == "MEETING"]
    assert sorted(p.name for p in meeting.participants) == ["محمد بن سلمان", "محمد جواد ظريف"]
    (st,) = [e for e in events if e.type == "STATEMENT"]
    assert [p.name for p in st.source] == ["محمد بن سلمان"], "the first full name that fits"


def test_bare_adjectives_and_head_nouns_are_not_participants() -> None:
    text = "وتضم المجموعة دولة ومنظمة. وبحث الوزيران النزاع السوري مع الهلال الأحمر السوري وأكدا الجهود الأميركية."
    sp = spans(text, ("ومنظمة", "ORG"), ("بحث", "EVT_MEETING"), ("السوري", "ORG"), ("الهلال الأحمر", "ORG"),
               ("الأميركية", "ORG"))
    events = assemble(text, sp)
    names = {p.name for e in events for p in e.participants}
    assert "السوري" not in names and "ومنظمة" not in names and "الأميركية" not in names
    assert "الهلال الأحمر السوري" in names, "an organisation keeps its nationality adjective"


def test_counterpart_takes_the_subjects_role_and_its_own_state() -> None:
    text = "التقى وزير الخارجية الروسي سيرغي لافروف نظيره الأميركي جون كيري في جنيف."
    sp = spans(text, ("التقى", "EVT_MEETING"), ("وزير الخارجية الروسي", "ROLE_FOREIGN_MINISTER"),
               ("سيرغي لافروف", "PER"), ("نظيره", "PER"), ("جون كيري", "PER"), ("جنيف", "LOC"))
    (ev,) = assemble(text, sp)
    assert people(ev) == {"سيرغي لافروف": ("FOREIGN_MINISTER", "روسيا"),
                          "جون كيري": ("FOREIGN_MINISTER", "الولايات المتحدة")}


def test_role_then_state_with_trimmed_preposition_and_honorifics() -> None:
    text = "أكد وزير الخارجية بدولة قطر الدكتور خالد بن محمد العطية أن الحل سياسي. واستقبل معالي وزير الخارجية الأستاذ عادل الجبير."
    sp = spans(text, ("أكد", "EVT_STATEMENT"), ("وزير الخارجية", "ROLE_FOREIGN_MINISTER"), ("بدولة", "LOC"), ("قطر", "LOC"),
               ("خالد بن", "PER"), ("محمد العطية", "PER"), ("واستقبل", "EVT_MEETING"),
               ("وزير الخارجية", "ROLE_FOREIGN_MINISTER", 1), ("عادل الجبير", "PER"))
    events = assemble(text, sp)
    check_offsets(text, events)
    (st,) = [e for e in events if e.type == "STATEMENT"]
    assert [(p.name, p.role, p.affiliation) for p in st.source] == [("خالد بن محمد العطية", "FOREIGN_MINISTER", "قطر")]


def test_unqualified_minister_is_placed_only_on_explicit_evidence(monkeypatch) -> None:
    from araevents import gazetteer

    monkeypatch.setattr(gazetteer, "actors_table", dict)  # no corpus-mined actors: article evidence alone
    base = "يقوم وزير الخارجية عادل الجبير بزيارة لموسكو يلتقي خلالها الرئيس الروسي فلاديمير بوتين."
    items = (("وزير الخارجية", "ROLE_FOREIGN_MINISTER"), ("عادل الجبير", "PER"), ("بزيارة", "EVT_VISIT"),
             ("لموسكو", "LOC"), ("يلتقي", "EVT_MEETING"), ("الرئيس الروسي", "ROLE_HEAD_OF_STATE"), ("فلاديمير بوتين", "PER"))

    def visitor(text: str, extra: tuple = ()) -> tuple:
        events = assemble(text, spans(text, *items, *extra))
        check_offsets(text, events)
        (visit,) = [e for e in events if e.type == "VISIT"]
        return (visit.source[0].name, visit.source[0].role, visit.source[0].affiliation)

    assert visitor(base) == ("عادل الجبير", "FOREIGN_MINISTER", None), "no evidence, no guess"
    assert visitor("الرياض - " + base) == ("عادل الجبير", "FOREIGN_MINISTER", "السعودية")
    ministry = base + " وقالت الخارجية السعودية إن الزيارة مهمة."
    assert visitor(ministry, (("الخارجية السعودية", "ORG"),)) == ("عادل الجبير", "FOREIGN_MINISTER", "السعودية")


def test_bare_institution_head_noun_takes_its_complement_and_an_inner_trigger() -> None:
    text = "وأعلنت وزارة الخارجية الروسية أن الوزيرين اتفقا. والتقى المبعوث بالأمين العام لحزب المؤتمر الشعبي أمس."
    sp = spans(text, ("وأعلنت", "EVT_STATEMENT"), ("وزارة", "ORG"), ("الخارجية الروسية", "ROLE_FOREIGN_MINISTER"),
               ("لحزب", "ORG"), ("المؤتمر", "EVT_MEETING"))
    fixed = repair_spans(text, sp)
    assert [(s.text, s.label) for s in fixed if not s.label.startswith("EVT_")] == [
        ("وزارة الخارجية الروسية", "ORG"), ("لحزب المؤتمر الشعبي", "ORG")]
    assert "المؤتمر" not in [s.text for s in fixed], "a trigger word inside an organisation's name is no trigger"
    (st,) = assemble(text, sp)
    assert [p.name for p in st.source] == ["وزارة الخارجية الروسية"]


def test_two_single_names_after_a_verb_stay_two_people_but_join_after_a_role() -> None:
    text = "التقى بوتين أردوغان في أنقرة."
    sp = spans(text, ("التقى", "EVT_MEETING"), ("بوتين", "PER"), ("أردوغان", "PER"), ("أنقرة", "LOC"))
    (ev,) = assemble(text, sp)
    assert sorted(p.name for p in ev.participants if p.kind == "PER") == ["أردوغان", "بوتين"]
    text = "التقى وزير الخارجية الإيطالي باولو جنتيلوني ظريف."
    sp = spans(text, ("التقى", "EVT_MEETING"), ("وزير الخارجية الإيطالي", "ROLE_FOREIGN_MINISTER"), ("باولو", "PER"),
               ("جنتيلوني", "PER"), ("ظريف", "PER"))
    assert [s.text for s in repair_spans(text, sp) if s.label == "PER"] == ["باولو جنتيلوني", "ظريف"]


def test_a_construct_of_two_role_pieces_is_its_heads_office_and_a_title_gives_way() -> None:
    text = "ودعا مبعوث الأمين العام للأمم المتحدة إسماعيل ولد الشيخ. واستقبل معالي وزير الخارجية عادل الجبير."
    sp = spans(text, ("مبعوث", "ROLE_ENVOY", 0, 0.6), ("الأمين العام", "ROLE_SECRETARY_GENERAL", 0, 0.9),
               ("للأمم المتحدة", "ORG"), ("إسماعيل ولد الشيخ", "PER"),
               ("معالي", "ROLE_MINISTER", 0, 0.63), ("وزير الخارجية", "ROLE_FOREIGN_MINISTER"), ("عادل الجبير", "PER"))
    roles = [(s.text, s.label) for s in repair_spans(text, sp) if s.label.startswith("ROLE_")]
    assert roles == [("مبعوث الأمين العام", "ROLE_ENVOY"), ("معالي وزير الخارجية", "ROLE_FOREIGN_MINISTER")]


def test_two_people_side_by_side_are_not_joined_by_lineage_or_a_first_name() -> None:
    """Review counterexamples: a surname before ``بن X`` is another person; ``علي`` may start a
    name, not continue one; a time word is no body a role heads."""
    cases = (("التقى أوباما الأمير بن سلمان. وقال أوباما إن اللقاء جيد.", [("أوباما", "PER"), ("بن سلمان", "PER"), ("أوباما", "PER", 1)]),
             ("واستقبل الرئيس الإيراني روحاني علي لاريجاني.", [("الرئيس الإيراني", "ROLE_HEAD_OF_STATE"), ("روحاني", "PER"), ("علي لاريجاني", "PER")]),
             ("وقال وزير الخارجية السعودي أمس ظريف لافروف.", [("وزير الخارجية السعودي", "ROLE_FOREIGN_MINISTER"), ("ظريف", "PER"), ("لافروف", "PER")]))
    for text, items in cases:
        got = [s.text for s in repair_spans(text, spans(text, *items)) if s.label == "PER"]
        assert len(got) == sum(1 for it in items if it[1] == "PER"), (text, got)
    # a first name and a lineage chain of three words is one name
    text = "وحضر الاستقبال وزير الدولة الدكتور مساعد بن محمد العيبان."
    got = [s.text for s in repair_spans(text, spans(text, ("مساعد", "PER"), ("بن محمد العيبان", "PER"))) if s.label == "PER"]
    assert got == ["مساعد بن محمد العيبان"]


def test_second_review_name_joins() -> None:
    """A first name before a two-word lineage or a compound name with علي is one name; a body a role
    heads may start with an indefinite head noun (``مجلس الشورى الإيراني``)."""
    cases = (("وصل الأمير محمد بن سلمان إلى موسكو.", [("محمد", "PER"), ("بن سلمان", "PER")], "محمد بن سلمان"),
             ("وقال وزير الخارجية العراقي محمد علي الحكيم إن الحل سياسي.",
              [("وزير الخارجية العراقي", "ROLE_FOREIGN_MINISTER"), ("محمد", "PER"), ("علي الحكيم", "PER")], "محمد علي الحكيم"),
             ("وقال رئيس مجلس الشورى الإيراني علي لاريجاني إن الحل سياسي.",
              [("رئيس", "ROLE_OFFICIAL"), ("علي", "PER"), ("لاريجاني", "PER")], "علي لاريجاني"))
    for text, items, name in cases:
        got = [s.text for s in repair_spans(text, spans(text, *items)) if s.label == "PER"]
        assert got == [name], (text, got)


def test_known_surnames_are_not_the_fathers_names_closing_a_lineage() -> None:
    from araevents.gazetteer import actors_table
    from araevents.inference.lexicon import known_surnames

    lineage_ends = {n.split()[-1] for n in actors_table() if len(n.split()) > 2 and n.split()[-2] == "بن"}
    assert lineage_ends and not (lineage_ends - {n.split()[-1] for n in actors_table() if len(n.split()) < 3
                                                 or n.split()[-2] != "بن"}) & known_surnames()
    assert "اوباما" in known_surnames()
