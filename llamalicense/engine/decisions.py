"""Deciding the rules for one component and version, and the findings that say so.

A rule is decided by evaluating its predicates (``applies_to``, ``require``, ``review_if``)
against a :class:`~llamalicense.policy.facts.RuleContext`. Rules are data and predicates are pure,
so two components for which every fact a rule read had the same value (and every evidence
check the same answer) get the same decision: each rule keeps a memo of its decisions, keyed
by the answers to the questions it asked, in order, and a new component replays those
questions (facts are cached per component) instead of re-running the predicates and
re-building their explanation trees.

A decision that cannot be remembered (the rule looked at the graph, or a question had too
many distinct answers, such as a name that differs per component) is made again; when that
question came after every question ``applies_to`` asked, the question keeps the
``applies_to`` result (the same for every component that reaches it), and only ``require``
and ``review_if`` are evaluated again.
"""

from __future__ import annotations

from typing import Any

from llamalicense.model.findings import Finding, Status
from llamalicense.policy.explanation import Explanation, Missing, memo_key
from llamalicense.policy.facts import FACTS, FactFn, RuleContext
from llamalicense.policy.predicates import Context
from llamalicense.policy.rules import TEMPLATE_FACT, Rule
from llamalicense.speed.frozen import build_with

Question = tuple[Any, ...]  # ("fact", name) | ("agreement_copy", paths) | ("shows_text", ...)
Reads = list[tuple[Question, Any]]  # the questions asked, in order, with their answers


class Decision:
    """What a rule decided for one component: the same for all components whose facts (and
    evidence) answered the rule's questions alike, so it is made once and shared."""

    __slots__ = ("applies", "explanation", "reason", "required", "review", "shared", "status")

    def __init__(
        self,
        applies: Explanation,
        required: Explanation | None,
        review: Explanation | None,
        status: Status,
        reason: str,
    ) -> None:
        self.applies = applies
        self.required = required
        self.review = review
        self.status = status
        self.reason = reason
        # The fields its findings share, made on first use (see Prepared.finding).
        self.shared: dict[str, Any] | None = None
        explanation: dict[str, object] = {"applies_to": applies.to_dict()}
        if required is not None:
            explanation["require"] = required.to_dict()
        if review is not None:
            explanation["review_if"] = review.to_dict()
        self.explanation = explanation  # shared by the findings: read-only


class _Question:
    """A memo node: what was asked next (after ``depth`` questions), and what each answer led
    to."""

    __slots__ = ("answers", "applies", "depth", "fact", "function", "question")

    def __init__(self, question: Question, depth: int) -> None:
        self.question = question
        self.depth = depth
        # For a fact: its name and function (other questions are asked through _ask).
        self.fact: str = question[1] if question[0] == "fact" else ""
        self.function: FactFn | None = FACTS[self.fact][1] if self.fact else None
        self.answers: dict[Any, _Question | Decision] = {}
        # When the answers are full and applies_to asked only the questions before this one:
        # its result, the same for every component that gets here (see Prepared.decide).
        self.applies: Explanation | None = None


# Distinct answers remembered per question. Facts with a value per component (names, ids, or
# a "not declared for <id>" reason) stop being remembered there.
_FAN_OUT = 256
_TRUE_KEY, _FALSE_KEY = memo_key(True), memo_key(False)


class _Memo:
    """A rule's decisions keyed by the answers to the questions asked to reach them, in
    order."""

    __slots__ = ("root",)

    def __init__(self) -> None:
        self.root: _Question | Decision | None = None

    def find(self, ctx: RuleContext) -> Decision | _Question | None:
        """The decision remembered for ``ctx``'s answers; else the question whose answer was
        not remembered (None if nothing is)."""
        node = self.root
        facts = ctx.facts
        asked = None
        while type(node) is _Question:
            asked = node
            function = node.function
            if function is None:
                value = _ask(ctx, node.question)
            else:
                name = node.fact
                value = facts.get(name, facts)  # the dict itself stands for "not asked yet"
                if value is facts:  # what ctx.fact(name) does, without its lookups
                    value = facts[name] = function(ctx)
            kind = type(value)  # the common cases first; memo_key gives the same keys
            if kind is str:
                key = value
            elif kind is bool:
                key = _TRUE_KEY if value else _FALSE_KEY
            else:
                key = memo_key(value)
            node = node.answers.get(key) if key is not None else None
        return node if type(node) is Decision else asked  # past the questions: a decision

    def remember(self, reads: Reads, decision: Decision) -> None:
        """Remember ``decision`` for these answers, unless it cannot be (an answer that is not
        a memo key, or too many distinct answers to one question)."""
        keys = [memo_key(value) for _, value in reads]
        if None in keys:
            return
        if not reads:
            self.root = self.root or decision
            return
        if self.root is None:
            self.root = _Question(reads[0][0], 0)
        node = self.root
        for index, (question, _) in enumerate(reads):
            if type(node) is not _Question or node.question != question:
                return  # cannot happen for pure rules; remember nothing rather than guess
            found = node.answers.get(keys[index])
            if found is None:
                if len(node.answers) >= _FAN_OUT:
                    return
                last = index == len(reads) - 1
                found = decision if last else _Question(reads[index + 1][0], index + 1)
                node.answers[keys[index]] = found
            node = found


class Prepared:
    """A rule, the memo of its decisions, and what its findings share: quote, fix (when it
    names no fact) and message (when it names none)."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.quote = " ".join(rule.quote.split())
        fixed = not TEMPLATE_FACT.search(rule.how_to_fix)
        self.how_to_fix = " ".join(rule.how_to_fix.split()) if fixed else None
        # Messages name no fact: each decision's message is the same for every component.
        self.fixed_message = not any(
            TEMPLATE_FACT.search(text or "") for text in (rule.message, rule.review_message)
        )
        self.memo = _Memo()

    def decide(self, ctx: RuleContext) -> Decision:
        """The rule's decision for ``ctx``."""
        found = self.memo.find(ctx)
        if isinstance(found, Decision):
            return found
        if found is not None and found.applies is not None:
            # A question with a value per component (a name, say), asked after applies_to had
            # its answers: only require and review_if are left to evaluate. Nothing to
            # remember (there is no room for another answer), so no recorder either.
            return _decide(self.rule, ctx, found.applies)
        rule = self.rule
        recorder = _Recorder(ctx)
        applies = rule.applies_to(recorder)
        asked = len(recorder.reads)
        decision = _decide(rule, recorder, applies)
        if not recorder.memoable:
            return decision
        if found is None or len(found.answers) < _FAN_OUT:
            self.memo.remember(recorder.reads, decision)
        elif asked <= found.depth:
            # Remembering would stop at this full question too; but every component that
            # gets here gave the answers applies_to asked for, so its result can be kept.
            found.applies = applies
        return decision

    def finding(
        self,
        decision: Decision,
        ctx: RuleContext,
        path: tuple[str, ...],
        location: str,
        line: int | None,
    ) -> Finding:
        shared = decision.shared
        if shared is None:
            shared = decision.shared = self._shared(decision)
        component = ctx.component_id
        if "message" in shared and "how_to_fix" in shared:
            return build_with(
                Finding, shared, component=component, path=path, location=location, line=line
            )
        rule = self.rule
        return build_with(
            Finding,
            shared,
            component=component,
            path=path,
            location=location,
            line=line,
            message=shared.get("message")
            or _message(rule, decision.status, ctx, decision.reason, decision.review),
            how_to_fix=shared.get("how_to_fix") or _fill(rule.how_to_fix, ctx),
        )

    def _shared(self, decision: Decision) -> dict[str, Any]:
        """The fields of the findings of ``decision`` that are the same for every component:
        all but component, path and location, and, when they name a fact, message and fix."""
        rule, status = self.rule, decision.status
        shared: dict[str, Any] = {
            "rule": rule.id,
            "license": rule.license,
            "clause": rule.clause,
            "obligation": rule.obligation,
            "status": status,
            "severity": rule.severity,
            "title": rule.title,
            "quote": self.quote,
            "reason": decision.reason,
            "explanation": decision.explanation,
            "waiver": None,
        }
        if self.fixed_message or status in {"pass", "not-applicable"}:
            # _message reads no fact for these (no ctx needed)
            shared["message"] = _message(rule, status, None, decision.reason, decision.review)
        if self.how_to_fix is not None:
            shared["how_to_fix"] = self.how_to_fix
        return shared


def _ask(ctx: RuleContext, question: tuple[Any, ...]) -> Any:
    if question[0] == "fact":
        return ctx.fact(question[1])
    if question[0] == "agreement_copy":
        return ctx.agreement_copy(question[1])
    return ctx.shows_text(question[1], question[2], question[3])


class _Recorder:
    """The context a rule sees while its decision is made: it passes every question on and
    writes down the questions and answers. Anything else a predicate does (graph quantifiers,
    looking at the component id, operators added later) makes the decision not memoizable."""

    def __init__(self, ctx: RuleContext) -> None:
        self._ctx = ctx
        self.reads: list[tuple[tuple[Any, ...], Any]] = []
        self.memoable = True

    @property
    def component_id(self) -> str:
        self.memoable = False
        return self._ctx.component_id

    def fact(self, name: str) -> Any:
        value = self._ctx.fact(name)
        self.reads.append((("fact", name), value))
        return value

    def agreement_copy(self, paths: tuple[str, ...]) -> tuple[bool | None, str]:
        answer = self._ctx.agreement_copy(paths)
        self.reads.append((("agreement_copy", paths), answer))
        return answer

    def shows_text(
        self, paths: tuple[str, ...], text: str, exact_case: bool
    ) -> tuple[bool | None, str]:
        answer = self._ctx.shows_text(paths, text, exact_case)
        self.reads.append((("shows_text", paths, text, exact_case), answer))
        return answer

    def related(self, relation: str) -> list[str]:
        self.memoable = False
        return self._ctx.related(relation)

    def switch(self, component_id: str) -> Context:
        self.memoable = False
        return self._ctx.switch(component_id)

    def __getattr__(self, name: str) -> Any:
        self.__dict__["memoable"] = False
        return getattr(self._ctx, name)


def _decide(rule: Rule, ctx: Context, applies: Explanation) -> Decision:
    """The decision, from ``applies`` (the result of applies_to for ``ctx``)."""
    required: Explanation | None = None
    review: Explanation | None = None
    status: Status
    if applies.result is False:
        status = "not-applicable"
        reason = "does not apply: " + applies.deciding_reason()
    elif applies.result is None:
        status = "needs-review"
        reason = "cannot tell whether the clause applies: " + applies.deciding_reason()
    else:
        required = rule.require(ctx)
        if required.result is True:
            status, reason = "pass", required.deciding_reason()
        elif required.result is None:
            status, reason = "needs-review", required.deciding_reason()
        else:
            reason = required.deciding_reason()
            status = "violation"
            if rule.review_if is not None:
                review = rule.review_if(ctx)
                if review.result is True:
                    status = "needs-review"
    return Decision(applies, required, review, status, reason)


def _message(
    rule: Rule, status: str, ctx: RuleContext | None, reason: str, review: Explanation | None
) -> str:
    """The finding's message; ``ctx`` (for the facts a template names) is only read for
    violations and reviews."""
    if status == "violation":
        return _fill(rule.message, ctx)
    if status == "needs-review":
        if review is not None and rule.review_message:
            return _fill(rule.review_message, ctx)
        if rule.review_message and "applies" not in reason[:40]:
            return _fill(rule.review_message, ctx) + " (" + reason + ")"
        return "Needs review: " + reason
    if status == "pass":
        return "Satisfied: " + reason
    return reason[:1].upper() + reason[1:]


def _fill(template: str, ctx: RuleContext | None) -> str:
    """``template`` with each ``{fact.name}`` replaced by its value (``ctx`` is only read when
    the template names a fact), white space made single spaces."""
    parts = _PARTS.get(template)
    if parts is None:  # literal text and fact names in turn, split once per template
        parts = _PARTS[template] = TEMPLATE_FACT.split(template)
    if len(parts) == 1:
        return " ".join(template.split())
    assert ctx is not None, "a template that names a fact needs the component's context"
    filled = parts.copy()
    for index in range(1, len(parts), 2):
        filled[index] = _shown(ctx.fact(parts[index]))
    return " ".join("".join(filled).split())


_PARTS: dict[str, list[str]] = {}


def _shown(value: Any) -> str:
    """A fact's value as a message shows it."""
    if isinstance(value, Missing) or value is None:
        return "(not declared)"
    if isinstance(value, tuple | list):
        return " -> ".join(str(v) for v in value)
    return str(value)
