"""The one function that makes text from input safe to print: :func:`clean`.

Everything the tool reads may come from a stranger's pull request (docs/security.md). A
name, a waiver's reason or a rule's title can hold a line break, an escape sequence or a
lone surrogate; printed raw, a line break followed by ``::error::`` is run by GitHub
Actions as a workflow command and ``ESC ]0;`` or ``ESC [2J`` drive the reader's terminal.
:func:`clean` writes every such character as a visible escape, so a value stays on its
own line and says what it holds. Every output format and every message on stderr passes
input text through it (the formats add their own quoting on top: markdown, XML, DOT).
:func:`excerpt` is :func:`clean` cut short, for error messages that quote a value.
"""

from __future__ import annotations

import re

# C0 controls but tab, DEL and C1 controls; the Unicode line and paragraph separators,
# the bidirectional overrides and isolates (which reorder what a reader sees), the BOM /
# zero-width no-break space; lone surrogates (which no UTF encoding can write) and the
# two noncharacters XML 1.0 forbids.
_UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufeff\ud800-\udfff\ufffe\uffff]"
)
# A GitHub workflow command is a line that starts (after blanks) with "::".
_COMMAND = re.compile(r"^([ \t]*):(?=:)")
EXCERPT = 60


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """``text`` with every control character, line break, bidirectional control and lone
    surrogate written as ``\\xNN`` / ``\\uNNNN``, and a leading ``::`` broken (``:\\x3a``),
    so it can neither start a line nor a workflow command, nor drive a terminal."""
    if text.isprintable() and not text.lstrip(" \t").startswith("::"):
        return text  # the common case, decided in C
    return _COMMAND.sub(r"\1\\x3a", _UNSAFE.sub(_escape, text))


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """A short, cleaned, quoted excerpt of ``value`` for an error message: never more than
    about ``limit`` characters of what the input held (a token file read by mistake must
    not end up whole in a public log)."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, int) and value.bit_length() > 4 * limit:  # repr() fails past
        text = f"<an integer of {value.bit_length()} bits>"  # 4,300 digits; none is needed
    else:
        text = repr(value)
    cut = len(text) > limit
    shown = clean(text[:limit])
    return f"'{shown}'" + (f"\u2026 ({len(text)} characters)" if cut else "")
