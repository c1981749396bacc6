"""Self-training: a model's entity predictions added to the weakly labelled news of a corpus."""

from __future__ import annotations

from araevents.training.self_training import merge_entities, relabel


def test_predicted_entities_fill_only_all_outside_stretches():
    weak = ["O", "O", "B-ROLE_MINISTER", "O", "B-PER", "O"]
    predicted = ["B-PER", "I-PER", "B-PER", "B-LOC", "I-LOC", "B-EVT_MEETING"]
    # the name over two O words is added; the role and the overlapping weak PER win; triggers are
    # never taken from the model
    assert merge_entities(weak, predicted) == ["B-PER", "I-PER", "B-ROLE_MINISTER", "O", "B-PER", "O"]


def test_relabel_touches_only_the_named_sources(tiny_model_dir):
    import datasets

    def table(source):
        return datasets.Dataset.from_dict({"id": [f"{source}-1"], "words": [["قال", "كيري", "في", "جنيف"]],
                                           "tags": [["O", "O", "O", "O"]], "source": [source], "license": ["x"]})

    dsd = datasets.DatasetDict({"train": datasets.concatenate_datasets([table("news"), table("gold")]),
                                "validation": table("gold")})
    out = relabel(dsd, str(tiny_model_dir), ["news"])
    assert out["train"]["tags"][1] == ["O"] * 4 and out["validation"]["tags"][0] == ["O"] * 4
    news = out["train"]["tags"][0]
    assert len(news) == 4 and all(t == "O" or t[2:] in ("PER", "LOC", "ORG") for t in news)
