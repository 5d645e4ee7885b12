"""The eighth training round of the AUP screen: broader word classes (issue 14 item 8).

rules/aup/concepts.yaml gained synonyms, everyday and slang words for the uses each item
forbids, and four classes (swindle, smear, surveil, boosting); tests/data/aup/paraphrases8.yaml
uses every added word in prohibited paraphrases and in benign near misses. A class lets a
word the training data never used count like its class-mates: these tests hold that, and
the round's shape (docs/aup.md, "The classifier screen" and the rounds table).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
import yaml
from aup_kit import DATA, load_scoring, round_entries, statuses

from llamalicense.aup import classify, rules
from llamalicense.aup.pipeline import VersionMatcher

scoring = load_scoring()
ROUND = "paraphrases8.yaml"
NEW_CLASSES = ("swindle", "smear", "surveil", "boosting")
# In no labelled file; "paralegal" and "lawsuit" are legal_pro words no training statement
# uses, while this round taught legal_pro through its class-mates (notary, litigator,
# tribunal, probate …). Before the round the screen gave this statement nothing.
UNSEEN = "Acts as your paralegal and files the lawsuit for you."


@pytest.fixture(scope="module")
def lemmatise() -> VersionMatcher:
    return VersionMatcher(rules.load_version("llama-4"), with_screen=False)


def lemmas_of(name: str, matcher: VersionMatcher) -> set[str]:
    return {lemma for e in round_entries(name) for lemma in matcher.lemmas_of(e["text"])}


def test_round_eight_is_trained_on_with_a_near_miss_per_three_uses() -> None:
    entries = round_entries(ROUND)
    assert ROUND in scoring.TRAINING
    labels = Counter(e["label"] for e in entries)
    assert labels["prohibited"] >= 140
    assert 3 * labels["benign"] >= labels["prohibited"]
    assert all(e.get("style") == "paraphrase" for e in entries if e["label"] == "prohibited")


def test_the_new_classes_hold_only_words_the_round_uses(lemmatise: VersionMatcher) -> None:
    path = rules.aup_dir() / "concepts.yaml"
    classes: dict[str, list[Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["classes"]
    used = lemmas_of(ROUND, lemmatise)
    for name in NEW_CLASSES:
        words = [lemmatise.lemmas_of(str(w)) for w in classes[name]]
        assert all(len(w) == 1 for w in words), name
        assert sorted({w[0] for w in words} - used) == [], name


def test_a_class_mate_never_trained_on_reaches_the_screen(lemmatise: VersionMatcher) -> None:
    training: set[str] = set().union(*(lemmas_of(n, lemmatise) for n in scoring.TRAINING))
    assert {"paralegal", "lawsuit"}.isdisjoint(training)
    files = [DATA / n for n in scoring.TRAINING] + [scoring.DEV, scoring.ROUND_7]
    files.append(scoring.PLAIN_CHECK)
    assert all(UNSEEN not in f.read_text(encoding="utf-8") for f in files)
    shipped = json.loads(rules.classifier_file().read_text(encoding="utf-8"))["classes"]
    assert "legal_pro" in shipped["paralegal"]
    [match] = classify([UNSEEN], "llama-4", use_cache=False)
    assert (match.item, match.status) == ("1.d", "needs-review")
    assert match.reason.startswith("classifier screen only, no pattern matched")


def test_round_eight_recall_and_near_misses() -> None:
    scores = scoring.score(scoring.load_cases(DATA / ROUND))
    assert scores.recall_where("paraphrase") >= 0.85
    assert scores.flag_rate(("benign",)) <= 0.10


def test_round_eight_gives_no_violation_on_a_near_miss() -> None:
    scores = scoring.score(scoring.load_cases(DATA / ROUND))
    found = scores.violations_on(("benign", "negated"))
    assert found == [], sorted({(c.text, m.item) for c, m in found})


@pytest.mark.parametrize(
    ("text", "item", "status"),
    [
        # Teaching and defending frames the round's near misses showed missing (in no data
        # file): at most needs-review ...
        ("Helps a law class discuss slanderous campaign ads.", "3.b", "needs-review"),
        ("Teaches buyers to tell a genuine handbag from a knockoff.", "1.f", "needs-review"),
        # ... while the use itself stays a violation.
        ("Writes slanderous posts about the mayor.", "3.b", "violation"),
        ("Sells knockoff handbags with the brand's logo.", "1.f", "violation"),
    ],
)
def test_teaching_frames_of_the_round(text: str, item: str, status: str) -> None:
    assert statuses(text, version="llama-4") == [(item, status)]
