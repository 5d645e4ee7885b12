"""Would word vectors help the AUP screen? Cross-validation with and without them.

The screen is a linear model over lemmas, lemma pairs and word classes
(``llamalicense.aup.features``); it knows only the words of its training statements and
of ``rules/aup/concepts.yaml``. Word vectors are the usual way to reach words never seen
in training. This script measures two ways of adding them, on the training split only
(five-fold cross-validation as in ``tests/data/aup/train.py``, the same threshold rule:
the lowest probability at which at most 7% of the held-back benign statements are
flagged), and prints the figures beside those of the shipped features alone:

* ``mean``: the statement's mean vector of content lemmas (made unit length, times
  ``--scale``) as extra features of the logistic regression;
* ``backoff``: a content lemma that the training folds never saw, and that is in no word
  class, is replaced by the nearest lemma they did see (cosine of the vectors at least
  ``--tau``), so it takes that lemma's weights and classes.

Vectors are read from a file the user names, in the GloVe text format (a word, then its
numbers, one word per line), for example Stanford's ``glove.6B.50d.txt`` (public domain,
PDDL); nothing is downloaded. Run from the repository root (about 1.5 minutes per run and
group of versions, CPU):

    .venv/bin/python bench/aup_word_vectors.py --vectors glove.6B.50d.txt --form mean --scale 5
    .venv/bin/python bench/aup_word_vectors.py --vectors glove.6B.50d.txt --form backoff --tau 0.8

Prints figures; asserts nothing. Never reads the held-out or development splits.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "data" / "aup"))

import train  # noqa: E402 - the trainer of the shipped screen, after the sys.path fix

from llamalicense.aup import rules  # noqa: E402
from llamalicense.aup.features import features, is_content  # noqa: E402
from llamalicense.aup.pipeline import VersionMatcher  # noqa: E402

Scored = list[tuple[train.Row, np.ndarray]]


def read_vectors(path: Path, wanted: set[str]) -> dict[str, np.ndarray]:
    """The unit-length vectors of the ``wanted`` words found in a GloVe text file."""
    found: dict[str, np.ndarray] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, _, numbers = line.rstrip("\n").partition(" ")
            if word in wanted and word not in found:
                vector = np.array(numbers.split(), dtype=np.float64)
                norm = float(np.linalg.norm(vector))
                if norm > 0:
                    found[word] = vector / norm
    return found


def fit_with_dense(d: train.Design, dense: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """``train.fit`` with dense columns beside the sparse ones (same steps and penalty)."""
    w = np.zeros((d.columns, d.y.shape[1]))
    u = np.zeros((dense.shape[1], d.y.shape[1]))
    moments = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(u), np.zeros_like(u)]
    penalty = np.full((d.columns, 1), l2)
    penalty[0] = 0.0
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, train.STEPS + 1):
        p = 1.0 / (1.0 + np.exp(-(train.logits(d, w) + dense @ u)))
        g = (p - d.y) * d.mask
        grads = (
            np.add.reduceat(g[d.row_of[d.by_column]], d.column_ptr, axis=0) / d.rows + penalty * w,
            dense.T @ g / d.rows + l2 * u,
        )
        for k, (weights, grad) in enumerate(zip((w, u), grads, strict=True)):
            m, v = moments[2 * k], moments[2 * k + 1]
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            weights[...] -= (
                train.RATE * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + eps)
            )
    return w, u


def cross_validate(
    rows: Sequence[train.Row],
    items: Sequence[str],
    test_rows: Callable[[Sequence[train.Row], list[str]], list[train.Row]],
    dense: Callable[[train.Row], np.ndarray] | None,
    settings: train.Settings,
) -> Scored:
    """Held-back-fold probabilities, folds as in ``train.cross_validate``."""
    out: Scored = []
    for fold in range(train.FOLDS):
        kept = [r for r in rows if r.entry % train.FOLDS != fold]
        vocabulary = train.vocabulary_of(kept)
        held = test_rows([r for r in rows if r.entry % train.FOLDS == fold], vocabulary)
        made = train.design(kept, vocabulary, items, settings.positive_weight)
        if dense is None:
            w = train.fit(made, settings.l2)
            z = train.logits(train.design(held, vocabulary, items), w)
        else:
            w, u = fit_with_dense(made, np.array([dense(r) for r in kept]), settings.l2)
            z = train.logits(train.design(held, vocabulary, items), w)
            z = z + np.array([dense(r) for r in held]) @ u
        out.extend(zip(held, 1.0 / (1.0 + np.exp(-z)), strict=True))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vectors", type=Path, required=True, help="a GloVe text file")
    parser.add_argument("--form", choices=("mean", "backoff"), required=True)
    parser.add_argument("--scale", type=float, default=5.0, help="mean: the vector's length")
    parser.add_argument("--tau", type=float, default=0.8, help="backoff: least cosine")
    parser.add_argument("--cap", type=float, default=0.07, help="benign share flagged")
    parser.add_argument("--l2", type=float, default=train.SETTINGS.l2, help="L2 penalty")
    parser.add_argument(
        "--positive-weight",
        type=float,
        default=train.SETTINGS.positive_weight,
        help="a positive statement's weight in the loss",
    )
    args = parser.parse_args()
    settings = train.Settings(args.l2, args.positive_weight)

    stop = set(train.STOP_WORDS)
    version_groups = train.groups()
    lemmatise = VersionMatcher(rules.load_version(version_groups[-1][-1]), with_screen=False)
    classes = train.word_classes(lemmatise)
    texts = [str(entry["text"]) for entry in train.entries()]
    lemmas = [lemmatise.lemmas_of(text) for text in texts]
    words = {lemma for found in lemmas for lemma in found if is_content(lemma, stop)}
    vectors = read_vectors(args.vectors, words)
    print(f"{len(vectors)} of {len(words)} content lemmas have a vector")

    def as_is(held: Sequence[train.Row], _vocabulary: list[str]) -> list[train.Row]:
        return list(held)

    def nearest(lemma: str, seen: list[str], table: np.ndarray, known: set[str]) -> str:
        """``lemma``, or the seen lemma nearest to it when it is an unseen content word."""
        if not is_content(lemma, stop) or lemma in known or lemma in classes:
            return lemma
        if lemma not in vectors:
            return lemma
        cosines = table @ vectors[lemma]
        best = int(np.argmax(cosines))
        return seen[best] if cosines[best] >= args.tau else lemma

    def backed_off(held: Sequence[train.Row], vocabulary: list[str]) -> list[train.Row]:
        seen = sorted(n for n in vocabulary if n in vectors)
        table = np.array([vectors[n] for n in seen])
        known = set(vocabulary)
        out = []
        for row in held:
            swapped = [nearest(lemma, seen, table, known) for lemma in lemmas[row.entry]]
            names = tuple(dict.fromkeys(n for n, _ in features(swapped, stop, classes)))
            out.append(train.Row(row.entry, names, row.label, row.style, row.expect, row.ignore))
        return out

    def mean_vector(row: train.Row) -> np.ndarray:
        found = [vectors[w] for w in lemmas[row.entry] if w in vectors and is_content(w, stop)]
        if not found:
            return np.zeros(next(iter(vectors.values())).shape)
        mean = np.mean(found, axis=0)
        return args.scale * mean / max(float(np.linalg.norm(mean)), 1e-12)

    for group in version_groups:
        items = list(rules.item_texts(group[0]))
        rows = train.rows_for(group, lemmatise, stop, classes)
        runs: list[tuple[str, Scored]] = [
            ("features alone", train.cross_validate(rows, items, settings))
        ]
        if args.form == "mean":
            runs.append(
                (
                    f"mean vector x{args.scale:g}",
                    cross_validate(rows, items, as_is, mean_vector, settings),
                )
            )
        else:
            runs.append(
                (
                    f"backoff at {args.tau:g}",
                    cross_validate(rows, items, backed_off, None, settings),
                )
            )
        for name, scored in runs:
            threshold = train.choose_threshold(scored, items, args.cap)
            found = train.figures(scored, items, threshold)
            print(
                f"{', '.join(group)}: {name:18} threshold {threshold:.2f}  "
                f"recall {found['recall']:.3f}  paraphrase {found['recall_paraphrase']:.3f}  "
                f"benign flagged {found['benign_flag_rate']:.1%}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
