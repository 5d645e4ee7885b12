"""The checks a report can hold that are not YAML rules, described for ``rules show ID``:
the Acceptable Use Policy findings (``LLAMA-<v>-AUP``, ``LLAMA-<v>-AUP-<item>``,
``LLAMA-<v>-AUP-4-DISCLOSURE``, from :mod:`llamalicense.engine.aup_findings`) and the tool's
own ``LLAMALICENSE-*`` findings (model identity, license declarations, waivers).

The AUP entries take their title, clause, quote and fix from the code that makes the
findings, and the item texts from the shipped AUP data, so they cannot drift apart; the
``LLAMALICENSE-*`` entries say in words what the code that makes them checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from llamalicense import aup
from llamalicense.aup.rules import item_texts
from llamalicense.catalog.data import LICENSE_IDS
from llamalicense.engine.aup_findings import ITEM_FIX, fixed_parts
from llamalicense.engine.evaluate import UNKNOWN_MODEL_RULE
from llamalicense.engine.identity import DECLARATION_RULE
from llamalicense.engine.reviews import reviewed_duties
from llamalicense.project.from_facts import LICENSE_FILE_RULE, NO_EVIDENCE_RULE, UNREADABLE_RULE
from llamalicense.project.hub.notes import HUB_RESOLVED_RULE, HUB_UNRESOLVED_RULE
from llamalicense.project.resolve_notes import (
    DERIVATIVE_RULE,
    INFERRED_RULE,
    LLAMA_NAMED_RULE,
    LOCAL_BASE_RULE,
    NOT_LLAMA_RULE,
    REUPLOAD_RULE,
    UNRESOLVED_RULE,
)
from llamalicense.report.waivers import WAIVER_RULE


@dataclass(frozen=True)
class BuiltinCheck:
    """What ``rules show`` prints of a rule, for a check that is not a YAML rule."""

    id: str
    title: str
    license: str
    clause: str
    obligation: str
    severity: str
    source: str
    quote: str
    description: str
    how_to_fix: str


_AUP_ID = re.compile(r"LLAMA-(?P<version>[0-9.]+)-AUP(?:-(?P<item>.+))?", re.IGNORECASE)
_AUP_SOURCE = "built in: llamalicense/engine/aup_findings.py, with the AUP text in rules/aup"


_REVIEWED_ID = re.compile(r"LLAMA-(?P<version>[0-9.]+)-(?P<duty>LAWS|TRADEMARK)", re.IGNORECASE)


def find(rule_id: str) -> BuiltinCheck | None:
    """The built-in check with this id (compared without regard to case), if there is one."""
    wanted = rule_id.upper()
    for check in _TOOL_CHECKS:
        if check.id == wanted:
            return check
    reviewed = _REVIEWED_ID.fullmatch(rule_id)
    if reviewed is not None:
        return _reviewed_check("llama-" + reviewed["version"].lower(), reviewed["duty"].lower())
    match = _AUP_ID.fullmatch(rule_id)
    if match is None:
        return None
    version = "llama-" + match["version"].lower()
    if version not in aup.versions():
        return None
    item = match["item"]
    if item is None:
        return _aup_check(version, "AUP", None)
    if item.upper() == "4-DISCLOSURE":
        return _aup_check(version, "AUP-4-DISCLOSURE", "4")
    texts = {key.lower(): (key, text) for key, text in item_texts(version).items()}
    found = texts.get(item.lower())
    if found is None:
        return None
    key, text = found
    prefix = "LLAMA-" + version.removeprefix("llama-").upper()
    return BuiltinCheck(
        id=f"{prefix}-AUP-{key}",
        title=f"Use case falls under AUP item {key}",
        license=version,
        clause=f"AUP {key}",
        obligation="aup",
        severity="error",
        source=_AUP_SOURCE,
        quote=text,
        description=(
            f"Each use case a product declares (use_cases) is classified against item {key} of "
            f"the {version} Acceptable Use Policy (docs/aup.md). A use the item prohibits is "
            "a violation; a statement that may fall under it (a protective use, an unclear "
            "one) needs review. A use case that falls under no item gives the pass finding "
            f"{prefix}-AUP instead."
        ),
        how_to_fix=ITEM_FIX,
    )


def aup_ids() -> list[str]:
    """Every AUP check id a report can hold, for each version with AUP data."""
    ids: list[str] = []
    for version in aup.versions():
        prefix = "LLAMA-" + version.removeprefix("llama-").upper()
        ids += [f"{prefix}-AUP", f"{prefix}-AUP-4-DISCLOSURE"]
        ids += [f"{prefix}-AUP-{item}" for item in item_texts(version)]
    return ids


def reviewed_ids() -> list[str]:
    """The ids of the duties a person's review record decides (engine.reviews), per version."""
    return [
        f"LLAMA-{version.removeprefix('llama-').upper()}-{duty.upper()}"
        for version in LICENSE_IDS
        for duty in reviewed_duties()
    ]


def _reviewed_check(version: str, duty_key: str) -> BuiltinCheck | None:
    duty = reviewed_duties().get(duty_key)
    if duty is None or version not in duty.quotes:
        return None
    return BuiltinCheck(
        id=f"LLAMA-{version.removeprefix('llama-').upper()}-{duty_key.upper()}",
        title=duty.title,
        license=version,
        clause=duty.clause,
        obligation=duty_key,
        severity="warning",
        source="built in: llamalicense/engine/reviews.py, with rules/data/reviewed-duties.yaml",
        quote=duty.quotes[version],
        description=(
            f"No file can show {duty.question}. On each component that nothing else in the "
            "project builds on (for trademark, unless it stays in house) this finding is "
            "needs-review, saying what the tool saw, until a person's review record "
            f"(`reviews:` in the manifest, with `{duty_key}`) covers it for the use cases as "
            "they are; then it passes and cites the record (docs/manifest.md)."
        ),
        how_to_fix=(
            "Have a person judge it, then record the review under `reviews:` in the manifest "
            "(by, date, obligations, and the use-case digest the finding's fix gives)."
        ),
    )


def tool_ids() -> list[str]:
    return [check.id for check in _TOOL_CHECKS]


def _aup_check(version: str, suffix: str, item: str | None) -> BuiltinCheck:
    rule, clause, title, quote, fix = fixed_parts(version, suffix, item)
    if item == "4":
        description = (
            "A distributed product that holds Llama materials must tell its end users of the "
            "known dangers of the AI system (AUP item 4). The file listed under "
            "attribution.ai_disclosure is read: one that states limitations or risks passes; "
            "a missing file, or one that states none, needs review. Whether the disclosure is "
            "appropriate is for a person to judge."
        )
    else:
        description = (
            "Clause 1.b.iv makes the Acceptable Use Policy part of the agreement. A product "
            "holding Llama materials declares its use_cases; this finding passes when none of "
            "them falls under a prohibited item (each match is its own finding, "
            f"{rule}-<item>), and needs review when the product declares no use_cases, since "
            "its uses cannot then be checked."
        )
    return BuiltinCheck(
        id=rule,
        title=title,
        license=version,
        clause=clause,
        obligation="aup",
        severity="warning",
        source=_AUP_SOURCE,
        quote=quote,
        description=description,
        how_to_fix=fix,
    )


def _tool(rule_id: str, title: str, obligation: str, description: str, fix: str) -> BuiltinCheck:
    return BuiltinCheck(
        id=rule_id,
        title=title,
        license="any",
        clause="none",
        obligation=obligation,
        severity="warning",
        source="built in: llamalicense's own check (no license clause)",
        quote="",
        description=description,
        how_to_fix=fix,
    )


_TOOL_CHECKS = (
    _tool(
        DECLARATION_RULE,
        "The declared license agrees with the lineage",
        "license-declaration",
        "A component's declared license (`license:` in the manifest, or a model card's "
        "`license:`) is compared with the Llama versions its lineage brings. It passes when "
        "they agree; it needs review when the declaration names another Llama version, a "
        "non-Llama license for Llama materials, or a placeholder such as `other`.",
        "Correct the declared license, or the lineage (derived_from, ref), so that they agree.",
    ),
    _tool(
        UNKNOWN_MODEL_RULE,
        "An official-looking model id is not in the catalog",
        "model-identity",
        "A `ref` in Meta's namespace (meta-llama/...) that the model catalog does not know: no "
        "Llama version, and so no duty, can be assigned through it. Needs review.",
        "Check the spelling of the id against the Hugging Face Hub, or describe the model's "
        "lineage with derived_from.",
    ),
    _tool(
        REUPLOAD_RULE,
        "A base model is a known re-upload of Meta's weights",
        "model-identity",
        "A base model named on a card or in a BOM is a known re-upload of an official release "
        "(listed in the catalog); the release's license and duties are assigned through it. "
        "An informational pass.",
        "Nothing to do; name the official release as the base to make the lineage explicit.",
    ),
    _tool(
        NOT_LLAMA_RULE,
        "\u201cLlama\u201d in the name, but not made from Meta's Llama",
        "model-identity",
        "A base model has \u201cLlama\u201d in its name but is known (from the catalog) not to be "
        "made from Meta's Llama weights, so no Llama duty comes through it. An informational "
        "pass.",
        "If this model does contain Meta's Llama weights, describe its lineage in "
        "llamalicense.yaml.",
    ),
    _tool(
        LLAMA_NAMED_RULE,
        "A base model with \u201cLlama\u201d in its name is not a known release",
        "model-identity",
        "A base model carries \u201cLlama\u201d (or L2/L3) in its name but is neither an official "
        "release nor a known re-upload, and its card does not say which release it derives "
        "from, so no Llama version is assigned through it. Needs review.",
        "Describe the model in llamalicense.yaml with derived_from the official release it is "
        "built on, or confirm that it is not made from Llama weights.",
    ),
    _tool(
        INFERRED_RULE,
        "Lineage taken from the card's text",
        "model-identity",
        "No `base_model` on a model card names a Llama release, but the card's text does; the "
        "base is taken from that sentence (a pass, naming the line). When the card mentions "
        "Llama and names no base at all, the finding needs review.",
        "Add `base_model:` to the card, or describe the lineage in llamalicense.yaml.",
    ),
    _tool(
        LOCAL_BASE_RULE,
        "A base model is a local path",
        "model-identity",
        "A card's base model is a local path (or the card names no base while its text points "
        "at one), so which release it is cannot be told. Needs review.",
        "Replace it with the Hub id of the base model, or describe the lineage in "
        "llamalicense.yaml.",
    ),
    _tool(
        DERIVATIVE_RULE,
        "A base model is a known derivative of a Llama release",
        "model-identity",
        "A base model is listed in rules/data/derivatives.yaml (each entry with its source) as "
        "a fine-tune, quantisation or other derivative of an official release, so that "
        "release's license and duties are assigned through it. An informational pass.",
        "Nothing to do; name the release in llamalicense.yaml to make the lineage explicit.",
    ),
    _tool(
        UNRESOLVED_RULE,
        "A base model could not be resolved",
        "model-identity",
        "A base model is not an official release, a known re-upload or a known derivative, "
        "and its name does not say what it is built on, so whether Llama duties reach the "
        "component is unknown. Needs review.",
        "Check the base model's own card: if it is built on Llama, describe it in "
        "llamalicense.yaml with derived_from the release; if not, say so there.",
    ),
    _tool(
        HUB_RESOLVED_RULE,
        "A base model resolved through the Hub",
        "model-identity",
        "With --hub, a base model nothing local places was resolved by reading its card, and "
        "each card up the chain, from the Hugging Face Hub (base_model, then license) to an "
        "official release, a known re-upload or derivative, or a declared Llama license; every "
        "hop names the card and field it was read from. An informational pass.",
        "To keep this lineage without --hub, describe the model in llamalicense.yaml with "
        "derived_from the release.",
    ),
    _tool(
        HUB_UNRESOLVED_RULE,
        "A base model could not be resolved through the Hub",
        "model-identity",
        "With --hub, resolving a base model through the Hugging Face Hub stopped: the Hub "
        "could not be reached or refused (rate limit), the repository is missing, private or "
        "gated, a card is malformed, the cards form a cycle, the chain passed its cap, or a "
        "card names no base and no Llama license. Needs review, naming each id and reason.",
        "Check the cards named in the finding and describe the model in llamalicense.yaml; a "
        "network failure or rate limit may clear on a later run.",
    ),
    _tool(
        UNREADABLE_RULE,
        "A file that may describe a model could not be read",
        "model-identity",
        "During discovery (no manifest), a file that may describe a model (a card, a config, "
        "a recipe, a GGUF header, ...) could not be read, so what it says is unknown. Needs "
        "review.",
        "Fix the file, or describe the model in llamalicense.yaml.",
    ),
    _tool(
        LICENSE_FILE_RULE,
        "The repository keeps a Llama license text, and no model card",
        "model-identity",
        "During discovery, the repository holds the text of a Llama license but no model card "
        "or config describes a model, so it is taken as a product that ships those Llama "
        "materials and their duties are checked on it. Needs review.",
        "Describe what the repository ships in llamalicense.yaml (which model, whether it is "
        "distributed).",
    ),
    _tool(
        NO_EVIDENCE_RULE,
        "No Llama evidence in this folder",
        "model-identity",
        "During discovery, the folder holds no manifest, model card, config, recipe, "
        "Modelfile, GGUF file or license text that names a Llama model, so no Llama duty was "
        "found to check. A pass, stated so that an empty result is not silent.",
        "If the project does use Llama, describe it in llamalicense.yaml (docs/manifest.md).",
    ),
    _tool(
        WAIVER_RULE,
        "A waiver no longer applies",
        "waiver",
        "A waiver in llamalicense-waivers.yaml has expired, or matches no open finding (the "
        "finding was fixed, or the waiver names the wrong rule or component). Needs review, "
        "so that stale waivers are cleaned up; the finding it covered counts again.",
        "Renew the waiver with a new approval and date, fix the finding, or remove the waiver.",
    ),
)
