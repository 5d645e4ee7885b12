"""Every rule quotes its clause verbatim from the official text."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import ROOT
from llamalicense.catalog.data import license_versions, rules_dir
from llamalicense.policy.rules import builtin_rules, quote_is_verbatim

DATA = ROOT / "tests" / "data"


def test_every_rule_quote_is_in_the_shipped_text() -> None:
    rules = builtin_rules()
    assert rules
    for rule in rules:
        source = rule.raw.get("quote_source", "agreement")
        assert quote_is_verbatim(rule.quote, rule.license, source), rule.id


def official_digests() -> dict[str, str]:
    """The recorded sha256 of each official text, keyed by ``<version>/<file>``."""
    lines = (DATA / "official-texts.sha256").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split() for line in lines if line[:1] != "#")}


def test_shipped_license_texts_are_the_official_texts_byte_for_byte() -> None:
    # Quotes are checked against the shipped copies above; these digests, taken from the
    # official texts, make sure the shipped copies are the texts Meta published.
    digests = official_digests()
    shipped = {}
    for version in license_versions().values():
        for relative in (version.agreement, version.use_policy):
            name = Path(relative).relative_to("licenses").as_posix()
            shipped[name] = hashlib.sha256((rules_dir() / relative).read_bytes()).hexdigest()
    assert shipped == digests


def test_a_misquote_is_caught() -> None:
    assert not quote_is_verbatim("you shall provide a summary of this Agreement", "llama-3.1")
