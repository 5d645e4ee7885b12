"""The AUP rule data: verbatim item texts, coverage per version, and loader errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from llamalicense.aup import classify, pattern_hash, versions
from llamalicense.aup.rules import item_texts, load_version, rules_dir
from llamalicense.documents.loader import load_file
from llamalicense.errors import InputError, RuleError

ROOT = Path(__file__).resolve().parents[2]
LEAVES_OLD = [
    "1.a.i", "1.a.ii", "1.a.iii", "1.a.iv", "1.a.v", "1.a.vi",
    "1.b", "1.c", "1.d", "1.e", "1.f", "1.g",
    "2.a", "2.b", "2.c", "2.d", "2.e", "2.f",
    "3.a", "3.b", "3.c", "3.d", "3.e", "3.f", "4",
]  # fmt: skip
NEW_ONLY = {"1.h", "5"}
ALL_VERSIONS = ("llama-2", "llama-3", "llama-3.1", "llama-3.2", "llama-3.3", "llama-4")


def normalise_policy(markdown: str) -> str:
    """Markdown AUP text without list markers, bold marks and escapes, spaces collapsed."""
    lines = []
    for line in markdown.splitlines():
        stripped = line.strip()
        for marker in ("* ", "- "):
            if stripped.startswith(marker):
                stripped = stripped[len(marker) :]
        head, dot, rest = stripped.partition(". ")
        if dot and head.isdigit():
            stripped = rest
        lines.append(stripped.replace("**", "").replace("\\_", "_"))
    return " ".join(" ".join(lines).split())


def test_versions_are_the_six_policies() -> None:
    assert versions() == ALL_VERSIONS


@pytest.mark.parametrize("version", ALL_VERSIONS)
def test_item_texts_are_verbatim(version: str) -> None:
    rules = load_version(version)
    policy = normalise_policy((rules_dir() / rules.source).read_text(encoding="utf-8"))
    # The shipped policy is Meta's text byte for byte: tests/policy/test_quotes.py holds it to
    # the recorded digests.
    for item in rules.items:
        assert " ".join(item.text.split()) in policy, (version, item.id)
    for heading_id, text in rules.headings.items():
        assert " ".join(text.split()) in policy, (version, heading_id)


@pytest.mark.parametrize("version", ALL_VERSIONS)
def test_each_version_has_its_items_in_policy_order(version: str) -> None:
    ids = [item.id for item in load_version(version).items]
    expected = list(LEAVES_OLD)
    if version in ("llama-3.2", "llama-3.3", "llama-4"):
        expected.insert(expected.index("1.g") + 1, "1.h")
        expected.append("5")
    assert ids == expected


@pytest.mark.parametrize("version", ALL_VERSIONS)
def test_every_item_has_signals(version: str) -> None:
    for item in load_version(version).items:
        assert item.signals, (version, item.id)


def test_version_differences_follow_clauses_md() -> None:
    old, new = item_texts("llama-3.1"), item_texts("llama-3.2")
    assert "Biological Weapons Anti-Terrorism Act" in new["2.a"]
    assert "Biological Weapons" not in old["2.a"]
    assert old["1.e"].startswith("Collect, process, disclose, generate, or infer health")
    assert new["1.e"].startswith("Collect, process, disclose, generate, or infer private")
    assert NEW_ONLY.isdisjoint(old)
    assert set(new) >= NEW_ONLY
    assert "human generated" in item_texts("llama-4")["3.e"]
    assert "Llama 2 Materials" in item_texts("llama-2")["1.f"]


def test_bio_chem_signals_move_from_2b_to_2a() -> None:
    def group_items(version: str) -> set[str]:
        rules = load_version(version)
        return {i.id for i in rules.items for s in i.signals if "bio-chem" in s.key}

    assert group_items("llama-3.1") == {"2.b"}
    assert group_items("llama-3.2") == {"2.a"}


def test_item_ids_use_one_numbering() -> None:
    for version in ALL_VERSIONS:
        data = yaml.safe_load((rules_dir() / "aup" / f"{version}.yaml").read_text("utf-8"))
        assert data["version"] == version
        assert all(isinstance(entry["id"], str) for entry in data["items"])


def test_unknown_version_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown AUP version"):
        load_version("llama-9")
    with pytest.raises(InputError):
        pattern_hash("llama-9")


# -- loader errors on bad data --------------------------------------------------------


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A writable copy of the rules folder."""
    target = tmp_path / "rules"
    shutil.copytree(rules_dir() / "aup", target / "aup")
    return target


def _patch(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _load_error(root: Path, version: str = "llama-2") -> RuleError:
    with pytest.raises(RuleError) as caught:
        load_version(version, root)
    return caught.value


def test_duplicate_key_names_file_and_line(rules_copy: Path) -> None:
    path = rules_copy / "aup" / "llama-2.yaml"
    _patch(path, "version: llama-2\n", "version: llama-2\nversion: llama-2\n")
    error = _load_error(rules_copy)
    assert error.file == str(path)
    assert error.line == 7
    assert "duplicate key" in error.message


def test_bare_no_in_a_word_list_stays_a_word(rules_copy: Path) -> None:
    # The shared loader reads YAML 1.2 booleans: an unquoted `no` is the word, not false.
    path = rules_copy / "aup" / "patterns.yaml"
    _patch(path, 'negation_near: ["no",', "negation_near: [no,")
    data = load_file(path).data
    assert data["cues"]["negation_near"][0] == "no"


def test_a_number_in_a_word_list_is_caught(rules_copy: Path) -> None:
    path = rules_copy / "aup" / "patterns.yaml"
    _patch(path, 'negation_near: ["no",', "negation_near: [7,")
    error = _load_error(rules_copy)
    assert error.json_path == "$.cues.negation_near[0]"
    assert error.line is not None


def test_unknown_signal_key_gets_a_hint(rules_copy: Path) -> None:
    path = rules_copy / "aup" / "patterns.yaml"
    anchor = "      - name: terror-terms\n"
    _patch(path, anchor, anchor + "        strenght: weak\n")
    error = _load_error(rules_copy)
    assert error.json_path == '$.items["1.a.i"].signals[0].strenght'
    assert error.hint is not None
    assert "strength" in error.hint


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ('[{LEMMA: {REGEX: "bomb.*"}}]', "unknown key 'REGEX'"),
        ('[{LEMMA: bomb}, {OP: "*"}, {LEMMA: gun}]', "unsupported OP"),
        ("[{LEMMA: Bomb}]", "lower case"),
        ("[{POS: NOUN}]", "not supported here"),
        ('[{OP: "?"}]', "can match nothing"),
    ],
)
def test_bad_token_patterns_are_rejected(rules_copy: Path, pattern: str, message: str) -> None:
    path = rules_copy / "aup" / "patterns.yaml"
    anchor = "      - name: terror-terms\n"
    _patch(path, anchor, f"      - patterns: [{pattern}]\n" + anchor)
    error = _load_error(rules_copy)
    assert message in error.message
    assert error.file == str(path)
    assert error.json_path is not None
    assert error.json_path.startswith('$.items["1.a.i"].signals[0].patterns[0]')


def test_story_frame_flag_is_read_and_checked(rules_copy: Path) -> None:
    assert not load_version("llama-3.1").item("1.a.ii").story_frame
    assert load_version("llama-3.1").item("1.a.i").story_frame
    path = rules_copy / "aup" / "patterns.yaml"
    _patch(path, "    story_frame: false\n", "    story_frame: sometimes\n")
    error = _load_error(rules_copy)
    assert error.json_path == '$.items["1.a.ii"].story_frame'


def test_version_item_without_signals_is_an_error(rules_copy: Path) -> None:
    path = rules_copy / "aup" / "patterns.yaml"
    _patch(path, '  "1.a.v":\n', '  "1.a.x":\n')
    error = _load_error(rules_copy)
    assert "1.a.v has no signals" in error.message
    assert error.json_path == "$.items[4].id"


def test_mislabelled_version_file(rules_copy: Path) -> None:
    _patch(rules_copy / "aup" / "llama-3.yaml", "version: llama-3\n", "version: llama-2\n")
    error = _load_error(rules_copy, "llama-3")
    assert "named llama-3.yaml" in error.message


def test_unknown_signal_group(rules_copy: Path) -> None:
    _patch(rules_copy / "aup" / "llama-4.yaml", "[bio-chem-weapons]", "[bio-weapons]")
    error = _load_error(rules_copy, "llama-4")
    assert "unknown signal group" in error.message
    assert error.hint is not None
    assert "bio-chem-weapons" in error.hint


def test_organisation_patterns_are_checked_and_merged(tmp_path: Path) -> None:
    extra = tmp_path / "org.yaml"
    extra.write_text(
        "format: 1\nitems:\n  '3.c':\n    signals:\n      - phrases: [growth hacking blast]\n",
        encoding="utf-8",
    )
    rules = load_version("llama-3.1", extra=[extra])
    assert any(s.file == str(extra) for s in rules.item("3.c").signals)
    assert pattern_hash("llama-3.1", extra_patterns=[extra]) != pattern_hash("llama-3.1")

    extra.write_text("format: 1\nitems:\n  '9.z':\n    signals: []\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"no AUP version has an item 9\.z"):
        load_version("llama-3.1", extra=[extra])


def test_extra_patterns_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tmp_path / "org.yaml"
    extra.write_text("format: 1\ncues:\n  benign: [internal sandbox]\n", encoding="utf-8")
    before = pattern_hash("llama-4")
    monkeypatch.setenv("LLAMALICENSE_AUP_PATTERNS", str(extra))
    assert pattern_hash("llama-4") != before
    assert "internal sandbox" in load_version("llama-4").cues.get("benign")


def test_pattern_hash_is_stable_and_short() -> None:
    assert pattern_hash("llama-3.3") == pattern_hash("llama-3.3")
    assert pattern_hash("llama-3.3") != pattern_hash("llama-3.2")
    assert len(pattern_hash("llama-2")) == 16


def test_the_documented_organisation_file_works(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "aup.md").read_text(encoding="utf-8")
    start = doc.index("# acme-aup.yaml")
    block = doc[start : doc.index("```", start)]
    extra = tmp_path / "acme-aup.yaml"
    extra.write_text(block, encoding="utf-8")
    rules = load_version("llama-3.3", extra=[extra])
    assert "acme sandbox" in rules.cues.get("benign")
    found = classify(
        ["Our bot runs a growth blast to the whole team.", "It dials every number in the CRM."],
        "llama-3.3",
        use_cache=False,
        extra_patterns=[extra],
    )
    assert [(m.statement_index, m.item, m.status) for m in found] == [
        (0, "3.c", "violation"),
        (1, "3.c", "needs-review"),
    ]
