"""Finding.sort puts findings in sort_key order, as a sort by the key tuples would, ties kept
in the order they came in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from llamalicense.model.findings import STATUSES, Finding


def _finding(status: str, component: str, license_id: str | None, rule: str, n: int) -> Finding:
    return Finding(
        rule=rule,
        license=license_id,
        clause=None,
        obligation="notice",
        status=status,  # type: ignore[arg-type]
        severity="error",
        component=component,
        path=(component,),
        title="t",
        quote="q",
        message=f"m{n}",
        reason=f"r{n}",
        how_to_fix="",
    )


_PARTS = st.tuples(
    st.sampled_from(STATUSES),
    st.sampled_from(["a", "b", "B", "a-1", "é"]),
    st.sampled_from([None, "", "llama-2", "llama-3.1"]),
    st.sampled_from(["LLAMA-2-NOTICE", "LLAMA-3-LAWS", "X"]),
)


@given(st.lists(_PARTS, max_size=40))
def test_sort_is_the_key_tuple_sort(parts: list[tuple[str, str, str | None, str]]) -> None:
    findings = [_finding(*p, n) for n, p in enumerate(parts)]
    expected = sorted(findings, key=Finding.sort_key)
    Finding.sort(findings)
    assert [f.message for f in findings] == [f.message for f in expected]


def test_none_and_empty_license_sort_alike_and_keep_their_order() -> None:
    first = _finding("pass", "c", None, "R", 1)
    second = _finding("pass", "c", "", "R", 2)
    third = _finding("violation", "z", "llama-2", "R", 3)
    findings = [second, first, third]
    Finding.sort(findings)
    assert findings == [third, second, first]
