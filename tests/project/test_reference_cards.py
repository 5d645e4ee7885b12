"""The real model cards and notices in ../shared/reference/model-cards (skipped when absent).

INDEX.tsv lists what is odd about each file; these tests check that discovery reads every
card, gives the Llama versions a person reading the card would give, and that the scanner
judges the real notices and the stub LICENSE as the index describes them.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from llamalicense.api import check
from llamalicense.evidence.scanner import scan_file
from llamalicense.project.readers.cards import read_card

FOLDER = Path(__file__).resolve().parents[3] / "shared" / "reference" / "model-cards"

pytestmark = pytest.mark.skipif(
    not (FOLDER / "INDEX.tsv").is_file(), reason="../shared/reference/model-cards is not here"
)

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
    "kidahatsu__fintherapy-8b__model_card": [],
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


@pytest.fixture(scope="module")
def report() -> dict:
    return check(FOLDER).to_dict()


def index_rows() -> list[dict[str, str]]:
    with (FOLDER / "INDEX.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_every_model_card_in_the_index_is_discovered(report: dict) -> None:
    sources = {c["source"] for c in report["components"]}
    cards = [r["file"] for r in index_rows() if r["kind"] == "modelcard"]
    assert cards
    for name in cards:
        assert str(FOLDER / name) in sources, name


def test_readmes_without_front_matter_are_not_cards() -> None:
    for row in index_rows():
        if row["kind"] == "readme":
            assert read_card(FOLDER / row["file"], row["file"], strict=False) is None


@pytest.mark.parametrize(("component", "licenses"), sorted(EXPECTED.items()))
def test_versions(report: dict, component: str, licenses: list[str]) -> None:
    info = {c["id"]: c for c in report["components"]}[component]
    assert info["licenses"] == licenses


def rules(report: dict, component: str) -> dict[str, dict]:
    return {f["rule"]: f for f in report["findings"] if f["component"] == component}


def test_the_traps(report: dict) -> None:
    tiny = rules(report, PREFIX + "TheBloke_TinyLlama-1.1B-Chat-v1.0-GGUF")
    assert set(tiny) == {"LLAMALICENSE-NOT-LLAMA"}
    mistral = rules(report, PREFIX + "neuralmagic_Mistral-Nemo-Instruct-2407-quantized.w4a16")
    assert set(mistral) == {"LLAMALICENSE-LICENSE-DECLARATION"}
    assert "Mistral" in mistral["LLAMALICENSE-LICENSE-DECLARATION"]["message"]
    assert rules(report, PREFIX + "HuggingFaceH4_zephyr-7b-beta") == {}


def test_declarations_that_disagree(report: dict) -> None:
    for component in (
        PREFIX + "arcee-ai_Llama-3.1-SuperNova-Lite",  # llama3 on a 3.1 base
        PREFIX + "abacusai_Llama-3-Smaug-8B",  # llama2 on a Llama 3 finetune
        "pranavpradhan007__AI_ROS2_RAG__ros2_model__README",  # apache-2.0 on a 3.1 finetune
        PREFIX + "allenai_tulu-2-dpo-70b",  # AI2 ImpACT on Llama 2
        PREFIX + "nvidia_Llama-3.1-Minitron-4B-Width-Base",  # NVIDIA license on a 3.1 prune
    ):
        finding = rules(report, component)["LLAMALICENSE-LICENSE-DECLARATION"]
        assert finding["status"] == "needs-review", component


def test_identity_notes(report: dict) -> None:
    assert "LLAMALICENSE-REUPLOAD" in rules(
        report, "blackhank__Langchain-side-project__finetuned_adapter__README"
    )
    assert "LLAMALICENSE-LLAMA-NAMED" in rules(report, "kidahatsu__fintherapy-8b__model_card")
    unknown = rules(report, "meta-llama/Meta-Llama-3.1-681B-Instruct")
    assert unknown["LLAMALICENSE-UNKNOWN-MODEL"]["status"] == "needs-review"


def test_real_notices_and_stub() -> None:
    notice = scan_file(FOLDER / "mirage335-colossus__Llama-3-virtuoso__NOTICE")
    assert [(n.license, n.status) for n in notice.notices] == [
        ("llama-3.1", "exact"),
        ("llama-3", "exact"),
        ("llama-3.2", "exact"),
        ("llama-3.3", "exact"),
    ]
    stub = scan_file(FOLDER / "kidahatsu__fintherapy-8b__LICENSE").best()
    assert stub is not None
    assert (stub.license, stub.status) == ("llama-3.3", "stub")
    socrates = scan_file(FOLDER / "akaashkolluri__socrates__README.md").notices
    assert [(n.license, n.status, n.ok) for n in socrates] == [("llama-3", "altered", False)]
    easyai = scan_file(FOLDER / "mlodszy-programista__easyai__README.md").notices
    assert [(n.license, n.status) for n in easyai] == [("llama-3", "paraphrase")]
    irfan = scan_file(FOLDER / "IrfanUruchi__Llama-3.2-1B-ComputerEngineeringLLM__README.md")
    assert [(n.license, n.status) for n in irfan.notices] == [("llama-3.2", "exact")]
    assert any(b.displayed for b in irfan.built_with)


def test_license_text_inside_card_front_matter() -> None:
    card = scan_file(FOLDER / (PREFIX + "bartowski_Meta-Llama-3.1-8B-Instruct-GGUF.md"))
    best = card.best()
    assert best is not None
    assert best.license == "llama-3.1"
    assert not any(b.displayed for b in card.built_with)  # only inside the YAML
