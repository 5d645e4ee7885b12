"""Facts worded for people: one table, a wording for every fact a rule can name.

A finding's ``reason`` keeps the machine's words (``lineage.other_parents is empty``), which
JSON and SARIF readers and waivers match on; reports for people (text, Markdown, HTML,
``--explain``) show the same detail worded here ("the model has no parent other than the
Llama release or its derivatives"), and JSON and SARIF carry it beside the reason as
``why``. A test checks that every fact of the rule schema has its wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def grouped(number: int) -> str:
    """A count as people read it: thousands separated (716,750,000) from 10,000 up; smaller
    numbers (a year, a version) as they are."""
    return f"{number:,}" if abs(number) >= 10_000 else str(number)


@dataclass(frozen=True)
class Wording:
    """How a fact's value reads: ``what`` the fact is (a noun phrase), and sentences for a
    true or false value, for none (null or an empty list), or for particular values."""

    what: str
    yes: str | None = None
    no: str | None = None
    none: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    form: str = "{what} is {value}"  # any other value

    def of(self, value: Any) -> str:
        """The sentence for ``value``."""
        if isinstance(value, bool):
            said = self.yes if value else self.no
            if said is not None:
                return said
            return f"{self.what}: {'yes' if value else 'no'}"
        if value is None or value in ((), []):
            return self.none if self.none is not None else f"{self.what}: none"
        if isinstance(value, str) and value in self.values:
            return self.values[value]
        return self.form.format(what=self.what, value=_shown(value))


def _shown(value: Any) -> str:
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, int) and not isinstance(value, bool):
        return grouped(value)
    if isinstance(value, str):
        return repr(value)
    return str(value)


_THIS = "this Llama version"

WORDINGS: dict[str, Wording] = {
    "component.id": Wording("its id"),
    "component.type": Wording(
        "its type",
        values={
            "model": "it is a model",
            "dataset": "it is a dataset",
            "product": "it is a product or service",
        },
    ),
    "component.name": Wording(
        "the name it goes out under", none="the manifest gives no name it goes out under"
    ),
    "component.name_base": Wording(
        "its name without the Hub namespace",
        none="the manifest gives no name it goes out under",
    ),
    "component.ref": Wording("the Hub id it stands for", none="it stands for no Hub id"),
    "component.is_release": Wording(
        "whether it is an official release",
        yes=f"it is an official release of {_THIS}, used as is",
        no=f"it is not an official release of {_THIS} used as is",
    ),
    "component.received_as": Wording(
        "how the licensee received it",
        values={
            "direct": (
                "it was not received as part of another licensee's integrated end-user product"
            ),
            "integrated-end-user-product": (
                "it was received as part of another licensee's integrated end-user product"
            ),
        },
    ),
    "component.end_user": Wording(
        "whether the licensee is only its end user",
        yes=(
            "the licensee is only an end user of it: received inside another company's "
            "product, and nothing of the licensee's own is built on it"
        ),
        no="the licensee uses it as its own, not only as an end user of another's product",
    ),
    "component.distributed": Wording(
        "whether it is distributed",
        yes="it is distributed or made available to others",
        no="it is not distributed or made available to others",
    ),
    "component.delivery": Wording(
        "how it goes out",
        values={
            "copies": "copies of it go out",
            "hosted": "it is only hosted: no copies go out",
        },
    ),
    "component.large_language_model": Wording(
        "whether it is a large language model",
        yes="it is a large language model",
        no="it is not a large language model",
    ),
    "component.multimodal": Wording(
        "whether it is multimodal",
        yes="it is a multimodal model",
        no="it is not a multimodal model",
    ),
    "component.relations": Wording(
        "how it is derived from other models", none="it is derived from no other model"
    ),
    "component.folder": Wording(
        "the folder discovery looks in first for its evidence files",
        none="a manifest describes it (discovery looks in no folder for it)",
    ),
    "project.manifest": Wording(
        "whether a manifest describes the project",
        yes="a manifest (llamalicense.yaml) describes the project",
        no="no manifest describes the project: it was found by discovery",
    ),
    "lineage.materials": Wording(
        "whether the materials reach it",
        yes=f"the Llama Materials of {_THIS} (or a derivative of them) are in it",
        no=f"the Llama Materials of {_THIS} are not in it",
    ),
    "lineage.outputs": Wording(
        "whether outputs reach it",
        yes=f"outputs of {_THIS} went into it (synthetic data or distillation)",
        no=f"no outputs of {_THIS} went into it",
    ),
    "lineage.path": Wording("its path to the release", none="no path leads to the release"),
    "lineage.derivative": Wording(
        "whether it carries the version's weights",
        yes=f"it carries the weights of {_THIS} (a release, or a derivative of one)",
        no=f"it does not carry the weights of {_THIS}",
    ),
    "lineage.other_parents": Wording(
        "the other models it is built on, whose weights are not Llama's",
        none="the model has no parent other than the Llama release or its derivatives",
    ),
    "lineage.multimodal_release": Wording(
        "whether a multimodal release reaches it",
        yes=f"it derives from a multimodal release of {_THIS}",
        no=f"it derives from no multimodal release of {_THIS}",
    ),
    "license.id": Wording("the Llama version"),
    "license.date": Wording("the version's release date"),
    "license.mau_month": Wording("the month before the release date"),
    "licensee.name": Wording("the licensee's name", none="the manifest names no licensee"),
    "licensee.country": Wording(
        "the licensee's country", none="the manifest gives no country for the licensee"
    ),
    "licensee.in_eu": Wording(
        "whether the licensee is in the European Union",
        yes="the licensee is based in the European Union",
        no="the licensee is not based in the European Union",
    ),
    "licensee.mau": Wording(
        "the monthly active users of the licensee and its affiliates",
        form=(
            "the licensee and its affiliates had {value} monthly active users in the month "
            "before the release"
        ),
    ),
    "licensee.mau_declared": Wording(
        "the monthly active users declared",
        form="{value} monthly active users are declared for the month before the release",
    ),
    "licensee.max_mau": Wording(
        "the declared ceiling on monthly active users",
        none="no ceiling on monthly active users is declared",
    ),
    "licensee.meta_license": Wording(
        "whether Meta granted a separate license",
        yes="Meta has granted the licensee a separate license",
        no="Meta has not granted the licensee a separate license",
        none="no separate license from Meta is declared",
    ),
    "attribution.agreement": Wording(
        "the agreement copies listed", none="no copy of the agreement is listed"
    ),
    "attribution.notice": Wording("the Notice files listed", none="no Notice file is listed"),
    "attribution.built_with_llama": Wording(
        'the pages listed for "Built with Llama"', none='no page is listed for "Built with Llama"'
    ),
    "attribution.ai_disclosure": Wording(
        "the files listed that tell end users what the AI can and cannot do",
        none="no file is listed that tells end users what the AI can and cannot do",
    ),
}


def worded(name: str, value: Any) -> str:
    """Fact ``name`` with ``value``, as a person reads it (the name itself for a fact the
    table does not know, which a test forbids for the shipped facts)."""
    wording = WORDINGS.get(name)
    if wording is None:
        return f"{name} is {_shown(value)}"
    return wording.of(value)
