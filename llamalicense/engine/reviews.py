"""Duties no file can show: needs-review with what was seen, or a pass citing a person's review.

Four judgements are left to a person (``rules/data/reviewed-duties.yaml``, docs/manifest.md
``reviews``):

* ``aup``: the Acceptable Use Policy screen found no prohibited use. It matches the policy's
  words and misses paraphrases, so its "nothing found" is not a pass on its own;
* ``built-with``: "Built with Llama" is shown, but clause 1.b.i(B) asks for it to be displayed
  *prominently*, which no text match can judge;
* ``laws``: clause 1.b.iv, the use of the Llama Materials complies with applicable laws and
  trade controls (one finding per version on each component nothing else builds on);
* ``trademark``: clause 5.a, the Llama and Meta names and marks are used only as allowed (the
  same components, unless they stay in house).

Without a review record that covers the component and still fits the project's use cases, each
is needs-review, saying what the tool saw and which record to add; with one, it passes and cites
who reviewed it and when. A record made for other use cases no longer applies, and says so.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache
from typing import Any

from llamalicense.catalog.data import LICENSE_IDS, rules_dir
from llamalicense.documents.loader import load_file
from llamalicense.engine.small_explanations import ReviewExplanation, WithReview, review_part
from llamalicense.errors import RuleError
from llamalicense.lineage.containment import containment, is_distributed
from llamalicense.lineage.graph import Lineage
from llamalicense.model.findings import Finding, Status
from llamalicense.model.project import Component, Project, Review
from llamalicense.project.reviews import use_cases_digest


@dataclass(frozen=True)
class Duty:
    """A clause no file can show (``rules/data/reviewed-duties.yaml``)."""

    key: str
    clause: str
    title: str
    quotes: dict[str, str]  # by version
    question: str


@cache
def reviewed_duties() -> dict[str, Duty]:
    path = rules_dir() / "data" / "reviewed-duties.yaml"
    data: Any = load_file(path, display=str(path)).data
    duties: dict[str, Duty] = {}
    try:
        for key in ("laws", "trademark"):
            raw = data[key]
            quotes = {
                v: " ".join(str(raw.get("quotes", {}).get(v, raw["quote"])).split())
                for v in LICENSE_IDS
            }
            duties[key] = Duty(
                key=key,
                clause=str(raw["clause"]),
                title=str(raw["title"]),
                quotes=quotes,
                question=" ".join(str(raw["question"]).split()),
            )
    except (KeyError, TypeError, AttributeError) as exc:
        raise RuleError(f"malformed reviewed duties: {exc}", file=str(path)) from None
    return duties


_Best = tuple[tuple[str, int] | None, tuple[str, int] | None]  # (current, stale): (date, index)


class ReviewBook:
    """The project's review records, and which of them decided a finding.

    The records are indexed once by (obligation, component) (a record without ``components``
    under component ``None``), keeping in each the latest record made for the use cases as
    they are now and the latest made for others, so a look-up costs the same however many
    records and findings there are.
    """

    def __init__(self, project: Project) -> None:
        self.digest = use_cases_digest(project.components)
        self.reviews = project.reviews
        self.used: dict[int, Review] = {}  # by position in the manifest
        self._best: dict[tuple[str, str | None], _Best] = {}
        for index, review in enumerate(self.reviews):
            fits = review.use_cases == self.digest
            for obligation in review.obligations:
                for component in review.components or (None,):
                    current, stale = self._best.get((obligation, component), (None, None))
                    key = (review.date, index)
                    if fits:
                        current = max(current or key, key)
                    else:
                        stale = max(stale or key, key)
                    self._best[(obligation, component)] = (current, stale)

    def find(self, component_id: str, obligation: str) -> tuple[Review | None, Review | None]:
        """The latest record covering it for the use cases as they are now, else None and the
        latest covering it for other use cases (or None)."""
        mine = self._best.get((obligation, component_id), (None, None))
        everyone = self._best.get((obligation, None), (None, None))
        currents = [k for k in (mine[0], everyone[0]) if k is not None]
        if currents:
            index = max(currents)[1]
            self.used[index] = self.reviews[index]
            return self.reviews[index], None
        stales = [k for k in (mine[1], everyone[1]) if k is not None]
        return None, self.reviews[max(stales)[1]] if stales else None

    def rests_on(self) -> tuple[str, ...]:
        """The review records that decided findings, for the report's ``rests_on``."""
        return tuple(
            f"the review by {r.by} on {r.date} ({', '.join(r.obligations)})"
            for _, r in sorted(self.used.items())
        )

    def fix(self, component_id: str, obligation: str) -> str:
        """The fix of a finding no record covers: judge it, then add the record."""
        return (
            "Have a person judge it, then record the review in the manifest: "
            f"{self.record(component_id, obligation)}."
        )

    def record(self, component_id: str, obligation: str) -> str:
        """The record to add, as the fix shows it."""
        return (
            f"`reviews: [{{by: <name and e-mail>, date: <YYYY-MM-DD>, obligations: "
            f'[{obligation}], components: [{component_id}], use_cases: "{self.digest}"}}]`'
        )


def apply_reviews(project: Project, lineage: Lineage, findings: list[Finding]) -> ReviewBook:
    """Gate the passes that rest on a judgement and add the ``laws`` and ``trademark``
    findings, in place; the book says which records were used."""
    book = ReviewBook(project)
    gate = _Gate(book)
    for index, finding in enumerate(findings):
        needs = gated(finding)
        if needs is not None:
            findings[index] = gate(finding, needs)
    findings.extend(review_findings(project, lineage, book))
    return book


def gated(finding: Finding) -> str | None:
    """The review a passing finding needs before it is a pass: ``aup`` for the AUP screen's
    "no prohibited use found", ``built-with`` for a "Built with ..." display that was found."""
    if finding.status != "pass":
        return None
    if finding.obligation == "built-with":
        return "built-with"
    if finding.obligation == "aup" and finding.clause == "AUP":
        return "aup"
    return None


_GATE_QUESTION = {
    "aup": (
        "the screen matches the policy's own words and misses paraphrases (docs/aup.md), so a "
        "person must read the use cases against the Acceptable Use Policy"
    ),
    "built-with": (
        "whether it is displayed prominently, as clause 1.b.i(B) asks, is for a person to judge"
    ),
}


class _Gate:
    """Gates the passes that rest on a judgement, sharing what the gated findings have in
    common: a large project has tens of thousands of them with a handful of reasons among
    them (100,000 components: 51,503 gated passes, 3 reasons). Each text and review part is
    made once and shared by the findings it fits instead of copied into every one; each
    finding's explanation is its decision's, shared, with that review part
    (:class:`~llamalicense.engine.small_explanations.WithReview`)."""

    def __init__(self, book: ReviewBook) -> None:
        self.book = book
        self._texts: dict[_TextKey, _Texts] = {}

    def __call__(self, finding: Finding, obligation: str) -> Finding:
        """``finding`` (a pass that rests on a judgement) after the review records are read."""
        current, stale = self.book.find(finding.component, obligation)
        key = (obligation, finding.reason, finding.worded_reason, current, stale)
        texts = self._texts.get(key)
        if texts is None:
            texts = self._texts[key] = _gate_texts(*key)
        if current is not None:
            fix = finding.how_to_fix
        else:
            fix = self.book.fix(finding.component, obligation)
        return dataclasses.replace(
            finding,
            status=texts.status,
            severity=finding.severity if texts.status == "pass" else "warning",
            reason=texts.reason,
            why=texts.why,
            message=texts.message,
            how_to_fix=fix,
            explanation=WithReview(finding.explanation, texts.review),
        )


# (obligation, the finding's reason, its worded reason, the current record, a stale one)
_TextKey = tuple[str, str, str, Review | None, Review | None]


@dataclass(frozen=True)
class _Texts:
    """What a gated finding says: status, reason, message, worded reason (empty when it is
    the reason) and the ``review`` part of its explanation."""

    status: Status
    reason: str
    message: str
    why: str
    review: dict[str, Any]


def _gate_texts(
    obligation: str, reason: str, worded: str, current: Review | None, stale: Review | None
) -> _Texts:
    status: Status
    if current is not None:
        status, added = "pass", f"; reviewed by {current.by} on {current.date}"
        message = "Satisfied: " + worded + added
    else:
        status, added = "needs-review", f", but {_GATE_QUESTION[obligation]}{_stale(stale)}"
        message = "Needs review: " + worded + added
    reason += added
    why = worded + added
    return _Texts(
        status=status,
        reason=reason,
        message=message,
        why=why if why != reason else "",
        review=review_part(reason, current),
    )


def review_findings(project: Project, lineage: Lineage, book: ReviewBook) -> list[Finding]:
    """The ``laws`` and ``trademark`` findings: one per version on each component that nothing
    else in the project builds on (``trademark`` only where it leaves the licensee's hands or
    may)."""
    duties = reviewed_duties()
    targets = {edge.target for edge in lineage.edges()}
    carried = containment(lineage).carried
    found: list[Finding] = []
    for comp in project.components:
        if comp.id in targets:
            continue
        versions = lineage.licenses(comp.id)
        if not versions:
            continue
        paths = []
        for license_id in versions:
            reach = lineage.best_reach(comp.id, license_id)
            paths.append(reach.path if reach else (comp.id,))
        kinds = [duties["laws"]]
        out = is_distributed(comp, carried.get(comp.id))
        if out or comp.distributed is None:  # not when it stays in house
            kinds.append(duties["trademark"])
        # The record, and so the status and the fix, is the same for every version.
        rulings = [_Ruling(duty, comp, book) for duty in kinds]
        for license_id, path in zip(versions, paths, strict=True):
            for ruling in rulings:
                found.append(ruling.finding(license_id, path, project))
    return found


class _Ruling:
    """What the review records say of one duty on one component: the same for each version
    on it, so its record look-up and its fix are made once (and the fix shared: a large
    project has hundreds of thousands of these findings)."""

    def __init__(self, duty: Duty, comp: Component, book: ReviewBook) -> None:
        self.duty, self.comp = duty, comp
        self.current, self.stale = book.find(comp.id, duty.key)
        self.fix = "" if self.current is not None else book.fix(comp.id, duty.key)

    def finding(self, license_id: str, path: tuple[str, ...], project: Project) -> Finding:
        duty, comp, current = self.duty, self.comp, self.current
        saw = _what_was_seen(duty, comp, license_id, project)
        status: Status
        if current is not None:
            status = "pass"
            reason = f"{saw}; reviewed by {current.by} on {current.date}"
            message = "Satisfied: " + reason
        else:
            status = "needs-review"
            reason = f"{saw}; no file can show {duty.question}{_stale(self.stale)}"
            message = "Needs review: " + reason
        return Finding(
            rule=_rule_id(license_id, duty.key),
            license=license_id,
            clause=duty.clause,
            obligation=duty.key,
            status=status,
            severity="warning",
            component=comp.id,
            path=path,
            title=duty.title,
            quote=duty.quotes[license_id],
            message=message,
            reason=reason,
            how_to_fix=self.fix,
            explanation=ReviewExplanation(reason, current),
            location=comp.source or project.manifest,
            line=comp.line,
        )


@cache
def _rule_id(license_id: str, key: str) -> str:
    """``LLAMA-3.1-LAWS``: one string for all the findings of a rule."""
    return "LLAMA-" + license_id.removeprefix("llama-").upper() + "-" + key.upper()


def _what_was_seen(duty: Duty, comp: Component, license_id: str, project: Project) -> str:
    version = "Llama " + license_id.removeprefix("llama-")
    if duty.key == "laws":
        country = project.licensee.country or "a country the manifest does not give"
        return (
            f"{comp.id} puts {version} materials or outputs to use; the licensee is based in "
            f"{country}, and {len(comp.use_cases)} use case(s) are declared for it"
        )
    how = "may be distributed or made available" if comp.distributed is None else "goes out"
    return f"{comp.id} {how} under the name {comp.name or comp.id!r}, with {version} in it"


def _stale(review: Review | None) -> str:
    if review is None:
        return ""
    return (
        f" (the review by {review.by} on {review.date} was of other use cases: they changed "
        "since, so the question is asked again)"
    )
