"""--hub and --hub-cache on the command line (check, init, fix), against the loopback Hub."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hub_kit import card_folder, fake_hub

from llamalicense.cli.main import main


def test_check_hub_reads_the_endpoint_from_hf_endpoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = card_folder(tmp_path, "acme/support-bot-8b")
    cache = tmp_path / "cache"
    with fake_hub() as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
        code = main(
            [
                "check",
                str(folder),
                "--hub",
                "--hub-cache",
                str(cache),
                "-f",
                "json",
                "--today",
                "2026-01-02",
            ]
        )
    report = json.loads(capsys.readouterr().out)
    assert code == 1  # the declared apache-2.0 disagrees with the Llama 3.1 lineage found
    rules = {f["rule"]: f["status"] for f in report["findings"]}
    assert rules["LLAMALICENSE-HUB-RESOLVED"] == "pass"
    assert len(list(cache.iterdir())) == 2


def test_init_hub_writes_the_chain_it_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = card_folder(tmp_path, "acme/support-bot-8b")
    with fake_hub() as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
        assert main(["init", str(folder), "--hub", "--hub-cache", str(tmp_path / "c")]) == 0
    text = (folder / "llamalicense.yaml").read_text()
    assert f"from {hub.endpoint}/acme/support-bot-8b/blob/{'1' * 40}/README.md" in text
    monkeypatch.delenv("HF_ENDPOINT")
    from llamalicense.api import check  # the kept manifest needs no --hub any more

    report = check(folder).to_dict()
    bot = next(c for c in report["components"] if c["id"] == "my-bot")
    assert bot["licenses"] == ["llama-3.1"]
    assert ("acme/chat-base-8b", "meta-llama/Llama-3.1-8B") in {
        (e["from"], e["to"]) for e in report["edges"]
    }


def test_fix_accepts_hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = card_folder(tmp_path, "acme/licensed-only")
    with fake_hub() as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
        code = main(["fix", str(folder), "--hub", "--hub-cache", str(tmp_path / "c")])
    assert code in (0, 1)
    assert hub.requests == ["acme/licensed-only"]


def test_hub_cache_without_hub_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = card_folder(tmp_path, "acme/support-bot-8b")
    assert main(["check", str(folder), "--hub-cache", str(tmp_path)]) == 2
    assert "--hub-cache is only used with --hub" in capsys.readouterr().err


def test_hub_without_huggingface_hub_names_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "huggingface_hub", None)  # import fails
    folder = card_folder(tmp_path, "acme/support-bot-8b")
    assert main(["check", str(folder), "--hub"]) == 2
    err = capsys.readouterr().err
    assert "huggingface_hub" in err
    assert "pip install 'llamalicense[hub]'" in err
    assert "Traceback" not in err
