"""Score the AUP classifier over the labelled corpus (shared by the tests and the bench).

Not a test module: ``tests/aup/test_aup_corpus.py`` and ``bench/aup_bench.py`` load it by path.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from llamalicense.aup import AupMatch, classify, versions

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus.yaml"
# The held-out split of issue 14 item 8: never used for training or tuning.
HELDOUT = HERE / "heldout-split-2.yaml"
# The third held-out split, written blind (see its header); never trained or tuned on.
HELDOUT_3 = HERE / "heldout-split-3.yaml"
# The development split: the first held-out split, retired as such once it had been
# looked at (issue 14). Scored, never trained on; HELDOUT moves to a fresh blind split.
DEV = HERE / "heldout-split.yaml"
# Plain statements kept aside from training: a check of the patterns (issue 14).
PLAIN_CHECK = HERE / "plain-check.yaml"
# The seventh round, wide (many industries and forms): measured in the training split and
# kept out of it, since it raised the screen's threshold and lost finds (docs/aup.md).
ROUND_7 = HERE / "paraphrases7.yaml"
# The ninth round's file for the deceptive items (3.a-3.f, 4, 5): trained on, it raised the
# screen's threshold (0.26 -> 0.28-0.30) and lost finds elsewhere, so it is kept out of the
# training split as a check, like ROUND_7 (docs/aup.md).
ROUND_9C = HERE / "paraphrases9c.yaml"
# The ninth round's first file (items 1.a.i-1.a.vi, 1.b, 1.c, 1.h): its fixes kept, the file
# kept out of training, since training on it raised the threshold and lost finds (docs/aup.md).
ROUND_9A = HERE / "paraphrases9a.yaml"
# The ninth round's file for items 1.d-1.g and 2.a-2.f: kept out of the training split for
# the same reason (the threshold rose 0.26 -> 0.29), a check like ROUND_7 (docs/aup.md).
ROUND_9B = HERE / "paraphrases9b.yaml"
# The tenth round's file for the deceptive items (3.a-3.f, 4, 5): a check set, kept out of the
# training split like ROUND_9C (docs/aup.md, "Tenth round: deceptive uses").
ROUND_10B = HERE / "paraphrases10b.yaml"
# The tenth round's file for items 1.a.i-1.a.iii, 1.a.vi, 1.b and 1.c: a check written to
# probe the screen, never trained on, like the ninth round's (docs/aup.md).
ROUND_10A = HERE / "paraphrases10a.yaml"
# The tenth round's third file (items 1.d-1.h, 2.b, 2.c, 2.d, 2.f): kept out of the training
# split as a check, like ROUND_9B; its first run and the fixes it led to are in docs/aup.md.
ROUND_10C = HERE / "paraphrases10c.yaml"
# The eleventh round's file for items 1.a.i, 1.a.iii, 1.a.iv, 1.a.v, 1.b, 1.c and 2.e: a check
# written to probe the screen, never trained on, like the tenth round's (docs/aup.md).
ROUND_11A = HERE / "paraphrases11a.yaml"
# The eleventh round's file for items 3.a, 3.b, 3.c, 3.e, 4 and 5: a check set, kept out of the
# training split like ROUND_10B (docs/aup.md, "Eleventh round: deceptive uses").
ROUND_11B = HERE / "paraphrases11b.yaml"
# The eleventh round's file for items 1.e, 1.f, 1.g, 2.a, 2.b and 2.d: a check written to
# probe the screen, kept out of the training split like ROUND_10C (docs/aup.md).
ROUND_11C = HERE / "paraphrases11c.yaml"
# The eleventh round's fourth file (items 1.a.ii, 1.a.vi, 1.d, 1.h, 2.c, 2.f, 3.d, 3.f): a
# check written to probe the screen, kept out of the training split (docs/aup.md).
ROUND_11D = HERE / "paraphrases11d.yaml"
# The twelfth round's first file (items 1.a.i-1.a.vi, 1.b-1.e in the policy's own words and
# their plain synonyms, in every form): a check, kept out of the training split (docs/aup.md).
ROUND_12A = HERE / "paraphrases12a.yaml"
# The twelfth round's file for items 3.a-3.f, 4 and 5 in the policy's own words and every
# form of them: a check set, kept out of the training split like ROUND_11B (docs/aup.md,
# "Twelfth round").
ROUND_12C = HERE / "paraphrases12c.yaml"
# The twelfth round's second file (items 1.f, 1.g, 1.h, 2.a-2.f): the policy's own words in
# every form, mostly plain statements; a check written to probe the screen, kept out of the
# training split (docs/aup.md, "Twelfth round").
ROUND_12B = HERE / "paraphrases12b.yaml"
# The training split of the classifier screen (tests/data/aup/train.py).
TRAINING = (
    "corpus.yaml",
    "holdout.yaml",
    "holdout2.yaml",
    "holdout3.yaml",
    "paraphrases.yaml",
    "paraphrases2.yaml",
    "paraphrases3.yaml",
    "paraphrases4.yaml",
    "paraphrases5.yaml",
    "paraphrases6.yaml",
    "negations6.yaml",
    "paraphrases8.yaml",
)
LABELS = ("prohibited", "hedged", "dual-use", "benign", "negated", "exclusion")
FOUND_LABELS = ("prohibited", "hedged")
CLEAN_LABELS = ("benign", "negated", "exclusion")


@dataclass(frozen=True)
class Case:
    """One corpus entry checked against one AUP version."""

    number: int
    text: str
    kind: str
    label: str
    version: str
    expect: str | None
    also: tuple[str, ...]
    style: str | None = None


@dataclass
class Scores:
    cases: list[tuple[Case, list[AupMatch]]] = field(default_factory=list)

    def found(self, case: Case, matches: list[AupMatch]) -> bool:
        return any(m.item == case.expect for m in matches)

    @property
    def recall(self) -> float:
        relevant = [(c, m) for c, m in self.cases if c.label in FOUND_LABELS]
        return sum(self.found(c, m) for c, m in relevant) / max(1, len(relevant))

    def violations_on(self, labels: tuple[str, ...]) -> list[tuple[Case, AupMatch]]:
        return [
            (c, m)
            for c, ms in self.cases
            if c.label in labels
            for m in ms
            if m.status == "violation"
        ]

    def recall_where(self, style: str | None = None) -> float:
        """Recall on the prohibited and hedged cases, only those of ``style`` if given."""
        relevant = [
            (c, m)
            for c, m in self.cases
            if c.label in FOUND_LABELS and (style is None or c.style == style)
        ]
        return sum(self.found(c, m) for c, m in relevant) / max(1, len(relevant))

    def flag_rate(self, labels: tuple[str, ...]) -> float:
        """Share of the cases with ``labels`` that got any result at all."""
        chosen = [m for c, m in self.cases if c.label in labels]
        return sum(bool(m) for m in chosen) / max(1, len(chosen))

    @property
    def review_rate_clean(self) -> float:
        clean = [(c, m) for c, m in self.cases if c.label in CLEAN_LABELS]
        flagged = sum(any(x.status == "needs-review" for x in ms) for _, ms in clean)
        return flagged / max(1, len(clean))

    def misses(self) -> list[tuple[Case, list[AupMatch]]]:
        return [(c, m) for c, m in self.cases if c.label in FOUND_LABELS and not self.found(c, m)]

    def per_item(self) -> dict[str, dict[str, float]]:
        """Precision and recall per item (an item in ``also`` is neither right nor wrong)."""
        expected: Counter[str] = Counter()
        hit: Counter[str] = Counter()
        predicted: Counter[str] = Counter()
        correct: Counter[str] = Counter()
        for case, matches in self.cases:
            items = {m.item for m in matches}
            if case.expect is not None and case.label in FOUND_LABELS:
                expected[case.expect] += 1
                hit[case.expect] += case.expect in items
            for item in items:
                if item in case.also:
                    continue
                predicted[item] += 1
                correct[item] += item == case.expect
        table: dict[str, dict[str, float]] = defaultdict(dict)
        for item in sorted(set(expected) | set(predicted), key=_item_key):
            table[item] = {
                "expected": expected[item],
                "predicted": predicted[item],
                "precision": correct[item] / predicted[item] if predicted[item] else 1.0,
                "recall": hit[item] / expected[item] if expected[item] else 1.0,
            }
        return dict(table)


def _item_key(item: str) -> tuple[str, ...]:
    return tuple(item.split("."))


def load_cases(path: Path = CORPUS) -> list[Case]:
    entries: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = []
    for number, entry in enumerate(entries):
        for version in entry.get("versions", versions()):
            expect = entry.get("expect_by_version", {}).get(version, entry["expect"])
            cases.append(
                Case(
                    number=number,
                    text=entry["text"],
                    kind=entry.get("kind", "use"),
                    label=entry["label"],
                    version=version,
                    expect=expect,
                    also=tuple(entry.get("also", ())),
                    style=entry.get("style"),
                )
            )
    return cases


def score(cases: list[Case], *, use_cache: bool = False, cache_dir: Path | None = None) -> Scores:
    """Classify every case (batched per version and kind) and collect the results."""
    groups: dict[tuple[str, str], list[Case]] = defaultdict(list)
    for case in cases:
        groups[(case.version, case.kind)].append(case)
    scores = Scores()
    for (version, kind), group in sorted(groups.items()):
        matches = classify(
            [c.text for c in group], version, kind=kind, use_cache=use_cache, cache_dir=cache_dir
        )
        by_index: dict[int, list[AupMatch]] = defaultdict(list)
        for match in matches:
            by_index[match.statement_index].append(match)
        scores.cases.extend((case, by_index[i]) for i, case in enumerate(group))
    return scores
