"""The small explanation mappings read as the nested dicts they stand for, and write as them."""

from __future__ import annotations

import orjson
import pytest

from llamalicense.engine.small_explanations import AupExplanation, ReviewExplanation, WithReview
from llamalicense.model.project import Review


def test_an_aup_explanation_is_its_nested_data() -> None:
    for passed, result in ((True, True), (False, None)):
        explanation = AupExplanation("no prohibited use found", passed=passed)
        expected = {"aup": {"op": "aup", "result": result, "detail": "no prohibited use found"}}
        assert explanation == expected
        assert list(explanation) == ["aup"]
        assert orjson.loads(orjson.dumps(dict(explanation))) == expected
        with pytest.raises(KeyError):
            explanation["review"]


def test_a_review_explanation_names_the_record_that_decided_it() -> None:
    record = Review(by="Dana", date="2026-11-30", obligations=("laws",), use_cases="sha256:ab")
    assert ReviewExplanation("seen; reviewed", record) == {
        "review": {
            "op": "review record",
            "result": True,
            "detail": "seen; reviewed",
            "values": {"by": "Dana", "date": "2026-11-30", "use_cases": "sha256:ab"},
        }
    }
    assert ReviewExplanation("seen", None) == {
        "review": {"op": "review record", "result": None, "detail": "seen"}
    }
    # Merged as a mapping (a gated pass adds its review part so): the same data.
    assert {**AupExplanation("r", passed=False), "review": {}} == {
        "aup": {"op": "aup", "result": None, "detail": "r"},
        "review": {},
    }


def test_a_gated_explanation_reads_as_the_decisions_with_its_review_part() -> None:
    own = {"applies_to": {"op": "all"}, "require": {"op": "exists"}}
    review = {"op": "review record", "result": None, "detail": "seen"}
    gated = WithReview(own, review)
    assert gated == {**own, "review": review}
    assert list(gated) == ["applies_to", "require", "review"]  # the merged dict's order
    assert gated["require"] is own["require"]  # shared, not copied
    # A review part already there keeps its place, with the new value (as a merge does).
    earlier: dict[str, object] = {"review": {}, "applies_to": {}}
    again = WithReview(earlier, review)
    assert list(again.items()) == list({**earlier, "review": review}.items())
    assert len(again) == 2
