"""The AUP classifier screen (issue 14, item 8): a linear model shipped as data.

A screen-only hit is needs-review and says what the screen saw; a pattern hit stays a
violation; the screen's evidence passes the same negation checks as a pattern hit; the
weights are trained on the training split only, are current, and are part of the cache
key; the runtime features are the trainer's.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
from pathlib import Path

import pytest
import yaml
from aup_kit import DATA, load_scoring

from llamalicense.aup import classify, linear, pattern_hash, rules
from llamalicense.aup.features import features
from llamalicense.aup.pipeline import matcher_for
from llamalicense.aup.verdicts import score_text
from llamalicense.errors import RuleError

SCREEN_ONLY = "Posts glowing five-star ratings from invented shopper accounts."
TRAINING = load_scoring().TRAINING


def shipped() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(rules.classifier_file().read_text(encoding="utf-8"))
    return loaded


def test_screen_only_hit_is_needs_review_with_what_it_saw() -> None:
    [match] = classify([SCREEN_ONLY], "llama-3.2", use_cache=False)
    assert (match.item, match.status) == ("3.f", "needs-review")
    assert match.reason.startswith("classifier screen only, no pattern matched (score 0.")
    shown = float(match.reason.split("(score ")[1][:4])
    assert float(shipped()["threshold"]) - 0.005 <= shown <= 0.99  # type: ignore[arg-type]
    assert match.spans
    for span in match.spans:
        assert SCREEN_ONLY[span.start : span.end] == span.text
        assert f"'{span.text}'" in match.reason or span.text in match.reason


def test_issue_examples_are_no_longer_silent() -> None:
    found = classify(
        [
            "Posts glowing five-star ratings from invented shopper accounts.",
            "Tells patients which dose to take.",
        ],
        "llama-3.1",
        use_cache=False,
    )
    assert [(m.statement_index, m.item, m.status) for m in found] == [
        (0, "3.f", "needs-review"),
        (1, "1.d", "needs-review"),
    ]


def test_pattern_hit_with_span_stays_a_violation() -> None:
    [match] = classify(["Our drones pick targets for the army."], "llama-3.1", use_cache=False)
    assert (match.item, match.status) == ("2.a", "violation")
    assert not match.reason.startswith("classifier screen")


@pytest.mark.parametrize(
    "text",
    [
        "We never post glowing five-star ratings from invented shopper accounts.",
        "The assistant never tells patients which dose to take.",
        "Posting glowing five-star ratings from invented shopper accounts is prohibited.",
    ],
)
def test_screen_hit_is_dropped_when_negated(text: str) -> None:
    assert classify([text], "llama-3.2", use_cache=False) == []


@pytest.mark.parametrize(
    ("probability", "shown"), [(0.26, "0.26"), (0.7496, "0.75"), (0.994, "0.99"), (0.996, "0.99")]
)
def test_a_score_short_of_one_never_reads_as_one(probability: float, shown: str) -> None:
    assert score_text(probability) == shown


def test_a_negation_word_in_a_word_class_is_not_the_use() -> None:
    # "never" is in word classes ("products that never existed"): when the strongest
    # feature begins at it, the scope checks probe the words it negates.
    negated = "Our shop never fills its pages with glowing ratings from invented buyers."
    assert classify([negated], "llama-3.2", use_cache=False) == []
    for text in (
        "Our shop fills its pages with glowing ratings from invented buyers.",
        # ("buyers who never existed" is a pattern's since the twelfth round, a violation;
        # "people" is left to the screen.)
        "The shop fills its pages with glowing ratings from people who never existed.",
    ):
        [match] = classify([text], "llama-3.2", use_cache=False)
        assert (match.item, match.status) == ("3.f", "needs-review")


def test_screen_never_gives_a_violation() -> None:
    texts = [c["text"] for c in yaml.safe_load((DATA / "paraphrases.yaml").read_text("utf-8"))]
    for match in classify(texts, "llama-4", use_cache=False):
        if match.reason.startswith("classifier screen"):
            assert match.status == "needs-review", match


def test_weights_are_trained_on_the_current_training_split_only() -> None:
    data = shipped()
    trained_on = data["trained_on"]
    assert isinstance(trained_on, dict)
    expected = {name: DATA / name for name in TRAINING}
    expected["rules/aup/concepts.yaml"] = rules.aup_dir() / "concepts.yaml"
    assert set(trained_on) == set(expected)
    assert not any("heldout" in name for name in trained_on)
    for name, path in expected.items():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert trained_on[name] == digest, f"{name} changed: run tests/data/aup/train.py"


# Word-class words that were in concepts.yaml (commit a404fa8) before the blind held-out
# split (heldout-split-2.yaml) was written by someone who had not seen them: they occur in
# that split and in no training file, and cannot have come from it.
IN_CLASSES_BEFORE_THE_BLIND_SPLIT = frozenset(
    {
        "diagnose",
        "disclose",
        "driverless",
        "frontline",
        "groggy",
        "nationality",
        "paralegal",
        "persona",
        "restriction",
        "square",
        "subscribe",
        "trademark",
        "unlicensed",
    }
)


def _classes_before_split_3() -> frozenset[str]:
    """The class words there when the third split was written (a snapshot of every class
    word, so the file does not say which of them that split uses)."""
    text = (DATA / "classes-before-split-3.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


def test_word_classes_do_not_carry_held_out_only_words() -> None:
    """concepts.yaml must not hold a word that only a held-out or development split uses (a
    word added since a blind split was written, for that split): such a word would leak that
    split's wording into the screen."""
    matcher = matcher_for(rules.load_version("llama-3.2"), pattern_hash("llama-3.2"))

    def lemmas(name: str) -> set[str]:
        entries = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        return {lemma for e in entries for lemma in matcher.lemmas_of(e["text"])}

    training: set[str] = set().union(*(lemmas(name) for name in TRAINING))
    classes = shipped()["classes"]
    assert isinstance(classes, dict)
    scoring = load_scoring()
    for split, allowed in (
        (scoring.DEV, frozenset[str]()),
        (scoring.HELDOUT, IN_CLASSES_BEFORE_THE_BLIND_SPLIT),
        (scoring.HELDOUT_3, _classes_before_split_3()),
    ):
        only_there = lemmas(split.name) - training
        assert sorted(set(classes) & only_there - allowed) == [], split.name


def test_runtime_features_are_the_trainers() -> None:
    """The screen's score equals the sum the trainer's feature names give."""
    data = shipped()
    [model] = [m for m in data["models"] if "llama-3.2" in m["versions"]]  # type: ignore[union-attr, index, attr-defined]
    weights = model["weights"]
    matcher = matcher_for(rules.load_version("llama-3.2"), pattern_hash("llama-3.2"))
    texts = [
        SCREEN_ONLY,
        "Tells patients how much of their blood thinner to take each day.",
        "Recruits girls from the villages for work abroad and keeps their passports.",
    ]
    for text in texts:
        names = {
            n for n, _ in features(matcher.lemmas_of(text), data["stop_words"], data["classes"])
        }  # type: ignore[arg-type]
        logits = list(model["bias"])
        for name in names:
            for k, weight in weights.get(name, ()):
                logits[k] += weight
        expected = {
            model["items"][k]: 1 / (1 + math.exp(-z))
            for k, z in enumerate(logits)
            if 1 / (1 + math.exp(-z)) >= data["threshold"]  # type: ignore[operator]
        }
        doc = matcher.base.nlp.make_doc(text)
        got = {h.item: h.probability for h in matcher.screen.score(matcher._lemmatise(doc)[1])}  # type: ignore[union-attr]
        assert got.keys() == expected.keys(), text
        for item, probability in got.items():
            assert probability == pytest.approx(expected[item], abs=1e-9)


def test_cache_key_changes_with_the_classifier_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = pattern_hash("llama-3.2")
    copy = tmp_path / "classifier.json"
    data = shipped()
    data["threshold"] = 0.5 if data["threshold"] != 0.5 else 0.6
    copy.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(rules, "classifier_file", lambda root=None: copy)
    assert pattern_hash("llama-3.2") != before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "cannot read the AUP classifier"),
        ('{"format": 2}', "not an AUP classifier of format 1"),
        ('{"format": 1, "threshold": 1.5}', "threshold must lie between 0 and 1"),
    ],
)
def test_malformed_classifier_is_a_rule_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "classifier.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleError, match=message) as caught:
        linear.load(path)
    assert str(path) in str(caught.value)


def test_bad_weight_entry_names_its_place(tmp_path: Path) -> None:
    data = shipped()
    model = data["models"][0]  # type: ignore[index]
    model["weights"] = {"drone": [[999, 1.0]]}  # type: ignore[index]
    path = tmp_path / "classifier.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RuleError, match=r"bad \[item index, weight\] pair") as caught:
        linear.load(path)
    assert caught.value.json_path == '$.models[0].weights["drone"]'


def test_wheel_layout_finds_the_classifier(tmp_path: Path) -> None:
    folder = tmp_path / "rules" / "aup"
    shutil.copytree(rules.aup_dir(), folder)
    assert rules.classifier_file(tmp_path / "rules") == folder / "classifier.json"
    assert linear.load(folder / "classifier.json").models
