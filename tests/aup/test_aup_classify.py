"""The public classify() interface: statuses, spans, order, negation, kinds, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from llamalicense.aup import AupMatch, Span, classify
from llamalicense.errors import InputError


def run(*statements: str, version: str = "llama-3.1", kind: str = "use") -> list[AupMatch]:
    return classify(list(statements), version, kind=kind, use_cache=False)


def items(matches: list[AupMatch]) -> list[tuple[str, str]]:
    return [(m.item, m.status) for m in matches]


def test_affirmative_use_is_a_violation_with_evidence() -> None:
    text = "Our drones target enemy soldiers for the army."
    [match] = run(text)
    assert (match.item, match.status) == ("2.a", "violation")
    assert match.statement == text
    assert match.statement_index == 0
    assert match.item_text.startswith("Military, warfare, nuclear industries")
    assert match.reason.startswith("affirmative use: '")
    for span in match.spans:
        assert isinstance(span, Span)
        assert text[span.start : span.end] == span.text
    assert "target enemy" in match.spans[0].text


@pytest.mark.parametrize(
    "text",
    [
        "Not for military use.",
        "The assistant refuses to write malware.",
        "It must not be used to build weapons.",
        "Use for espionage is prohibited.",
        "Out of scope: phishing, spam and fake reviews.",
        "Requests for bomb-making instructions are blocked.",
        "We never generate fake reviews.",
        "Harassment is forbidden and excluded from the service.",
        "The model does not impersonate real people.",
        "Weapon design requests may not be served.",
        "Fake reviews may not be posted with this tool.",
        "The bot turns down any request to write as a real person.",
        "Jailbreaking the assistant is against our terms.",
        "No part of the app can be used to track a partner's location.",
        "The model is barred from running any part of the power grid.",
    ],
)
def test_negated_mentions_give_nothing(text: str) -> None:
    assert run(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Detects phishing emails and moves them to quarantine.",
        "Helps moderators handle harassment reports.",
        "Checks drug interactions for pharmacists.",
        "Teaches the history of warfare in ancient Greece.",
        "Writes product descriptions for a shop that sells kitchen knives.",
        "Summarises complaints from tenants who were harassed by their landlord.",
    ],
)
def test_protective_and_benign_contexts_give_nothing(text: str) -> None:
    assert run(text) == []


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("It may sometimes write phishing emails when asked cleverly.", "3.a"),
        ("Generates phishing emails for our authorized red-team exercises.", "3.a"),
        ("The assistant collects health data from wearables.", "1.e"),
        # A benign topic in another clause may be another thing the product does.
        ("Our bot writes ransomware for buyers; it also teaches history.", "1.g"),
    ],
)
def test_uncertain_uses_need_review(text: str, item: str) -> None:
    assert items(run(text)) == [(item, "needs-review")]


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Drafts a letter for a school whose pupils were sent abusive messages.", "1.b"),
        ("Answers questions from people affected by a terror attack.", "1.a.i"),
        ("Translates court judgments in cases of child sexual abuse.", "1.a.ii"),
        ("Drafts a complaint to the platform about a terror attack by another user.", "1.a.i"),
    ],
)
def test_someone_elses_act_needs_review(text: str, item: str) -> None:
    assert items(run(text, version="llama-3.2")) == [(item, "needs-review")]


def test_item_4_statement_that_users_are_not_told() -> None:
    [match] = run("Users are not told that the answers can be wrong.")
    assert (match.item, match.status) == ("4", "violation")
    assert run("We tell users clearly that the answers can be wrong.") == []
    assert run("We never hide the risks from users.") == []


def test_exclusion_lists_are_never_violations() -> None:
    lines = ["Military applications and weapons development.", "Generating spam."]
    assert run(*lines, kind="exclusion") == []


def test_out_of_scope_list_inside_a_use_statement() -> None:
    text = "Intended use: homework help.\nOut-of-scope uses:\n- military applications\n- spam"
    assert run(text) == []
    text = "Homework help.\nIt also writes ransomware for paying customers."
    assert items(run(text)) == [("1.g", "violation")]


def test_multi_sentence_offsets_point_into_the_statement() -> None:
    text = "We sell robot vacuums. Our bot writes ransomware on request."
    [match] = run(text)
    start = text.index("writes ransomware")
    assert any(s.start >= start and s.text in text for s in match.spans)
    assert all(text[s.start : s.end] == s.text for s in match.spans)


def test_results_are_sorted_and_deterministic() -> None:
    statements = [
        "Writes fake reviews and phishing emails.",
        "Answers questions about train times.",
        "Writes ransomware.",
    ]
    first = run(*statements)
    assert first == run(*statements)
    keys = [(m.statement_index, m.item, m.spans[0].start) for m in first]
    assert keys == sorted(keys)
    assert {m.statement_index for m in first} == {0, 2}
    assert [m.item for m in first if m.statement_index == 0] == ["3.a", "3.f"]


def test_duplicate_and_empty_statements() -> None:
    matches = run("Writes ransomware.", "", "   ", "Writes ransomware.")
    assert [m.statement_index for m in matches] == [0, 3]
    assert run() == []


def test_items_only_in_later_versions() -> None:
    text = "We publish an abliterated variant with the guardrails removed."
    assert "1.h" in {m.item for m in run(text, version="llama-3.2")}
    assert "1.h" not in {m.item for m in run(text, version="llama-3.1")}


def test_bio_weapons_fall_under_2a_from_3_2() -> None:
    text = "Gives a synthesis route for sarin from commercial precursors."
    assert items(run(text, version="llama-3.2")) == [("2.a", "violation")]
    assert items(run(text, version="llama-2")) == [("2.b", "violation")]


def test_bad_arguments_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown statement kind"):
        classify(["x"], "llama-4", kind="intended", use_cache=False)
    with pytest.raises(InputError, match="not one string"):
        classify("Writes malware.", "llama-4", use_cache=False)
    with pytest.raises(InputError, match="statement 1"):
        classify(["ok", 3], "llama-4", use_cache=False)  # type: ignore[list-item]
    with pytest.raises(InputError, match="unknown AUP version"):
        classify(["x"], "llama-5", cache_dir=tmp_path)


def test_classify_stays_a_function_after_use() -> None:
    import llamalicense.aup as aup

    run("Writes ransomware.")
    assert callable(aup.classify)
    assert aup.classify is classify
