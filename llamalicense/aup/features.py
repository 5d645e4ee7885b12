"""The features of the AUP classifier: lemmas, word classes, and their pairs.

Shared by the runtime screen (``linear.py``) and the offline trainer
(``tests/data/aup/train.py``), so a weight learnt for a feature is looked up under the
same name at run time. Plain Python, no spaCy: the lemmas come from the caller.

A *content* lemma holds a letter or digit and is not a stop word. Each content lemma may
belong to word classes (``rules/aup/concepts.yaml``: "child", "nudity", "no_check" …),
written ``@child``. The features of a statement are

* every content lemma and every class of one (``nude``, ``@nudity``);
* every pair of consecutive content lemmas, as words or classes (``ask nude``,
  ``ask @nudity``, ``@request @nudity`` …), skipping stop words and punctuation between;
* every pair of different classes anywhere in the statement (``@child+@nudity``), which
  is what lets a few labelled examples reach wording they do not share.

Each feature carries the token ranges it came from, to show as evidence.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

Ranges = tuple[tuple[int, int], ...]
Feature = tuple[str, Ranges]
CLASS_MARK = "@"
PAIR_MARK = "+"


def is_content(lemma: str, stop_words: Collection[str]) -> bool:
    """Does ``lemma`` count for the classifier (a word or number, not a stop word)?"""
    return any(ch.isalnum() for ch in lemma) and lemma not in stop_words


def units_of(lemma: str, classes: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    """The lemma itself and its classes (``@name``), the units features are made of."""
    return (lemma, *(CLASS_MARK + c for c in classes.get(lemma, ())))


def features(
    lemmas: Sequence[str],
    stop_words: Collection[str],
    classes: Mapping[str, Sequence[str]],
) -> list[Feature]:
    """The features of one statement's lemmas, in token order (duplicates possible)."""
    kept = [
        (i, units_of(lemma, classes))
        for i, lemma in enumerate(lemmas)
        if is_content(lemma, stop_words)
    ]
    return features_of_units(kept)


def features_of_units(kept: Sequence[tuple[int, tuple[str, ...]]]) -> list[Feature]:
    """Features from the content tokens: (token index, units) in token order."""
    out: list[Feature] = []
    seen_classes: list[tuple[str, int]] = []
    previous: tuple[int, tuple[str, ...]] | None = None
    for index, units in kept:
        here = ((index, index + 1),)
        for unit in units:
            out.append((unit, here))
        if previous is not None:
            before, before_units = previous
            span = ((before, index + 1),)
            for a in before_units:
                for b in units:
                    out.append((f"{a} {b}", span))
        for unit in units[1:]:
            for other, at in seen_classes:
                if other != unit and at != index:
                    first, second = sorted((other, unit))
                    out.append((first + PAIR_MARK + second, ((at, at + 1), (index, index + 1))))
        seen_classes.extend((unit, index) for unit in units[1:])
        previous = (index, units)
    return out
