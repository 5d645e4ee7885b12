"""Benchmark of the AUP classifier: speed figures and accuracy over the labelled corpus.

Run from the repository root:

    .venv/bin/python bench/aup_bench.py            # everything
    .venv/bin/python bench/aup_bench.py --speed    # speed only
    .venv/bin/python bench/aup_bench.py --accuracy # accuracy only

Speed: cold time for 50 statements in a fresh interpreter (import and spaCy start-up
included), the same 50 again from the result cache in another fresh interpreter, and warm
throughput in statements per second (spaCy loaded, cache off, then cache on). Accuracy:
first the issue 14 figures on the two held-out splits (``HELDOUT`` and ``HELDOUT_3`` in
tests/data/aup/scoring.py, written blind, never trained or tuned on) and on the development
split (``DEV``, the retired first held-out split, never trained on): recall overall and on
its paraphrase part, the share of benign statements flagged, violations on benign and
negated statements, and how many finds came from the classifier screen alone; then
precision and recall per AUP item for every labelled file but the held-out splits (nobody
reads which of their items are missed). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT / "tests" / "data" / "aup"
VERSION = "llama-3.2"

sys.path.insert(0, str(ROOT / "tests"))  # the corpus's scoring module: tests/aup_kit.py

from aup_kit import load_scoring  # noqa: E402 - after the sys.path fix above

from llamalicense.aup import classify  # noqa: E402


def corpus_texts(scoring: ModuleType) -> list[str]:
    seen: dict[str, None] = {}
    for case in scoring.load_cases():
        if case.kind == "use":
            seen.setdefault(case.text)
    return list(seen)


CHILD = """
import json, sys, time
t0 = time.perf_counter()
from llamalicense.aup import classify
t1 = time.perf_counter()
texts = json.loads(sys.stdin.read())
found = classify(texts, {version!r}, use_cache={use_cache!r})
t2 = time.perf_counter()
print(json.dumps({{"seconds": t2 - t0, "import": t1 - t0, "classify": t2 - t1,
                  "matches": len(found), "spacy": "spacy" in sys.modules}}))
"""


def child_run(texts: list[str], cache_dir: Path, *, use_cache: bool) -> dict[str, object]:
    env = {**os.environ, "LLAMALICENSE_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(ROOT)}
    code = CHILD.format(version=VERSION, use_cache=use_cache)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    result: dict[str, object] = json.loads(done.stdout)
    result["process"] = time.perf_counter() - start
    return result


def speed(scoring: ModuleType, warm_count: int) -> None:
    texts = corpus_texts(scoring)
    fifty = texts[:50]
    with tempfile.TemporaryDirectory() as tmp:
        cold = child_run(fifty, Path(tmp), use_cache=True)
        cached = child_run(fifty, Path(tmp), use_cache=True)
    print(f"AUP speed ({VERSION}, {os.cpu_count()} CPUs)")
    for label, run in (("cold, 50 statements", cold), ("cached re-run, same 50", cached)):
        print(
            f"  {label + ':':24} {run['seconds']:.2f} s = import llamalicense.aup "
            f"{run['import']:.2f} s + classify {run['classify']:.3f} s "
            f"({run['process']:.2f} s whole interpreter; spaCy imported: {run['spacy']})"
        )

    classify(texts[:20], VERSION, use_cache=False)  # load spaCy and build the matchers
    batch = [f"Case {i}: {texts[i % len(texts)]}" for i in range(warm_count)]
    wall, cpu = time.perf_counter(), time.process_time()
    classify(batch, VERSION, use_cache=False)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"  warm, cache off, {warm_count} distinct statements: {warm_count / wall:,.0f}/s wall, "
        f"{warm_count / cpu:,.0f}/s CPU"
    )
    quiet = [
        f"Answers customer questions about order {i} and shipping times." for i in range(warm_count)
    ]
    wall, cpu = time.perf_counter(), time.process_time()
    classify(quiet, VERSION, use_cache=False)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"  warm, cache off, {warm_count} plain product descriptions: "
        f"{warm_count / wall:,.0f}/s wall, {warm_count / cpu:,.0f}/s CPU"
    )
    with tempfile.TemporaryDirectory() as tmp:
        classify(batch, VERSION, cache_dir=Path(tmp))
        wall = time.perf_counter()
        classify(batch, VERSION, cache_dir=Path(tmp))
        wall = time.perf_counter() - wall
    print(f"  warm, all cached, {warm_count} statements: {warm_count / wall:,.0f}/s wall")


def heldout(scoring: ModuleType, path: Path, title: str) -> None:
    scores = scoring.score(scoring.load_cases(path))
    found = [(c, m) for c, m in scores.cases if c.label in scoring.FOUND_LABELS]
    by_screen = sum(
        any(x.item == c.expect and x.reason.startswith("classifier screen") for x in m)
        for c, m in found
    )
    found_any = sum(scores.found(c, m) for c, m in found)
    benign = scores.violations_on(("benign",))
    negated = scores.violations_on(("negated",))
    entries = len({c.number for c, _ in scores.cases})
    print(
        f"\nAUP {title} (tests/data/aup/{path.name}): {entries} statements, "
        f"{len(scores.cases)} checks over all versions"
    )
    print(f"  recall, overall (violation or needs-review, right item): {scores.recall_where():.3f}")
    print(
        f"  recall, paraphrase part:                                 "
        f"{scores.recall_where('paraphrase'):.3f}"
    )
    print(
        f"  recall, plain part:                                      "
        f"{scores.recall_where('plain'):.3f}"
    )
    print(f"  finds made by the classifier screen alone (needs-review): {by_screen} of {found_any}")
    print(
        f"  benign statements flagged (any result):                 "
        f"{scores.flag_rate(('benign',)):.1%}"
    )
    print(
        f"  negated statements flagged (any result):                "
        f"{scores.flag_rate(('negated',)):.1%}"
    )
    print(f"  violations on benign: {len(benign)}; on negated: {len(negated)} (checks)")


def accuracy(scoring: ModuleType) -> None:
    heldout(scoring, scoring.HELDOUT, "held-out split")
    heldout(scoring, scoring.HELDOUT_3, "third held-out split")
    if scoring.DEV != scoring.HELDOUT:
        heldout(scoring, scoring.DEV, "development split")
    for name in dict.fromkeys((*scoring.TRAINING, scoring.DEV.name)):
        cases = scoring.load_cases(DATA / name)
        scores = scoring.score(cases)
        entries = len({c.number for c in cases})
        print(f"\nAUP accuracy on tests/data/aup/{name}: {entries} statements, {len(cases)} checks")
        found = [(c, m) for c, m in scores.cases if c.label in scoring.FOUND_LABELS]
        statuses = Counter(
            next((x.status for x in m if x.item == c.expect), "missed") for c, m in found
        )
        print(
            f"  recall on prohibited (right item, any status): {scores.recall:.3f} "
            f"({dict(sorted(statuses.items()))})"
        )
        clean = scores.violations_on(scoring.CLEAN_LABELS)
        unsure = scores.violations_on(("hedged", "dual-use"))
        print(
            f"  violations on benign/negated/exclusion: {len(clean)}; "
            f"on hedged/dual-use: {len(unsure)}"
        )
        print(f"  needs-review on benign/negated/exclusion: {scores.review_rate_clean:.1%}")
        print(f"  {'item':8} {'expected':>8} {'flagged':>8} {'precision':>9} {'recall':>7}")
        for item, row in scores.per_item().items():
            print(
                f"  {item:8} {row['expected']:>8} {row['predicted']:>8} "
                f"{row['precision']:>9.2f} {row['recall']:>7.2f}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--speed", action="store_true", help="speed figures only")
    parser.add_argument("--accuracy", action="store_true", help="accuracy figures only")
    parser.add_argument("--warm", type=int, default=10_000, help="statements for warm runs")
    args = parser.parse_args()
    scoring = load_scoring()
    if not args.accuracy:
        speed(scoring, args.warm)
    if not args.speed:
        accuracy(scoring)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
