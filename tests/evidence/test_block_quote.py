"""A Notice sentence in a Markdown block quote over two lines is the Notice sentence."""

from __future__ import annotations

from pathlib import Path

from llamalicense.evidence.reader import EvidenceReader
from llamalicense.evidence.scanner import scan_text

QUOTED = (
    "# Licenses\n\n## Meta Llama 3\n\n### Required attribution\n\n"
    '> "Meta Llama 3 is licensed under the Meta Llama 3 Community License,\n'
    '> Copyright © Meta Platforms, Inc. All Rights Reserved."\n'
)


def test_the_scanner_reads_a_two_line_block_quote_as_one_sentence() -> None:
    (notice,) = scan_text(QUOTED).notices
    assert notice.status == "exact"
    assert notice.ok is True
    assert notice.line == 7
    assert ">" not in notice.text


def test_the_notice_rule_quotes_the_sentence_not_a_heading(tmp_path: Path) -> None:
    (tmp_path / "NOTICE.md").write_text(QUOTED, encoding="utf-8")
    judgement = EvidenceReader(tmp_path).contains_phrase(
        ("NOTICE.md",),
        "Meta Llama 3 is licensed under the Meta Llama 3 Community License, Copyright © Meta "
        "Platforms, Inc. All Rights Reserved.",
        exact_case=True,
    )
    assert judgement.value is True
    assert judgement.line == 7


def test_a_nested_quote_and_a_plain_quote_line() -> None:
    text = "> > Llama 3.2 is licensed under the Llama 3.2 Community License, Copyright © Meta\n"
    text += "> > Platforms, Inc. All Rights Reserved.\n"
    (notice,) = scan_text(text).notices
    assert notice.license == "llama-3.2"
    assert notice.ok is True
