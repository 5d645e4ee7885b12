"""Quality gates of issue 14 item 8 on the held-out split and on the development split.

``scoring.HELDOUT`` and ``scoring.HELDOUT_3`` (two splits written blind) are never trained or
tuned on (see their headers and test_aup_screen.py);
``scoring.DEV`` (tests/data/aup/heldout-split.yaml, the first held-out split, retired as
such once looked at) is never trained on either, and keeps the same gates. Targets:
recall (violation or needs-review under the right item) >= 0.85 overall and >= 0.6 on
its paraphrase part; no violation on a benign or negated statement; at most 10% of the
benign statements flagged at all. A target not met is marked xfail(strict) with the
measured figure, so it shows in every run and turns into a failure once it is met.
Figures: bench/aup_bench.py --accuracy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from aup_kit import DATA, load_scoring

from llamalicense.aup import versions
from llamalicense.aup.rules import item_texts

scoring = load_scoring()


SPLITS = list(dict.fromkeys((scoring.HELDOUT, scoring.HELDOUT_3, scoring.DEV)))

# Targets the screen misses on a split, with the figure measured (bench/aup_bench.py
# --accuracy): marked xfail(strict), so each shows in every run and fails once it is met.
# None since the twelfth session (the blind split's recall 0.876, 591 of 675 checks).
MISSED: dict[tuple[str, str], str] = {}


@pytest.fixture(autouse=True)
def _known_misses(request: pytest.FixtureRequest) -> None:
    if "split" not in request.fixturenames:
        return
    split: Path = request.getfixturevalue("split")
    reason = MISSED.get((split.name, request.node.originalname))
    if reason is not None:
        request.applymarker(pytest.mark.xfail(strict=True, reason=reason))


@pytest.fixture(scope="module", params=SPLITS, ids=[p.name for p in SPLITS])
def split(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


@pytest.fixture(scope="module")
def scores(split: Path) -> Any:
    return scoring.score(scoring.load_cases(split))


def test_split_covers_every_item_of_every_version_with_paraphrases(split: Path) -> None:
    cases = scoring.load_cases(split)
    for version in versions():
        paraphrased = [
            c.expect
            for c in cases
            if c.version == version and c.label == "prohibited" and c.style == "paraphrase"
        ]
        for item in item_texts(version):
            assert paraphrased.count(item) >= 2, (version, item)


def test_split_is_well_formed_and_apart_from_the_training_split(split: Path) -> None:
    assert split.name not in scoring.TRAINING
    entries = yaml.safe_load(split.read_text(encoding="utf-8"))
    labels = {e["label"] for e in entries}
    assert {"prohibited", "benign", "negated"} <= labels
    for entry in entries:
        if entry["label"] in scoring.FOUND_LABELS:
            assert entry.get("style") in ("paraphrase", "plain"), entry
    texts = {e["text"] for e in entries}
    for name in scoring.TRAINING:
        other = {e["text"] for e in yaml.safe_load((DATA / name).read_text(encoding="utf-8"))}
        assert not texts & other, name


def test_recall_on_paraphrases(scores: Any) -> None:
    assert scores.recall_where("paraphrase") >= 0.6


def test_recall_overall(scores: Any) -> None:
    assert scores.recall_where() >= 0.85


def test_no_violation_on_benign_or_negated(scores: Any) -> None:
    assert scores.violations_on(("benign", "negated")) == []


def test_at_most_a_tenth_of_benign_statements_flagged(scores: Any) -> None:
    assert scores.flag_rate(("benign",)) <= 0.10


def test_screen_alone_never_gives_a_violation(scores: Any) -> None:
    for _, matches in scores.cases:
        for match in matches:
            if match.reason.startswith("classifier screen"):
                assert match.status == "needs-review"
