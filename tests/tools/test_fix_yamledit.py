"""The YAML and front matter edits of `fix`: every byte but the edit is kept."""

from __future__ import annotations

import difflib

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from llamalicense.tools.fix import frontmatter, listing
from llamalicense.tools.fix.files import Refused, Text

MANIFEST = """\
# a comment at the top
version: 1
components:
  - id: base   # trailing comment
    type: model
    ref: meta-llama/Llama-3.1-8B
  - id: tuned
    type: model
    attribution:
      agreement: "hub/LICENSE"   # quoted, with a comment
      built_with_llama:
        - README.md
      # a comment after the last key
  - {id: flow, type: model}
"""


def text(content: str, newline: str = "\n") -> Text:
    return Text(original=content, content=content, newline=newline)


def added_lines(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``, when it only adds lines."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert not [line for line in diff if line.startswith("- ")]
    return [line[2:] for line in diff if line.startswith("+ ")]


def test_a_missing_key_goes_after_the_last_value_and_before_its_comment() -> None:
    t = text(MANIFEST)
    listing.add_path(t, "tuned", "notice", "NOTICE", "m.yaml")
    assert added_lines(MANIFEST, t.content) == ["      notice: NOTICE"]
    lines = t.content.splitlines()
    assert lines.index("      notice: NOTICE") < lines.index("      # a comment after the last key")
    data = yaml.safe_load(t.content)
    assert data["components"][1]["attribution"]["notice"] == "NOTICE"


def test_a_scalar_becomes_a_list_in_its_own_quoting() -> None:
    t = text(MANIFEST)
    listing.add_path(t, "tuned", "agreement", "LICENSES/LLAMA-3.1.txt", "m.yaml")
    line = '      agreement: ["hub/LICENSE", LICENSES/LLAMA-3.1.txt]   # quoted, with a comment'
    assert line in t.content.splitlines()


def test_a_block_list_gets_one_more_item() -> None:
    t = text(MANIFEST)
    listing.add_path(t, "tuned", "built_with_llama", "docs/about.md", "m.yaml")
    assert added_lines(MANIFEST, t.content) == ["        - docs/about.md"]
    data = yaml.safe_load(t.content)
    assert data["components"][1]["attribution"]["built_with_llama"] == [
        "README.md",
        "docs/about.md",
    ]


def test_a_component_without_attribution_gets_the_block() -> None:
    t = text(MANIFEST)
    listing.add_path(t, "base", "notice", "NOTICE", "m.yaml")
    assert added_lines(MANIFEST, t.content) == ["    attribution:", "      notice: NOTICE"]
    assert yaml.safe_load(t.content)["components"][0]["attribution"] == {"notice": "NOTICE"}


def test_flow_style_components_and_unknown_ids_are_refused() -> None:
    with pytest.raises(Refused, match="flow style"):
        listing.add_path(text(MANIFEST), "flow", "notice", "NOTICE", "m.yaml")
    with pytest.raises(Refused, match="no component ghost"):
        listing.add_path(text(MANIFEST), "ghost", "notice", "NOTICE", "m.yaml")


def test_crlf_manifests_get_crlf_lines() -> None:
    crlf = MANIFEST.replace("\n", "\r\n")
    t = text(crlf, "\r\n")
    listing.add_path(t, "tuned", "notice", "NOTICE", "m.yaml")
    assert "      notice: NOTICE\r\n" in t.content
    assert "\n" not in t.content.replace("\r\n", "")


def test_a_path_that_needs_quoting_is_quoted_by_the_emitter() -> None:
    t = text(MANIFEST)
    listing.add_path(t, "base", "notice", "docs/a: b #c.txt", "m.yaml")
    assert yaml.safe_load(t.content)["components"][0]["attribution"]["notice"] == "docs/a: b #c.txt"


CARD = """\
---
# the card's own comment
language: [en]
license: "apache-2.0"   # wrong for a Llama fine-tune
base_model:
- meta-llama/Llama-3.1-8B
tags:
  - llama
---

# Acme 8B

Body text stays.
"""


def test_the_card_license_is_replaced_in_its_quoting_and_nothing_else() -> None:
    t = text(CARD)
    frontmatter.set_license(t, "llama3.1", "README.md")
    assert t.content == CARD.replace('"apache-2.0"', '"llama3.1"')


def test_other_with_name_and_link_becomes_the_hub_id() -> None:
    card = (
        "---\r\nlicense: other\r\nlicense_name: acme\r\nlicense_link: LICENSE\r\n"
        "tags: [x]\r\n---\r\nBody\r\n"
    )
    t = text(card, "\r\n")
    frontmatter.set_license(t, "llama3.1", "README.md")
    assert t.content == "---\r\nlicense: llama3.1\r\ntags: [x]\r\n---\r\nBody\r\n"


@pytest.mark.parametrize(
    ("card", "reason"),
    [
        ("# no front matter\n", "no YAML front matter"),
        ("---\nlicense: mit\n", "no closing"),
        ("---\ntags: [a]\n---\n", "no license"),
        ("---\nlicense: [mit, apache-2.0]\n---\n", "several licenses"),
        ("---\nlicense: >\n  mit\n---\n", "one-line value"),
    ],
)
def test_cards_it_cannot_edit_exactly_are_left_alone(card: str, reason: str) -> None:
    t = text(card)
    with pytest.raises(Refused, match=reason):
        frontmatter.set_license(t, "llama3.1", "README.md")
    assert t.content == card


KEYS = st.sampled_from(["notice", "agreement", "built_with_llama", "ai_disclosure"])
PATHS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
)


@settings(max_examples=60, deadline=None)
@given(kind=KEYS, path=PATHS, component=st.sampled_from(["base", "tuned"]))
def test_listing_keeps_the_other_lines_and_parses_to_the_intended_data(
    kind: str, path: str, component: str
) -> None:
    t = text(MANIFEST)
    listing.add_path(t, component, kind, path, "m.yaml")
    before = yaml.safe_load(MANIFEST)
    after = yaml.safe_load(t.content)
    index = ["base", "tuned"].index(component)
    old = before["components"][index].get("attribution", {}).get(kind)
    new = after["components"][index]["attribution"][kind]
    expected = [path] if old is None else ([old] if isinstance(old, str) else old) + [path]
    assert (new if isinstance(new, list) else [new]) == expected
    after["components"][index]["attribution"].pop(kind)
    before["components"][index].setdefault("attribution", {}).pop(kind, None)
    if not before["components"][index]["attribution"]:
        before["components"][index].pop("attribution")
        after["components"][index].pop("attribution")
    assert after == before
    # every line of the original is still there, in order
    remaining = iter(t.content.splitlines())
    for line in MANIFEST.splitlines():
        if kind == "agreement" and component == "tuned" and line.startswith("      agreement:"):
            continue
        assert any(candidate == line for candidate in remaining), line


def test_a_quoted_key_and_a_single_quoted_value_keep_their_quoting() -> None:
    card = "---\n\"license\": 'apache-2.0'\n'base_model': meta-llama/Llama-3.1-8B\n---\nBody\n"
    t = text(card)
    frontmatter.set_license(t, "llama3.1", "README.md")
    assert t.content == card.replace("'apache-2.0'", "'llama3.1'")
