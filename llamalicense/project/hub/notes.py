"""The notes resolution up the Hub leaves on a component: the chain it read (a pass, every
hop citing the card and field it came from), or what stopped it (needs-review, naming each id
and the reason)."""

from __future__ import annotations

from llamalicense.model.project import Note
from llamalicense.project.hub.chain import HubAnswer

HUB_RESOLVED_RULE = "LLAMALICENSE-HUB-RESOLVED"
HUB_UNRESOLVED_RULE = "LLAMALICENSE-HUB-UNRESOLVED"
_STRENGTH = "declared metadata of remote cards, as their publishers state it, read with --hub"


def hub_note(owner: str, answer: HubAnswer) -> Note:
    """A pass when every branch reached a known id or a declared Llama license; else
    needs-review naming what stopped the walk."""
    hops = "; ".join(f"{e.child} \u2192 {e.parent} ({e.field} of {e.url})" for e in answer.edges)
    read = f" The Hub's cards say: {hops} ({_STRENGTH})." if hops else ""
    ends = "".join(
        f" {model_id} is not treated as Llama: {reason}" for model_id, reason in answer.ends
    )
    if answer.problems or not (answer.releases or answer.ends):
        stopped = "; ".join(f"{model_id}: {reason}" for model_id, reason in answer.problems)
        return Note(
            rule=HUB_UNRESOLVED_RULE,
            status="needs-review",
            title="A base model could not be resolved through the Hub",
            message=(
                f"{owner} is built on {answer.asked}, which nothing local places, and "
                f"resolving it through the Hugging Face Hub stopped: {stopped or 'no answer'}."
                f"{read}{ends} Whether (and which) Llama duties reach it is unknown."
            ),
            how_to_fix=(
                f"Check the cards named above; if {answer.asked} is built on Llama, describe it "
                "in llamalicense.yaml with `derived_from` the release; if not, say so there. "
                "A passing failure (network, rate limit) may clear on a later run."
            ),
            subject=answer.asked,
        )
    reached = ", ".join(answer.releases) or "no Llama release"
    return Note(
        rule=HUB_RESOLVED_RULE,
        status="pass",
        title="A base model resolved through the Hub",
        message=(
            f"{owner} is built on {answer.asked}, resolved through the Hugging Face Hub to "
            f"{reached}.{read}{ends}"
        ),
        how_to_fix=(
            f"To keep this without --hub, describe {answer.asked} in llamalicense.yaml with "
            "`derived_from` the release."
        ),
        subject=answer.asked,
    )
