"""Benchmark ``llamalicense check``: cold start, and 1k / 10k / 100k-component manifests.

Prints figures; it is not a test and asserts nothing. See bench/README.md for what each
figure means and the targets. Quick run::

    .venv/bin/python bench/bench_check.py --sizes 1000,10000 --repeat 1

Every timed ``llamalicense`` run is a fresh subprocess, timed by ``bench_kit.py``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import shlex
import shutil
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from bench_kit import (
    COMMAND,
    TIMEOUT,
    Row,
    Run,
    judged,
    llamalicense_command,
    median_of,
    median_run,
    print_header,
    print_table,
    run_child,
    work_folder,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "compliant-finetune"
MANIFEST_NAMES = ("llamalicense.yaml", "llamalicense.yml", "llamalicense.json")
FLOOR = "import yaml, jsonschema, networkx"  # the floor issue 2 set: the product card's libraries
# What a check of a small project really imports beyond the standard library (python -X
# importtime): lighter than FLOOR since jsonschema-rs replaced jsonschema and networkx is
# imported only for graph output. Shown beside the judged ratio, not judged.
USED_FLOOR = "import yaml, jsonschema_rs, re2, platformdirs"

# Targets (issue 2, item 13).
COLD_MAX = 1.5  # cold check / floor
JSON_MAX = 10.0  # 100k components from JSON / json.loads of the same file
PARSES_PER_CHECK = 3  # parser baseline runs beside each check run (see paired_runs)
ENGINE_MAX = 0.5  # engine work on YAML input (total - YAML parse) / YAML parse
GROWTH_MAX = 12.0  # time for 100k / time for 10k
TARGET_SIZE = 100_000  # the size the JSON and YAML targets are judged at

NOTICE_SENTENCE = (
    "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta "
    "Platforms, Inc. All Rights Reserved."
)
BASES = (
    ("base-8b", "meta-llama/Llama-3.1-8B"),
    ("base-8b-instruct", "meta-llama/Meta-Llama-3.1-8B-Instruct"),  # the old spelling
    ("base-70b-instruct", "meta-llama/Llama-3.1-70B-Instruct"),
    ("base-405b-fp8", "meta-llama/Llama-3.1-405B-Instruct-FP8"),
    ("llama-guard", "meta-llama/Llama-Guard-3-8B"),
    ("mistral-7b", "mistralai/Mistral-7B-Instruct-v0.3"),  # not Llama: no duties
)
LLAMA_BASES = [b for b, _ in BASES if b != "mistral-7b"]


# -- manifest generation -----------------------------------------------------------------


def licensee() -> dict[str, Any]:
    affiliates = [
        ("Acme Cloud GmbH", "DE", 40_000_000),
        ("Acme Labs Ltd", "GB", 12_500_000),
        ("Acme KK", "JP", 3_000_000),
    ]
    mau: list[dict[str, Any]] = []
    for month, factor in (("2024-05", 0.9), ("2024-06", 1.0), ("2024-07", 1.1)):
        mau.append({"month": month, "count": int(600_000_000 * factor)})
        for name, _, count in affiliates:
            mau.append({"month": month, "entity": name, "count": int(count * factor)})
    return {
        "name": "Acme Robotics Inc.",
        "country": "US",
        "affiliates": [{"name": n, "country": c} for n, c, _ in affiliates],
        "monthly_active_users": mau,
        "max_monthly_active_users": None,
        "meta_license": False,
    }


def family(f: int) -> list[dict[str, Any]]:
    """Twenty components: datasets, a fine-tune chain, merges, distillation and products."""
    base = LLAMA_BASES[f % 4]  # the guard model is used by the eval judges below
    p = f"f{f:05d}"
    notice = "NOTICE.draft" if f % 7 == 3 else "NOTICE"  # a missing period: needs review
    agreement = "LICENSES/LLAMA-3.1.txt"
    model_attr = {"agreement": agreement, "notice": notice, "built_with_llama": "docs/about.md"}
    product_attr = {
        "built_with_llama": ["docs/about.md", "https://acme.example/about"],
        "agreement": agreement,
        "notice": notice,
    }
    if f % 11 == 5:
        product_attr = {"built_with_llama": "https://acme.example/about"}  # URL only, no files
    prev = f"f{f - 1:05d}-ft" if f else base
    return [
        {"id": f"{p}-tickets", "type": "dataset", "description": "support tickets, 2023-2024"},
        {"id": f"{p}-synth", "type": "dataset", "generated_by": [base]},
        {
            "id": f"{p}-ft",
            "type": "model",
            "name": f"Llama-Acme-{p}-8B",
            "derived_from": [{"id": base, "relation": "finetune"}],
            "trained_on": [f"{p}-tickets", f"{p}-synth"],
            "distributed": True,
            "attribution": model_attr,
        },
        {
            "id": f"{p}-lora",
            "type": "model",
            "name": f"Llama-Acme-{p}-LoRA",
            "derived_from": [{"id": f"{p}-ft", "relation": "adapter"}],
            "distributed": False,
        },
        {
            "id": f"{p}-q4",
            "type": "model",
            "name": f"acme/Llama-Acme-{p}-Q4",
            "derived_from": [{"id": f"{p}-lora", "relation": "quantized"}],
            "distributed": True,
            "delivery": "copies",
            "attribution": model_attr,
        },
        {
            "id": f"{p}-merge",
            "type": "model",
            "name": f"Acme-Merge-{p}" if f % 13 == 6 else f"Llama-Acme-Merge-{p}",
            "derived_from": [
                {"id": f"{p}-ft", "relation": "merge"},
                {"id": prev, "relation": "merge"},
            ],
            "distributed": True,
            "attribution": model_attr,
        },
        {"id": f"{p}-distill-set", "type": "dataset", "generated_by": [f"{p}-ft"]},
        {
            "id": f"{p}-student",
            "type": "model",
            "name": f"llama-student-{p}" if f % 17 == 8 else f"Llama-Student-{p}",
            "trained_on": [f"{p}-distill-set"],
            "distributed": True,
            "large_language_model": True,
        },
        {
            "id": f"{p}-internal",
            "type": "model",
            "derived_from": [{"id": f"{p}-ft", "relation": "finetune"}],
            "distributed": False,
        },
        {
            "id": f"{p}-app",
            "type": "product",
            "name": f"Acme Assistant {p}",
            "contains": [f"{p}-q4"],
            "distributed": True,
            "attribution": product_attr,
        },
        {
            "id": f"{p}-api",
            "type": "product",
            "name": f"Acme API {p}",
            "contains": [f"{p}-merge"],
            "distributed": True,
            "delivery": "hosted",
            "attribution": {"built_with_llama": "docs/about.html", "agreement": agreement},
        },
        {
            "id": f"{p}-suite",
            "type": "product",
            "contains": [f"{p}-app", f"{p}-student"],
            "distributed": True,
            "attribution": product_attr,
        },
        {"id": f"{p}-eval", "type": "dataset"},
        {
            "id": f"{p}-judge",
            "type": "model",
            "derived_from": [{"id": "llama-guard", "relation": "finetune"}],
            "trained_on": [f"{p}-eval"],
            "distributed": False,
        },
        {
            "id": f"{p}-dpo",
            "type": "model",
            "name": f"Llama-Acme-{p}-DPO",
            "derived_from": [{"id": f"{p}-ft", "relation": "finetune"}],
            "trained_on": [f"{p}-synth"],
            "distributed": True,
            "attribution": model_attr,
        },
        {
            "id": f"{p}-dpo-q8",
            "type": "model",
            "name": f"Llama-Acme-{p}-DPO-Q8",
            "derived_from": [{"id": f"{p}-dpo", "relation": "quantized"}],
            "distributed": True,
            "delivery": "hosted",
        },
        {
            "id": f"{p}-bot",
            "type": "product",
            "contains": [f"{p}-dpo-q8"],
            "distributed": False,
        },
        {"id": f"{p}-logs", "type": "dataset"},
        {
            "id": f"{p}-cpt",
            "type": "model",
            "derived_from": [{"id": "base-70b-instruct", "relation": "continued-pretraining"}],
            "trained_on": [f"{p}-logs"],
            "distributed": False,
        },
        {
            "id": f"{p}-third-party",
            "type": "model",
            "derived_from": [{"id": "mistral-7b", "relation": "finetune"}],
            "name": f"Acme-Mistral-{p}",
            "distributed": True,
        },
    ]


def manifest(size: int) -> dict[str, Any]:
    components: list[dict[str, Any]] = [
        {"id": cid, "type": "model", "ref": ref, "received_as": "direct"} for cid, ref in BASES
    ]
    f = 0
    while len(components) < size:
        components.extend(family(f))
        f += 1
    return {"version": 1, "licensee": licensee(), "components": components[:size]}


_NUMBER = re.compile(r"^[-+]?[0-9_.:]+$|^[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    plain = (
        text
        and text[0].isalnum()
        and all(c.isalnum() or c in " ._/-" for c in text)
        and text.lower() not in _PLAIN_WORDS
        and not _NUMBER.match(text)
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def to_yaml(data: dict[str, Any]) -> str:
    """Block style as a person writes it: flow only for short lists and list entries."""
    out = ["# generated by bench/bench_check.py", f"version: {data['version']}", "licensee:"]
    for key, value in data["licensee"].items():
        if isinstance(value, list):
            out.append(f"  {key}:")
            out.extend(f"    - {_flow(item)}" for item in value)
        else:
            out.append(f"  {key}: {_scalar(value)}")
    out.append("components:")
    for comp in data["components"]:
        lead = "  - "
        for key, value in comp.items():
            if key == "derived_from":
                out.append(f"{lead}{key}:")
                out.extend(f"      - {_flow(item)}" for item in value)
            elif key == "attribution":
                out.append(f"{lead}{key}:")
                out.extend(f"      {k}: {_flow(v)}" for k, v in value.items())
            else:
                out.append(f"{lead}{key}: {_flow(value)}")
            lead = "    "
    return "\n".join(out) + "\n"


def write_project(folder: Path) -> None:
    """The evidence files every generated manifest points at, written once."""
    from llamalicense.catalog.data import rules_dir

    (folder / "LICENSES").mkdir(parents=True, exist_ok=True)
    (folder / "docs").mkdir(exist_ok=True)
    agreement = rules_dir() / "licenses" / "llama-3.1" / "LICENSE.txt"
    shutil.copyfile(agreement, folder / "LICENSES" / "LLAMA-3.1.txt")
    (folder / "NOTICE").write_text(
        f"Acme Assistant\nCopyright 2024 Acme Robotics Inc.\n\n{NOTICE_SENTENCE}\n",
        encoding="utf-8",
    )
    (folder / "NOTICE.draft").write_text(
        "Acme Assistant\n\n" + NOTICE_SENTENCE.replace("(c)", "©").rstrip(".") + "\n",
        encoding="utf-8",
    )
    (folder / "docs" / "about.md").write_text(
        "# About Acme Assistant\n\nAcme Assistant answers questions about robot vacuums.\n\n"
        "**Built with Llama**\n",
        encoding="utf-8",
    )
    (folder / "docs" / "about.html").write_text(
        "<html><body><h1>Acme API</h1><p>Our API is <em>Built with\nLlama</em>.</p>"
        "</body></html>\n",
        encoding="utf-8",
    )


def paired_runs(kind: str, path: Path, argv: Sequence[str], repeat: int) -> tuple[float, Run]:
    """The parser baseline and the check on the same file, one after the other ``repeat``
    times (medians of each): a ratio of the two then compares runs made under the same load
    on a shared machine, not runs minutes apart."""
    times: list[float] = []
    runs: list[Run] = []
    for _ in range(repeat):
        # The parser's own time varies more from run to run (the 100k JSON file: 0.27 to
        # 0.38 s), and it costs little: three of its runs beside each check.
        times += [parse_time(kind, path, 1) for _ in range(PARSES_PER_CHECK)]
        runs.append(run_child(argv)[0])
        if runs[-1].timed_out:
            return statistics.median(times), runs[-1]  # a lower bound
    return statistics.median(times), median_of(runs)


# The parser baselines run in a fresh interpreter too, as a user's script would call them.
PARSE = (
    "import gc, json, sys, time, yaml\n"
    "text = open(sys.argv[2], encoding='utf-8').read()\n"
    "if sys.argv[3:] == ['collector-off']:\n"
    "    gc.disable()\n"
    "start = time.perf_counter()\n"
    "json.loads(text) if sys.argv[1] == 'json' else yaml.load(text, Loader=yaml.CSafeLoader)\n"
    "print(time.perf_counter() - start)\n"
)


# llamalicense's own reading of a manifest file (YAML: compose, then build plain data), timed
# as `check` runs it: with the cyclic garbage collector paused.
LOAD = (
    "import contextlib, sys, time\n"
    "from pathlib import Path\n"
    "from llamalicense.documents.loader import load_file\n"
    "try:\n"
    "    from llamalicense.speed.gcpause import paused\n"
    "except ImportError:  # an older llamalicense\n"
    "    paused = contextlib.nullcontext\n"
    "start = time.perf_counter()\n"
    "with paused():\n"
    "    load_file(Path(sys.argv[1]))\n"
    "print(time.perf_counter() - start)\n"
)


def parse_time(kind: str, path: Path, repeat: int, *, collector: bool = True) -> float:
    """Median seconds of ``json.loads`` or ``yaml.load(CSafeLoader)`` of the file's text
    (``kind`` json or yaml; with the cyclic garbage collector on, as a script runs it, unless
    ``collector`` is False), or of llamalicense's own loader (``kind`` load)."""
    times = []
    for _ in range(repeat):
        argv = [sys.executable, "-c", LOAD, str(path)] if kind == "load" else [
            sys.executable, "-c", PARSE, kind, str(path), *([] if collector else ["collector-off"]),
        ]  # fmt: skip
        _, out = run_child(argv, capture=True)
        times.append(float(out.strip()))
    return statistics.median(times)


# -- the figures -------------------------------------------------------------------------


def cold_start(work: Path, repeat: int) -> list[Row]:
    example = EXAMPLE if any((EXAMPLE / n).is_file() for n in MANIFEST_NAMES) else None
    if example is None:
        example = work / "small"
        write_project(example)
        (example / "llamalicense.yaml").write_text(to_yaml(manifest(26)), encoding="utf-8")
    label = f"examples/{example.name}" if example.parent == EXAMPLE.parent else "26 components"
    check = [*llamalicense_command(), "check", str(example)]
    floor = [sys.executable, "-c", FLOOR]
    run_child(check)  # warm the page cache and __pycache__ once
    run_child(floor)
    check_run = median_run(check, repeat)
    floor_run = median_run(floor, repeat)
    used_run = median_run([sys.executable, "-c", USED_FLOOR], repeat)
    ratio = check_run.seconds / floor_run.seconds
    return [
        Row(f"cold check ({label}), median of {repeat}", check_run.shown()),
        Row(f'floor: python -c "{FLOOR}"', floor_run.shown()),
        Row("cold check / floor", f"{ratio:.2f}x", f"<= {COLD_MAX}x", judged(ratio <= COLD_MAX)),
        Row(f'imports a check uses: python -c "{USED_FLOOR}"', used_run.shown()),
        Row("cold check / imports a check uses", f"{check_run.seconds / used_run.seconds:.2f}x"),
        Row("cold check peak memory", f"{check_run.peak_mb:.0f} MB"),
    ]


def sized(work: Path, sizes: list[int], repeat: int, json_report: bool) -> list[Row]:
    project = work / "project"
    write_project(project)
    rows: list[Row] = []
    totals: dict[tuple[str, int], Run] = {}
    command = llamalicense_command()
    for size in sizes:
        data = manifest(size)
        json_path = project / f"manifest-{size}.json"
        yaml_path = project / f"manifest-{size}.yaml"
        json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        yaml_path.write_text(to_yaml(data), encoding="utf-8")
        if size == min(sizes):
            same = yaml.load(yaml_path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            if same != data:
                raise SystemExit("generated YAML and JSON manifests differ")
        del data
        label = f"{size // 1000}k" if size % 1000 == 0 else str(size)
        last = size == TARGET_SIZE  # the targets are for 100k components
        for fmt, path in (("JSON", json_path), ("YAML", yaml_path)):
            parser = "json.loads" if fmt == "JSON" else "yaml.load(CSafeLoader)"
            # the text report, each run beside a run of the parser
            parse, run = paired_runs(fmt.lower(), path, [*command, "check", str(path)], repeat)
            totals[(fmt, size)] = run
            mb = path.stat().st_size / 1e6
            rows.append(Row(f"{label} {fmt} ({mb:.1f} MB): check, end to end", run.shown()))
            rows.append(Row(f"{label} {fmt}: check, peak memory", f"{run.peak_mb:.0f} MB"))
            rows.append(Row(f"{label} {fmt}: {parser}, fresh process", f"{parse:.3f} s"))
            bound = "> " if run.timed_out else ""  # a stopped run gives a lower bound
            if fmt == "JSON":
                ratio = run.seconds / parse
                target = f"<= {JSON_MAX:g}x" if last else ""
                rows.append(
                    Row(
                        f"{label} JSON: check / json.loads",
                        f"{bound}{ratio:.1f}x",
                        target,
                        judged(ratio <= JSON_MAX) if target else "",
                    )
                )
                # Informational: json.loads of a large file spends most of its time in the
                # cyclic collector, which check pauses; the parse alone, and check against it.
                bare = parse_time("json", path, repeat, collector=False)
                rows.append(Row(f"{label} JSON: json.loads, collector off", f"{bare:.3f} s"))
                rows.append(
                    Row(
                        f"{label} JSON: check / json.loads, collector off",
                        f"{bound}{run.seconds / bare:.1f}x",
                    )
                )
            else:
                engine = run.seconds - parse
                share = engine / parse
                target = f"<= {ENGINE_MAX:g}x" if last else ""
                rows.append(
                    Row(f"{label} YAML: engine = check - yaml.load", f"{bound}{engine:.2f} s")
                )
                rows.append(
                    Row(
                        f"{label} YAML: engine / yaml.load",
                        f"{bound}{share:.2f}x",
                        target,
                        judged(share <= ENGINE_MAX) if target else "",
                    )
                )
                own = parse_time("load", path, repeat)  # informational: our own YAML reading
                rows.append(Row(f"{label} YAML: llamalicense's own YAML loading", f"{own:.3f} s"))
                rows.append(
                    Row(f"{label} YAML: check - that loading", f"{bound}{run.seconds - own:.2f} s")
                )
        if json_report:
            report = work / "report.json"
            argv = [*command, "check", str(json_path), "--format", "json", "--output", str(report)]
            run = median_run(argv, repeat)
            size_mb = report.stat().st_size / 1e6 if report.exists() else 0
            rows.append(
                Row(f"{label} JSON: check --format json ({size_mb:.0f} MB report)", run.shown())
            )
            rows.append(
                Row(f"{label} JSON: check --format json, peak memory", f"{run.peak_mb:.0f} MB")
            )
            report.unlink(missing_ok=True)
    for small, big in itertools.pairwise(sizes):
        for fmt in ("JSON", "YAML"):
            first, second = totals[(fmt, small)], totals[(fmt, big)]
            growth = second.seconds / first.seconds
            bound = "> " if second.timed_out and not first.timed_out else ""
            if first.timed_out:
                bound = "? " if second.timed_out else "< "
            target = (
                f"<= {GROWTH_MAX:g}x" if (small, big) == (TARGET_SIZE // 10, TARGET_SIZE) else ""
            )
            rows.append(
                Row(
                    f"growth {small // 1000}k -> {big // 1000}k ({fmt}, check end to end)",
                    f"{bound}{growth:.1f}x",
                    target,
                    ("?" if first.timed_out else judged(growth <= GROWTH_MAX)) if target else "",
                )
            )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="comma-separated component counts (default: 1000,10000,100000)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per manifest measurement, median (default: 3)"
    )
    parser.add_argument(
        "--cold-repeat", type=int, default=7, help="runs of the cold check and floor (default: 7)"
    )
    parser.add_argument("--no-cold", action="store_true", help="skip the cold-start figures")
    parser.add_argument(
        "--no-json-report",
        action="store_true",
        help="skip the (informational) runs that write the JSON report",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="stop a check that runs longer and report it as a lower bound (default: none)",
    )
    parser.add_argument(
        "--command",
        help="the llamalicense command to time, e.g. 'python -m llamalicense' "
        "(default: the console script beside this Python)",
    )
    parser.add_argument("--keep", metavar="DIR", help="write the generated project to DIR")
    args = parser.parse_args(argv)
    if args.command:
        COMMAND[:] = shlex.split(args.command)
    if args.timeout:
        TIMEOUT[:] = [args.timeout]
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    print_header("llamalicense benchmark", f"command: {' '.join(llamalicense_command())} check ...")
    with work_folder(args.keep) as work:
        rows: list[Row] = []
        if not args.no_cold:
            rows += cold_start(work, max(args.cold_repeat, 1))
        if sizes:
            rows += sized(work, sizes, max(args.repeat, 1), not args.no_json_report)
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
