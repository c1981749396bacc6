"""``araevents pretrain`` on the miniature shared folder: its text, a tiny run, resuming it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from araevents.errors import ConfigError

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "build_data" / "shared"


def tiny_pretrain_config(tmp_path: Path, **overrides):
    from araevents.training.config import fill
    from araevents.training.pretrain import PretrainConfig

    data = dict(output_dir=str(tmp_path / "pt"), shared_dir=str(FIXTURE), vocab_size=300, min_frequency=1,
                hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64, seq_len=32,
                max_position_embeddings=64, batch_size=4, learning_rate=1e-3, warmup_steps=1, max_steps=3,
                save_steps=3, logging_steps=1, bf16=False, threads=1)
    data.update(overrides)
    return fill(PretrainConfig, data, where="test")


def test_pretraining_text_is_news_and_gold_training_text_never_held_out_text(tmp_path):
    from araevents.formats.conll import read_conll
    from araevents.training.news import iter_news
    from araevents.training.pretrain import iter_texts

    cfg = tiny_pretrain_config(tmp_path, normalize=False)
    texts = list(iter_texts(cfg))
    joined = "\n".join(texts)
    news = list(iter_news(FIXTURE))
    assert news and all(a.text in texts for a in news)
    wojood_train = next(read_conll(FIXTURE / "data" / "wojood_sample" / "train.txt"))
    assert wojood_train.text in joined
    for held_out in ("anercorp/ANERCorp_CamelLab_style_test.txt", "wojood_sample/test.txt"):
        for doc in read_conll(FIXTURE / "data" / held_out):
            if len(doc.text) > 30:
                assert doc.text not in joined, held_out


def test_pretraining_text_is_normalised_like_model_input(tmp_path):
    from araevents.text.normalize import normalize_for_model
    from araevents.training.pretrain import iter_texts

    raw = list(iter_texts(tiny_pretrain_config(tmp_path, normalize=False, text_sources=[])))
    normalised = list(iter_texts(tiny_pretrain_config(tmp_path, text_sources=[])))
    assert normalised == [normalize_for_model(t).text for t in raw]


def test_splitting_proclitics_needs_an_existing_vocabulary(tmp_path):
    from araevents.training.pretrain import pretrain

    with pytest.raises(ConfigError, match="init_from"):
        pretrain(tiny_pretrain_config(tmp_path, split_proclitics=True))


def test_growing_layers_copies_each_old_layer_in_order():
    import torch
    from transformers import BertConfig, BertForMaskedLM

    from araevents.training.pretrain import grow_layers

    torch.manual_seed(0)
    model = BertForMaskedLM(BertConfig(vocab_size=50, hidden_size=16, num_hidden_layers=4, num_attention_heads=2,
                                       intermediate_size=32))
    old = [layer.output.dense.weight.detach().clone() for layer in model.bert.encoder.layer]
    ids = torch.tensor([[2, 5, 7, 3]])
    grow_layers(model, 6)
    assert model.config.num_hidden_layers == 6
    copied = [next(i for i, w in enumerate(old) if torch.equal(w, layer.output.dense.weight)) for layer in model.bert.encoder.layer]
    assert copied == [0, 0, 1, 2, 2, 3]
    assert [layer.attention.self.layer_idx for layer in model.bert.encoder.layer] == list(range(6))
    model.bert.encoder.layer[0].output.dense.weight.data.add_(1.0)  # copies are independent weights
    assert not torch.equal(model.bert.encoder.layer[0].output.dense.weight, model.bert.encoder.layer[1].output.dense.weight)
    assert model(input_ids=ids).logits.shape == (1, 4, 50)
    with pytest.raises(ConfigError, match="only deepens"):
        grow_layers(model, 2)


def test_growing_layers_needs_an_encoder_to_grow(tmp_path):
    from araevents.training.pretrain import pretrain

    with pytest.raises(ConfigError, match="grow_layers needs init_from"):
        pretrain(tiny_pretrain_config(tmp_path, grow_layers=3))


def test_unknown_text_source_is_a_config_error(tmp_path):
    from araevents.training.pretrain import iter_texts

    with pytest.raises(ConfigError, match="newsfane"):
        list(iter_texts(tiny_pretrain_config(tmp_path, text_sources=["newsfane"])))


def test_sequence_longer_than_positions_is_refused(tmp_path):
    from araevents.training.pretrain import pretrain

    with pytest.raises(ConfigError, match="positions"):
        pretrain(tiny_pretrain_config(tmp_path, seq_len=64, max_position_embeddings=32))


@pytest.mark.slow
def test_pretrain_runs_logs_and_resumes_with_a_longer_budget(tmp_path, capsys):
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from araevents.training.pretrain import pretrain

    pytest.importorskip("gensim")
    import numpy as np
    from transformers import BertForMaskedLM

    from araevents.training.pretrain import sinusoidal_positions

    log = pretrain(tiny_pretrain_config(tmp_path, embedding_init="word2vec", position_init="sinusoidal"))
    out = Path(tmp_path / "pt")
    assert log["steps"] == 3 and log["tokens_seen"] > 0 and log["final_mlm_loss"] > 0
    assert (out / "word2vec.npy").is_file()  # a restart reuses the vectors
    positions = BertForMaskedLM.from_pretrained(out / "final").bert.embeddings.position_embeddings.weight.detach().numpy()
    table = sinusoidal_positions(64, 32, 1.0)
    assert np.corrcoef(positions.ravel(), table.ravel())[0, 1] > 0.9  # 3 steps move it only a little
    assert json.loads((out / "pretrain_log.json").read_text())["steps"] == 3
    capsys.readouterr()

    log = pretrain(tiny_pretrain_config(tmp_path, max_steps=5, save_steps=5))
    assert "resuming from" in capsys.readouterr().out
    assert log["steps"] == 5
    model = AutoModelForTokenClassification.from_pretrained(out / "final", num_labels=3)
    assert model.config.max_position_embeddings == 64
    # the blocks were 32 tokens, but the tagger's windows may use every position
    assert AutoTokenizer.from_pretrained(out / "final").model_max_length == 64
    assert not getattr(model.config, "split_proclitics", False)

    # a later phase on text with proclitics split off records it: fine-tuning from it splits too
    pretrain(tiny_pretrain_config(tmp_path, output_dir=str(tmp_path / "pt2"), init_from=str(out / "final"),
                                  split_proclitics=True, max_steps=1, save_steps=1))
    tagger = AutoModelForTokenClassification.from_pretrained(tmp_path / "pt2" / "final", num_labels=3)
    assert tagger.config.split_proclitics is True

    # a phase from a shipped (float16, fine-tuned) tagger: its encoder trains in float32
    import torch

    shipped = tmp_path / "shipped"
    tagger.half().save_pretrained(shipped)
    AutoTokenizer.from_pretrained(out / "final").save_pretrained(shipped)
    pretrain(tiny_pretrain_config(tmp_path, output_dir=str(tmp_path / "pt4"), init_from=str(shipped),
                                  split_proclitics=True, max_steps=1, save_steps=1))
    again = BertForMaskedLM.from_pretrained(tmp_path / "pt4" / "final")
    assert next(again.parameters()).dtype == torch.float32

    # a deeper phase: the 1-layer encoder grown to 3 layers, saved and reloaded with 3
    pretrain(tiny_pretrain_config(tmp_path, output_dir=str(tmp_path / "pt3"), init_from=str(out / "final"),
                                  grow_layers=3, max_steps=1, save_steps=1))
    deep = AutoModelForTokenClassification.from_pretrained(tmp_path / "pt3" / "final", num_labels=3)
    assert deep.config.num_hidden_layers == 3 and len(deep.bert.encoder.layer) == 3


@pytest.mark.slow
def test_word2vec_embedding_init_fills_the_seen_pieces(tmp_path):
    pytest.importorskip("gensim")
    import numpy as np

    from araevents.training.pretrain import word2vec_embeddings

    blocks = {"input_ids": [[5, 6, 7, 8, 5, 6, 7, 9]] * 20}
    emb = word2vec_embeddings(blocks, vocab_size=12, dim=8, seed=0, epochs=2)
    assert emb.shape == (12, 8)
    seen = emb[[5, 6, 7, 8, 9]]
    assert np.isclose(seen.std(), 0.05, rtol=0.3)
    assert not np.allclose(seen[0], seen[1])


def test_sinusoidal_positions_have_the_asked_scale_and_tell_positions_apart():
    import numpy as np

    from araevents.training.pretrain import sinusoidal_positions

    table = sinusoidal_positions(256, 64, 0.05)
    assert table.shape == (256, 64) and table.dtype == np.float32
    assert np.isclose(table.std(), 0.05, rtol=1e-3)
    assert len({tuple(np.round(row, 6)) for row in table}) == 256


def test_unknown_initialisations_are_config_errors(tmp_path):
    from araevents.training.pretrain import pretrain

    with pytest.raises(ConfigError, match="position_init"):
        pretrain(tiny_pretrain_config(tmp_path, position_init="rotary"))
