"""CoNLL reading/writing on excerpts of ANERcorp, Wojood and WikiFANE, and on broken files."""

from __future__ import annotations

import gzip
import logging
from pathlib import Path

import pytest

from araevents.formats.conll import ConllStats, read_conll, write_conll
from araevents.validation import AnnotationError, validate_document

FIX = Path(__file__).parent / "fixtures"
ANER = FIX / "anercorp_camel_train_sample.txt"
ANER_MAP = {"PERS": "PER", "MISC": None}


def _write(tmp_path: Path, content: str, name: str = "x.txt") -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def _raw_rows(path: Path) -> list[list[tuple[str, str]]]:
    """(token, first tag) per sentence, read naively for comparison."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig") as f:
        text = f.read()
    sentences, cur = [], []
    for line in text.replace("\r", "").split("\n"):
        fields = line.replace("\u200e", "").split()
        if not fields:
            if cur:
                sentences.append(cur)
            cur = []
        else:
            cur.append((fields[0], fields[1]))
    if cur:
        sentences.append(cur)
    return sentences


def test_anercorp_sentences_spans_and_map(caplog):
    stats = ConllStats()
    with caplog.at_level(logging.WARNING, logger="araevents.formats.conll"):
        docs = list(read_conll(ANER, ANER_MAP, stats=stats, source="anercorp"))
    assert [d.id for d in docs] == ["anercorp_camel_train_sample-00001", "anercorp_camel_train_sample-00002"]
    first = docs[0]
    assert first.text.startswith("وقد استبق البيت الأبيض مهمة رايس")
    assert first.meta == {"file": ANER.name, "line": 1, "source": "anercorp"}
    assert [(s.label, s.text) for s in first.spans] == [
        ("PER", "رايس"), ("LOC", "إسرائيل"), ("ORG", "وحزب الله"), ("LOC", "لبنان")
    ]
    assert docs[1].meta["line"] == 22
    # MISC dropped by the map, and counted
    assert stats.dropped == {"MISC": 1}
    # "روي ( كين )": the I-PERS after O becomes its own span, counted and logged
    assert stats.repaired == 1
    assert [s.text for s in docs[1].spans] == ["فيرجسون", "روي", "كين"]
    assert "1 I- tag(s)" in caplog.text and ANER.name in caplog.text
    for d in docs:
        validate_document(d)
        assert d.text.split(" ") == [t for t, _ in _raw_rows(ANER)[docs.index(d)]]


def test_without_a_map_types_are_kept_verbatim():
    docs = list(read_conll(ANER))
    assert {s.label for d in docs for s in d.spans} == {"MISC", "PERS", "LOC", "ORG"}


def test_type_missing_from_the_map_is_an_error_naming_file_and_line():
    with pytest.raises(AnnotationError) as e:
        list(read_conll(ANER, {"PERS": "PER"}))  # MISC not mapped
    assert e.value.path == str(ANER) and e.value.line == 3  # the B-MISC line
    assert str(e.value).startswith(f"{ANER}:3: label 'MISC'")


def test_map_targets_must_be_schema_types():
    with pytest.raises(AnnotationError, match="did you mean 'PER'"):
        list(read_conll(ANER, {"PERS": "person"}))


def test_wojood_first_column_is_outermost_and_nested_fills_gaps():
    path = FIX / "wojood_train_sample.txt"
    outer = list(read_conll(path))
    assert outer[0].text.startswith("فقد حرصت روسيا") and outer[0].text.endswith("لصالحه ، $#$")
    assert [(s.label, s.text) for s in outer[0].spans] == [
        ("ORG", "روسيا"), ("ORG", "مجلس الأمن ضد الأسد")
    ]
    second = outer[1]
    assert [(s.label, s.text) for s in second.spans][:1] == [("OCC", "سكرتير اللجنة القومية العربية في نابلس")]

    drop_outer = {"OCC": None, "CARDINAL": None, "ORG": "ORG", "GPE": "LOC", "PERS": "PER", "DATE": "DATE"}
    stats = ConllStats()
    nested = list(read_conll(path, drop_outer, nested=True, stats=stats))
    assert [(s.label, s.text) for s in nested[1].spans] == [
        ("ORG", "اللجنة القومية العربية"), ("LOC", "نابلس"), ("DATE", "1948")
    ]
    # the inner PERS "الأسد" overlaps the kept ORG and is left out (and counted)
    assert [s.label for s in nested[0].spans] == ["ORG", "ORG"]
    assert stats.nested_kept == 2 and stats.nested_overlapping == 1
    assert stats.dropped == {"OCC": 1, "CARDINAL": 1}


def test_wikifane_gzip_bom_crlf_and_lrm_marks_are_stripped():
    path = FIX / "wikifane_sample.txt.gz"
    stats = ConllStats()
    docs = list(read_conll(path, stats=stats))
    assert len(docs) == 2 and stats.lines_with_marks > 30
    for d in docs:
        assert not any(ch in d.text for ch in "\u200e\ufeff\r\t")
        assert all(d.text[s.start:s.end] == s.text for s in d.spans)
    assert docs[0].id == "wikifane_sample-00001"
    assert docs[0].text.startswith("جمهورية جنوب السودان ، هي دولة")
    assert (docs[0].spans[0].label, docs[0].spans[0].text) == ("Nation", "جمهورية جنوب السودان")
    assert docs[1].meta["line"] == 39


def test_original_anercorp_malformed_lines_name_file_and_line():
    path = FIX / "anercorp_original_malformed.txt"
    with pytest.raises(AnnotationError) as e:
        list(read_conll(path))
    assert str(e.value).startswith(f"{path}:7: expected a token and a tag")
    errors: list[AnnotationError] = []
    stats = ConllStats()
    docs = list(read_conll(path, errors=errors, stats=stats))
    assert [err.line for err in errors] == [7, 10, 14, 17, 20]
    assert stats.skipped_lines == 5
    (doc,) = docs
    # U+200F marks inside the token and the mark-only field are removed
    assert "الأمن1706" in doc.text.split(" ")
    assert "\u200f" not in doc.text
    assert stats.repaired == 1  # the excerpt starts inside an ORG (I-ORG first)


@pytest.mark.parametrize(
    "content, line, message",
    [
        ("كيري B-PER\nجون كيري I-PER\n", 2, "does the token contain a space"),
        ("كيري X-PER\n", 1, "invalid IOB tag 'X-PER'"),
        ("كيري\n", 1, "expected a token and a tag"),
        ("كيري B-PER\n\nجنيف B-\n", 3, "invalid IOB tag 'B-'"),
    ],
)
def test_malformed_lines(tmp_path, content, line, message):
    path = _write(tmp_path, content)
    with pytest.raises(AnnotationError) as e:
        list(read_conll(path))
    assert e.value.line == line and e.value.path == str(path)
    assert message in str(e.value) and str(e.value).startswith(f"{path}:{line}:")


def test_invalid_utf8_names_the_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("كيري B-PER\n".encode() + b"\xff\xfe O\n")
    with pytest.raises(AnnotationError, match=r"bad\.txt:2: not valid UTF-8"):
        list(read_conll(path))


def test_tag_column_and_docstart(tmp_path):
    path = _write(tmp_path, "-DOCSTART- -X- O O\n\nالتقى -X- _ O\nلافروف -X- _ B-PER\n\n", "ls.conll")
    (doc,) = read_conll(path, column=3)
    assert doc.text == "التقى لافروف" and [s.text for s in doc.spans] == ["لافروف"]
    with pytest.raises(AnnotationError, match=r"ls\.conll:3: .*is the tag in another column \(column=3"):
        list(read_conll(path))


def test_roundtrip_conll_documents_conll_keeps_tags_after_repair(tmp_path):
    for src, label_map in ((ANER, None), (FIX / "wojood_train_sample.txt", None), (FIX / "wikifane_sample.txt.gz", None)):
        docs = list(read_conll(src, label_map))
        out = tmp_path / (src.name.removesuffix(".gz") + ".out")
        assert write_conll(docs, out, split="whitespace") == len(docs)
        before, after = _raw_rows(src), _raw_rows(out)
        assert [[t for t, _ in s] for s in after] == [[t for t, _ in s] for s in before]
        changed = [(o, n) for sb, sa in zip(before, after) for (_, o), (_, n) in zip(sb, sa) if o != n]
        # only repairs differ: an I- that started a span is now B-
        assert all(o.startswith("I-") and n == "B-" + o[2:] for o, n in changed)
        assert len(changed) == (1 if src == ANER else 0)
        assert list(read_conll(out, label_map))[0].spans == docs[0].spans


def test_write_conll_with_word_tokenizer(tmp_path):
    (doc,) = read_conll(_write(tmp_path, "قال O\nكيري: B-PER\n"))
    out = tmp_path / "o.conll"
    write_conll([doc], out)
    assert out.read_text(encoding="utf-8") == "قال O\nكيري B-PER\n: I-PER\n\n"
    with pytest.raises(ValueError, match="split must be"):
        write_conll([doc], out, split="chars")
