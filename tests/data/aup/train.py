"""Train the AUP classifier screen offline and write rules/aup/classifier.json.

Run from the repository root (a few seconds; deterministic, no downloads):

    .venv/bin/python tests/data/aup/train.py            # train and write the file
    .venv/bin/python tests/data/aup/train.py --check    # only print cross-validation

The training split is ``scoring.TRAINING`` (corpus.yaml, holdout*.yaml, paraphrases*.yaml);
heldout-split.yaml is never read here. The model: one-vs-rest logistic regression per AUP
item over lemma unigrams and bigrams of content words (``llamalicense.aup.features``),
full-batch gradient descent with Adam and an L2 penalty, in numpy. A statement counts as a
positive of its ``expect`` item when labelled prohibited or hedged, as a negative of every
item it does not name, and as neither for the items in its ``also`` list (the AUP items
overlap) and for a dual-use statement's own item. Versions whose labels agree on every
statement share one model (Llama 2, 3, 3.1 and Llama 3.2, 3.3, 4).

The decision threshold comes from five-fold cross-validation on the training split: the
lowest probability at which at most ``--max-benign-flags`` of the benign statements of
the held-back folds get any item. Negated statements are left to the scope checks, which
the screen's hits pass through like pattern hits (a bag of words cannot see a "not").
Weights are rounded and small ones dropped, so the file stays small and diffs readable.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from logreg import (  # noqa: E402
    GRID,
    POSITIVE,
    SETTINGS,
    Row,
    Settings,
    design,
    fit,
    logits,
    vocabulary_of,
)
from scoring import DEV, HELDOUT, HELDOUT_3, TRAINING  # noqa: E402

from llamalicense.aup import rules, versions  # noqa: E402 - after the sys.path fix above
from llamalicense.aup.features import features  # noqa: E402
from llamalicense.aup.linear import CLASSIFIER_FILE, FORMAT  # noqa: E402
from llamalicense.aup.pipeline import VersionMatcher  # noqa: E402

HELD_OUT = HELDOUT.name
STOP_WORDS = [
    "a",
    "about",
    "also",
    "am",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "him",
    "his",
    "i",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "must",
    "my",
    "of",
    "on",
    "onto",
    "or",
    "our",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "who",
    "whom",
    "whose",
    "will",
    "with",
    "would",
    "you",
    "your",
]
CONCEPTS = "concepts.yaml"
FOLDS = 5
PRUNE = 0.02
DIGITS = 3


def entries() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for name in TRAINING:
        assert name not in (HELD_OUT, HELDOUT_3.name, DEV.name)
        loaded = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
        out.extend(e for e in loaded if e.get("kind", "use") == "use")
    return out


def groups() -> list[tuple[str, ...]]:
    """Versions with the same items and the same expected item for every statement."""
    data = entries()
    by_signature: dict[tuple[object, ...], list[str]] = {}
    for version in versions():
        items = tuple(rules.item_texts(version))
        labels = tuple(_expect(e, version) for e in data)
        by_signature.setdefault((items, labels), []).append(version)
    return [tuple(v) for v in by_signature.values()]


def _expect(entry: dict[str, object], version: str) -> str | None:
    if version not in entry.get("versions", versions()):  # type: ignore[operator]
        return "-"
    by_version = entry.get("expect_by_version", {})
    assert isinstance(by_version, dict)
    found = by_version.get(version, entry["expect"])
    return found if isinstance(found, str) else None


def word_classes(lemmatise: VersionMatcher) -> dict[str, list[str]]:
    """concepts.yaml as lemma -> sorted class names (what classifier.json ships)."""
    path = rules.aup_dir() / CONCEPTS
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != 1:
        raise SystemExit(f"{path}: format: 1 expected")
    classes: dict[str, set[str]] = {}
    for name, words in data["classes"].items():
        if not isinstance(words, list) or not name.replace("_", "").isalpha():
            raise SystemExit(f"{path}: class {name!r} must be a list of words")
        for word in words:
            lemmas = lemmatise.lemmas_of(str(word))
            if len(lemmas) != 1:
                raise SystemExit(f"{path}: class {name}: {word!r} is not one token")
            classes.setdefault(lemmas[0], set()).add(name)
    return {lemma: sorted(names) for lemma, names in sorted(classes.items())}


def rows_for(
    group: Sequence[str],
    lemmatise: VersionMatcher,
    stop: set[str],
    classes: dict[str, list[str]],
) -> list[Row]:
    rows = []
    for number, entry in enumerate(entries()):
        expect = _expect(entry, group[0])
        if expect == "-":
            continue
        text = str(entry["text"])
        found = features(lemmatise.lemmas_of(text), stop, classes)
        names = tuple(dict.fromkeys(name for name, _ in found))
        label = str(entry["label"])
        ignore = set(entry.get("also", ()))  # type: ignore[arg-type]
        if label == "dual-use" and expect:
            ignore.add(expect)
        rows.append(
            Row(number, names, label, str(entry.get("style", "")), expect, frozenset(ignore))
        )
    return rows


def cross_validate(
    rows: list[Row], items: Sequence[str], settings: Settings = SETTINGS
) -> list[tuple[Row, np.ndarray]]:
    """Held-back-fold probabilities for every row (folds by statement number)."""
    out: list[tuple[Row, np.ndarray]] = []
    for fold in range(FOLDS):
        train = [r for r in rows if r.entry % FOLDS != fold]
        test = [r for r in rows if r.entry % FOLDS == fold]
        vocabulary = vocabulary_of(train)
        w = fit(design(train, vocabulary, items, settings.positive_weight), settings.l2)
        probabilities = 1.0 / (1.0 + np.exp(-logits(design(test, vocabulary, items), w)))
        out.extend(zip(test, probabilities, strict=True))
    return out


def figures(
    scored: list[tuple[Row, np.ndarray]], items: Sequence[str], threshold: float
) -> dict[str, float]:
    column = {item: k for k, item in enumerate(items)}

    def recall(style: str | None) -> float:
        chosen = [
            (r, p)
            for r, p in scored
            if r.label in POSITIVE and r.expect in column and style in (None, r.style)
        ]
        found = sum(p[column[r.expect]] >= threshold for r, p in chosen if r.expect)
        return found / max(1, len(chosen))

    def flag_rate(label: str) -> float:
        chosen = [p for r, p in scored if r.label == label]
        return sum(bool((p >= threshold).any()) for p in chosen) / max(1, len(chosen))

    return {
        "recall": round(recall(None), 3),
        "recall_paraphrase": round(recall("paraphrase"), 3),
        "benign_flag_rate": round(flag_rate("benign"), 3),
        "negated_flag_rate_before_scope_checks": round(flag_rate("negated"), 3),
    }


def choose_threshold(
    scored: list[tuple[Row, np.ndarray]], items: Sequence[str], max_clean: float
) -> float:
    for step in range(10, 96):
        threshold = step / 100
        if figures(scored, items, threshold)["benign_flag_rate"] <= max_clean:
            return threshold
    return 0.95


Grouped = list[tuple[tuple[str, ...], list[str], list[Row]]]


def prepared() -> tuple[dict[str, list[str]], Grouped]:
    """The word classes, and for each group of versions its items and training rows."""
    stop = set(STOP_WORDS)
    version_groups = groups()
    lemmatise = VersionMatcher(rules.load_version(version_groups[-1][-1]), with_screen=False)
    classes = word_classes(lemmatise)
    grouped = [
        (group, list(rules.item_texts(group[0])), rows_for(group, lemmatise, stop, classes))
        for group in version_groups
    ]
    return classes, grouped


def grid(max_clean: float) -> dict[str, dict[str, dict[str, float]]]:
    """Cross-validated figures of every setting of ``GRID``, per group of versions."""
    report: dict[str, dict[str, dict[str, float]]] = {}
    for group, items, rows in prepared()[1]:
        for settings in GRID:
            scored = cross_validate(rows, items, settings)
            threshold = choose_threshold(scored, items, max_clean)
            name = f"l2 {settings.l2:g}, positive weight {settings.positive_weight:g}"
            found = figures(scored, items, threshold)
            report.setdefault(", ".join(group), {})[name] = {"threshold": threshold, **found}
    return report


def train(max_clean: float, *, write: bool) -> dict[str, object]:
    classes, grouped = prepared()
    thresholds: list[float] = []
    models: list[dict[str, object]] = []
    report: dict[str, object] = {}
    for group, items, rows in grouped:
        scored = cross_validate(rows, items)
        threshold = choose_threshold(scored, items, max_clean)
        thresholds.append(threshold)
        report[", ".join(group)] = {"threshold": threshold, **figures(scored, items, threshold)}
        vocabulary = vocabulary_of(rows)
        w = fit(design(rows, vocabulary, items))
        b = w[0]
        weights: dict[str, list[list[float]]] = {}
        for f, name in enumerate(vocabulary, start=1):
            kept = [[k, round(float(w[f, k]), DIGITS)] for k in range(len(items))]
            kept = [pair for pair in kept if abs(pair[1]) >= PRUNE]
            if kept:
                weights[name] = kept
        models.append(
            {
                "versions": list(group),
                "items": items,
                "bias": [round(float(v), DIGITS) for v in b],
                "weights": weights,
            }
        )
    data = {
        "format": FORMAT,
        "note": (
            "AUP classifier screen: one-vs-rest logistic regression over lemma unigrams and "
            "bigrams, trained by tests/data/aup/train.py on trained_on; a hit is only ever "
            "needs-review. Generated file: do not edit by hand."
        ),
        "trained_on": {
            name: hashlib.sha256((HERE / name).read_bytes()).hexdigest() for name in TRAINING
        }
        | {
            f"rules/aup/{CONCEPTS}": hashlib.sha256(
                (rules.aup_dir() / CONCEPTS).read_bytes()
            ).hexdigest()
        },
        "threshold": max(thresholds),
        "cross_validation": report,
        "stop_words": STOP_WORDS,
        "classes": classes,
        "models": models,
    }
    if write:
        target = rules.aup_dir() / CLASSIFIER_FILE
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        target.write_text(text + "\n", encoding="utf-8")
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="cross-validate, write nothing")
    parser.add_argument(
        "--grid",
        action="store_true",
        help="cross-validate every setting of GRID, write nothing (about 10 minutes)",
    )
    parser.add_argument(
        "--max-benign-flags",
        type=float,
        default=0.07,
        help="largest share of benign training statements the screen may flag",
    )
    args = parser.parse_args()
    if args.grid:
        print(json.dumps(grid(args.max_benign_flags), indent=2))
        return 0
    report = train(args.max_benign_flags, write=not args.check)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
