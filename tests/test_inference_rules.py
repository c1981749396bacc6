"""Lexicon rules complete the model's spans: they fill its silences and finish spans it cut short, never relabel."""

from __future__ import annotations

from araevents.document import Span
from araevents.inference.rules import merge_spans


def test_merge_keeps_model_spans_and_fills_gaps_only():
    model = [Span(0, 4, "PER", "كيري"), Span(10, 16, "LOC", "موسكو ")]
    rules = [Span(2, 6, "ORG", "xx"), Span(5, 9, "EVT_MEETING", "لقاء"), Span(15, 20, "DATE", "x"),
             Span(20, 25, "DATE", "اليوم")]
    merged = merge_spans(model, rules)
    assert merged == [model[0], Span(5, 9, "EVT_MEETING"), model[1], Span(20, 25, "DATE")]


def test_rules_find_roles_and_triggers_in_curated_lexicons():
    from araevents.inference.rules import rule_labeller

    text = "واجتمع وزير الخارجية الروسي سيرغي لافروف مع نظيره الأميركي في جنيف اليوم."
    got = {(s.label, text[s.start:s.end]) for s in rule_labeller().label(text)}
    assert ("EVT_MEETING", "اجتمع") in got
    assert ("ROLE_FOREIGN_MINISTER", "وزير الخارجية الروسي") in got
    assert ("LOC", "جنيف") in got


def test_a_rule_span_of_the_same_label_widens_a_model_span_it_contains():
    text = "وصف وزير الخارجية الإيراني محمد جواد ظريف"
    model = [Span(4, 8, "ROLE_FOREIGN_MINISTER", "وزير", 0.6), Span(27, 41, "PER", "محمد جواد ظريف", 0.8)]
    rules = [Span(4, 26, "ROLE_FOREIGN_MINISTER", "وزير الخارجية الإيراني"), Span(27, 41, "PER", "محمد جواد ظريف")]
    merged = merge_spans(model, rules)
    assert merged == [Span(4, 26, "ROLE_FOREIGN_MINISTER", "وزير الخارجية الإيراني", 0.6), model[1]]
    assert text[merged[0].start : merged[0].end] == merged[0].text
    # another label, or a rule span over two model spans, leaves the model's spans as they are
    other = [Span(4, 26, "ROLE_MINISTER", "وزير الخارجية الإيراني")]
    assert merge_spans(model, other) == model
    wide = [Span(4, 41, "ROLE_FOREIGN_MINISTER", text[4:41])]
    assert merge_spans(model, wide) == model


def test_a_name_run_on_into_a_lexicon_trigger_is_cut_where_the_trigger_begins():
    text = "تلقى سامح شكري اتصالين هاتفيين اليوم"
    model = [Span(5, 22, "PER", "سامح شكري اتصالين"), Span(23, 30, "ROLE_FOREIGN_MINISTER", "هاتفيين")]
    rules = [Span(15, 30, "EVT_PHONE_CALL", "اتصالين هاتفيين")]
    assert text[15:30] == "اتصالين هاتفيين"
    assert merge_spans(model, rules) == [Span(5, 14, "PER"), Span(15, 30, "EVT_PHONE_CALL")]


def test_a_trigger_read_inside_a_word_does_not_cut_the_name():
    # ``فيصل``: the labeller may read ``ف`` + ``يصل``; that is no word of its own
    model = [Span(0, 12, "PER", "فيصل بن بندر")]
    assert merge_spans(model, [Span(1, 4, "EVT_VISIT", "يصل")]) == model


def test_send_offs_telegrams_two_calls_and_invitations_are_in_the_lexicon():
    from araevents.inference.rules import rule_labeller

    cases = [("وكان في وداعه لدى مغادرته المطار وزير الدفاع", "EVT_MEETING", "وداعه"),
             ("وبعث سموه برقية شكر لفخامة الرئيس", "EVT_STATEMENT", "برقية"),
             ("تلقى وزير الخارجية اتصالين هاتفيين من نظيريه", "EVT_PHONE_CALL", "اتصالين هاتفيين"),
             ("وزير الخارجية يتلقى اتصالين من نظيريه الروسي والأمريكي", "EVT_PHONE_CALL", "اتصالين"),
             ("يزور الملك روسيا بدعوة من الرئيس الروسي", "EVT_APPEAL", "دعوة"),
             ("وصل إلى عمان تلبية لدعوة الملك عبدالله الثاني", "EVT_APPEAL", "دعوة"),
             ("وأشار الوزير إلى ضرورة وقف إطلاق النار", "EVT_APPEAL", "ضرورة"),
             ("وجددت المملكة إدانتها للهجوم", "EVT_STATEMENT", "جددت"),
             ("وعبر الوزير الفيصل عن تقديره للجهود", "EVT_STATEMENT", "عبر"),
             ("ووصف الوزير الاتفاق بأنه تاريخي", "EVT_STATEMENT", "وصف"),
             ("ونقلت الوكالة عنه قوله إن الحل سياسي", "EVT_STATEMENT", "قوله"),
             ("خلال كلمته في الافتتاح", "EVT_STATEMENT", "كلمته"),
             ("وسلمه رسالة خطية من الملك", "EVT_STATEMENT", "رسالة")]
    for text, label, word in cases:
        got = {(s.label, text[s.start:s.end]) for s in rule_labeller().label(text)}
        assert (label, word) in got, (text, got)
    # not a farewell party's name nor a telegram office
    for text, word in [("حفل وداع الموسم", "وداع"), ("مكتب البرقية", "البرقية"),
                       ("وزارة الشؤون الإسلامية والدعوة والإرشاد", "الدعوة"), ("جدد النادي عقد اللاعب", "جدد"),
                       ("عبر الحدود السورية التركية", "عبر"), ("وصف دقيق للحالة", "وصف"),
                       ("رسالة ماجستير في الاقتصاد", "رسالة"), ("كلمة السر", "كلمة")]:
        got = {text[s.start:s.end] for s in rule_labeller().label(text) if s.label.startswith("EVT_")}
        assert word not in got, (text, got)


def test_only_a_persons_name_is_cut_at_a_trigger_and_without_its_comma():
    org = [Span(0, 12, "ORG", "هيئة التفاوض")]
    assert merge_spans(org, [Span(5, 12, "EVT_NEGOTIATION", "التفاوض")]) == org
    per = [Span(0, 18, "PER", "سامح شكري، اتصالين")]
    (name, call) = merge_spans(per, [Span(11, 18, "EVT_PHONE_CALL", "اتصالين")])
    assert (name.text, name.end, call.label) == ("سامح شكري", 9, "EVT_PHONE_CALL")
