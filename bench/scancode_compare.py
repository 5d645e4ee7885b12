"""Side by side with ScanCode: which Llama text does each file hold, and how fast is the answer.

Usage:  .venv/bin/python bench/scancode_compare.py [--no-scancode] [--keep DIR]

The corpus is the 12 official texts shipped in rules/licenses/ (six agreements, six
Acceptable Use Policies) plus variants made from them: wrapped, CRLF, rendered Markdown
(HTML), Markdown markup, modified, truncated, stubs, and two texts in one file. Each file
has an expected answer: the Llama texts in it, and whether each is a complete copy.

Our side is llamalicense.evidence.scanner, timed per file in this process (warm: the official texts
are tokenized once, as in a real run). ScanCode's side is `scancode-toolkit-mini` in its
own virtual environment, bench/.venv-scancode (created here when missing: ScanCode is never
a dependency of llamalicense). ScanCode 32.5 needs `pluggy<1.0` to start (see
../shared/NOTES.md), which pip will not resolve together with it, so it is installed in a
second step. ScanCode runs once over the corpus with `--timing`; its per-file time is the
license-scan time it reports for that file (start-up excluded), and the wall time of the
whole run is printed too.

An answer is right when it names exactly the expected Llama versions and kinds
(agreement / AUP) and, for truncated copies and stubs, does not call them complete
(ScanCode: match coverage below 90 %).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from llamalicense.catalog.data import LICENSE_IDS, rules_dir  # noqa: E402
from llamalicense.catalog.licenses import llama_version  # noqa: E402
from llamalicense.evidence.scanner import references, scan_file  # noqa: E402

VENV = ROOT / "bench" / ".venv-scancode"
SCANCODE = VENV / "bin" / "scancode"
PINS = ["scancode-toolkit-mini==32.5.0", "intbitset==4.1.0"]
# ScanCode keys that are an Acceptable Use Policy rather than an agreement (CLAUSES.md §4.3)
SCANCODE_AUP_KEYS = {"llama-4-license-2025"}

Answer = frozenset[tuple[str, str, bool]]  # (kind, version, complete copy?)


@dataclass
class Case:
    name: str
    text: str
    expected: Answer
    note: str


def official(license_id: str, kind: str) -> str:
    name = "LICENSE.txt" if kind == "agreement" else "USE_POLICY.md"
    return (rules_dir() / "licenses" / license_id / name).read_text(encoding="utf-8")


def agreement_only(license_id: str) -> str:
    text = official(license_id, "agreement")
    marker = "Meta Llama 3 Acceptable Use Policy"
    return text[: text.index(marker)] if marker in text else text


def corpus() -> list[Case]:
    cases: list[Case] = []
    for license_id in LICENSE_IDS:
        expected = {("agreement", license_id, True)}
        if license_id == "llama-3":  # Meta appended the AUP to the Llama 3 LICENSE
            expected.add(("aup", license_id, True))
        cases.append(
            Case(
                f"{license_id}-LICENSE.txt",
                official(license_id, "agreement"),
                frozenset(expected),
                "official",
            )
        )
        cases.append(
            Case(
                f"{license_id}-USE_POLICY.md",
                official(license_id, "aup"),
                frozenset({("aup", license_id, True)}),
                "official",
            )
        )

    def wrap(text: str, width: int, newline: str = "\n") -> str:
        return newline.join(textwrap.fill(p, width) if p.strip() else "" for p in text.split("\n"))

    def to_html(text: str) -> str:
        body = "".join(
            f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip()
        )
        return f"<!doctype html><html><body><h1>License</h1>\n{body}</body></html>\n"

    def blockquote(text: str) -> str:
        return "\n".join(f"> **{line}**" if line.strip() else ">" for line in text.splitlines())

    one = frozenset
    cases += [
        Case(
            "wrapped-3.1.txt",
            wrap(official("llama-3.1", "agreement"), 60),
            one({("agreement", "llama-3.1", True)}),
            "wrapped at 60 columns",
        ),
        Case(
            "crlf-wrapped-3.txt",
            wrap(agreement_only("llama-3"), 72, "\r\n"),
            one({("agreement", "llama-3", True)}),
            "CRLF, wrapped at 72",
        ),
        Case(
            "rendered-aup-3.2.html",
            to_html(official("llama-3.2", "aup")),
            one({("aup", "llama-3.2", True)}),
            "Markdown rendered to HTML",
        ),
        Case(
            "rendered-4.html",
            to_html(official("llama-4", "agreement")),
            one({("agreement", "llama-4", True)}),
            "rendered to HTML",
        ),
        Case(
            "markup-3.3.md",
            blockquote(official("llama-3.3", "agreement")),
            one({("agreement", "llama-3.3", True)}),
            "bold block quote",
        ),
        Case(
            "modified-3.1.txt",
            official("llama-3.1", "agreement").replace("non-transferable and royalty-free ", ""),
            one({("agreement", "llama-3.1", False)}),
            "words removed",
        ),
        Case(
            "truncated-2.txt",
            official("llama-2", "agreement")[:2800],
            one({("agreement", "llama-2", False)}),
            "first 40 %",
        ),
        Case(
            "truncated-3.3.txt",
            official("llama-3.3", "agreement")[:4000],
            one({("agreement", "llama-3.3", False)}),
            "first half",
        ),
        Case(
            "stub-3.3.txt",
            "LLAMA 3.3 COMMUNITY LICENSE AGREEMENT\n\nThis model is distributed under the "
            "Llama 3.3 Community License.\n"
            "For the full terms see https://www.llama.com/llama3_3/license/\n",
            one({("agreement", "llama-3.3", False)}),
            "title and a link",
        ),
        Case(
            "stub-2.txt",
            "LLAMA 2 COMMUNITY LICENSE AGREEMENT\nLlama 2 Version Release Date: July 18, 2023\n\n"
            "See https://ai.meta.com/llama/license/ for the agreement.\n",
            one({("agreement", "llama-2", False)}),
            "title, date line and a link",
        ),
        Case(
            "two-3.1-3.2.txt",
            official("llama-3.1", "agreement") + "\n\n" + official("llama-3.2", "agreement"),
            one({("agreement", "llama-3.1", True), ("agreement", "llama-3.2", True)}),
            "two agreements",
        ),
        Case(
            "two-2-aup4.md",
            official("llama-2", "agreement") + "\n\n" + official("llama-4", "aup"),
            one({("agreement", "llama-2", True), ("aup", "llama-4", True)}),
            "agreement + other version's AUP",
        ),
    ]
    return cases


def ours(path: Path, repeat: int = 5) -> tuple[Answer, str, float]:
    """Our answer and the median of ``repeat`` timed scans (this machine is shared and noisy)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = scan_file(path)
        times.append(time.perf_counter() - start)
    elapsed = statistics.median(times)
    answer = frozenset(
        (t.kind, t.license, t.status == "complete")
        for t in result.texts
        if t.kind != "research-license"
    )
    shown = "; ".join(f"{t.license} {t.kind} {t.status}" for t in result.texts) or "-"
    return answer, shown, elapsed


def ensure_scancode() -> bool:
    if SCANCODE.is_file():
        return True
    print(
        f"creating {VENV} (ScanCode's own environment; this takes a few minutes)", file=sys.stderr
    )
    pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    try:
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([*pip, *PINS], check=True)
        subprocess.run([*pip, "pluggy<1.0"], check=True)  # after: pip cannot resolve both at once
    except (subprocess.CalledProcessError, OSError) as exc:
        print(f"cannot install ScanCode: {exc}", file=sys.stderr)
        return False
    return SCANCODE.is_file()


def scancode(folder: Path) -> tuple[dict[str, tuple[Answer, str, float]], float]:
    output = folder.parent / "scancode.json"
    start = time.perf_counter()
    subprocess.run(
        [
            str(SCANCODE),
            "--license",
            "--timing",
            "--processes",
            "0",
            "--quiet",
            "--json-pp",
            str(output),
            str(folder),
        ],
        check=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    wall = time.perf_counter() - start
    data = json.loads(output.read_text(encoding="utf-8"))
    answers: dict[str, tuple[Answer, str, float]] = {}
    for entry in data.get("files", []):
        if entry.get("type") != "file":
            continue
        found: set[tuple[str, str, bool]] = set()
        shown: list[str] = []
        for detection in entry.get("license_detections", []) or []:
            for match in detection.get("matches", []) or []:
                key = match.get("license_expression", "")
                coverage = float(match.get("match_coverage", 0))
                shown.append(f"{key} {coverage:.0f}%")
                version = llama_version(key)
                if version and version != "llama-1":
                    kind = "aup" if key in SCANCODE_AUP_KEYS else "agreement"
                    found.add((kind, version, coverage >= 90))
        timing = (entry.get("scan_timings") or {}).get("licenses") or 0.0
        answers[Path(entry["path"]).name] = (
            frozenset(found),
            ", ".join(shown) or "-",
            float(timing),
        )
    return answers, wall


def merge_partial(answer: Answer) -> Answer:
    """Several partial matches of one text count once, as complete if any is complete."""
    best: dict[tuple[str, str], bool] = {}
    for kind, version, complete in answer:
        best[(kind, version)] = best.get((kind, version), False) or complete
    return frozenset((k, v, c) for (k, v), c in best.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-scancode", action="store_true", help="only run llamalicense")
    parser.add_argument("--keep", metavar="DIR", help="write the corpus to DIR and keep it")
    args = parser.parse_args()
    cases = corpus()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp) / "corpus"
        folder.mkdir(parents=True, exist_ok=True)
        for case in cases:
            (folder / case.name).write_bytes(case.text.encode("utf-8"))
        references()  # tokenize the official texts once, as any run does before its first file
        mine = {case.name: ours(folder / case.name) for case in cases}
        theirs: dict[str, tuple[Answer, str, float]] = {}
        wall = 0.0
        if not args.no_scancode and ensure_scancode():
            theirs, wall = scancode(folder)
    return report(cases, mine, theirs, wall)


def report(
    cases: list[Case],
    mine: dict[str, tuple[Answer, str, float]],
    theirs: dict[str, tuple[Answer, str, float]],
    wall: float,
) -> int:
    right_ours = right_theirs = 0
    times_ours: list[float] = []
    times_theirs: list[float] = []
    for case in cases:
        answer, shown, seconds = mine[case.name]
        ok = answer == case.expected
        right_ours += ok
        times_ours.append(seconds)
        print(f"{case.name}  [{case.note}]")
        print(f"  expected   {_show(case.expected)}")
        print(f"  ours       {'RIGHT' if ok else 'WRONG'} {seconds * 1000:8.2f} ms  {shown}")
        if case.name in theirs:
            sc_answer, sc_shown, sc_seconds = theirs[case.name]
            sc_ok = merge_partial(sc_answer) == case.expected
            right_theirs += sc_ok
            times_theirs.append(sc_seconds)
            verdict = "RIGHT" if sc_ok else "WRONG"
            print(f"  scancode   {verdict} {sc_seconds * 1000:8.2f} ms  {sc_shown}")
    total = len(cases)
    ours_median = statistics.median(times_ours)
    print()
    print(
        f"llamalicense: {right_ours}/{total} right; per file median {ours_median * 1000:.2f} ms, "
        f"max {max(times_ours) * 1000:.2f} ms"
    )
    if times_theirs:
        theirs_median = statistics.median(times_theirs)
        print(
            f"scancode:     {right_theirs}/{total} right; per file median "
            f"{theirs_median * 1000:.2f} ms (license scan only), whole run {wall:.1f} s wall "
            f"= {wall / total * 1000:.0f} ms per file"
        )
        print(
            f"speed-up per file (median scan times): {theirs_median / ours_median:.0f}x; "
            f"against ScanCode's wall time per file: {wall / total / ours_median:.0f}x"
        )
    return 0 if right_ours == total else 1


def _show(answer: Answer) -> str:
    return "; ".join(
        f"{version} {kind} {'complete' if complete else 'not a complete copy'}"
        for kind, version, complete in sorted(answer, key=lambda a: (a[1], a[0]))
    )


if __name__ == "__main__":
    raise SystemExit(main())
