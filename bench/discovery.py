"""How long discovery takes on folders with many models and no manifest (the pre-commit path).

Usage:  .venv/bin/python bench/discovery.py [--sizes 1000 10000] [--runs 1] [--keep DIR]

For each size N it writes a folder of N model folders, no manifest, cycling through the
file kinds discovery reads: a model card (README.md with front matter), an adapter
(adapter_config.json + a Git LFS pointer), a training recipe (axolotl YAML with
hub_model_id), an Ollama Modelfile, a GGUF header, a Space card; plus a LICENSE and a
NOTICE at the top, a LICENSE in every tenth folder. Then it times, in this process,
`discover` + `project_from_cards` (what `llamalicense check DIR` does before the rules), and
the whole `llamalicense.check(DIR)` once. It prints seconds, milliseconds per model and
the ratio between sizes. With ``--cards-only`` every model is a card (the case that was
quadratic: evidence files filtered for every card). Targets (issue 13): 10k <= 12x 1k, and
under 10 ms per model.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import struct
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from llamalicense.api import check  # noqa: E402
from llamalicense.project.discover import discover, project_from_cards  # noqa: E402

POINTER = "version https://git-lfs.github.com/spec/v1\noid sha256:{:064x}\nsize 167772160\n"
BASES = (
    "meta-llama/Llama-3.1-8B-Instruct",
    "unsloth/Meta-Llama-3.1-8B-Instruct-bnb-4bit",
    "meta-llama/Llama-3.2-3B-Instruct",
    "fdtn-ai/Foundation-Sec-8B",
    "mistralai/Mistral-7B-v0.1",
)


def _gguf(name: str, base: str) -> bytes:
    def string(text: str) -> bytes:
        raw = text.encode()
        return struct.pack("<Q", len(raw)) + raw

    pairs = {
        "general.name": name,
        "general.license": "llama3.2",
        "general.base_model.0.repo_url": f"https://huggingface.co/{base}",
    }
    body = b"".join(string(k) + struct.pack("<I", 8) + string(v) for k, v in pairs.items())
    return b"GGUF" + struct.pack("<IQQ", 3, 0, len(pairs)) + body


def write_model(folder: Path, index: int, *, cards_only: bool = False) -> None:
    """One model folder, of the kind ``index`` picks (always a card with ``cards_only``)."""
    folder.mkdir(parents=True)
    base = BASES[index % len(BASES)]
    name = f"Llama-Acme-{index}"
    kind = 0 if cards_only else index % 6
    if kind == 0:
        (folder / "README.md").write_text(
            f"---\nlicense: llama3.1\nbase_model: {base}\nlibrary_name: peft\n---\n# {name}\n\n"
            "A support assistant. Built with Llama.\n",
            encoding="utf-8",
        )
    elif kind == 1:
        (folder / "adapter_config.json").write_text(
            f'{{"base_model_name_or_path": "{base}", "peft_type": "LORA", "r": 8}}\n', "utf-8"
        )
        (folder / "adapter_model.safetensors").write_text(POINTER.format(index), "utf-8")
    elif kind == 2:
        (folder / "train.yml").write_text(
            f"base_model: {base}\ndatasets:\n  - path: acme/data-{index}\nsequence_len: 2048\n"
            f"micro_batch_size: 1\nhub_model_id: acme/{name}\n",
            encoding="utf-8",
        )
    elif kind == 3:
        (folder / "Modelfile").write_text(
            f"FROM hf.co/{base}\nPARAMETER temperature 0.2\n", "utf-8"
        )
    elif kind == 4:
        (folder / f"{name}.Q4_K_M.gguf").write_bytes(_gguf(name, "meta-llama/Llama-3.2-3B"))
    else:
        (folder / "README.md").write_text(
            f"---\ntitle: {name}\nsdk: gradio\nmodels:\n- {base}\n---\nA demo.\n", "utf-8"
        )
    if index % 10 == 0:
        (folder / "LICENSE").write_text("MIT License\n\nCopyright (c) Acme\n", "utf-8")


def write_project(folder: Path, size: int, *, cards_only: bool = False) -> None:
    folder.mkdir(parents=True)
    (folder / "LICENSE").write_text(
        (ROOT / "rules" / "licenses" / "llama-3.1" / "LICENSE.txt").read_text("utf-8"), "utf-8"
    )
    (folder / "NOTICE").write_text(
        "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta "
        "Platforms, Inc. All Rights Reserved.\n",
        encoding="utf-8",
    )
    for index in range(size):
        where = folder / "models" / f"m{index // 100:03d}" / f"model-{index:05d}"
        write_model(where, index, cards_only=cards_only)


def time_discovery(folder: Path, runs: int) -> tuple[float, int]:
    """Median seconds of discover + project building, and the number of components."""
    times = []
    count = 0
    for _ in range(runs):
        started = time.perf_counter()
        project = project_from_cards(discover(folder))
        times.append(time.perf_counter() - started)
        count = len(project.components)
    return statistics.median(times), count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the folders here and keep them")
    parser.add_argument(
        "--cards-only", action="store_true", help="every model a card (the issue's first case)"
    )
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="llamalicense-discovery-"))
    results: list[tuple[int, float]] = []
    print(f"{'models':>8} {'components':>10} {'discovery s':>12} {'ms/model':>9} {'check s':>8}")
    try:
        for size in args.sizes:
            folder = work / f"{'cards' if args.cards_only else 'models'}-{size}"
            if not folder.exists():
                write_project(folder, size, cards_only=args.cards_only)
            seconds, count = time_discovery(folder, args.runs)
            started = time.perf_counter()
            report = check(folder)
            whole = time.perf_counter() - started
            results.append((size, seconds))
            print(
                f"{size:>8} {count:>10} {seconds:>12.2f} {1000 * seconds / size:>9.2f} "
                f"{whole:>8.2f}   ({len(report.findings)} findings, {report.verdict})"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    for (small, first), (large, second) in itertools.pairwise(results):
        print(f"{large} / {small}: {second / first:.1f}x for {large / small:.0f}x the models")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
