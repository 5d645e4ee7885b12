"""Score discovery and the scanner on the real model cards in ../shared/reference/model-cards.

Usage:  .venv/bin/python bench/reference_cards.py

The cards are real public files, so they stay in the shared reference folder and are not copied
into the project (the tests use fixtures of our own modelled on them). INDEX.tsv there lists
what is odd about each file. This script checks that discovery reads every card, gives the
Llama versions a person reading the card would give, raises the identity notes and declaration
reviews a reviewer would, and that the real notices (as the Notice rules judge them) and the
stub LICENSE (as the scanner names it) are what the index describes. It prints one line per
check and the score; when ../shared is not beside the checkout it says so and exits 0.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from llamalicense.api import check  # noqa: E402
from llamalicense.evidence.reader import EvidenceReader  # noqa: E402
from llamalicense.evidence.scanner import scan_file  # noqa: E402
from llamalicense.project.readers.cards import read_card  # noqa: E402

FOLDER = ROOT.parent / "shared" / "reference" / "model-cards"

PREFIX = "YinanWusoymilk__hf-readme__training_and_application__readme_files__"
# file (short) -> the Llama versions that govern it, as its card and INDEX.tsv show
EXPECTED = {
    "Hmbown__shannon-control-unit__README": ["llama-3.2"],
    "Hmbown__shannon-control-unit__README_HF": ["llama-3.2"],
    "pranavpradhan007__AI_ROS2_RAG__ros2_model__README": ["llama-3.1"],
    "yaleong016__LLM-Fine-Tuning-on-Research-Paper__outputs__llama31_8b_qlora_abstracts__README": [
        "llama-3.1"
    ],
    "blackhank__Langchain-side-project__finetuned_adapter__README": ["llama-2"],
    "vedkcoder__Llama2-Fine-Tuning-for-Code-Generation-main__peft-language-code__README": [
        "llama-2"
    ],
    "vraj00222__Greenlane__local-llm__models__Llama-3.2-1B-ET__README": ["llama-3.2"],
    "adriansterr__fine-tuning-for-absa__merging_configurations__german__slerp__t_05__README": [],
    "kidahatsu__fintherapy-8b__model_card": ["llama-3.3"],
    "leliuga__cohere-configurations__models__CalliopeDS-L2-13B__README": [],
    PREFIX + "arcee-ai_Llama-3.1-SuperNova-Lite": ["llama-3.1"],
    PREFIX + "bartowski_Meta-Llama-3.1-8B-Instruct-GGUF": ["llama-3.1"],
    PREFIX + "mattshumer_Reflection-Llama-3.1-70B": ["llama-3.1"],
    PREFIX + "unsloth_Meta-Llama-3.1-70B-Instruct-bnb-4bit": ["llama-3.1"],
    PREFIX + "unsloth_Meta-Llama-3.1-8B-Instruct-bnb-4bit": ["llama-3.1"],
    PREFIX + "hugging-quants_Meta-Llama-3.1-8B-Instruct-AWQ-INT4": ["llama-3.1"],
    PREFIX + "nvidia_Llama-3.1-Minitron-4B-Width-Base": ["llama-3.1"],
    PREFIX + "mlabonne_BigLlama-3.1-1T-Instruct": ["llama-3.1"],
    PREFIX + "THUDM_cogvlm2-llama3-caption": ["llama-3.1"],
    PREFIX + "Orenguteng_Llama-3-8B-Lexi-Uncensored-GGUF": ["llama-3"],
    PREFIX + "MaziyarPanahi_Meta-Llama-3-8B-Instruct-GGUF": ["llama-3"],
    PREFIX + "IlyaGusev_saiga_llama3_8b": ["llama-3"],
    PREFIX + "mlabonne_Meta-Llama-3-120B-Instruct": ["llama-3"],
    PREFIX + "abacusai_Llama-3-Smaug-8B": ["llama-3"],
    PREFIX + "Casual-Autopsy_L3-Umbral-Mind-RP-v3.0-8B": [],
    PREFIX + "hugging-quants_Llama-3.2-3B-Instruct-Q4_K_M-GGUF": ["llama-3.2"],
    PREFIX + "allenai_tulu-2-dpo-70b": ["llama-2"],
    PREFIX + "HuggingFaceFW_fineweb-edu-classifier": ["llama-3"],  # outputs only
    PREFIX + "TheBloke_TinyLlama-1.1B-Chat-v1.0-GGUF": [],
    PREFIX + "neuralmagic_Mistral-Nemo-Instruct-2407-quantized.w4a16": [],
    PREFIX + "HuggingFaceH4_zephyr-7b-beta": [],
}


Report = dict[str, Any]


def index_rows() -> list[dict[str, str]]:
    with (FOLDER / "INDEX.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def rules(report: Report, component: str) -> dict[str, dict[str, Any]]:
    return {f["rule"]: f for f in report["findings"] if f["component"] == component}


def every_card_is_discovered(report: Report) -> list[str]:
    sources = {c["source"] for c in report["components"]}
    cards = [r["file"] for r in index_rows() if r["kind"] == "modelcard"]
    return [f"not discovered: {name}" for name in cards if str(FOLDER / name) not in sources]


def readmes_are_not_cards(report: Report) -> list[str]:
    return [
        f"read as a card: {row['file']}"
        for row in index_rows()
        if row["kind"] == "readme" and read_card(FOLDER / row["file"], row["file"], strict=False)
    ]


def versions(report: Report) -> list[str]:
    info = {c["id"]: c for c in report["components"]}
    misses = []
    for component, licenses in sorted(EXPECTED.items()):
        got = info[component]["licenses"] if component in info else None
        if got != licenses:
            misses.append(f"{component}: versions {got}, expected {licenses}")
    return misses


def traps(report: Report) -> list[str]:
    misses = []
    tiny = rules(report, PREFIX + "TheBloke_TinyLlama-1.1B-Chat-v1.0-GGUF")
    if set(tiny) != {"LLAMALICENSE-NOT-LLAMA"}:
        misses.append(f"TinyLlama: {sorted(tiny)}, expected only LLAMALICENSE-NOT-LLAMA")
    mistral = rules(report, PREFIX + "neuralmagic_Mistral-Nemo-Instruct-2407-quantized.w4a16")
    declaration = mistral.get("LLAMALICENSE-LICENSE-DECLARATION", {})
    if set(mistral) != {"LLAMALICENSE-LICENSE-DECLARATION"} or "Mistral" not in declaration.get(
        "message", ""
    ):
        misses.append(f"Mistral: {sorted(mistral)}")
    zephyr = rules(report, PREFIX + "HuggingFaceH4_zephyr-7b-beta")
    if zephyr:
        misses.append(f"zephyr: {sorted(zephyr)}, expected none")
    return misses


def declarations(report: Report) -> list[str]:
    misses = []
    for component in (
        PREFIX + "arcee-ai_Llama-3.1-SuperNova-Lite",  # llama3 on a 3.1 base
        PREFIX + "abacusai_Llama-3-Smaug-8B",  # llama2 on a Llama 3 finetune
        "pranavpradhan007__AI_ROS2_RAG__ros2_model__README",  # apache-2.0 on a 3.1 finetune
        PREFIX + "allenai_tulu-2-dpo-70b",  # AI2 ImpACT on Llama 2
        PREFIX + "nvidia_Llama-3.1-Minitron-4B-Width-Base",  # NVIDIA license on a 3.1 prune
    ):
        finding = rules(report, component).get("LLAMALICENSE-LICENSE-DECLARATION")
        if finding is None or finding["status"] != "needs-review":
            misses.append(f"{component}: license declaration not needs-review")
    return misses


def identity_notes(report: Report) -> list[str]:
    misses = []
    adapter = "blackhank__Langchain-side-project__finetuned_adapter__README"
    if "LLAMALICENSE-REUPLOAD" not in rules(report, adapter):
        misses.append(f"{adapter}: no LLAMALICENSE-REUPLOAD")
    if "LLAMALICENSE-LLAMA-NAMED" not in rules(report, "kidahatsu__fintherapy-8b__model_card"):
        misses.append("kidahatsu__fintherapy-8b__model_card: no LLAMALICENSE-LLAMA-NAMED")
    unknown = rules(report, "meta-llama/Meta-Llama-3.1-681B-Instruct")
    if unknown.get("LLAMALICENSE-UNKNOWN-MODEL", {}).get("status") != "needs-review":
        misses.append("meta-llama/Meta-Llama-3.1-681B-Instruct: unknown model not needs-review")
    return misses


def notices_and_stub(report: Report) -> list[str]:
    misses = []

    def expect(name: str, got: object, want: object) -> None:
        if got != want:
            misses.append(f"{name}: {got}, expected {want}")

    reader = EvidenceReader(FOLDER)  # Notice sentences as the Notice rules judge them

    def shown(name: str, license_id: str) -> bool | None:
        title = {"llama-3": "Meta Llama 3"}.get(license_id, "Llama " + license_id[6:])
        sentence = (
            f"{title} is licensed under the {title} Community License, Copyright \u00a9 "
            "Meta Platforms, Inc. All Rights Reserved."
        )
        return reader.contains_phrase((name,), sentence, exact_case=True).value

    virtuoso = "mirage335-colossus__Llama-3-virtuoso__NOTICE"
    expect(
        "virtuoso NOTICE",
        [shown(virtuoso, v) for v in ("llama-3.1", "llama-3", "llama-3.2", "llama-3.3")],
        [True] * 4,
    )
    stub = scan_file(FOLDER / "kidahatsu__fintherapy-8b__LICENSE").best()
    expect("fintherapy LICENSE", stub and (stub.license, stub.status), ("llama-3.3", "stub"))
    expect("socrates (altered)", shown("akaashkolluri__socrates__README.md", "llama-3"), False)
    expect("easyai (paraphrase)", shown("mlodszy-programista__easyai__README.md", "llama-3"), False)
    irfan = scan_file(FOLDER / "IrfanUruchi__Llama-3.2-1B-ComputerEngineeringLLM__README.md")
    expect("irfan notice", shown(irfan.path.rsplit("/", 1)[-1], "llama-3.2"), True)
    expect("irfan built with displayed", any(b.displayed for b in irfan.built_with), True)
    card = scan_file(FOLDER / (PREFIX + "bartowski_Meta-Llama-3.1-8B-Instruct-GGUF.md"))
    best = card.best()
    expect("bartowski license text", best and best.license, "llama-3.1")
    expect(
        "bartowski built with (front matter only)", any(b.displayed for b in card.built_with), False
    )
    return misses


CHECKS: list[tuple[str, Callable[[Report], list[str]]]] = [
    ("every card in the index is discovered", every_card_is_discovered),
    ("READMEs without front matter are not cards", readmes_are_not_cards),
    ("the Llama versions of each card", versions),
    ("the traps (TinyLlama, Mistral, zephyr)", traps),
    ("declarations that disagree are reviewed", declarations),
    ("identity notes", identity_notes),
    ("real notices and the stub LICENSE", notices_and_stub),
]


def main() -> int:
    if not (FOLDER / "INDEX.tsv").is_file():
        print(f"{FOLDER} is not here: nothing to score (it sits beside the checkout in ../shared)")
        return 0
    report = check(FOLDER).to_dict()
    passed = 0
    for title, run in CHECKS:
        misses = run(report)
        print(f"{'ok  ' if not misses else 'MISS'} {title}")
        for miss in misses:
            print(f"       {miss}")
        passed += not misses
    print(f"{passed}/{len(CHECKS)} checks hold on {FOLDER.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
