"""Every rule quotes its clause verbatim from the official text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import SHARED
from llamalicense.catalog.data import license_versions, rules_dir
from llamalicense.policy.rules import builtin_rules, normalize_quote_text, quote_is_verbatim

OFFICIAL = SHARED / "llama-licenses"


def test_every_rule_quote_is_in_the_shipped_text() -> None:
    rules = builtin_rules()
    assert rules
    for rule in rules:
        source = rule.raw.get("quote_source", "agreement")
        assert quote_is_verbatim(rule.quote, rule.license, source), rule.id


@pytest.mark.skipif(not OFFICIAL.is_dir(), reason="../shared/reference is not beside this checkout")
def test_every_rule_quote_is_in_the_reference_text() -> None:
    for rule in builtin_rules():
        name = "USE_POLICY.md" if rule.raw.get("quote_source") == "use_policy" else "LICENSE.txt"
        text = (OFFICIAL / rule.license / name).read_text(encoding="utf-8")
        assert normalize_quote_text(rule.quote) in normalize_quote_text(text), rule.id


@pytest.mark.skipif(not OFFICIAL.is_dir(), reason="../shared/reference is not beside this checkout")
def test_shipped_license_texts_are_byte_identical_to_the_reference() -> None:
    for version in license_versions().values():
        for relative in (version.agreement, version.use_policy):
            shipped = (rules_dir() / relative).read_bytes()
            reference = (OFFICIAL / Path(relative).relative_to("licenses")).read_bytes()
            assert hashlib.sha256(shipped).digest() == hashlib.sha256(reference).digest(), relative


def test_a_misquote_is_caught() -> None:
    assert not quote_is_verbatim("you shall provide a summary of this Agreement", "llama-3.1")
