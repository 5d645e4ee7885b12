"""The classifier screen's model, as ``train.py`` fits it: one-vs-rest logistic regression
over sparse 0/1 features, masked and weighted per item, by full-batch gradient descent with
Adam and an L2 penalty, in numpy (fixed steps, no randomness: the same data gives the same
weights)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MIN_COUNT = 2  # a feature seen in fewer training statements is left out
STEPS = 400
RATE = 0.05
POSITIVE = ("prohibited", "hedged")


@dataclass(frozen=True)
class Settings:
    """The model's two settings: the L2 penalty on the weights, and how much a positive
    statement counts in the loss against a negative one."""

    l2: float
    positive_weight: float


# The settings of the eighth round. `train.py --grid` scores a small grid of others by the
# same cross-validation; a weaker penalty with positive weight 4 scores higher there
# (0.573 -> 0.646) but not on three new rounds' first runs (docs/aup.md, "Settings").
SETTINGS = Settings(l2=0.01, positive_weight=2.0)
GRID = tuple(Settings(l2, weight) for l2 in (0.01, 0.003, 0.001, 0.0003) for weight in (2.0, 4.0))


@dataclass(frozen=True)
class Row:
    """One training statement under one group of versions."""

    entry: int
    features: tuple[str, ...]
    label: str
    style: str
    expect: str | None
    ignore: frozenset[str]


@dataclass(frozen=True)
class Design:
    """A sparse 0/1 design matrix (a bias column first), the targets and the loss weights."""

    rows: int
    columns: int
    indices: np.ndarray  # column of each non-zero, rows in order
    indptr: np.ndarray  # where each row's non-zeros start
    by_column: np.ndarray  # permutation putting the non-zeros in column order
    column_ptr: np.ndarray  # where each column's non-zeros start, in that order
    row_of: np.ndarray  # row of each non-zero
    y: np.ndarray
    mask: np.ndarray


def design(
    rows: Sequence[Row],
    vocabulary: Sequence[str],
    items: Sequence[str],
    positive_weight: float = SETTINGS.positive_weight,
) -> Design:
    column = {name: i + 1 for i, name in enumerate(vocabulary)}
    indices: list[int] = []
    indptr = [0]
    y = np.zeros((len(rows), len(items)))
    mask = np.ones((len(rows), len(items)))
    for r, row in enumerate(rows):
        indices.append(0)
        indices.extend(sorted({column[n] for n in row.features if n in column}))
        indptr.append(len(indices))
        for k, item in enumerate(items):
            if item in row.ignore:
                mask[r, k] = 0.0
            elif row.label in POSITIVE and row.expect == item:
                y[r, k] = 1.0
                mask[r, k] = positive_weight
    idx = np.array(indices, dtype=np.int64)
    ptr = np.array(indptr, dtype=np.int64)
    row_of = np.repeat(np.arange(len(rows)), np.diff(ptr))
    order = np.argsort(idx, kind="stable")
    counts = np.bincount(idx, minlength=len(vocabulary) + 1)
    column_ptr = np.concatenate(([0], np.cumsum(counts)[:-1]))
    return Design(len(rows), len(vocabulary) + 1, idx, ptr, order, column_ptr, row_of, y, mask)


def logits(d: Design, w: np.ndarray) -> np.ndarray:
    return np.add.reduceat(w[d.indices], d.indptr[:-1], axis=0)


def fit(d: Design, l2: float = SETTINGS.l2) -> np.ndarray:
    """Masked, weighted logistic regression per item; Adam, fixed steps, no randomness.

    Row 0 of the result is the bias; every vocabulary feature occurs in ``d``.
    """
    w = np.zeros((d.columns, d.y.shape[1]))
    m, v = np.zeros_like(w), np.zeros_like(w)
    penalty = np.full((d.columns, 1), l2)
    penalty[0] = 0.0
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, STEPS + 1):
        p = 1.0 / (1.0 + np.exp(-logits(d, w)))
        g = (p - d.y) * d.mask
        grad = np.add.reduceat(g[d.row_of[d.by_column]], d.column_ptr, axis=0) / d.rows
        grad += penalty * w
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        w -= RATE * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + eps)
    return w


def vocabulary_of(rows: Sequence[Row]) -> list[str]:
    counts: dict[str, int] = {}
    for row in rows:
        for name in row.features:
            counts[name] = counts.get(name, 0) + 1
    return sorted(name for name, count in counts.items() if count >= MIN_COUNT)
