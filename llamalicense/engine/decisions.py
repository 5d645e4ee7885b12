"""Deciding one rule for one component and version, and the finding that says so.

A rule is decided by evaluating its predicates (``applies_to``, ``require``, ``review_if``)
against a :class:`~llamalicense.policy.facts.RuleContext`:

* ``applies_to`` false -> not-applicable; unknown -> needs-review (we cannot tell whether
  the clause applies, and say which fact is missing);
* ``require`` true -> pass; unknown -> needs-review; false -> violation, or needs-review
  when the rule's ``review_if`` holds (a near miss a person should judge).

The decision records which of these branches decided it, and the finding's message follows
from the branch. Its fix follows from how it failed: a finding that is not a pass gets the
first of the rule's ``fixes`` whose ``when`` holds (a listed Notice without the sentence,
counts not declared), and the rule's ``how_to_fix`` when none does; when it cannot be told
whether the clause applies, the fix asks for what would tell, then gives ``how_to_fix``.

Rules are data and predicates are pure: each explanation carries a key made of the fact
values (and evidence answers) it was made from (:mod:`llamalicense.policy.explanation`), so
two components whose explanations have equal keys get the same decision. A rule keeps the
decisions it made by those keys: alike components are decided once. A rule that looks at
other components (a graph quantifier) gives explanations without a key, and is decided
afresh for each component.
"""

from __future__ import annotations

from typing import Any

from llamalicense.model.findings import Finding, Status
from llamalicense.policy.explanation import Explanation, Missing, joined_key
from llamalicense.policy.facts import RuleContext
from llamalicense.policy.predicates import Context
from llamalicense.policy.rules import TEMPLATE_FACT, Rule
from llamalicense.policy.wording import grouped

# The branch that decided, and the status it gives.
DOES_NOT_APPLY = "does-not-apply"  # applies_to is false: not-applicable
APPLIES_UNKNOWN = "applies-unknown"  # applies_to is unknown: needs-review
HOLDS = "holds"  # require is true: pass
UNKNOWN = "unknown"  # require is unknown: needs-review
FAILS = "fails"  # require is false: violation
NEAR_MISS = "near-miss"  # require is false and review_if holds: needs-review

STATUS: dict[str, Status] = {
    DOES_NOT_APPLY: "not-applicable",
    APPLIES_UNKNOWN: "needs-review",
    HOLDS: "pass",
    UNKNOWN: "needs-review",
    FAILS: "violation",
    NEAR_MISS: "needs-review",
}

# Decisions kept per rule: a fact with a value per component (a name) would otherwise keep
# one for every component. Beyond the limit, decisions are made afresh (and are the same).
MEMO_LIMIT = 4096

Key = tuple[Any, ...]


class Template:
    """A message or fix with ``{fact.name}`` places, split once; white space made single."""

    __slots__ = ("made", "parts", "text")

    def __init__(self, template: str) -> None:
        # Literal text and fact names in turn.
        self.parts = TEMPLATE_FACT.split(template)
        self.text = " ".join(template.split()) if len(self.parts) == 1 else None
        # Each text filled so far, once: components whose facts fill it alike share it (at
        # 100,000 components the fixes repeat: about 35 MB less at the peak).
        self.made: dict[str, str] = {}

    def fill(self, ctx: RuleContext) -> str:
        """The text with each fact's value for ``ctx``'s component."""
        if self.text is not None:
            return self.text
        filled = self.parts.copy()
        for index in range(1, len(filled), 2):
            filled[index] = _shown(ctx.fact(filled[index]), filled[index])
        text = " ".join("".join(filled).split())
        return self.made.setdefault(text, text)


class Decision:
    """What a rule decided for one component: the same for all components whose facts
    answered the rule alike, so it is made once and shared."""

    __slots__ = (
        "branch",
        "explanation",
        "fix",
        "message",
        "reason",
        "status",
        "suffix",
        "template",
        "why",
    )

    def __init__(
        self,
        branch: str,
        reason: str,
        explanation: dict[str, Any],
        template: Template | None,
        literal: str,
        *,
        fix: Template,
        why: str,
    ) -> None:
        self.branch = branch
        self.why = why  # the reason worded for people (llamalicense.policy.wording)
        self.fix = fix  # the fix that fits how the rule failed (filled per component)
        self.status = STATUS[branch]
        self.reason = reason
        self.explanation = explanation  # shared by the findings: read-only
        # The finding's message: ``template`` filled with the component's facts, then
        # ``literal``; made here when the template names no fact.
        if template is None:
            self.message: str | None = literal
            self.template: Template | None = None
        elif template.text is not None:
            self.message = template.text + literal
            self.template = None
        else:
            self.message, self.template = None, template
        self.suffix = literal

    def message_for(self, ctx: RuleContext) -> str:
        if self.message is not None:
            return self.message
        assert self.template is not None
        return self.template.fill(ctx) + self.suffix


class Prepared:
    """A rule ready to decide: its templates, and the decisions it made, by the keys of the
    explanations they were made from."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.decided: dict[Key, Decision] = {}
        self.quote = " ".join(rule.quote.split())
        self.message = Template(rule.message)
        self.review_message = Template(rule.review_message) if rule.review_message else None
        self.how_to_fix = Template(rule.how_to_fix)
        self.fixes = tuple(Template(fix.how_to_fix) for fix in rule.fixes)
        # When it cannot be told whether the clause applies, the first fix is to say.
        self.applies_fix = Template(
            "Settle in the manifest what the finding's reason names (a field not declared, or "
            "two that disagree), so it can be "
            f"told whether clause {rule.clause} applies. If it applies: {rule.how_to_fix}"
        )

    def decide(self, ctx: Context) -> Decision:
        """The rule's decision for ``ctx``: one made for alike facts, or a new one."""
        rule = self.rule
        asked = [rule.applies_to(ctx)]
        if asked[0].result is True:
            asked.append(rule.require(ctx))
            if asked[1].result is False and rule.review_if is not None:
                asked.append(rule.review_if(ctx))
        decided = len(asked)
        if rule.fixes and decided > 1 and asked[1].result is not True:
            # The clause applies and is not met: which fix fits is part of the decision (and
            # of its key). (When it cannot be told whether it applies, that is the fix.)
            for fix in rule.fixes:
                asked.append(fix.when(ctx))
                if asked[-1].result is True:
                    break
        key = joined_key([explanation.key for explanation in asked])
        if key is None:  # an explanation that depends on more than its values
            return self._decide(asked[:decided], asked[decided:])
        decision = self.decided.get(key)
        if decision is None:
            decision = self._decide(asked[:decided], asked[decided:])
            if len(self.decided) < MEMO_LIMIT:
                self.decided[key] = decision
        return decision

    def _decide(self, asked: list[Explanation], fixes: list[Explanation]) -> Decision:
        """The decision from the explanations of applies_to, require (asked when the clause
        applies) and review_if (asked when require fails); ``fixes`` are the ``when``
        explanations of the rule's fixes, asked in order up to the first that holds."""
        fix = self.how_to_fix
        if fixes and fixes[-1].result is True:
            fix = self.fixes[len(fixes) - 1]
        return self._branch(fix, *asked)

    def _branch(
        self,
        fix: Template,
        applies: Explanation,
        required: Explanation | None = None,
        review: Explanation | None = None,
    ) -> Decision:
        """The decision of the branch these explanations lead to, with ``fix``."""
        explanation: dict[str, object] = {"applies_to": applies.to_dict()}
        if required is None:
            if applies.result is False:
                return self._decision(DOES_NOT_APPLY, applies, "does not apply: ", explanation, fix)
            fix = self.applies_fix  # first say what decides whether it applies
            said = "cannot tell whether the clause applies: "
            return self._decision(APPLIES_UNKNOWN, applies, said, explanation, fix)
        explanation["require"] = required.to_dict()
        if required.result is True:
            return self._decision(HOLDS, required, "", explanation, fix)
        if required.result is None:
            return self._decision(UNKNOWN, required, "", explanation, fix)
        if review is None:
            return self._decision(FAILS, required, "", explanation, fix)
        explanation["review_if"] = review.to_dict()
        branch = NEAR_MISS if review.result is True else FAILS
        return self._decision(branch, required, "", explanation, fix)

    def _decision(
        self,
        branch: str,
        decided: Explanation,
        lead: str,
        explanation: dict[str, Any],
        fix: Template,
    ) -> Decision:
        """The decision of ``branch``, which ``decided`` settled, with its reason (``lead``
        and the deciding detail, in the machine's words and worded for people) and its
        message: a template (filled per component) and literal text, worded for people."""
        reason = lead + decided.deciding_reason()
        why = lead + decided.deciding_words()
        template: Template | None = None
        literal = ""
        if branch == FAILS:
            template = self.message
        elif branch == NEAR_MISS and self.review_message is not None:
            template = self.review_message
        elif branch == UNKNOWN and self.review_message is not None:
            template, literal = self.review_message, f" ({why})"
        elif STATUS[branch] == "needs-review":
            literal = "Needs review: " + why
        elif branch == HOLDS:
            literal = "Satisfied: " + why
        else:
            literal = why[:1].upper() + why[1:]
        return Decision(branch, reason, explanation, template, literal, fix=fix, why=why)

    def finding(
        self,
        decision: Decision,
        ctx: RuleContext,
        path: tuple[str, ...],
        location: str,
        line: int | None,
    ) -> Finding:
        rule = self.rule
        return Finding(
            rule=rule.id,
            license=rule.license,
            clause=rule.clause,
            obligation=rule.obligation,
            status=decision.status,
            severity=rule.severity,
            component=ctx.component_id,
            path=path,
            title=rule.title,
            quote=self.quote,
            message=decision.message_for(ctx),
            reason=decision.reason,
            why=decision.why,
            how_to_fix=decision.fix.fill(ctx),
            explanation=decision.explanation,
            location=location,
            line=line,
        )


def _shown(value: Any, name: str) -> str:
    """Fact ``name``'s value as a message shows it: a path with arrows, other lists (files,
    components) with commas."""
    if isinstance(value, Missing) or value is None:
        return "(not declared)"
    if isinstance(value, tuple | list):
        return (" -> " if name == "lineage.path" else ", ").join(str(v) for v in value)
    if isinstance(value, int) and not isinstance(value, bool):
        return grouped(value)
    return str(value)
