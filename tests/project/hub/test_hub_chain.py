"""Resolution up the Hub (--hub) through the library, against a loopback stand-in for the Hub
serving recorded answers (tests/data/hub/answers.json). No test touches the internet."""

from __future__ import annotations

import datetime as dt
import json
import socket
from pathlib import Path
from typing import Any

import pytest
from hub_kit import card_folder, fake_hub

from llamalicense.api import check
from llamalicense.project.hub.cache import HubCache
from llamalicense.project.hub.settings import HubSettings

DAY = dt.date(2026, 1, 2)


def settings(endpoint: str, cache: Path, **more: Any) -> HubSettings:
    return HubSettings(cache_dir=cache, endpoint=endpoint, today=DAY, **more)


def hub_findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["rule"].startswith("LLAMALICENSE-HUB-")]


def run(folder: Path, endpoint: str, cache: Path, **more: Any) -> dict[str, Any]:
    return check(folder, hub=settings(endpoint, cache, **more)).to_dict()


def test_a_two_hop_chain_reaches_the_meta_release(tmp_path: Path) -> None:
    folder = card_folder(tmp_path, "acme/support-bot-8b")
    with fake_hub() as hub:
        report = run(folder, hub.endpoint, tmp_path / "cache")
    assert hub.requests == ["acme/support-bot-8b", "acme/chat-base-8b"]
    bot = next(c for c in report["components"] if c["id"] == "my-bot")
    assert bot["licenses"] == ["llama-3.1"]
    edges = {(e["from"], e["to"]): e for e in report["edges"]}
    first = edges[("acme/support-bot-8b", "acme/chat-base-8b")]["evidence"]
    second = edges[("acme/chat-base-8b", "meta-llama/Llama-3.1-8B")]["evidence"]
    assert first == [
        {
            "file": f"{hub.endpoint}/acme/support-bot-8b/blob/{'1' * 40}/README.md",
            "line": None,
            "field": "base_model",
            "strength": "declared",
        }
    ]
    assert second[0]["file"] == f"{hub.endpoint}/acme/chat-base-8b/blob/{'2' * 40}/README.md"
    [note] = hub_findings(report)
    assert note["rule"] == "LLAMALICENSE-HUB-RESOLVED"
    assert note["status"] == "pass"
    assert "resolved through the Hugging Face Hub to meta-llama/Llama-3.1-8B" in note["message"]
    assert "declared metadata of remote cards" in note["message"]


def test_a_card_with_only_a_llama_license_ties_to_that_version(tmp_path: Path) -> None:
    folder = card_folder(tmp_path, "acme/licensed-only")
    with fake_hub() as hub:
        report = run(folder, hub.endpoint, tmp_path / "cache")
    bot = next(c for c in report["components"] if c["id"] == "my-bot")
    assert bot["licenses"] == ["llama-3.2"]
    edge = next(e for e in report["edges"] if e["from"] == "acme/licensed-only")
    assert edge["to"] == "declared:llama-3.2"
    assert edge["evidence"][0]["field"] == "license"
    assert hub_findings(report)[0]["status"] == "pass"


@pytest.mark.parametrize(
    ("base", "reason"),
    [
        ("loop/one", "its cards form a cycle (loop/one \u2192 loop/two \u2192 loop/one)"),
        ("gone/missing-model", "gone/missing-model: no such model on the Hub (404"),
        ("locked/gated-model", "locked/gated-model: the repository is gated"),
        ("busy/model", "busy/model: the Hub refused for now (429, rate limited)"),
        ("broken/card", "broken/card: its card is malformed: base_model is not a string"),
        ("broken/id", "broken/id: its card is malformed: base_model '../../etc/passwd' is not"),
        ("acme/own-model", "its card names no base_model and declares license apache-2.0"),
    ],
)
def test_what_stops_the_walk_is_needs_review_naming_id_and_reason(
    tmp_path: Path, base: str, reason: str
) -> None:
    folder = card_folder(tmp_path, base)
    with fake_hub() as hub:
        report = run(folder, hub.endpoint, tmp_path / "cache")
    [note] = hub_findings(report)
    assert note["rule"] == "LLAMALICENSE-HUB-UNRESOLVED"
    assert note["status"] == "needs-review"
    assert reason in note["message"]
    assert base in note["message"]
    bot = next(c for c in report["components"] if c["id"] == "my-bot")
    assert bot["licenses"] == []
    assert report["verdict"] != "compliant"


def test_the_cycle_leaves_an_acyclic_lineage(tmp_path: Path) -> None:
    folder = card_folder(tmp_path, "loop/one")
    with fake_hub() as hub:
        report = run(folder, hub.endpoint, tmp_path / "cache")
    pairs = {(e["from"], e["to"]) for e in report["edges"]}
    assert ("loop/one", "loop/two") in pairs
    assert ("loop/two", "loop/one") not in pairs


def test_a_cache_hit_needs_no_server(tmp_path: Path) -> None:
    folder = card_folder(tmp_path, "acme/support-bot-8b")
    cache = tmp_path / "cache"
    with fake_hub() as hub:
        first = run(folder, hub.endpoint, cache)
        endpoint = hub.endpoint
    entries = sorted(p.name for p in cache.iterdir())
    assert len(entries) == 2
    second = run(folder, endpoint, cache)  # the server is gone: only the cache answers
    assert json.dumps(second, sort_keys=True) == json.dumps(first, sort_keys=True)


def test_lasting_failures_are_cached_passing_ones_are_not(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    missing = card_folder(tmp_path, "gone/missing-model", name="a")
    busy = card_folder(tmp_path, "busy/model", name="b")
    with fake_hub() as hub:
        run(missing, hub.endpoint, cache)
        run(missing, hub.endpoint, cache)
        run(busy, hub.endpoint, cache)
        run(busy, hub.endpoint, cache)
    assert hub.requests == ["gone/missing-model", "busy/model", "busy/model"]


def test_another_day_asks_again(tmp_path: Path) -> None:
    folder = card_folder(tmp_path, "acme/licensed-only")
    cache = tmp_path / "cache"
    with fake_hub() as hub:
        run(folder, hub.endpoint, cache)
        check(
            folder,
            hub=HubSettings(cache_dir=cache, endpoint=hub.endpoint, today=dt.date(2026, 1, 3)),
        )
    assert hub.requests == ["acme/licensed-only", "acme/licensed-only"]


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"x" * 20000,
        b'{"format": 1, "id": "acme/licensed-only", "card": {"id": "acme/licensed-only", '
        b'"base_model": [7]}}',
        b'{"format": 1, "id": "someone/else", "endpoint": "E", "day": "2026-01-02", '
        b'"card": {"id": "someone/else", "base_model": ["meta-llama/Llama-3.1-8B"]}}',
        b'{"format": 1, "id": "acme/licensed-only", "endpoint": "E", "day": "2026-01-02", '
        b'"card": {"id": "acme/licensed-only", "revision": "not a sha"}}',
    ],
)
def test_a_bad_cache_entry_is_ignored_and_replaced(tmp_path: Path, content: bytes) -> None:
    folder = card_folder(tmp_path, "acme/licensed-only")
    cache = tmp_path / "cache"
    cache.mkdir()
    with fake_hub() as hub:
        entry = HubCache(cache, hub.endpoint, DAY.isoformat()).path("acme/licensed-only")
        entry.write_bytes(content.replace(b'"E"', json.dumps(hub.endpoint).encode()))
        report = run(folder, hub.endpoint, cache)
    assert hub.requests == ["acme/licensed-only"]
    assert hub_findings(report)[0]["status"] == "pass"
    assert json.loads(entry.read_text())["card"]["license"] == ["llama3.2"]


def test_the_depth_and_card_caps_stop_the_walk(tmp_path: Path) -> None:
    folder = card_folder(tmp_path, "acme/support-bot-8b")
    with fake_hub() as hub:
        deep = run(folder, hub.endpoint, tmp_path / "c1", max_depth=1)
        few = run(folder, hub.endpoint, tmp_path / "c2", max_cards=1)
    [deep_note] = hub_findings(deep)
    assert "acme/chat-base-8b: more than 1 hops from acme/support-bot-8b" in deep_note["message"]
    [few_note] = hub_findings(few)
    assert "acme/chat-base-8b: more than 1 cards would be read" in few_note["message"]
    assert deep_note["status"] == few_note["status"] == "needs-review"


def test_without_hub_no_socket_is_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    folder = card_folder(tmp_path, "acme/support-bot-8b")
    report = check(folder).to_dict()
    assert attempts == []
    assert hub_findings(report) == []
    unresolved = [f for f in report["findings"] if f["rule"] == "LLAMALICENSE-UNRESOLVED-BASE"]
    assert unresolved[0]["status"] == "needs-review"
    assert "acme/support-bot-8b" in unresolved[0]["message"]


def test_an_unreachable_hub_is_needs_review(tmp_path: Path) -> None:
    with fake_hub() as hub:
        endpoint = hub.endpoint  # closed once the block ends: connection refused
    folder = card_folder(tmp_path, "acme/support-bot-8b")
    report = run(folder, endpoint, tmp_path / "cache", timeout=2.0)
    [note] = hub_findings(report)
    assert note["status"] == "needs-review"
    assert "acme/support-bot-8b: the Hub could not be reached (" in note["message"]
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())


def test_a_manifest_card_and_a_bom_ancestor_are_resolved_too(tmp_path: Path) -> None:
    folder = card_folder(tmp_path, "acme/licensed-only")
    (folder / "llamalicense.yaml").write_text(
        "version: 1\ncomponents:\n  - id: my-bot\n    type: model\n    card: README.md\n"
        "    distributed: false\n",
        encoding="utf-8",
    )
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "components": [
            {
                "type": "machine-learning-model",
                "bom-ref": "bot",
                "name": "bot",
                "pedigree": {
                    "ancestors": [
                        {
                            "type": "machine-learning-model",
                            "bom-ref": "base",
                            "group": "acme",
                            "name": "support-bot-8b",
                            "purl": "pkg:huggingface/acme/support-bot-8b",
                        }
                    ]
                },
            }
        ],
    }
    bom_file = tmp_path / "bom.cdx.json"
    bom_file.write_text(json.dumps(bom), encoding="utf-8")
    with fake_hub() as hub:
        from_manifest = run(folder, hub.endpoint, tmp_path / "cache")
        from_bom = run(bom_file, hub.endpoint, tmp_path / "cache")
    bot = next(c for c in from_manifest["components"] if c["id"] == "my-bot")
    assert bot["licenses"] == ["llama-3.2"]
    assert hub_findings(from_manifest)[0]["status"] == "pass"
    assert "llama-3.1" in next(c for c in from_bom["components"] if c["id"] == "bot")["licenses"]
    assert hub.requests == ["acme/licensed-only", "acme/support-bot-8b", "acme/chat-base-8b"]


def test_a_chain_ending_at_a_model_known_not_to_be_llama_brings_no_version(
    tmp_path: Path,
) -> None:
    folder = card_folder(tmp_path, "acme/tiny-tune")
    with fake_hub() as hub:
        report = run(folder, hub.endpoint, tmp_path / "cache")
    assert hub.requests == ["acme/tiny-tune"]  # TinyLlama is known locally: not asked
    [note] = hub_findings(report)
    assert note["status"] == "pass"
    assert "TinyLlama/TinyLlama-1.1B-Chat-v1.0 is not treated as Llama" in note["message"]
    bot = next(c for c in report["components"] if c["id"] == "my-bot")
    assert bot["licenses"] == []


def test_after_a_passing_failure_nothing_more_is_asked(tmp_path: Path) -> None:
    folder = card_folder(tmp_path, "busy/model", name="a")
    card_folder(folder, "acme/support-bot-8b", name="b")  # a second card, beside it
    with fake_hub() as hub:
        report = run(folder, hub.endpoint, tmp_path / "cache")
    assert hub.requests == ["busy/model"]
    messages = " ".join(f["message"] for f in hub_findings(report))
    assert "acme/support-bot-8b: not asked: busy/model failed earlier in this run" in messages
