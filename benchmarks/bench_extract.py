"""Throughput, cold start and memory of ``extract_many`` on 2 CPU cores.

Side by side, each measured in a fresh subprocess (so cold start and peak RSS are honest):

* ``araevents`` ``extract_many`` with the model under test (default: the embedded model), with
  the default numpy backend and with the transformers backend,
* plain ``transformers.pipeline("token-classification")`` on the same model and texts
  (tagging only, ``stride`` for long texts (the overlap araevents uses), ``aggregation_strategy="simple"``),
* ``araevents`` with a bert-base-sized random-weight model (12 layers, hidden 768), the size
  of AraBERT, to show what the compact embedded model buys.

Articles are ~400-word slices of the seeds and dev articles. Writes ``reports/benchmark.md``.
Targets (reported, not enforced): ≥ 20 articles/s, cold start ≤ 2 s, peak RSS ≤ 600 MB.

    python benchmarks/bench_extract.py [--model DIR] [--n 40] [--threads 2] [--out reports/benchmark.md]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, os, resource, sys, time
t0 = time.perf_counter()
mode, model, n_threads, texts_path, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
if hasattr(os, "sched_setaffinity"):  # every backend gets the same cores (the numpy one sizes its pool by them)
    os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:n_threads])
texts = json.load(open(texts_path, encoding="utf-8"))
if mode.startswith("araevents"):
    backend = mode.split(":")[1]
    if backend == "transformers":
        import torch
        torch.set_num_threads(n_threads)
    from araevents import Extractor
    ex = Extractor(model or None, batch_size=batch, backend=backend)
    cold = time.perf_counter() - t0
    ex.extract(texts[0])
    first = time.perf_counter() - t0
    ex.extract_many(texts[:2])  # warm-up
    t = time.perf_counter(); out = ex.extract_many(texts, batch_size=batch); dt = time.perf_counter() - t
    n_out = sum(len(x) for x in out)
    used = type(ex.tagger.tagger.model).__name__
else:
    import torch
    torch.set_num_threads(n_threads)
    from transformers import AutoTokenizer, pipeline
    from transformers.utils import logging
    from araevents.inference.windows import default_stride, effective_max_length
    logging.disable_progress_bar()
    tok = AutoTokenizer.from_pretrained(model)
    stride = default_stride(effective_max_length(tok.model_max_length, None))  # the overlap araevents uses
    pipe = pipeline("token-classification", model=model, tokenizer=tok, aggregation_strategy="simple", stride=stride,
                    device=-1)
    cold = time.perf_counter() - t0
    pipe(texts[0])
    first = time.perf_counter() - t0
    pipe(texts[:2])
    t = time.perf_counter(); out = pipe(texts, batch_size=batch); dt = time.perf_counter() - t
    n_out = sum(len(x) for x in out)
    used = "pipeline"
rss = int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]) / 1024  # ru_maxrss survives exec: the parent's peak
print(json.dumps({"cold_start_s": cold, "first_result_s": first, "seconds": dt, "peak_rss_mb": rss, "outputs": n_out,
                  "backend": used, "torch_imported": "torch" in sys.modules}))
"""


def make_texts(n: int, words: int = 400) -> list[str]:
    """~``words``-word slices of the seeds and dev articles, cycled to ``n`` articles."""
    sources = sorted((REPO / "seeds").glob("*.txt")) + sorted((REPO.parent / "shared" / "dev" / "articles").glob("*.txt"))
    pool = " ".join(p.read_text(encoding="utf-8") for p in sources).split()
    if not pool:
        raise SystemExit("no seed/dev articles found to build benchmark texts from")
    out = []
    for i in range(n):
        start = (i * 173) % max(1, len(pool) - words)
        out.append(" ".join(pool[start : start + words]))
    return out


def make_random_model(folder: Path, tokenizer_from: Path, size: str) -> Path:
    """A random-weight BERT token classifier with the schema's labels and a given tokenizer."""
    from transformers import AutoTokenizer, BertConfig, BertForTokenClassification

    from araevents.schema import id2label, label2id

    tok = AutoTokenizer.from_pretrained(tokenizer_from)
    tok.model_max_length = 512
    dims = {"base": (768, 12, 12, 3072), "compact": (256, 4, 4, 1024)}[size]
    cfg = BertConfig(vocab_size=len(tok), hidden_size=dims[0], num_hidden_layers=dims[1], num_attention_heads=dims[2],
                     intermediate_size=dims[3], max_position_embeddings=512, id2label=dict(id2label), label2id=dict(label2id))
    BertForTokenClassification(cfg).save_pretrained(folder)
    tok.save_pretrained(folder)
    return folder


def run_child(mode: str, model: str, threads: int, texts_path: Path, batch: int) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads),
               TOKENIZERS_PARALLELISM="false")
    proc = subprocess.run([sys.executable, "-c", CHILD, mode, model, str(threads), str(texts_path), str(batch)],
                          capture_output=True, text=True, env=env, cwd=REPO)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", default=None, help="model folder (default: araevents/default_model)")
    p.add_argument("--n", type=int, default=40, help="articles per run")
    p.add_argument("--n-base", type=int, default=12, help="articles for the bert-base-sized run")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--out", default=str(REPO / "reports" / "benchmark.md"))
    args = p.parse_args(argv)

    from araevents.paths import DEFAULT_MODEL_DIR
    from araevents.text.tokenize import word_tokenize

    tmp = Path(tempfile.mkdtemp(prefix="araevents_bench_"))
    model = Path(args.model) if args.model else DEFAULT_MODEL_DIR
    label = str(model)
    if not (model / "config.json").is_file():
        sys.path.insert(0, str(REPO / "tests"))
        from conftest import make_tiny_model

        tok_src = make_tiny_model(tmp / "tok_src")
        model = make_random_model(tmp / "compact", tok_src, "compact")
        label = "random compact BERT (4 layers, hidden 256) — embedded model not present yet"
    base = make_random_model(tmp / "base", model, "base")

    texts = make_texts(args.n)
    n_words = sum(len(word_tokenize(t)) for t in texts)
    tp = tmp / "texts.json"
    tp.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    texts_base = texts[: args.n_base]
    tpb = tmp / "texts_base.json"
    tpb.write_text(json.dumps(texts_base, ensure_ascii=False), encoding="utf-8")
    n_words_base = sum(len(word_tokenize(t)) for t in texts_base)

    runs = [
        ("araevents extract_many (default: numpy backend)", "araevents:auto", str(model), tp, len(texts), n_words),
        ("araevents extract_many, transformers backend", "araevents:transformers", str(model), tp, len(texts), n_words),
        ("transformers pipeline (tagging only)", "pipeline", str(model), tp, len(texts), n_words),
        ("araevents, bert-base-sized random model, numpy backend", "araevents:auto", str(base), tpb, len(texts_base), n_words_base),
        ("araevents, bert-base-sized random model, transformers backend", "araevents:transformers", str(base), tpb,
         len(texts_base), n_words_base),
    ]
    rows = []
    for name, mode, m, path, n, nw in runs:
        print(f"running: {name} ...", file=sys.stderr)
        r = run_child(mode, m, args.threads, path, args.batch_size)
        if "error" in r:
            rows.append(f"| {name} | error: {r['error'][:120]} | | | | | | |")
            continue
        rows.append(f"| {name} | {n} | {n / r['seconds']:.1f} | {nw / r['seconds']:.0f} | {r['cold_start_s']:.2f} | "
                    f"{r['first_result_s']:.2f} | {r['peak_rss_mb']:.0f} | {'yes' if r['torch_imported'] else 'no'} |")
    words_per = n_words / len(texts)
    report = "\n".join([
        "# extract() benchmark", "",
        f"Command: `python benchmarks/bench_extract.py {' '.join(argv if argv is not None else sys.argv[1:])}`".rstrip() + "",
        f"Model under test: {label}. {args.threads} CPU threads, batch size {args.batch_size} windows, "
        f"{words_per:.0f} tokens (word_tokenize) per article on average. Each row is a fresh subprocess; "
        "cold start = imports + model load; first result = cold start + the first article's extract() (which also "
        "builds the lexicon rules once); peak RSS = VmHWM of that process.", "",
        "| run | articles | articles/s | tokens/s | cold start (s) | first result (s) | peak RSS (MB) | torch imported |",
        "|---|---|---|---|---|---|---|---|",
        *rows, "",
        "Targets: ≥ 20 articles/s for 400-word articles, cold start ≤ 2 s, peak RSS ≤ 600 MB.", "",
    ])
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
