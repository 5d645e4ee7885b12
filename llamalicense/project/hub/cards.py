"""What a Hub card says about lineage, checked: the answer is untrusted input, whether it
came from the Hub or from the cache on disk."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from llamalicense.model.project import RELATIONS

MAX_BASES = 20  # base_model entries read from one card (merges name a handful)
MAX_ID = 200  # characters of a Hub id
MAX_LICENSES = 10
MAX_LICENSE = 200  # characters of a license value
# A Hub id: `name` or `owner/name` (letters, digits, `-`, `_`, `.`), as the Hub allows.
HUB_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?")
_REVISION = re.compile(r"[0-9a-f]{7,64}")


class MalformedCard(ValueError):
    """The card data does not have the shape of a model card's metadata."""


@dataclass(frozen=True)
class HubCard:
    """The lineage facts of one model's card: its ``base_model`` ids (with the card's
    ``base_model_relation``, when it gives one) and its ``license`` values, at ``revision``
    (the commit the Hub answered with, ``""`` when it gave none)."""

    id: str
    revision: str
    bases: tuple[str, ...]
    relation: str | None
    licenses: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "revision": self.revision,
            "base_model": list(self.bases),
            "base_model_relation": self.relation,
            "license": list(self.licenses),
        }


def card_from_metadata(model_id: str, revision: Any, metadata: Any) -> HubCard:
    """The card of ``model_id`` from its metadata (``cardData``; ``None`` when it has none).

    Raises:
        MalformedCard: a field of the wrong type or size, or an id that is no Hub id.
    """
    if revision is None:
        revision = ""
    if not isinstance(revision, str) or (revision and not _REVISION.fullmatch(revision)):
        raise MalformedCard(f"revision {str(revision)[:80]!r} is not a commit id")
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise MalformedCard(f"the card metadata is a {type(metadata).__name__}, not a mapping")
    bases = _strings(metadata.get("base_model"), "base_model", MAX_BASES, MAX_ID)
    for base in bases:
        if not HUB_ID.fullmatch(base):
            raise MalformedCard(f"base_model {base[:80]!r} is not a Hub id")
    relation = metadata.get("base_model_relation")
    if relation is not None and not isinstance(relation, str):
        raise MalformedCard("base_model_relation is not a string")
    licenses = _strings(metadata.get("license"), "license", MAX_LICENSES, MAX_LICENSE)
    return HubCard(model_id, revision, bases, _relation(relation), licenses)


def card_from_dict(data: Any, model_id: str) -> HubCard:
    """A card as :meth:`HubCard.to_dict` wrote it (a cache entry), checked again.

    Raises:
        MalformedCard: as :func:`card_from_metadata`, or the entry is for another id.
    """
    if not isinstance(data, dict) or data.get("id") != model_id:
        raise MalformedCard("the entry is not a card of this id")
    return card_from_metadata(model_id, data.get("revision"), data)


def _strings(value: Any, field: str, most: int, longest: int) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or len(items) > most:
        raise MalformedCard(f"{field} is not a string or a list of at most {most} strings")
    out: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip() or len(item) > longest:
            raise MalformedCard(f"{field} holds a value that is not a string of 1-{longest} chars")
        out.append(item.strip())
    return tuple(dict.fromkeys(out))


def _relation(value: str | None) -> str | None:
    if value is None:
        return None
    key = value.strip().lower()
    return key if key in RELATIONS else None
