"""``araevents build-data`` on a miniature shared folder (tests/fixtures/build_data)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from araevents.errors import UserError
from araevents.schema import LABELS, label2id
from araevents.training import build_data
from araevents.training.sources import SOURCES, SourceSpec, read_source

FIXTURE = Path(__file__).parent / "fixtures" / "build_data"


def _args(out: Path, *extra: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    build_data.add_arguments(parser)
    return parser.parse_args(["--out", str(out), "--shared", str(FIXTURE / "shared"), "--seeds", str(FIXTURE / "seeds"),
                              "--validation-fraction", "0.2", *extra])


def _quiet(it, **kw):
    return it


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    dsd, counts = build_data.build(_args(out), progress=_quiet)
    return out, dsd, counts


def _rows(dsd) -> list[dict]:
    return [r for split in ("train", "validation") for r in dsd[split]]


def test_output_files_and_columns(built):
    out, dsd, counts = built
    assert (out / "data_card.md").is_file() and (out / "counts.json").is_file()
    assert set(dsd) == {"train", "validation"}
    assert dsd["train"].column_names == ["id", "words", "tags", "labels", "source", "license"]
    assert dsd["train"].features["labels"].feature.names == list(LABELS)
    saved = json.loads((out / "counts.json").read_text(encoding="utf-8"))
    assert saved["splits"]["train"]["sentences"] == len(dsd["train"])
    import datasets

    reloaded = datasets.load_from_disk(str(out))
    assert reloaded["train"]["id"] == dsd["train"]["id"]


def test_every_label_valid_and_ids_match(built):
    _, dsd, _ = built
    for r in _rows(dsd):
        assert len(r["words"]) == len(r["tags"]) == len(r["labels"]) <= build_data.MAX_WORDS
        assert all(t in label2id for t in r["tags"])
        assert r["labels"] == [label2id[t] for t in r["tags"]]
        for prev, tag in zip(["O"] + r["tags"], r["tags"]):
            if tag.startswith("I-"):
                assert prev[2:] == tag[2:], (r["id"], r["tags"])  # strict IOB2


def test_all_sources_present_and_held_out_data_absent(built):
    _, dsd, _ = built
    rows = _rows(dsd)
    assert {r["source"] for r in rows} == {"anercorp", "wojood", "wikifane", "saudinewsnet"}
    ids = [r["id"] for r in rows]
    assert not any("test" in i or "NewsFANE" in i for i in ids)
    news_lines = {int(i.split("-")[1]) for i in ids if i.startswith("snn-")}
    assert 2 not in news_lines  # the dev article (shared/dev/README.md)
    assert 5 not in news_lines  # overlaps the fixture seed article
    assert 1 not in news_lines  # sports: no diplomatic role or trigger
    assert {0, 3, 4, 6} <= news_lines
    assert 7 not in news_lines  # repeats a sentence of article 0 (wire copy in another paper)


def test_forbidden_files_are_refused():
    spec = SourceSpec("x", ("anercorp/ANERCorp_CamelLab_style_test.txt",), {}, frozenset(), "none")
    with pytest.raises(UserError, match="held-out"):
        list(read_source(spec, FIXTURE / "shared"))


def _tagged(dsd, source: str, first_word: str) -> list[tuple[str, str]]:
    row = next(r for r in _rows(dsd) if r["source"] == source and r["words"][0] == first_word)
    return list(zip(row["words"], row["tags"]))


def test_gold_wins_and_weak_roles_triggers_dates_are_added(built):
    _, dsd, _ = built
    aner = _tagged(dsd, "anercorp", "التقى")
    assert aner[:6] == [("التقى", "B-EVT_MEETING"), ("وزير", "B-ROLE_FOREIGN_MINISTER"), ("الخارجية", "I-ROLE_FOREIGN_MINISTER"),
                        ("الروسي", "I-ROLE_FOREIGN_MINISTER"), ("سيرغي", "B-PER"), ("لافروف", "I-PER")]
    assert ("اليوم", "B-DATE") in aner and ("الخميس", "I-DATE") in aner  # ANERcorp has no DATE gold
    # Wojood: OCC becomes a role through the lexicon, TIME is a DATE, a non-diplomatic OCC is O
    woj = _tagged(dsd, "wojood", "استقبل")
    assert woj[1:4] == [("وزير", "B-ROLE_MINISTER"), ("الداخلية", "I-ROLE_MINISTER"), ("الأردني", "I-ROLE_MINISTER")]
    assert _tagged(dsd, "wojood", "مبعوث")[:3] == [("مبعوث", "B-ROLE_ENVOY"), ("الأمم", "B-ORG"), ("المتحدة", "I-ORG")]
    assert ("الساعة", "B-DATE") in _tagged(dsd, "wojood", "مبعوث")
    assert _tagged(dsd, "wojood", "الشاعرة")[0] == ("الشاعرة", "O")
    # WikiFANE: bidi marks stripped, Politician → PER, PER Group dropped
    fane = _tagged(dsd, "wikifane", "عقد")
    assert ("باراك", "B-PER") in fane and ("المسلمين", "O") in fane
    assert ("الرئيس", "B-ROLE_HEAD_OF_STATE") in fane


def test_build_is_deterministic(built, tmp_path):
    _, first, _ = built
    second, _ = build_data.build(_args(tmp_path / "again"), progress=_quiet)
    for split in ("train", "validation"):
        assert first[split].to_dict() == second[split].to_dict()


def test_chunking_never_cuts_a_span():
    words = ["كلمة"] * 98 + ["وزير", "الخارجية", "الروسي"] + ["كلمة"] * 10 + ["،"] + ["كلمة"] * 130
    tags = ["O"] * 98 + ["B-ROLE_FOREIGN_MINISTER", "I-ROLE_FOREIGN_MINISTER", "I-ROLE_FOREIGN_MINISTER"] + ["O"] * 141
    pieces = build_data.chunk(words, tags, max_words=100)
    assert all(b - a <= 100 for a, b in pieces)
    assert pieces[0] == (0, 98)  # no comma fits: cut before the span that would straddle word 100
    assert pieces[1] == (98, 112)  # then after the comma
    assert pieces[-1][1] == len(words)
    for a, _ in pieces:
        assert not tags[a].startswith("I-")


def test_cli_run_prints_summary(tmp_path, capsys):
    from araevents.cli import main

    rc = main(["build-data", "--out", str(tmp_path / "c"), "--shared", str(FIXTURE / "shared"),
               "--seeds", str(FIXTURE / "seeds"), "--max-news-sentences", "3", "--min-type-count", "1"])
    assert rc == 0
    out = capsys.readouterr().out
    assert "train:" in out and "data card:" in out
    assert sum(s == "saudinewsnet" for s in __import__("datasets").load_from_disk(str(tmp_path / "c"))["train"]["source"]) <= 3


def test_sources_table_covers_the_three_gold_corpora():
    assert set(SOURCES) == {"anercorp", "wojood", "wikifane"}


def test_build_actors_mines_the_built_corpus_and_refuses_other_folders(built, tmp_path, capsys):
    from araevents.cli import main

    out, _, _ = built
    table = tmp_path / "actors.tsv"
    assert main(["build-actors", "--corpus", str(out), "--out", str(table), "--min-votes", "1"]) == 0
    lines = table.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Generated by `araevents build-actors")
    header = next(i for i, line in enumerate(lines) if line.startswith("name\t"))
    assert all(len(row.split("\t")) == 5 for row in lines[header + 1:])
    assert "actors from" in capsys.readouterr().out
    assert main(["build-actors", "--corpus", str(tmp_path), "--out", str(table)]) == 1
    assert "not a corpus built by `araevents build-data`" in capsys.readouterr().err


def test_build_actors_also_mines_labelled_documents_given_with_data(built, tmp_path):
    """The team's span gold is kept out of the corpus, so the miner reads it beside the corpus."""
    import json

    from araevents.cli import main

    out, _, _ = built
    sentence = "وقال وزير الخارجية الروسي ميخائيل بوغدانوف إن المحادثات مثمرة."
    docs = tmp_path / "gold.jsonl"
    with docs.open("w", encoding="utf-8") as f:
        for k in range(3):
            spans = [{"start": sentence.index(t), "end": sentence.index(t) + len(t), "label": lab, "text": t}
                     for t, lab in (("وقال", "EVT_STATEMENT"), ("وزير الخارجية الروسي", "ROLE_FOREIGN_MINISTER"),
                                    ("ميخائيل بوغدانوف", "PER"))]
            spans[0]["start"] += 1  # و stays outside
            spans[0]["text"] = "قال"
            f.write(json.dumps({"id": f"d{k}", "text": sentence, "spans": spans}, ensure_ascii=False) + "\n")
    table = tmp_path / "actors.tsv"
    assert main(["build-actors", "--corpus", str(out), "--out", str(table), "--data", str(docs)]) == 0
    assert "ميخائيل بوغدانوف\tروسيا\tFOREIGN_MINISTER\t3\t3" in table.read_text(encoding="utf-8")
    assert main(["build-actors", "--corpus", str(out), "--out", str(table), "--data"]) == 0
    assert "بوغدانوف" not in table.read_text(encoding="utf-8")


def test_validation_takes_whole_articles_and_sentence_blocks():
    """Sentences of one news article, or of one block of consecutive gold sentences, stay on one
    side of the split: otherwise validation names are training names."""
    from araevents.training.build_data import SPLIT_BLOCK, Example, split_examples, split_group

    assert split_group("snn-00010-001") == split_group("snn-00010-007") != split_group("snn-00011-001")
    first = "anercorp-ANERCorp_CamelLab_style_train"
    assert split_group(f"{first}-00000") == split_group(f"{first}-{SPLIT_BLOCK - 1:05d}.1")
    assert split_group(f"{first}-00000") != split_group(f"{first}-{SPLIT_BLOCK:05d}")
    examples = [Example(f"{first}-{i:05d}", ("w",), ("O",), "anercorp", "x") for i in range(40 * SPLIT_BLOCK)]
    examples += [Example(f"snn-{a:05d}-{k:03d}", ("w",), ("O",), "saudinewsnet", "x") for a in range(200) for k in range(3)]
    train, val = split_examples(examples, 0.2, seed=13)
    assert val and train
    assert not {split_group(e.id) for e in train} & {split_group(e.id) for e in val}


@pytest.mark.parametrize("attr,root,folder", [("REPO_GOLD_ARTICLES", "seeds", "devX"),
                                              ("REPO_TRAIN_ARTICLES", "annotations", "spansX")])
def test_news_skips_articles_of_the_repos_own_gold(tmp_path, monkeypatch, attr, root, folder):
    # Gold we annotate ourselves must never become training text: event gold (seeds/dev2), and span gold
    # written for training (annotations/news-spans), which weak labels must not contradict and no later
    # dev draw may pick. An article in a repo gold set's articles/ folder is left out, whatever its line.
    from araevents.training import news

    shared = FIXTURE / "shared"
    first = next(news.iter_news(shared))
    gold = tmp_path / root
    (gold / folder / "articles").mkdir(parents=True)
    (gold / folder / "articles" / "001.txt").write_text(first.text + "\n", encoding="utf-8")
    monkeypatch.setattr(news, attr, gold)
    lines = [a.line for a in news.iter_news(shared)]
    assert first.line not in lines and lines
