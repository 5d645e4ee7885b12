"""The agreement judge's search for a closer version skips versions by a bound: it must give
the answer of matching every version word by word."""

from __future__ import annotations

import pytest

from llamalicense.catalog.data import LICENSE_IDS, rules_dir
from llamalicense.evidence.reader import (
    COPY_MODIFIED,
    agreement_similarity,
    closer_agreement,
    judge_agreement,
)


def agreement(license_id: str) -> str:
    return (rules_dir() / "licenses" / license_id / "LICENSE.txt").read_text(encoding="utf-8")


def every_version(similarities: dict[str, float], license_id: str) -> tuple[str, float] | None:
    """The search without bounds, from every version's similarity: the closest version
    (first among equals), when it is another one, closer than ``license_id``'s and at least
    COPY_MODIFIED."""
    score = similarities[license_id]
    best: tuple[str | None, float] = (None, 0.0)
    for version in LICENSE_IDS:
        similarity = similarities[version]
        if similarity > best[1]:
            best = (version, similarity)
    closest, closest_score = best
    if closest is None or closest == license_id:
        return None
    if closest_score > score and closest_score >= COPY_MODIFIED:
        return closest, closest_score
    return None


def texts() -> list[tuple[str, str]]:
    out = []
    for version in LICENSE_IDS:
        text = agreement(version)
        middle = len(text) // 2
        out += [
            (f"{version} copy", text),
            (f"{version} without its middle line", text[:middle] + text[middle + 400 :]),
        ]
    out.append(("3.3 first half", agreement("llama-3.3")[: len(agreement("llama-3.3")) // 2]))
    out.append(("2 twice", agreement("llama-2") + "\n" + agreement("llama-2")))
    out.append(("3.1 and 3.2", agreement("llama-3.1") + "\n" + agreement("llama-3.2")))
    out.append(("3.2 and 3.1", agreement("llama-3.2") + "\n" + agreement("llama-3.1")))
    out.append(("empty", ""))
    return out


@pytest.mark.parametrize(("name", "text"), texts(), ids=[name for name, _ in texts()])
def test_the_bounded_search_finds_what_matching_every_version_finds(name: str, text: str) -> None:
    similarities = {version: agreement_similarity(text, version) for version in LICENSE_IDS}
    for license_id in LICENSE_IDS:
        score = similarities[license_id]
        assert closer_agreement(text, license_id, score) == every_version(
            similarities, license_id
        ), (name, license_id)


def test_a_copy_of_another_version_is_named() -> None:
    judgement = judge_agreement(agreement("llama-3.1"), "llama-3.2", "LICENSE")
    assert judgement.value is False
    assert "LICENSE is the Llama 3.1" in judgement.reason
    assert "not the Llama 3.2" in judgement.reason
