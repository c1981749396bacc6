"""Does ``extract`` scale linearly with article length, and does a long batch keep memory flat?

Two measurements, each in a fresh subprocess so that peak RSS belongs to that run alone:

* **Length**: one article of 1k, 10k and 100k characters (slices of the seeds and dev
  articles, concatenated). Time is the best of ``--repeats`` calls after a warm-up on a short
  text; memory is the peak RSS during those calls minus the RSS before them (model loaded).
  Linear growth shows as a flat "ms per 1k characters" column.
* **Batch**: 1,000 short articles (~60 words) through ``Extractor.extract_many`` in slices of
  100, as a pipeline streaming articles would call it; resident memory is sampled after every
  100 articles. Flat memory shows as a small spread between the samples.

Model: ``--model`` or the embedded model; if that is not there yet, a random-weight compact
BERT (4 layers, hidden 256, 512 positions, as in ``bench_extract.py``) stands in: same code
path and window size, so the scaling is the real one even though the events are noise.
Writes ``reports/scaling.md``.

    python benchmarks/bench_scaling.py [--model DIR] [--threads 2] [--repeats 3] [--out reports/scaling.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LENGTHS = (1_000, 10_000, 100_000)

CHILD = r"""
import json, os, resource, sys, time

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

mode, model, threads, texts_path, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
if hasattr(os, "sched_setaffinity"):  # every backend gets the same cores (the numpy one sizes its pool by them)
    os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:threads])
from araevents import Extractor  # threads: OMP/OPENBLAS_NUM_THREADS from the parent (torch is not imported)
texts = json.load(open(texts_path, encoding="utf-8"))
ex = Extractor(model)
ex.extract(texts[0][:300])  # warm-up: first-call allocations are not the article's
before = rss_mb()
if mode == "length":
    times, n_events = [], 0
    for _ in range(repeats):
        t = time.perf_counter(); n_events = len(ex.extract(texts[0])); times.append(time.perf_counter() - t)
    peak = int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]) / 1024  # not ru_maxrss: it survives exec
    print(json.dumps({"seconds": min(times), "peak_extra_mb": peak - before, "rss_before_mb": before, "events": n_events,
                      "backend": type(ex.tagger.tagger.model).__name__}))
else:
    samples, n_events, t = [], 0, time.perf_counter()
    for k in range(0, len(texts), 100):
        n_events += sum(len(evs) for evs in ex.extract_many(texts[k : k + 100]))
        samples.append(rss_mb())
    dt = time.perf_counter() - t
    trimmed = None
    try:  # glibc keeps freed array buffers mapped; handing them back separates that from a leak
        import ctypes, gc
        gc.collect()
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        trimmed = rss_mb()
    except OSError:
        pass
    print(json.dumps({"seconds": dt, "rss_before_mb": before, "samples_mb": samples, "events": n_events, "trimmed_mb": trimmed}))
"""


def source_words() -> list[str]:
    sources = sorted((REPO / "seeds").glob("*.txt")) + sorted((REPO.parent / "shared" / "dev" / "articles").glob("*.txt"))
    words = " ".join(p.read_text(encoding="utf-8") for p in sources).split()
    if not words:
        raise SystemExit("no seed/dev articles found to build benchmark texts from")
    return words


def article_of_length(words: list[str], n_chars: int) -> str:
    """Consecutive words (wrapping around) until the text is exactly ``n_chars`` long."""
    out, size, i = [], 0, 0
    while size < n_chars:
        w = words[i % len(words)]
        out.append(w)
        size += len(w) + 1
        i += 1
    return " ".join(out)[:n_chars]


def short_articles(words: list[str], n: int, size: int = 60) -> list[str]:
    return [" ".join(words[(i * 37) % (len(words) - size) :][:size]) for i in range(n)]


def run_child(mode: str, model: str, threads: int, texts: list[str], repeats: int, tmp: Path) -> dict:
    path = tmp / f"{mode}_{len(texts)}_{len(texts[0])}.json"
    path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads),
               TOKENIZERS_PARALLELISM="false")
    proc = subprocess.run([sys.executable, "-c", CHILD, mode, model, str(threads), str(path), str(repeats)],
                          capture_output=True, text=True, env=env, cwd=REPO)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def resolve_model(arg: str | None, tmp: Path) -> tuple[str, str]:
    from araevents.paths import DEFAULT_MODEL_DIR

    model = Path(arg) if arg else DEFAULT_MODEL_DIR
    if (model / "config.json").is_file():
        return str(model), str(model) if arg else f"embedded model ({model})"
    sys.path[:0] = [str(REPO / "tests"), str(REPO / "benchmarks")]
    from bench_extract import make_random_model
    from conftest import make_tiny_model

    import torch

    torch.manual_seed(0)  # the same stand-in on every run, so event counts are comparable
    stand_in = make_random_model(tmp / "compact", make_tiny_model(tmp / "tok_src"), "compact")
    return str(stand_in), ("random-weight compact BERT (4 layers, hidden 256, 512 positions; tokenizer of the tiny "
                           "test model) — the embedded model is not there yet")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", default=None, help="model folder (default: the embedded model, else a stand-in)")
    p.add_argument("--threads", type=int, default=2, help="BLAS (and torch) threads (default 2)")
    p.add_argument("--repeats", type=int, default=3, help="calls per length; the best is reported")
    p.add_argument("--batch", type=int, default=1000, help="short articles in the batch run")
    p.add_argument("--out", default=str(REPO / "reports" / "scaling.md"))
    args = p.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="araevents_scaling_"))
    model, label = resolve_model(args.model, tmp)
    words = source_words()

    rows, per_k, backend = [], [], "?"
    for n in LENGTHS:
        print(f"length {n:,} ...", file=sys.stderr)
        r = run_child("length", model, args.threads, [article_of_length(words, n)], args.repeats if n < 100_000 else 1, tmp)
        per_k.append(r["seconds"] * 1000 / (n / 1000))
        backend = r["backend"]
        rows.append(f"| {n:,} | {r['seconds']:.3f} | {per_k[-1]:.1f} | {r['peak_extra_mb']:.0f} | {r['events']} |")
    print(f"batch of {args.batch} ...", file=sys.stderr)
    b = run_child("batch", model, args.threads, short_articles(words, args.batch), 1, tmp)
    samples = b["samples_mb"]
    spread = max(samples) - min(samples)
    growth = samples[-1] - samples[0]

    lines = [
        "# Scaling: article length and long batches",
        "",
        f"Generated by `python benchmarks/bench_scaling.py --threads {args.threads}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        f"Model: {label}. CPU: {platform.processor() or platform.machine()}, {os.cpu_count()} cores visible, "
        f"{args.threads} BLAS threads, backend {backend}.",
        "",
        "## Time and memory vs article length",
        "",
        "One article of each length (consecutive words of the seeds and dev articles). Time: best of "
        f"{args.repeats} calls (1 for 100k). Extra peak RSS: peak during the calls minus RSS with the model loaded.",
        "",
        "| characters | seconds | ms per 1k characters | extra peak RSS (MB) | events |",
        "|---:|---:|---:|---:|---:|",
        *rows,
        "",
        f"Linear growth means a flat ms-per-1k column: 100k vs 1k is {per_k[2] / per_k[0]:.2f}x per character, "
        f"100k vs 10k {per_k[2] / per_k[1]:.2f}x (1.0 = exactly linear; the 1k figure carries the fixed per-call cost).",
        "",
        f"## {args.batch:,} short articles through `extract_many`",
        "",
        f"~60-word articles in slices of 100: {b['seconds']:.1f} s in all ({args.batch / b['seconds']:.0f} articles/s), "
        f"{b['events']} events. Resident memory before the batch {b['rss_before_mb']:.0f} MB; after each 100 articles:",
        "",
        "| articles | " + " | ".join(str(100 * (i + 1)) for i in range(len(samples))) + " |",
        "|---|" + "---:|" * len(samples),
        "| RSS (MB) | " + " | ".join(f"{s:.0f}" for s in samples) + " |",
        "",
        f"Spread over the batch {spread:.1f} MB; last minus first sample {growth:+.1f} MB.",
        "",
    ]
    if b.get("trimmed_mb") is not None:
        lines += [
            f"After the batch, `malloc_trim(0)` (glibc hands freed pages back to the system) brings RSS to "
            f"{b['trimmed_mb']:.0f} MB, {b['trimmed_mb'] - b['rss_before_mb']:+.0f} MB against before the batch: what "
            "RSS gained above is freed memory the allocator keeps for reuse (arrays of many different sizes), not "
            "memory araevents holds (a long-running service could try `MALLOC_ARENA_MAX=2` or jemalloc; not measured here).",
            "",
        ]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
