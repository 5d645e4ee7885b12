"""Listing evidence paths in a manifest: each entry is edited on its own lines, and the
result is the one a whole-manifest edit gives, however many entries grow before it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from llamalicense.tools.fix import listing, yamledit
from llamalicense.tools.fix.files import Refused, Text

ENTRIES = [
    "  - id: a\n    type: model\n",
    "  - id: b\n    type: model\n    attribution:\n      notice: NOTICE\n",
    "  # the next one was written by init\n  - id: c\n    type: model\n"
    "    attribution:\n      agreement: [LICENSE]\n",
    "  - id: d   # a comment\n    type: model\n    attribution:\n      notice:\n"
    "        - NOTICE\n        - docs/NOTICE.md\n",
    "  - id: é\n    type: model\n    name: “quoted” €\n",
]
KINDS = ("agreement", "notice", "built_with_llama")


def whole_manifest_edit(text: Text, component_id: str, kind: str, path: str) -> None:
    """The reference: compose the whole manifest and edit the entry in it (how listing
    worked before entries were edited on their own lines)."""
    found = yamledit.get(yamledit.compose(text.content, "m"), "components")
    assert found is not None
    entry = next(
        item
        for item in found[1].value
        if yamledit.get(item, "id")[1].value == component_id  # type: ignore[index]
    )
    value = yamledit.scalar(path)
    attribution = yamledit.get(entry, "attribution")
    if attribution is None:
        text.content = yamledit.insert_mapping(
            text.content, entry, "attribution", [(kind, value)], nl="\n", what="m"
        )
    elif (listed := yamledit.get(attribution[1], kind)) is None:
        text.content = yamledit.insert_key(
            text.content, attribution[1], kind, value, nl="\n", what="m"
        )
    else:
        text.content = yamledit.append_item(text.content, listed[1], path, nl="\n", what="m")


def manifest(order: list[int], tail: str) -> str:
    return "version: 1\ncomponents:\n" + "".join(ENTRIES[i] for i in order) + tail


@settings(max_examples=60, deadline=None)
@given(
    order=st.permutations(range(len(ENTRIES))),
    requests=st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "d", "é"]),
            st.sampled_from(KINDS),
            st.sampled_from(["NOTICE", "LICENSES/LLAMA-3.1.txt", "docs/about me.md"]),
        ),
        max_size=12,
    ),
    tail=st.sampled_from(["", "# end\n", "reviews: []\n", "  # trailing\nreviews: []\n"]),
)
def test_entry_edits_equal_whole_manifest_edits(
    order: list[int], requests: list[tuple[str, str, str]], tail: str
) -> None:
    ours = Text(original="", content=manifest(order, tail))
    reference = Text(original="", content=ours.content)
    entries = None
    for component_id, kind, path in requests:
        entries = listing.add_path(ours, component_id, kind, path, "m", entries=entries)
        whole_manifest_edit(reference, component_id, kind, path)
        assert ours.content == reference.content


def test_the_whole_manifest_is_composed_once_for_many_listings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = Text(
        original="",
        content="version: 1\ncomponents:\n"
        + "".join(f"  - id: m{i}\n    type: model\n" for i in range(200)),
    )
    sizes: list[int] = []
    compose = yamledit.compose

    def counted(content: str, what: str) -> object:
        sizes.append(len(content))
        return compose(content, what)

    monkeypatch.setattr(yamledit, "compose", counted)
    entries = None
    for i in range(200):
        entries = listing.add_path(text, f"m{i}", "notice", "NOTICE", "m", entries=entries)
    assert sum(1 for size in sizes if size > 1000) == 1  # the whole manifest, once
    assert text.content.count("notice: NOTICE") == 200


def test_an_unknown_component_is_refused() -> None:
    text = Text(original="", content=manifest([0, 1], ""))
    with pytest.raises(Refused, match="no component zz"):
        listing.add_path(text, "zz", "notice", "NOTICE", "m")


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ("    attribution: *att\n", "ends with a YAML alias"),
        ("    attribution: *att\n    name: Llama-M\n", "undefined alias"),
    ],
)
def test_an_entry_using_an_alias_of_another_is_refused_with_the_reason(
    entry: str, reason: str
) -> None:
    """An alias shares a value written in another entry: editing it there would change both,
    and the entry's own lines cannot be read alone. Refused, saying why, nothing changed."""
    content = (
        "version: 1\ncomponents:\n  - id: b\n    type: model\n    attribution: &att\n"
        "      agreement: [LICENSE]\n  - id: m\n    type: model\n" + entry
    )
    text = Text(original="", content=content)
    with pytest.raises(Refused, match=reason):
        listing.add_path(text, "m", "notice", "NOTICE", "m")
    assert text.content == content
