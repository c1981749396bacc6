"""A reference point for the ANERcorp figures: a feature CRF trained on the ANERcorp train split.

Why: the embedded model's ANERcorp score is only meaningful next to what a classical tagger
gets on the same split, from the same training sentences, scored the same way (strict IOB2
PER/LOC/ORG micro F1, MISC ignored). The CRF sees the word, its 2/3-letter prefixes and
suffixes, its length, the ``ال`` article and the two words either side; no gazetteer, no
embeddings. Needs ``sklearn-crfsuite`` (not a dependency of araevents) and the built corpus:

    pip install sklearn-crfsuite
    araevents build-data --out data_build/corpus
    python benchmarks/crf_baseline.py            # ~1 minute on 2 CPU cores
"""

from __future__ import annotations

import argparse
import json

from araevents.training.data import load_corpus
from araevents.training.evaluation import ANERCORP_TYPES, anercorp_rows, restrict, span_scores


def word_features(words: list[str], i: int) -> dict[str, object]:
    w = words[i]
    f: dict[str, object] = {"w": w, "p2": w[:2], "p3": w[:3], "s2": w[-2:], "s3": w[-3:], "len": min(len(w), 8),
                            "al": w.startswith("ال")}
    for d in (-2, -1, 1, 2):
        j = i + d
        f[f"w{d}"] = words[j] if 0 <= j < len(words) else "<>"
    return f


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", default="data_build/corpus")
    p.add_argument("--test", default="../shared/data/anercorp/ANERCorp_CamelLab_style_test.txt")
    args = p.parse_args()
    try:
        import sklearn_crfsuite
    except ImportError:
        raise SystemExit("this benchmark needs sklearn-crfsuite: pip install sklearn-crfsuite")

    train = load_corpus(args.corpus)["train"]
    train = train.filter(lambda b: [s == "anercorp" for s in b["source"]], batched=True)
    test = anercorp_rows(args.test)
    crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=0.05, c2=0.05, max_iterations=150)
    crf.fit([[word_features(ws, i) for i in range(len(ws))] for ws in train["words"]],
            [restrict(t, ANERCORP_TYPES) for t in train["tags"]])
    preds = crf.predict([[word_features(ws, i) for i in range(len(ws))] for ws in test["words"]])
    m = span_scores([restrict(t, ANERCORP_TYPES) for t in test["tags"]], preds)
    print(json.dumps({"train_sentences": len(train), "micro_f1": round(m["overall_f1"], 4),
                      **{t: round(m[t]["f1"], 4) for t in ANERCORP_TYPES}}))


if __name__ == "__main__":
    main()
