"""The AUP classifier screen: a linear model over lemma unigrams and bigrams, shipped as data.

``rules/aup/classifier.json`` holds one-vs-rest logistic regression weights per AUP item,
trained offline from the labelled training split (``tests/data/aup/train.py``; never from
the held-out split) and read here; nothing is downloaded and no code is unpickled. A
statement's score for an item is ``bias + sum of the weights of its features``; at or above
the logit of ``threshold`` the screen reports the item with the features that weighed most
for it. The patterns stay the judge: a screen hit alone is only ever needs-review
(``verdicts.py``), and it still passes the negation and context checks of ``scope.py``.

A sentence that buries its use behind an aside ("Our app, *which also sells tickets*,
shows attackers how …") is scored twice, whole and without the aside, and each item keeps
the higher score: the aside's words dilute the use they interrupt.

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

from llamalicense.aup.asides import ASIDE_OPENERS, aside
from llamalicense.aup.features import CLASS_MARK, PAIR_MARK, Ranges, is_content
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
    """The screen's opinion on one item: probability and the token ranges that weighed
    most, the strongest feature's first."""

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


Key = int | tuple[int, int]


class LinearScreen:
    """One version's model, fed with the lemma hashes of the pipeline's string store.

    Features are the ones of ``features.py``, keyed by integers instead of names for
    speed: a lemma by its hash, a word class by its rank among the class names, a bigram
    by a tuple of those, a pair of classes by the tuple of their negated ranks. The first
    pass only sums weights; the evidence of an item is gathered in a second pass, and
    only for a statement that reaches the threshold.
    """

    def __init__(
        self,
        classifier: Classifier,
        version: str,
        intern: Callable[[str], int],
        text_of: Callable[[int], str],
        keep_items: Sequence[str],
    ) -> None:
        model = classifier.models.get(version)
        self.items: tuple[str, ...] = model.items if model else ()
        self.bias: tuple[float, ...] = model.bias if model else ()
        wanted = {i for i, item in enumerate(self.items) if item in set(keep_items)}
        self.cut = math.log(classifier.threshold / (1.0 - classifier.threshold))
        self.stop_words = classifier.stop_words
        names = sorted({c for found in classifier.classes.values() for c in found})
        # Class ranks follow the names' order, so a sorted pair of ranks is the sorted pair
        # of names that features.py writes as "@a+@b".
        self._class_key = {CLASS_MARK + c: rank for rank, c in enumerate(names, start=1)}
        self._classes = {
            lemma: tuple(self._class_key[CLASS_MARK + c] for c in found)
            for lemma, found in classifier.classes.items()
        }
        self._intern = intern
        self._text_of = text_of
        self._comma = intern(",")
        self._aside_openers = frozenset(intern(w) for w in ASIDE_OPENERS)
        self._tokens: dict[int, tuple[int, ...] | None] = {}
        import numpy  # only here: the screen is built when spaCy is, never on cached runs

        self._numpy = numpy
        self._rows: dict[Key, int] = {}
        dense: list[list[float]] = []
        for feature, pairs in (model.weights if model else {}).items():
            row = [0.0] * len(self.items)
            for k, w in pairs:
                if k in wanted:
                    row[k] = w
            if any(row):
                self._rows[self._key_of(feature)] = len(dense)
                dense.append(row)
        self._matrix = numpy.array(dense or [[0.0] * len(self.items)], dtype=numpy.float64)
        self._bias = numpy.array(self.bias or [0.0] * len(self.items), dtype=numpy.float64)

    def _unit(self, unit: str) -> int:
        return self._class_key.get(unit) or self._intern(unit)

    def _key_of(self, feature: str) -> Key:
        if feature.startswith(CLASS_MARK) and PAIR_MARK + CLASS_MARK in feature:
            first, second = feature.split(PAIR_MARK + CLASS_MARK, 1)
            # Negated ranks: a pair anywhere in the statement is not the bigram of the
            # same two classes side by side.
            return (-self._unit(first), -self._unit(CLASS_MARK + second))
        parts = feature.split(" ")
        if len(parts) == 2:
            return (self._unit(parts[0]), self._unit(parts[1]))
        return self._unit(feature)

    def __bool__(self) -> bool:
        return bool(self._rows)

    def _units_of(self, lemma_hash: int) -> tuple[int, ...] | None:
        lemma = self._text_of(lemma_hash)
        found = None
        if is_content(lemma, self.stop_words):
            found = (lemma_hash, *self._classes.get(lemma, ()))
        self._tokens[lemma_hash] = found
        return found

    def _keys(self, lemmas: Sequence[int]) -> list[tuple[Key, Ranges]]:
        """The statement's feature keys with their token ranges (duplicates possible)."""
        memo = self._tokens
        out: list[tuple[Key, Ranges]] = []
        seen_classes: list[tuple[int, int]] = []
        previous = -1
        previous_units: tuple[int, ...] = ()
        for index, lemma in enumerate(lemmas):
            units = memo[lemma] if lemma in memo else self._units_of(lemma)
            if units is None:
                continue
            here = ((index, index + 1),)
            out.extend((u, here) for u in units)
            if previous >= 0:
                span = ((previous, index + 1),)
                out.extend(((a, b), span) for a in previous_units for b in units)
            if len(units) > 1:
                for unit in units[1:]:
                    for other, at in seen_classes:
                        if other != unit and at != index:
                            pair = (-other, -unit) if other < unit else (-unit, -other)
                            out.append((pair, ((at, at + 1), here[0])))
                seen_classes.extend((unit, index) for unit in units[1:])
            previous, previous_units = index, units
        return out

    def aside(self, lemmas: Sequence[int]) -> tuple[int, int] | None:
        """The token range of the first aside (``scope.aside``: comma, relative pronoun,
        …, comma), if any."""
        openers = self._aside_openers
        comma = self._comma
        for i in range(len(lemmas) - 1):
            if lemmas[i] == comma and lemmas[i + 1] in openers:
                return aside([self._text_of(x) for x in lemmas], i, len(lemmas))
        return None

    def _logits(self, keys: list[tuple[Key, Ranges]]) -> Any:
        rows_of = self._rows
        rows = {row for key, _ in keys if (row := rows_of.get(key)) is not None}
        if not rows:
            return None
        return self._bias + self._matrix[sorted(rows)].sum(axis=0)

    def score(self, lemmas: Sequence[int]) -> list[ModelHit]:
        """The items whose score reaches the threshold, in the model's item order."""
        variants = [self._keys(lemmas)]
        aside = self.aside(lemmas)
        if aside is not None:
            lo, hi = aside
            # The aside's tokens become commas: not content, so the words around it pair up.
            variants.append(self._keys([*lemmas[:lo], *[self._comma] * (hi - lo), *lemmas[hi:]]))
        scored = [(keys, logits) for keys in variants if (logits := self._logits(keys)) is not None]
        if not scored:
            return []
        numpy = self._numpy
        if len(scored) == 1:
            best = scored[0][1]
            reached = numpy.flatnonzero(best >= self.cut).tolist()
            return [self._hit(k, scored[0][0], float(best[k])) for k in reached]
        stacked = numpy.vstack([logits for _, logits in scored])
        best = stacked.max(axis=0)
        reached = numpy.flatnonzero(best >= self.cut).tolist()
        hits = []
        for k in reached:
            keys = scored[int(stacked[:, k].argmax())][0]
            hits.append(self._hit(k, keys, float(best[k])))
        return hits

    def _hit(self, k: int, keys: list[tuple[Key, Ranges]], logit: float) -> ModelHit:
        """Item ``k``'s hit, with the token ranges of the features that weighed most."""
        rows_of = self._rows
        support: dict[Key, tuple[float, Ranges]] = {}
        for key, ranges in keys:
            row = rows_of.get(key)
            if row is None or key in support:
                continue
            weight = float(self._matrix[row, k])
            if weight > 0:
                support[key] = (weight, ranges)
        best = sorted(support.values(), key=lambda s: (-s[0], s[1]))
        # Strongest first: the scope checks look at the top feature's words.
        evidence = list(dict.fromkeys(r for _, rs in best[:EVIDENCE_FEATURES] for r in rs))
        probability = 1.0 / (1.0 + math.exp(-logit))
        return ModelHit(self.items[k], probability, tuple(evidence))
