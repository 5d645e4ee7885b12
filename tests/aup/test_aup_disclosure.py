"""AUP item 4 helper: does a disclosure document mention limitations or dangers?"""

from __future__ import annotations

from pathlib import Path

import pytest

from llamalicense.aup import disclosure_states_limitations
from llamalicense.aup.disclosure import load_rules, words
from llamalicense.errors import RuleError


@pytest.mark.parametrize(
    "text",
    [
        "This assistant is an AI and can make mistakes.",
        "Limitations: the model may produce inaccurate answers.",
        "It is not a substitute for professional medical advice.",
        "Known risks include hallucinated citations.",
        "Answers may be wrong or out of date; verify important information.",
        "# Dangers\nDo not rely on it for safety-critical decisions.",
        "Responses can be incorrect and may reflect biases in the training data.",
    ],
)
def test_mentions_of_limitations(text: str) -> None:
    assert disclosure_states_limitations(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "This product uses AI. Powered by Llama.",
        "Our assistant has no known limitations.",
        "Built with Llama. Contact support@example.com.",
        "The bot is available 24/7 without any risks.",
    ],
)
def test_texts_that_say_nothing_of_limitations(text: str) -> None:
    assert not disclosure_states_limitations(text)


def test_words_keep_apostrophes_and_prefix_marks() -> None:
    curly = "Don\u2019t rely on it \u2014 hallucinat* ok"
    assert words(curly) == ("don't", "rely", "on", "it", "hallucinat*", "ok")


def test_bad_disclosure_rules_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "disclosure.yaml"
    path.write_text("format: 1\nphrases: [ok]\ndenials: [7]\n", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_rules(path)
    assert caught.value.json_path == "$.denials[0]"
    assert caught.value.line == 3
