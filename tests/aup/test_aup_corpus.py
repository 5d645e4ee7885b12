"""The labelled corpus holds the accuracy targets of issue 4 on every AUP version.

Targets: recall >= 0.95 on prohibited statements (violation or needs-review under the
right item); no violation on any benign, negated or exclusion statement, nor on hedged
or dual-use ones; needs-review on at most 10% of benign/negated/exclusion statements.
"""

from __future__ import annotations

import pytest
import yaml
from aup_kit import DATA, load_scoring

from llamalicense.aup import versions
from llamalicense.aup.rules import item_texts

scoring = load_scoring()


@pytest.fixture(scope="module")
def scores() -> object:
    return scoring.score(scoring.load_cases())


def test_corpus_is_big_and_well_formed() -> None:
    entries = yaml.safe_load((DATA / "corpus.yaml").read_text(encoding="utf-8"))
    assert len(entries) >= 300
    allowed = {"text", "kind", "expect", "label", "versions", "expect_by_version", "also", "note"}
    for entry in entries:
        assert set(entry) <= allowed, entry
        assert entry["label"] in scoring.LABELS
        assert entry.get("kind", "use") in ("use", "exclusion")
        assert (entry["expect"] is None) == (entry["label"] in scoring.CLEAN_LABELS), entry
    texts = [e["text"] for e in entries]
    assert len(texts) == len(set(texts))


def test_every_item_of_every_version_has_prohibited_statements() -> None:
    cases = scoring.load_cases()
    for version in versions():
        covered = {c.expect for c in cases if c.version == version and c.label == "prohibited"}
        assert set(item_texts(version)) <= covered, version


def test_statements_do_not_copy_the_policy() -> None:
    cases = scoring.load_cases()
    for version in versions():
        for text in item_texts(version).values():
            assert not any(text.lower() in c.text.lower() for c in cases)


def test_recall_on_prohibited_statements(scores: object) -> None:
    misses = [(c.version, c.expect, c.text) for c, _ in scores.misses()]  # type: ignore[attr-defined]
    assert scores.recall >= 0.95, misses  # type: ignore[attr-defined]


def test_no_violation_on_benign_negated_or_excluded(scores: object) -> None:
    found = scores.violations_on(scoring.CLEAN_LABELS)  # type: ignore[attr-defined]
    assert found == [], [(c.text, m.item, m.reason) for c, m in found]


def test_no_violation_on_hedged_or_dual_use(scores: object) -> None:
    found = scores.violations_on(("hedged", "dual-use"))  # type: ignore[attr-defined]
    assert found == [], [(c.text, m.item, m.reason) for c, m in found]


def test_needs_review_rate_on_benign(scores: object) -> None:
    assert scores.review_rate_clean <= 0.10  # type: ignore[attr-defined]


def test_exclusions_give_nothing_at_all(scores: object) -> None:
    for case, matches in scores.cases:  # type: ignore[attr-defined]
        if case.kind == "exclusion":
            assert matches == [], case.text
