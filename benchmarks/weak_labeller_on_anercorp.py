"""How good are the weak labeller's PER/LOC/ORG labels on general news? Scored on ANERcorp train.

Why: the weakly labelled SaudiNewsNet sentences are a large share of the training words, and
what the labeller misses is taught to the model as ``O``. The seeds (``araevents weak-eval``)
are diplomatic articles the lexicons were corrected on; ANERcorp's train split is general news
with gold entities. Caveats: the labeller's gazetteers are cleaned with statistics of these
same gold sentences (``gazetteers.GoldStats``), so precision is optimistic; ANERcorp's
conventions differ from ours (it leaves ``البيت الأبيض``, ``الشرطة البريطانية`` untagged), so
some "false positives" are annotation differences. The test split is never read.

    python benchmarks/weak_labeller_on_anercorp.py [--sentences 2000]   # ~1 minute
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from araevents.formats.conll import read_conll
from araevents.formats.iob import document_to_iob
from araevents.training.evaluation import ANERCORP_LABEL_MAP, ANERCORP_TYPES, span_scores
from araevents.training.weak_labels import make_labeller


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--shared", type=Path, default=Path("../shared"))
    p.add_argument("--sentences", type=int, default=2000, help="first N sentences of the train split")
    args = p.parse_args()
    labeller = make_labeller(args.shared)
    path = args.shared / "data" / "anercorp" / "ANERCorp_CamelLab_style_train.txt"
    docs = list(read_conll(path, label_map=ANERCORP_LABEL_MAP))[:args.sentences]
    weak = [dataclasses.replace(d, spans=[s for s in labeller.label(d.text) if s.label in ANERCORP_TYPES]) for d in docs]
    m = span_scores([list(document_to_iob(d)[1]) for d in docs], [list(document_to_iob(d)[1]) for d in weak],
                    ANERCORP_TYPES)
    print(f"weak labeller vs ANERcorp train gold, first {len(docs)} sentences (strict IOB2)")
    print("| type | P | R | F1 | gold |\n|---|---|---|---|---|")
    for t in ANERCORP_TYPES:
        r = m[t]
        print(f"| {t} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['number']} |")
    print(f"| micro | {m['overall_precision']:.3f} | {m['overall_recall']:.3f} | {m['overall_f1']:.3f} | |")


if __name__ == "__main__":
    main()
