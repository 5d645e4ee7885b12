"""A model card's declared license, changed in its YAML front matter and nowhere else.

Only the ``license:`` value is replaced (in its own quoting style); a ``license_name`` and
``license_link``, which the Hub reads only beside ``license: other``, are removed when the
license becomes a Hub id. A card whose front matter this cannot edit exactly (no front
matter, a list of licenses, values over several lines) is left alone with the reason.
"""

from __future__ import annotations

import yaml

from llamalicense.tools.fix import yamledit
from llamalicense.tools.fix.files import Refused, Text

FENCE = "---"


def _front_matter(content: str, card: str) -> tuple[int, int]:
    """The start and end of the front matter's YAML inside the card."""
    first = content.split("\n", 1)[0].rstrip("\r")
    if first != FENCE:
        raise Refused(f"{card}: no YAML front matter to declare the license in")
    start = content.index("\n") + 1
    at = start
    while at < len(content):
        end = content.find("\n", at)
        line = content[at : len(content) if end < 0 else end].rstrip("\r")
        if line in (FENCE, "..."):
            return start, at
        if end < 0:
            break
        at = end + 1
    raise Refused(f"{card}: the front matter has no closing ---")


def set_license(text: Text, license_id: str, card: str) -> None:
    start, end = _front_matter(text.content, card)
    block = text.content[start:end]
    root = yamledit.compose(block, card)
    found = yamledit.get(root, "license")
    if found is None:
        raise Refused(f"{card}: the front matter has no license: to correct")
    value = found[1]
    if isinstance(value, yaml.SequenceNode):
        if len(value.value) != 1:
            raise Refused(f"{card}: the card declares several licenses; choose by hand")
        value = value.value[0]
    new = yamledit.replace_scalar(block, value, license_id, f"{card} license")
    for key in ("license_link", "license_name"):
        root = yamledit.compose(new, card)
        extra = yamledit.get(root, key)
        if extra is not None:
            new = yamledit.remove_key(new, extra[0], extra[1], f"{card} {key}")
    text.content = text.content[:start] + new + text.content[end:]
