"""The predicate language: each operator alone, three-valued logic, RE2, and rule-loading errors."""

from __future__ import annotations

import itertools
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import llamalicense
from llamalicense.api import lineage_of
from llamalicense.catalog.data import license_versions, rules_dir
from llamalicense.errors import RuleError
from llamalicense.evidence.reader import EvidenceReader
from llamalicense.policy.comparisons import MAX_PATTERN
from llamalicense.policy.explanation import Explanation, Missing
from llamalicense.policy.facts import RuleContext
from llamalicense.policy.predicates import Evaluator, compile_predicate
from llamalicense.policy.rules import _check_fact, load_rule

UNKNOWN = Missing("not stated")
TRUTH = {True: True, False: False, None: UNKNOWN}


@dataclass
class FakeContext:
    """A tiny world: facts per component, relations between them, canned evidence answers."""

    component_id: str
    facts: dict[str, dict[str, Any]]
    relations: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    evidence: tuple[bool | None, str] = (True, "looks fine")
    calls: list[tuple[str, tuple[str, ...], Any]] = field(default_factory=list)

    def fact(self, name: str) -> Any:
        return self.facts[self.component_id].get(name, UNKNOWN)

    def related(self, relation: str) -> list[str]:
        return self.relations.get(self.component_id, {}).get(relation, [])

    def switch(self, component_id: str) -> FakeContext:
        return FakeContext(component_id, self.facts, self.relations, self.evidence, self.calls)

    def agreement_copy(self, paths: tuple[str, ...]) -> tuple[bool | None, str]:
        self.calls.append(("agreement_copy", paths, None))
        return self.evidence

    def shows_text(
        self, paths: tuple[str, ...], text: str, exact_case: bool
    ) -> tuple[bool | None, str]:
        self.calls.append(("shows_text", paths, (text, exact_case)))
        return self.evidence


def _any_fact(name: str, where: str) -> None:
    del name, where


def compile_(raw: Any) -> Evaluator:
    return compile_predicate(raw, "$.require", _any_fact)


def run(raw: Any, **facts: Any) -> Explanation:
    return compile_(raw)(
        FakeContext("c", {"c": {k.replace("__", "."): v for k, v in facts.items()}})
    )


def leaf(name: str) -> dict[str, Any]:
    return {"fact": name, "eq": True}


# -- three-valued logic -------------------------------------------------------------------

VALUES = (True, False, None)


def _kleene_and(values: tuple[bool | None, ...]) -> bool | None:
    if False in values:
        return False
    return None if None in values else True


def _kleene_or(values: tuple[bool | None, ...]) -> bool | None:
    if True in values:
        return True
    return None if None in values else False


@pytest.mark.parametrize("values", list(itertools.product(VALUES, repeat=3)))
def test_all_and_any_follow_kleene_logic(values: tuple[bool | None, ...]) -> None:
    facts = {f"f{i}": TRUTH[v] for i, v in enumerate(values)}
    ctx = FakeContext("c", {"c": facts})
    leaves = [leaf(f"f{i}") for i in range(3)]
    assert compile_({"all": leaves})(ctx).result is _kleene_and(values)
    assert compile_({"any": leaves})(ctx).result is _kleene_or(values)


@pytest.mark.parametrize(("value", "negated"), [(True, False), (False, True), (None, None)])
def test_not_keeps_unknown_unknown(value: bool | None, negated: bool | None) -> None:
    result = run({"not": leaf("f")}, f=TRUTH[value])
    assert result.result is negated
    assert result.op == "not"
    assert len(result.children) == 1


def test_all_stops_at_the_first_failing_condition() -> None:
    result = run({"all": [leaf("a"), leaf("b"), leaf("c")]}, a=True, b=False, c=UNKNOWN)
    assert result.result is False
    assert [child.result for child in result.children] == [True, False]


def test_any_stops_at_the_first_holding_condition() -> None:
    result = run({"any": [leaf("a"), leaf("b"), leaf("c")]}, a=UNKNOWN, b=True, c=False)
    assert result.result is True
    assert [child.result for child in result.children] == [None, True]


def test_deciding_reason_points_at_the_condition_that_decided() -> None:
    result = run(
        {"all": [leaf("a"), {"fact": "name", "startswith": "Llama"}]}, a=True, name="Acme-8B"
    )
    assert result.result is False
    assert result.deciding_reason() == "name is 'Acme-8B'"
    unknown = run({"all": [leaf("a"), leaf("b")]}, a=True, b=Missing("say `b` please"))
    assert unknown.deciding_reason() == "say `b` please"


def test_explanation_tree_serialises_with_values() -> None:
    result = run({"all": [{"fact": "n", "gt": 3}, {"not": leaf("f")}]}, n=5, f=False)
    tree = result.to_dict()
    assert tree["op"] == "all"
    assert tree["result"] is True
    first, second = tree["children"]
    assert first == {"op": "n gt 3", "result": True, "detail": "n is 5", "values": {"n": 5}}
    assert second["op"] == "not"
    assert second["children"][0]["values"] == {"f": False}
    unknown = run({"fact": "n", "gt": 3}, n=UNKNOWN).to_dict()
    assert unknown["result"] is None
    assert unknown["values"] == {"n": None}
    lines = result.lines()
    assert lines[0].startswith("✔ all")
    assert lines[1] == "  ✔ n gt 3: n is 5"


# -- comparisons --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value", "expected"),
    [
        ({"eq": "model"}, "model", True),
        ({"eq": "model"}, "Model", False),
        ({"eq": "model", "ignore_case": True}, "MODEL", True),
        ({"eq": True}, True, True),
        ({"ne": "hosted"}, "copies", True),
        ({"ne": "hosted"}, "hosted", False),
        ({"lt": 10}, 9, True),
        ({"lt": 10}, 10, False),
        ({"le": 700_000_000}, 700_000_000, True),
        ({"le": 700_000_000}, 700_000_001, False),
        ({"gt": 700_000_000}, 700_000_001, True),
        ({"gt": 700_000_000}, 700_000_000, False),
        ({"ge": 2.5}, 2.5, True),
        ({"ge": 2.5}, 2.4, False),
        ({"gt": 0}, "5", False),  # a string is not a number: no silent coercion
        ({"gt": 0}, True, False),  # nor is a boolean
        ({"in": ["finetune", "adapter"]}, "adapter", True),
        ({"in": ["finetune", "adapter"]}, "merge", False),
        ({"in": ["US", "FR"], "ignore_case": True}, "fr", True),
        ({"contains": "merge"}, ("finetune", "merge"), True),
        ({"contains": "merge"}, ("finetune",), False),
        ({"contains": "Llama"}, "Built with Llama", True),
        ({"contains": "llama", "ignore_case": True}, "Built with LLAMA", True),
        ({"contains": "MERGE", "ignore_case": True}, ["merge"], True),
        ({"contains": "x"}, 5, False),
        ({"startswith": "Llama"}, "Llama-Acme-8B", True),
        ({"startswith": "Llama"}, "llama-acme-8b", False),
        ({"startswith": "Llama", "ignore_case": True}, "LLAMA-acme", True),
        ({"startswith": "Llama"}, 42, False),
        ({"matches": "^Llama-[0-9.]+-"}, "Llama-3.1-Acme", True),
        ({"matches": "^Llama-[0-9.]+-"}, "Acme-Llama-3.1-", False),
        ({"matches": "acme", "ignore_case": True}, "Llama-ACME", True),
        ({"matches": "acme"}, "Llama-ACME", False),
        ({"matches": "."}, ["a"], False),  # only strings match
        ({"exists": True}, "x", True),
        ({"exists": True}, None, False),
        ({"exists": True}, (), False),
        ({"exists": True}, "", False),
        ({"exists": True}, UNKNOWN, False),
        ({"exists": False}, UNKNOWN, True),
        ({"exists": False}, ("NOTICE",), False),
    ],
)
def test_comparison(raw: dict[str, Any], value: Any, expected: bool) -> None:
    result = run({"fact": "x", **raw}, x=value)
    assert result.result is expected
    assert result.values == {"x": value}


@pytest.mark.parametrize(
    "raw",
    [
        {"eq": 1},
        {"ne": 1},
        {"lt": 1},
        {"le": 1},
        {"gt": 1},
        {"ge": 1},
        {"in": [1]},
        {"contains": "a"},
        {"startswith": "a"},
        {"matches": "a"},
    ],
)
def test_comparisons_on_a_missing_fact_are_unknown(raw: dict[str, Any]) -> None:
    result = run({"fact": "x", **raw}, x=Missing("the manifest does not say `x`"))
    assert result.result is None
    assert result.detail == "the manifest does not say `x`"


def test_matches_uses_re2_and_a_pathological_pattern_finishes_fast() -> None:
    evaluate = compile_({"fact": "x", "matches": "(a+)+$"})
    text = "a" * 200_000 + "!"
    start = time.perf_counter()
    result = evaluate(FakeContext("c", {"c": {"x": text}}))
    elapsed = time.perf_counter() - start
    assert result.result is False
    assert elapsed < 0.5, f"took {elapsed:.2f}s"
    evil = compile_({"fact": "x", "matches": "^(a|aa)+$"})
    start = time.perf_counter()
    assert evil(FakeContext("c", {"c": {"x": text}})).result is False
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(
    "pattern", [r"(a)\1", r"foo(?=bar)", r"(?<!x)y", "(unclosed", "a" * (MAX_PATTERN + 1)]
)
def test_patterns_re2_cannot_run_are_rule_errors(pattern: str) -> None:
    with pytest.raises(RuleError) as info:
        compile_({"fact": "x", "matches": pattern})
    assert info.value.json_path == "$.require.matches"
    assert "b'" not in info.value.message  # RE2's bytes message is decoded


# -- graph quantifiers --------------------------------------------------------------------

WORLD = {
    "app": {"type": "product", "distributed": False},
    "ft": {"type": "model", "distributed": True},
    "base": {"type": "model", "distributed": False},
    "data": {"type": "dataset", "distributed": UNKNOWN},
}
RELATIONS = {
    "app": {"depends_on": ["base", "ft"], "lineage": ["ft"]},
    "ft": {"depends_on": ["base"], "dependents": ["app", "data"], "contained_in": ["app"]},
    "base": {"dependents": ["app", "data", "ft"]},
}


def quantify(relation: str, mode: str, component: str, raw: dict[str, Any]) -> Explanation:
    evaluate = compile_({relation: {mode: raw}})
    return evaluate(FakeContext(component, WORLD, RELATIONS))


@pytest.mark.parametrize(
    ("relation", "mode", "component", "expected"),
    [
        ("depends_on", "any", "app", True),
        ("depends_on", "all", "app", False),
        ("depends_on", "none", "app", False),
        ("depends_on", "any", "ft", False),
        ("depends_on", "none", "ft", True),
        ("depends_on", "any", "base", False),  # nothing to look at
        ("depends_on", "all", "base", True),
        ("depends_on", "none", "base", True),
        ("dependents", "any", "ft", None),  # app: no; data: unknown
        ("dependents", "none", "ft", None),
        ("dependents", "any", "base", True),  # ft is distributed
        ("dependents", "all", "base", False),
        ("contained_in", "all", "ft", False),
        ("contained_in", "any", "base", False),
        ("lineage", "any", "app", True),
        ("lineage", "all", "app", True),
    ],
)
def test_quantifiers(relation: str, mode: str, component: str, expected: bool | None) -> None:
    result = quantify(relation, mode, component, {"fact": "distributed", "eq": True})
    assert result.result is expected
    assert result.op == relation
    assert result.values["components"] == RELATIONS.get(component, {}).get(relation, [])


def test_quantifier_explains_which_components_held() -> None:
    result = quantify("dependents", "any", "base", {"fact": "type", "eq": "model"})
    assert result.result is True
    assert "holds for: ft" in result.detail
    assert all(child.result is True for child in result.children)


def test_quantifier_switches_the_component_under_evaluation() -> None:
    result = quantify("dependents", "all", "base", {"fact": "type", "in": ["model", "product"]})
    assert result.result is False
    assert [child.values for child in result.children] == [{"type": "dataset"}]


# -- evidence operators -------------------------------------------------------------------


@pytest.mark.parametrize("answer", [(True, "complete copy"), (False, "a stub"), (None, "a URL")])
def test_agreement_copy_asks_the_context_with_the_listed_paths(
    answer: tuple[bool | None, str],
) -> None:
    ctx = FakeContext("c", {"c": {"attribution.agreement": ("LICENSE", "docs/L.txt")}})
    ctx.evidence = answer
    result = compile_({"agreement_copy": {"paths": "attribution.agreement"}})(ctx)
    assert (result.result, result.detail) == answer
    assert ctx.calls == [("agreement_copy", ("LICENSE", "docs/L.txt"), None)]
    assert result.values == {"attribution.agreement": ("LICENSE", "docs/L.txt")}


def test_shows_text_passes_text_case_and_paths() -> None:
    ctx = FakeContext("c", {"c": {"attribution.notice": "NOTICE"}})
    ctx.evidence = (None, "found only with different capitals")
    raw = {"shows_text": {"paths": "attribution.notice", "text": "Built with Llama"}}
    result = compile_(raw)(ctx)
    assert result.result is None
    assert result.detail == "found only with different capitals"
    assert ctx.calls == [("shows_text", ("NOTICE",), ("Built with Llama", True))]
    raw["shows_text"]["exact_case"] = False
    compile_(raw)(ctx)
    assert ctx.calls[-1] == ("shows_text", ("NOTICE",), ("Built with Llama", False))


def test_evidence_operators_with_a_missing_fact_pass_no_paths() -> None:
    ctx = FakeContext("c", {"c": {}})
    compile_({"agreement_copy": {"paths": "attribution.agreement"}})(ctx)
    assert ctx.calls == [("agreement_copy", (), None)]


# -- compile-time errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "json_path", "message"),
    [
        ({"frobnicate": [leaf("a")]}, "$.require", "unknown operator 'frobnicate'"),
        ({"all": [leaf("a"), {"nope": 1}]}, "$.require.all[1]", "unknown operator 'nope'"),
        ({"all": []}, "$.require.all", "non-empty list"),
        ({"any": leaf("a")}, "$.require.any", "non-empty list"),
        ({"all": [leaf("a")], "any": [leaf("b")]}, "$.require", "exactly one operator"),
        ("component.distributed", "$.require", "must be a mapping"),
        ({}, "$.require", "must be a mapping"),
        ({"fact": "x", "eq": 1, "ne": 2}, "$.require", "a comparison needs"),
        ({"fact": "x", "eqq": 1}, "$.require", "a comparison needs"),
        ({"fact": "x"}, "$.require", "a comparison needs"),
        ({"fact": 3, "eq": 1}, "$.require.fact", "`fact` must be a fact name"),
        ({"fact": "x", "eq": 1, "ignore_case": "yes"}, "$.require.ignore_case", "true or false"),
        ({"fact": "x", "lt": "10"}, "$.require.lt", "compares with a number"),
        ({"fact": "x", "ge": True}, "$.require.ge", "compares with a number"),
        ({"fact": "x", "in": "abc"}, "$.require.in", "takes a list"),
        ({"fact": "x", "startswith": 3}, "$.require.startswith", "takes a string"),
        ({"fact": "x", "exists": "yes"}, "$.require.exists", "true or false"),
        ({"fact": "x", "matches": 3}, "$.require.matches", "takes a pattern"),
        ({"lineage": {"some": leaf("a")}}, "$.require.lineage", "one of any:, all:, none:"),
        ({"depends_on": [leaf("a")]}, "$.require.depends_on", "one of any:, all:, none:"),
        (
            {"contained_in": {"any": {"bogus": 1}}},
            "$.require.contained_in.any",
            "unknown operator 'bogus'",
        ),
        ({"agreement_copy": {}}, "$.require.agreement_copy", "expected `paths:`"),
        (
            {"agreement_copy": {"paths": "attribution.agreement", "x": 1}},
            "$.require.agreement_copy",
            "takes only `paths`",
        ),
        (
            {"shows_text": {"paths": "attribution.notice"}},
            "$.require.shows_text",
            "takes `paths`, `text`",
        ),
        (
            {"shows_text": {"paths": "attribution.notice", "text": "  "}},
            "$.require.shows_text",
            "takes `paths`, `text`",
        ),
        (
            {"shows_text": {"paths": "attribution.notice", "text": "x", "exact_case": 1}},
            "$.require.shows_text.exact_case",
            "true or false",
        ),
    ],
)
def test_compile_errors_name_the_json_path(raw: Any, json_path: str, message: str) -> None:
    with pytest.raises(RuleError) as info:
        compile_(raw)
    assert info.value.json_path == json_path
    assert message in info.value.message


def test_unknown_facts_are_caught_at_compile_time() -> None:
    seen: list[tuple[str, str]] = []

    def check_fact(name: str, where: str) -> None:
        seen.append((name, where))
        if name != "known":
            raise RuleError(f"unknown fact {name!r}", json_path=where)

    raw = {"any": [{"fact": "known", "eq": 1}, {"dependents": {"all": {"fact": "typo", "eq": 1}}}]}
    with pytest.raises(RuleError) as info:
        compile_predicate(raw, "$.applies_to", check_fact)
    assert info.value.json_path == "$.applies_to.any[1].dependents.all.fact"
    assert seen == [("known", "$.applies_to.any[0].fact"), ("typo", info.value.json_path)]


# -- rule files: loading errors name the file, line and JSON path --------------------------

# A rule in the one-rule form (as an organisation writes one): the shipped Llama 3.1 rule
# before it was written once for all versions in rules/obligations/model-name.yaml.
MODEL_NAME = Path(__file__).resolve().parent.parent / "data" / "rules" / "model-name.yaml"


def _rule_error(tmp_path: Path, old: str, new: str) -> RuleError:
    text = MODEL_NAME.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "model-name.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rule(path)
    return info.value


def _line_of(tmp_path: Path, marker: str) -> int:
    lines = (tmp_path / "model-name.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if marker in line)


def test_the_unmodified_rule_loads(tmp_path: Path) -> None:
    path = tmp_path / "model-name.yaml"
    path.write_text(MODEL_NAME.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_rule(path).id == "LLAMA-3.1-MODEL-NAME"


@pytest.mark.parametrize(
    ("old", "new", "json_path", "message", "marker"),
    [
        (
            "- {fact: component.type, eq: model}",
            "- {fact: component.type, equals: model}",
            "$.applies_to.all[0]",
            "a comparison needs `fact` and one of",
            "equals: model",
        ),
        (
            "- {fact: component.type, eq: model}",
            "- {frobnicate: {fact: component.type, eq: model}}",
            "$.applies_to.all[0]",
            "unknown operator 'frobnicate'",
            "frobnicate",
        ),
        (
            "- {fact: component.type, eq: model}",
            "- {fact: component.typ, eq: model}",
            "$.applies_to.all[0].fact",
            "unknown fact 'component.typ'",
            "component.typ,",
        ),
        (
            "  {fact: component.name_base, startswith: Llama}",
            "  {fact: component.name_base, matches: '^(Llama'}",
            "$.require.matches",
            "invalid pattern '^(Llama'",
            "matches: '^(Llama'",
        ),
        (
            "you shall also include",
            "you should also include",
            "$.quote",
            "the quote is not verbatim from the llama-3.1 agreement",
            "quote: >-",
        ),
        (
            "severity: error",
            "severity: error\nseverty: high",
            "$.severty",
            "unknown field 'severty'",
            "severty",
        ),
        (
            "severity: error",
            "severity: catastrophic",
            "$.severity",
            "'catastrophic' is not allowed; expected one of",
            "severity: catastrophic",
        ),
        (
            "  made available as {component.name}, a name",
            "  made available as {component.nmae}, a name",
            "$.message",
            "unknown fact {component.nmae} in message",
            "message: >-",
        ),
    ],
    ids=[
        "unknown-comparison",
        "unknown-operator",
        "unknown-fact",
        "bad-regex",
        "misquote",
        "unknown-field",
        "bad-enum",
        "unknown-fact-in-message",
    ],
)
def test_rule_loading_errors(
    tmp_path: Path, old: str, new: str, json_path: str, message: str, marker: str
) -> None:
    error = _rule_error(tmp_path, old, new)
    assert error.file == str(tmp_path / "model-name.yaml")
    assert error.json_path == json_path
    assert message in error.message
    assert error.line == _line_of(tmp_path, marker)
    rendered = error.render()
    assert rendered.startswith(f"{tmp_path / 'model-name.yaml'}:{error.line}")
    assert f"at: {json_path}" in rendered


def test_rule_schema_errors_come_in_document_order(tmp_path: Path) -> None:
    # Three errors (an unknown field first, an unknown operator, a bad severity last): the
    # one worder (jsonschema-rs's errors) reports the first as the file reads.
    text = MODEL_NAME.read_text(encoding="utf-8")
    text = text.replace("clause: 1.b.i", "clause: 1.b.i\nclaus: 1.b.i", 1)
    text = text.replace("- {fact: component.type, eq: model}", "- {alll: []}", 1)
    text = text.replace("severity: error", "severity: catastrophic", 1)
    path = tmp_path / "model-name.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rule(path)
    assert info.value.message == "unknown field 'claus'"
    assert info.value.line == 4
    assert (info.value.hint or "").startswith("did you mean 'clause'?")
    path.write_text(text.replace("claus: 1.b.i\n", ""), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rule(path)
    assert info.value.message == "'catastrophic' is not allowed; expected one of: " + (
        '"error", "warning", "note"'
    )
    path.write_text(
        text.replace("claus: 1.b.i\n", "").replace("catastrophic", "error"), encoding="utf-8"
    )
    with pytest.raises(RuleError) as info:
        load_rule(path)
    assert info.value.message == "unknown operator 'alll'"
    assert info.value.json_path == "$.applies_to.all[0]"
    assert (info.value.hint or "").startswith("did you mean 'all'?")


def test_unknown_rule_field_suggests_the_right_one(tmp_path: Path) -> None:
    error = _rule_error(tmp_path, "severity: error", "severity: error\nseverty: high")
    assert "did you mean 'severity'?" in (error.hint or "")


def test_a_bad_rule_pack_is_a_cli_usage_error(tmp_path: Path) -> None:
    _rule_error(tmp_path, "you shall also include", "you should also include")
    result = subprocess.run(
        [sys.executable, "-m", "llamalicense", "rules", "list", "--rules", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "model-name.yaml" in result.stderr
    assert "at: $.quote" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# -- evidence operators on real files ------------------------------------------------------

AGREEMENT_31 = rules_dir() / "licenses" / "llama-3.1" / "LICENSE.txt"
NOTICE_SENTENCE = (
    "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta "
    "Platforms, Inc. All Rights Reserved."
)


def _context(tmp_path: Path, attribution: dict[str, Any]) -> RuleContext:
    manifest = {
        "version": 1,
        "components": [
            {"id": "base", "type": "model", "ref": "meta-llama/Llama-3.1-8B"},
            {
                "id": "ft",
                "type": "model",
                "derived_from": [{"id": "base", "relation": "finetune"}],
                "distributed": True,
                "attribution": attribution,
            },
        ],
    }
    project = llamalicense.load_project(manifest, root=tmp_path)
    version = license_versions()["llama-3.1"]
    return RuleContext(project, lineage_of(project), EvidenceReader(tmp_path), version, "ft")


def _real(tmp_path: Path, files: dict[str, str], raw: dict[str, Any], key: str) -> Explanation:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    ctx = _context(tmp_path, {key: sorted(files) or ["https://acme.example/x"]})
    return compile_predicate(raw, "$.require", _check_fact)(ctx)


AGREEMENT = {"agreement_copy": {"paths": "attribution.agreement"}}


def test_agreement_copy_ignores_whitespace_and_line_wrapping(tmp_path: Path) -> None:
    words = AGREEMENT_31.read_text(encoding="utf-8").split()
    rewrapped = "\n".join(" ".join(words[i : i + 7]) for i in range(0, len(words), 7))
    result = _real(tmp_path, {"LICENSE.txt": rewrapped}, AGREEMENT, "agreement")
    assert result.result is True
    assert "complete copy" in result.detail


def test_agreement_copy_rejects_a_truncated_copy_and_another_version(tmp_path: Path) -> None:
    text = AGREEMENT_31.read_text(encoding="utf-8")
    stub = _real(tmp_path / "a", {"LICENSE.txt": text[: len(text) // 3]}, AGREEMENT, "agreement")
    assert stub.result is False
    llama2 = (rules_dir() / "licenses" / "llama-2" / "LICENSE.txt").read_text(encoding="utf-8")
    other = _real(tmp_path / "b", {"LICENSE.txt": llama2}, AGREEMENT, "agreement")
    assert other.result is False
    assert "Llama 2" in other.detail


def test_agreement_copy_given_only_as_a_url_needs_review(tmp_path: Path) -> None:
    result = _real(tmp_path, {}, AGREEMENT, "agreement")
    assert result.result is None
    assert "not fetched" in result.detail


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# About\n\n**Built with Llama**\n", True),
        ("<p>We are <b>Built with</b> <i>Llama</i>.</p>\n", True),
        ("Proudly built\nwith Llama.\n", None),  # other capitals: a person should look
        ("Built with Mistral\n", False),
    ],
)
def test_shows_text_is_markup_aware(tmp_path: Path, text: str, expected: bool | None) -> None:
    raw = {"shows_text": {"paths": "attribution.built_with_llama", "text": "Built with Llama"}}
    result = _real(tmp_path, {"docs/about.md": text}, raw, "built_with_llama")
    assert result.result is expected


@pytest.mark.parametrize(
    "sentence",
    [NOTICE_SENTENCE, NOTICE_SENTENCE.replace("©", "(c)"), NOTICE_SENTENCE.replace("©", "(C)")],
)
def test_shows_text_treats_copyright_signs_alike(tmp_path: Path, sentence: str) -> None:
    raw = {"shows_text": {"paths": "attribution.notice", "text": NOTICE_SENTENCE}}
    result = _real(tmp_path, {"NOTICE": f"Acme\n\n{sentence}\n"}, raw, "notice")
    assert result.result is True
    assert "NOTICE:3" in result.detail


def test_an_unreadable_evidence_path_needs_review(tmp_path: Path) -> None:
    name = "a" * 300  # longer than a file name may be: the OS refuses to look it up
    ctx = _context(tmp_path, {"agreement": name, "notice": name})
    for raw in (AGREEMENT, {"shows_text": {"paths": "attribution.notice", "text": "x"}}):
        result = compile_predicate(raw, "$.require", _check_fact)(ctx)
        assert result.result is None
        assert "cannot read" in result.detail
