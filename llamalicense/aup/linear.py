"""The AUP classifier screen: a linear model over lemma unigrams and bigrams, shipped as data.

``rules/aup/classifier.json`` holds one-vs-rest logistic regression weights per AUP item,
trained offline from the labelled training split (``tests/data/aup/train.py``; never from
the held-out split) and read here; nothing is downloaded and no code is unpickled. A
statement's score for an item is ``bias + sum of the weights of its features``; at or above
the logit of ``threshold`` the screen reports the item with the features that weighed most
for it. The patterns stay the judge: a screen hit alone is only ever needs-review
(``verdicts.py``), and it still passes the negation and context checks of ``scope.py``.

No spaCy here: :class:`LinearScreen` works on the lemma hashes the pipeline already has.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from llamalicense.aup.features import Ranges, features_of_units, is_content, units_of
from llamalicense.errors import RuleError

CLASSIFIER_FILE = "classifier.json"
FORMAT = 1
EVIDENCE_FEATURES = 3


@dataclass(frozen=True)
class VersionModel:
    """The weights that apply to one AUP version."""

    items: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[tuple[int, float], ...]]


@dataclass(frozen=True)
class Classifier:
    """The whole classifier file, checked."""

    threshold: float
    stop_words: frozenset[str]
    classes: dict[str, tuple[str, ...]]  # lemma -> word classes (rules/aup/concepts.yaml)
    models: dict[str, VersionModel]  # by AUP version
    file: str


@dataclass(frozen=True)
class ModelHit:
    """The screen's opinion on one item: probability and the token ranges that weighed most."""

    item: str
    probability: float
    evidence: tuple[tuple[int, int], ...]


def load(path: Path) -> Classifier:
    """Read and check the classifier file (cached per path and file stamp).

    Raises:
        RuleError: the file cannot be read or is not a classifier of this format.
    """
    try:
        info = path.stat()
    except OSError as exc:
        raise RuleError(f"cannot read the AUP classifier: {exc}", file=str(path)) from exc
    return _load_cached(path, (info.st_mtime_ns, info.st_size))


@lru_cache(maxsize=4)
def _load_cached(path: Path, stamp: tuple[int, int]) -> Classifier:
    del stamp  # part of the cache key: an edited file is read again
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise RuleError(f"cannot read the AUP classifier: {exc}", file=str(path)) from exc
    return _checked(data, str(path))


def _fail(message: str, file: str, json_path: str) -> RuleError:
    return RuleError(
        message,
        file=file,
        json_path=json_path,
        hint="regenerate it with tests/data/aup/train.py (docs/aup.md, 'The classifier')",
    )


def _number(value: Any, file: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _fail(f"expected a number, found {value!r}", file, where)
    return float(value)


def _strings(value: Any, file: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail("expected a list of strings", file, where)
    return tuple(value)


def _checked(data: Any, file: str) -> Classifier:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _fail(f"not an AUP classifier of format {FORMAT}", file, "$.format")
    threshold = _number(data.get("threshold"), file, "$.threshold")
    if not 0.0 < threshold < 1.0:
        raise _fail("threshold must lie between 0 and 1", file, "$.threshold")
    stop_words = frozenset(_strings(data.get("stop_words"), file, "$.stop_words"))
    raw_classes = data.get("classes")
    if not isinstance(raw_classes, dict):
        raise _fail("classes must map lemmas to lists of class names", file, "$.classes")
    classes = {
        str(lemma): _strings(names, file, f"$.classes[{json.dumps(lemma)}]")
        for lemma, names in raw_classes.items()
    }
    raw_models = data.get("models")
    if not isinstance(raw_models, list) or not raw_models:
        raise _fail("models must be a non-empty list", file, "$.models")
    models: dict[str, VersionModel] = {}
    for index, raw in enumerate(raw_models):
        where = f"$.models[{index}]"
        if not isinstance(raw, dict):
            raise _fail("a model must be a mapping", file, where)
        model = _model(raw, file, where)
        for version in _strings(raw.get("versions"), file, f"{where}.versions"):
            models[version] = model
    return Classifier(threshold, stop_words, classes, models, file)


def _model(raw: dict[str, Any], file: str, where: str) -> VersionModel:
    items = _strings(raw.get("items"), file, f"{where}.items")
    bias_raw = raw.get("bias")
    if not isinstance(bias_raw, list) or len(bias_raw) != len(items):
        raise _fail("bias needs one number per item", file, f"{where}.bias")
    bias = tuple(_number(b, file, f"{where}.bias[{i}]") for i, b in enumerate(bias_raw))
    raw_weights = raw.get("weights")
    if not isinstance(raw_weights, dict):
        raise _fail("weights must map features to [item index, weight] pairs", file, where)
    weights: dict[str, tuple[tuple[int, float], ...]] = {}
    for feature, entries in raw_weights.items():
        spot = f"{where}.weights[{json.dumps(feature)}]"
        if not isinstance(entries, list):
            raise _fail("expected a list of [item index, weight] pairs", file, spot)
        pairs = []
        for entry in entries:
            ok = isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], int)
            if not ok or isinstance(entry[0], bool) or not 0 <= entry[0] < len(items):
                raise _fail(f"bad [item index, weight] pair {entry!r}", file, spot)
            pairs.append((entry[0], _number(entry[1], file, spot)))
        weights[feature] = tuple(pairs)
    return VersionModel(items, bias, weights)


class LinearScreen:
    """One version's model, fed with the lemma hashes of the pipeline's string store."""

    def __init__(
        self,
        classifier: Classifier,
        version: str,
        text_of: Callable[[int], str],
        keep_items: Sequence[str],
    ) -> None:
        model = classifier.models.get(version)
        self.items: tuple[str, ...] = model.items if model else ()
        self.bias: tuple[float, ...] = model.bias if model else ()
        wanted = {i for i, item in enumerate(self.items) if item in set(keep_items)}
        self.cut = math.log(classifier.threshold / (1.0 - classifier.threshold))
        self.stop_words = classifier.stop_words
        self.classes = classifier.classes
        self._text_of = text_of
        self._units: dict[int, tuple[str, ...] | None] = {}
        self._weights: dict[str, tuple[tuple[int, float], ...]] = {}
        for feature, pairs in (model.weights if model else {}).items():
            kept = tuple((k, w) for k, w in pairs if k in wanted)
            if kept:
                self._weights[feature] = kept

    def __bool__(self) -> bool:
        return bool(self._weights)

    def _units_of(self, lemma_hash: int) -> tuple[str, ...] | None:
        lemma = self._text_of(lemma_hash)
        found = units_of(lemma, self.classes) if is_content(lemma, self.stop_words) else None
        self._units[lemma_hash] = found
        return found

    def score(self, lemmas: Sequence[int]) -> list[ModelHit]:
        """The items whose score reaches the threshold, in the model's item order."""
        memo = self._units
        kept = []
        for index, lemma in enumerate(lemmas):
            units = memo[lemma] if lemma in memo else self._units_of(lemma)
            if units is not None:
                kept.append((index, units))
        if not kept:
            return []
        weights = self._weights
        totals: dict[int, float] = {}
        support: dict[int, list[tuple[float, Ranges]]] = {}
        seen: set[str] = set()
        for name, ranges in features_of_units(kept):
            found = weights.get(name)
            if found is None or name in seen:
                continue
            seen.add(name)
            for k, weight in found:
                totals[k] = totals.get(k, 0.0) + weight
                if weight > 0:
                    support.setdefault(k, []).append((weight, ranges))
        hits = []
        for k in sorted(totals):
            logit = self.bias[k] + totals[k]
            if logit >= self.cut:
                best = sorted(support.get(k, ()), key=lambda s: (-s[0], s[1]))
                evidence = sorted({r for _, ranges in best[:EVIDENCE_FEATURES] for r in ranges})
                probability = 1.0 / (1.0 + math.exp(-logit))
                hits.append(ModelHit(self.items[k], probability, tuple(evidence)))
        return hits
