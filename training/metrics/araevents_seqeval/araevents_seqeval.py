"""seqeval as an `evaluate` module that loads from a local path (the Hub copy is unreachable offline).

Entity-level precision/recall/F1 in strict IOB2 mode (``mode="strict", scheme=IOB2``): a
predicted span counts only if its type and both boundaries match, which is what span output
(and our event assembly) needs. Returns micro P/R/F1, token accuracy and per-type scores.
"""

import datasets
import evaluate
from seqeval.metrics import accuracy_score, classification_report
from seqeval.scheme import IOB2

_DESCRIPTION = "Strict IOB2 entity-level precision, recall and F1 (seqeval), per type and micro-averaged."
_KWARGS = """
Args:
    predictions: list of tag sequences (IOB2 strings).
    references: list of tag sequences (IOB2 strings), same lengths.
    zero_division: value for 0/0 (default 0).
Returns:
    overall_precision, overall_recall, overall_f1, overall_accuracy, and for each type X a dict
    {"precision", "recall", "f1", "number"}.
"""


@evaluate.utils.file_utils.add_start_docstrings(_DESCRIPTION, _KWARGS)
class AraeventsSeqeval(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation="Nakayama, H. (2018). seqeval: A Python framework for sequence labeling evaluation.",
            inputs_description=_KWARGS,
            features=datasets.Features({
                "predictions": datasets.Sequence(datasets.Value("string", id="label"), id="sequence"),
                "references": datasets.Sequence(datasets.Value("string", id="label"), id="sequence"),
            }),
            reference_urls=["https://github.com/chakki-works/seqeval"],
        )

    def _compute(self, predictions, references, zero_division=0):
        report = classification_report(
            y_true=references, y_pred=predictions, output_dict=True, mode="strict", scheme=IOB2,
            zero_division=zero_division,
        )
        micro = report.pop("micro avg")
        for key in ("macro avg", "weighted avg"):
            report.pop(key, None)
        scores = {
            t: {"precision": float(s["precision"]), "recall": float(s["recall"]), "f1": float(s["f1-score"]), "number": int(s["support"])}
            for t, s in report.items()
        }
        scores["overall_precision"] = float(micro["precision"])
        scores["overall_recall"] = float(micro["recall"])
        scores["overall_f1"] = float(micro["f1-score"])
        scores["overall_accuracy"] = float(accuracy_score(y_true=references, y_pred=predictions))
        return scores
