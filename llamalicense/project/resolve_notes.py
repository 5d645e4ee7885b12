"""The notes resolving leaves on a component: why a base does or does not lead to Llama.

A known re-upload (pass), a model known to be independent of Meta's Llama (pass), a local
path (needs-review), a "Llama"-named model that is no known release (needs-review, merged
into one note per component when there are several), a base read from the card's text
(pass), and a card that mentions Llama but names no base (needs-review).
"""

from __future__ import annotations

import re

from llamalicense.catalog.data import Catalog
from llamalicense.catalog.model_ids import (
    DERIVATIVE_RULE,
    LLAMA_NAME,
    NOT_LLAMA_RULE,
    REUPLOAD_RULE,
    Derivative,
    Independent,
    Reupload,
)
from llamalicense.model.project import Note
from llamalicense.project.readers.cards import Card

# The rule ids (some defined with the id readers in catalog.model_ids) and the notes.
__all__ = [
    "DERIVATIVE_RULE",
    "INFERRED_RULE",
    "LLAMA_NAMED_RULE",
    "LOCAL_BASE_RULE",
    "NOT_LLAMA_RULE",
    "REUPLOAD_RULE",
    "UNRESOLVED_RULE",
    "derivative_note",
    "independent_note",
    "inferred_note",
    "llama_named_note",
    "local_note",
    "merge_llama_named",
    "no_base_note",
    "reupload_note",
    "unresolved_note",
]
UNRESOLVED_RULE = "LLAMALICENSE-UNRESOLVED-BASE"
LLAMA_NAMED_RULE = "LLAMALICENSE-LLAMA-NAMED"
INFERRED_RULE = "LLAMALICENSE-INFERRED-BASE"
LOCAL_BASE_RULE = "LLAMALICENSE-LOCAL-BASE"

_LOCAL_IN_TEXT = re.compile(r"(^|[\s\"'*])[A-Za-z]:[/\\][^\s]*llama", re.IGNORECASE)


def llama_named_note(model_id: str, owner: str, catalog: Catalog) -> Note:
    name = model_id.rsplit("/", 1)[-1].lower()
    alike = [
        r.id
        for r in catalog.releases
        if r.id.rsplit("/", 1)[-1].lower() in name or name in r.id.lower()
    ]
    hint = (
        f" Its name resembles {alike[0]}; if it is a copy of that release, say so with "
        f"`derived_from` in a manifest."
        if alike
        else ""
    )
    return Note(
        rule=LLAMA_NAMED_RULE,
        status="needs-review",
        title="A base model with \u201cLlama\u201d in its name is not a known release",
        message=(
            f"{owner} is built on {model_id}, which carries \u201cLlama\u201d (or L2/L3) in "
            "its name but is neither an official release nor a known re-upload, and the "
            "card does not say which Llama release it derives from, so no Llama version "
            f"(and no duty) is assigned through it.{hint}"
        ),
        how_to_fix=(
            f"Describe {model_id} in llamalicense.yaml as a component with `derived_from` "
            "the official release it is built on (its own model card usually says), or "
            "confirm that it is not made from Llama weights."
        ),
        subject=model_id,
    )


def inferred_note(
    owner: str, card: Card, *, line: int, quote: str, what: str, subject: str
) -> Note:
    """A base taken from the card's text (``line`` of the card reads ``quote``)."""
    return Note(
        rule=INFERRED_RULE,
        status="pass",
        title="Lineage taken from the card's text",
        message=(
            f"No base_model of {owner} names a Llama release; the card's text "
            f"does ({card.path}:{line}: \u201c{quote}\u201d), so it is taken "
            f"as {what}."
        ),
        how_to_fix="Add `base_model:` to the card, or describe the lineage in "
        "llamalicense.yaml, to make this explicit.",
        subject=subject,
    )


def reupload_note(reupload: Reupload, catalog: Catalog) -> Note:
    release = catalog.lookup(reupload.of)
    official = release.id if release else reupload.of
    what = "a re-upload" if reupload.relation == "copy" else "a quantization or conversion"
    return Note(
        rule=REUPLOAD_RULE,
        status="pass",
        title="A base model is a known re-upload of Meta's weights",
        message=(
            f"{reupload.id} is {what} of Meta's {official} (rules/data/reuploads.yaml), so "
            f"the license of {official} governs it."
        ),
        subject=reupload.id,
    )


def independent_note(model_id: str, independent: Independent) -> Note:
    return Note(
        rule=NOT_LLAMA_RULE,
        status="pass",
        title="\u201cLlama\u201d in the name, but not made from Meta's Llama",
        message=(
            f"{model_id} is not treated as a Llama derivative: {independent.reason} "
            "No Llama license duty is assigned through it."
        ),
        how_to_fix="If this model does contain Meta's Llama weights, describe its lineage in "
        "llamalicense.yaml.",
        subject=model_id,
    )


def local_note(model_id: str) -> Note:
    return Note(
        rule=LOCAL_BASE_RULE,
        status="needs-review",
        title="A base model is a local path",
        message=(
            f"base_model {model_id!r} is a path on someone's disk, not a Hub id, so it cannot "
            "be resolved."
        ),
        how_to_fix="Replace it with the Hub id of the base model, or describe the lineage in "
        "llamalicense.yaml.",
        subject=model_id,
    )


def merge_llama_named(notes: list[Note], owner: str) -> list[Note]:
    named = [n for n in notes if n.rule == LLAMA_NAMED_RULE]
    if len(named) < 2:
        return notes
    rest = [n for n in notes if n.rule != LLAMA_NAMED_RULE]
    subjects = [n.subject for n in named]
    shown = ", ".join(subjects[:5]) + (
        f" and {len(subjects) - 5} more" if len(subjects) > 5 else ""
    )
    merged = Note(
        rule=LLAMA_NAMED_RULE,
        status="needs-review",
        title=named[0].title,
        message=(
            f"{owner} is built on {len(subjects)} models that carry \u201cLlama\u201d (or L2/L3) "
            f"in their names but are neither official releases nor known re-uploads ({shown}), "
            "and the card does not say which Llama release they derive from, so no Llama "
            "version (and no duty) is assigned through them."
        ),
        how_to_fix=(
            "Describe these bases in llamalicense.yaml with `derived_from` the official release "
            "each is built on (their own model cards usually say), or confirm that they are not "
            "made from Llama weights."
        ),
        subject="",
    )
    return [*rest, merged]


def no_base_note(owner: str, card: Card) -> Note | None:
    """A card that names no base model but talks about Llama: say that nothing resolves."""
    from llamalicense.catalog.licenses import LLAMA

    if any(d.kind == LLAMA for d in card.licenses):
        return None  # the license-declaration finding says it, with the declared version
    from llamalicense.project.prose import mentions_llama_model

    named = LLAMA_NAME.search(card.name or "") or any("llama" in t.lower() for t in card.tags)
    if not named and not mentions_llama_model(card.body[:20000], (card.name or "",)):
        return None  # libraries (LlamaIndex), comparisons and LLaMA 1 models are no lineage
    empty = "base_model" in card.metadata
    local = [line.strip() for line in card.body.splitlines() if _LOCAL_IN_TEXT.search(line)]
    detail = " (its text names local paths such as " + local[0][:80] + ")" if local else ""
    return Note(
        rule=LOCAL_BASE_RULE if local else INFERRED_RULE,
        status="needs-review",
        title="The card names no base model",
        message=(
            f"{card.path} mentions Llama but "
            + ("lists no base model (`base_model: []`)" if empty else "has no `base_model`")
            + f"{detail}, and its text names no official release, so no Llama version (and no "
            "duty) could be assigned."
        ),
        how_to_fix="Add `base_model:` with the Hub id of each model it is made from, or describe "
        "the lineage in llamalicense.yaml.",
        subject="",
    )


def derivative_note(derivative: Derivative, catalog: Catalog) -> Note:
    release = catalog.lookup(derivative.of)
    official = release.id if release else derivative.of
    return Note(
        rule=DERIVATIVE_RULE,
        status="pass",
        title="A base model is a known derivative of a Llama release",
        message=(
            f"{derivative.id} is a {derivative.relation} of Meta's {official} "
            f"(rules/data/derivatives.yaml, from {derivative.source}), so the license of "
            f"{official} governs it."
        ),
        subject=derivative.id,
    )


def unresolved_note(model_id: str, owner: str) -> Note:
    """A base that is no release, no known re-upload or derivative, and of no known family."""
    return Note(
        rule=UNRESOLVED_RULE,
        status="needs-review",
        title="A base model could not be resolved",
        message=(
            f"{owner} is built on {model_id}, which is not an official release, a known "
            "re-upload or a known derivative (rules/data/derivatives.yaml), and its name does "
            "not say what it is built on, so whether Llama duties reach it is unknown."
        ),
        how_to_fix=(
            f"Check {model_id}'s own model card: if it is built on Llama, describe it in "
            "llamalicense.yaml with `derived_from` the release; if not, say so there."
        ),
        subject=model_id,
    )
