"""Tagger: model-folder validation, offsets, sliding windows over long articles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from araevents.errors import ModelLoadError
from araevents.inference.extractor import Extractor
from araevents.inference.tagger import Tagger
from araevents.inference.windows import Window, merge_windows
from araevents.schema import LABELS, label2id

ARTICLE = (
    "التقى وزير الخارجية الروسي سيرغي لافروف نظيره الأميركي جون كيري في جنيف اليوم الخميس.\n"
    "وقال المبعوث الأممي ستافان دي ميستورا إن المفاوضات ستستأنف الأسبوع المقبل."
)


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def test_tiny_model_tags_with_exact_offsets(tiny_model_dir: Path) -> None:
    tagger = Tagger.load(tiny_model_dir, outside_bias=0)  # decoded as it is: a random model's O is no surer
    spans = tagger.tag_many([ARTICLE, "", "   "])
    assert spans[1] == [] and spans[2] == []
    assert spans[0], "a random model still labels something"
    for sp in spans[0]:
        assert ARTICLE[sp.start : sp.end] == sp.text
        assert sp.label in {lab[2:] for lab in LABELS if lab != "O"}
        assert 0.0 < sp.score <= 1.0


def test_batches_give_the_same_spans_as_single_articles(tiny_model_dir: Path) -> None:
    tagger = Tagger.load(tiny_model_dir)
    texts = [ARTICLE, ARTICLE[:40], ARTICLE * 3]
    together = tagger.tag_many(texts, batch_size=3)
    alone = [tagger.tag_many([t], batch_size=1)[0] for t in texts]
    assert [[(s.start, s.end, s.label) for s in x] for x in together] == [[(s.start, s.end, s.label) for s in x] for x in alone]


@pytest.mark.parametrize(
    "breakage, message",
    [
        ("no_folder", "does not exist"),
        ("no_config", "no config.json"),
        ("bad_json", "not valid JSON"),
        ("wrong_labels", "label set does not match"),
        ("no_weights", "no weights"),
        ("truncated_weights", "could not load"),
        ("no_tokenizer", "no tokenizer"),
    ],
)
def test_broken_model_folders_raise_model_load_error(tiny_model_dir: Path, tmp_path: Path, breakage: str, message: str) -> None:
    folder = _copy(tiny_model_dir, tmp_path / "m")
    if breakage == "no_folder":
        folder = tmp_path / "missing"
    elif breakage == "no_config":
        (folder / "config.json").unlink()
    elif breakage == "bad_json":
        (folder / "config.json").write_text("{not json", encoding="utf-8")
    elif breakage == "wrong_labels":
        cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        cfg["id2label"] = {"0": "O", "1": "B-PER", "2": "I-PER"}
        (folder / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    elif breakage == "no_weights":
        (folder / "model.safetensors").unlink()
    elif breakage == "truncated_weights":
        data = (folder / "model.safetensors").read_bytes()
        (folder / "model.safetensors").write_bytes(data[: len(data) // 2])
    elif breakage == "no_tokenizer":
        for f in ("tokenizer.json", "vocab.txt"):
            (folder / f).unlink(missing_ok=True)
    with pytest.raises(ModelLoadError, match=message):
        Tagger.load(folder)


def test_missing_embedded_model_says_how_to_fix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import araevents.paths

    monkeypatch.setattr(araevents.paths, "DEFAULT_MODEL_DIR", tmp_path / "default_model")
    with pytest.raises(ModelLoadError, match="embedded model is missing"):
        Tagger.load(None)


def test_merge_prefers_the_window_where_a_word_is_most_central() -> None:
    # words 0..5; window A covers 0..3, window B covers 2..5 ([CLS] and [SEP] around)
    a = Window(0, [0] * 6, [1] * 6, [None, 0, 1, 2, 3, None], [False, True, True, True, True, False])
    b = Window(0, [0] * 6, [1] * 6, [None, 2, 3, 4, 5, None], [False, True, True, True, True, False])
    pa = np.zeros((6, 3), dtype=np.float32)
    pb = np.zeros((6, 3), dtype=np.float32)
    pa[:, 1] = 1.0  # A says label 1 everywhere
    pb[:, 2] = 1.0  # B says label 2 everywhere
    merged = merge_windows([a, b], [pa, pb], [6], 3)[0]
    # word 2 is at A's position 3 (centrality 1) and B's position 1 (centrality 0): A wins; word 3 the reverse
    assert merged.argmax(axis=1).tolist() == [1, 1, 1, 2, 2, 2]


class LookupModel:
    """A context-free stand-in for a token classifier: label by token id (deterministic)."""

    concurrent = False

    def __init__(self, tokenizer, word_labels: dict[str, str], max_positions: int = 64) -> None:
        self.id2label = dict(enumerate(LABELS))
        self.max_positions = max_positions
        self.table = np.full((tokenizer.get_vocab_size(), len(LABELS)), -5.0, dtype=np.float32)
        self.table[:, 0] = 5.0
        for word, label in word_labels.items():
            (tid,) = tokenizer.encode(word, add_special_tokens=False).ids
            self.table[tid] = -5.0
            self.table[tid, label2id[label]] = 5.0
        self.calls = 0

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        self.calls += 1
        assert input_ids.shape[1] <= self.max_positions
        return self.table[input_ids]


def test_event_after_token_2000_is_found_through_sliding_windows(tiny_model_dir: Path) -> None:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tiny_model_dir / "tokenizer.json"))
    model = LookupModel(tok, {"التقى": "B-EVT_MEETING", "لافروف": "B-PER", "كيري": "B-PER"}, max_positions=64)
    filler = "أعلنت وزارة الخارجية أن الوزيرين بحثا النزاع السوري في نيويورك. " * 200
    article = filler + "التقى لافروف كيري."
    assert len(tok.encode(filler.split(), is_pretokenized=True).ids) > 2000
    tagger = Tagger(model, tok)
    events = Extractor(tagger=tagger).extract(article)
    assert model.calls >= 1
    (meeting,) = [e for e in events if e.type == "MEETING"]
    assert meeting.trigger.start > len(filler) - 1
    assert sorted(p.name for p in meeting.participants) == ["كيري", "لافروف"]
    for p in meeting.participants:
        for m in p.mentions:
            assert article[m.start : m.end] == m.text


def test_outside_bias_leans_decoding_towards_fewer_spans(tiny_model_dir: Path) -> None:
    words = lambda spans: sum(len(sp.text.split()) for sp in spans)  # noqa: E731
    as_is = Tagger.load(tiny_model_dir, outside_bias=0).tag_many([ARTICLE])[0]
    leaned = Tagger.load(tiny_model_dir, outside_bias=2.0).tag_many([ARTICLE])[0]
    none = Tagger.load(tiny_model_dir, outside_bias=50.0).tag_many([ARTICLE])[0]
    more = Tagger.load(tiny_model_dir, outside_bias=-50.0).tag_many([ARTICLE])[0]
    assert none == [] and more and all(sp.label != "O" for sp in more)
    assert words(none) <= words(leaned) <= words(as_is) <= words(more)
    assert Tagger.load(tiny_model_dir).outside_bias == 1.0  # the default


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "1", True, None])
def test_outside_bias_must_be_a_finite_number(tiny_model_dir: Path, bad: object) -> None:
    from araevents.errors import UserError

    with pytest.raises(UserError, match="outside_bias"):
        Tagger.load(tiny_model_dir, outside_bias=bad)


def test_outside_bias_with_a_given_tagger_is_an_error() -> None:
    class Fixed:
        def tag_many(self, texts, batch_size=16):
            return [[] for _ in texts]

    with pytest.raises(ValueError, match="outside_bias"):
        Extractor(tagger=Fixed(), outside_bias=1.0)
