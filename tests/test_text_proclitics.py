"""Proclitic splitting at model input: the split rule, and that training, evaluation and both
inference backends read a word's label at the same sub-token."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Callable

import pytest

from araevents.text.proclitics import PROCLITICS, ProcliticSplitter, expand_words, split_text

LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
WHOLE_WORDS = ["البرازيل", "لبنان", "البوسنة", "والد", "واشنطن", "بريطانيا", "قال"]


def _tokenizer():
    """A WordPiece tokenizer with every letter as a piece and a few whole words."""
    from tokenizers import Tokenizer, models, pre_tokenizers

    vocab = ["[UNK]", *LETTERS, *("##" + c for c in LETTERS), *WHOLE_WORDS, "##بوسنة"]
    tok = Tokenizer(models.WordPiece({w: i for i, w in enumerate(dict.fromkeys(vocab))}, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    return tok


@pytest.fixture(scope="module")
def splitter() -> ProcliticSplitter:
    return ProcliticSplitter(_tokenizer())


@pytest.mark.parametrize("word, expected", [
    ("بالبرازيل", ("ب", "البرازيل")),
    ("وواشنطن", ("و", "واشنطن")),
    ("وبالبرازيل", ("وب", "البرازيل")),
    ("للبوسنة", ("ل", "البوسنة")),  # لل + X read as ل + الX
    ("للبنان", ("ل", "لبنان")),  # ... unless ل + لX is the known word
    ("والد", ("والد",)),  # a whole piece: never split, although و + الد would be read
    ("بريطانيا", ("بريطانيا",)),
    ("البرازيل", ("البرازيل",)),
    ("وب", ("وب",)),  # too little left after the proclitic
    ("و250", ("و250",)),  # not all letters
])
def test_a_proclitic_is_split_only_when_the_stem_needs_fewer_pieces(splitter, word, expected) -> None:
    assert splitter.split(word) == expected


def test_the_split_ignores_the_callers_padding_and_truncation() -> None:
    tok = _tokenizer()
    tok.enable_padding(length=16)
    tok.enable_truncation(max_length=3)
    splitter = ProcliticSplitter(tok)
    assert splitter.split("بالبرازيل") == ("ب", "البرازيل")
    assert tok.padding is not None and tok.truncation is not None  # the caller's settings are left alone


def test_proclitics_are_tried_longest_first() -> None:
    assert PROCLITICS[0] in ("وب", "وك", "ول", "فب", "فك", "فل")
    assert [len(c) for c in PROCLITICS] == sorted((len(c) for c in PROCLITICS), reverse=True)


def test_expand_keeps_the_owner_and_puts_the_label_on_the_stem(splitter) -> None:
    parts, owner, carries = splitter.expand(["قال", "بالبرازيل", "وواشنطن"])
    assert parts == ["قال", "ب", "البرازيل", "و", "واشنطن"]
    assert owner == [0, 1, 1, 2, 2]
    assert carries == [True, False, True, False, True]
    assert expand_words(["بالبرازيل"], None) == (["بالبرازيل"], [0], [True])


def test_pretraining_text_is_split_like_model_input(splitter) -> None:
    assert split_text("قال بالبرازيل\nوواشنطن  2015", splitter) == "قال ب البرازيل و واشنطن 2015"


def test_windows_index_the_docs_words_and_mark_stems_as_first(splitter) -> None:
    from tokenizers import processors

    from araevents.inference.windows import make_windows

    tok = _tokenizer()
    tok.post_processor = processors.TemplateProcessing(single="[UNK] $A [UNK]", special_tokens=[("[UNK]", 0)])
    (win,) = make_windows(tok, [["قال", "بالبرازيل"]], max_length=32, splitter=ProcliticSplitter(tok))
    assert [tok.id_to_token(i) for i in win.input_ids] == ["[UNK]", "قال", "ب", "البرازيل", "[UNK]"]
    assert win.word_ids == [None, 0, 1, 1, None]
    assert win.first == [False, True, False, True, False]


def _split_model(folder: Path) -> Path:
    cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    cfg["split_proclitics"] = True
    (folder / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    return folder


def test_training_labels_sit_where_the_tagger_reads_them(tiny_model_dir: Path, tmp_path: Path) -> None:
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from araevents.schema import label2id
    from araevents.training.data import IGNORE_INDEX, input_splitter, tokenize_and_align

    folder = _split_model(Path(shutil.copytree(tiny_model_dir, tmp_path / "m")))
    model = AutoModelForTokenClassification.from_pretrained(folder)
    tok = AutoTokenizer.from_pretrained(folder)
    splitter = input_splitter(model, tok)
    assert splitter is not None
    words = ["وقال", "الوزير", "بالدوحة"]
    enc = tokenize_and_align({"words": [words], "tags": [["O", "O", "B-LOC"]]}, tok, 64, splitter=splitter)
    pieces = tok.convert_ids_to_tokens(enc["input_ids"][0])
    labelled = [(p, lab) for p, lab in zip(pieces, enc["labels"][0]) if lab != IGNORE_INDEX]
    assert len(labelled) == 3 and labelled[-1][1] == label2id["B-LOC"]
    parts, _, carries = splitter.expand(words)
    assert labelled[-1][0] == tok.tokenize([p for p, c in zip(parts, carries) if c][-1])[0]
    model.config.split_proclitics = False
    assert input_splitter(model, tok) is None


def test_both_backends_agree_on_a_splitting_model(tiny_model_factory: Callable[..., Path]) -> None:
    from araevents.inference.tagger import Tagger
    from araevents.text.tokenize import word_tokenize

    folder = _split_model(tiny_model_factory(seed=3))
    texts = ["وقال وزير الخارجية بالدوحة إن المفاوضات للبنان ستستأنف.", "التقى الوزيران بجنيف."]
    fast = Tagger.load(folder, backend="numpy")
    slow = Tagger.load(folder, backend="transformers")
    assert fast.splitter is not None and slow.splitter is not None
    ours, theirs = fast.tag_many(texts), slow.tag_many(texts)
    assert [[(s.start, s.end, s.label) for s in x] for x in ours] == [[(s.start, s.end, s.label) for s in x] for x in theirs]
    for text, spans in zip(texts, ours):  # spans cover whole words of the original text, proclitic included
        words = word_tokenize(text)
        for s in spans:
            assert s.text == text[s.start:s.end]
            assert s.start in {w.start for w in words} and s.end in {w.end for w in words}


def test_one_reading_helper_serves_lexicon_gazetteer_and_labeller_lookups():
    from araevents.gazetteer import canonical_state, demonym_to_state
    from araevents.text.proclitics import proclitic_readings, strip_proclitic

    assert proclitic_readings("وللبنان") == (("وللبنان", 0), ("للبنان", 1), ("البنان", 2), ("لبنان", 2))
    assert strip_proclitic("وبمصر") == "مصر"
    assert strip_proclitic("للأمم") == "الأمم"  # لل read as ل + ال first
    assert strip_proclitic("بلد") == "بلد"  # a stem keeps three letters for a lookup
    # the gazetteer reads the same forms: ل + لبنان, و + الروسي
    assert canonical_state("للبنان") == canonical_state("لبنان") is not None
    assert demonym_to_state("والروسي") == "روسيا"
