"""The spaCy side: a blank English tokenizer, lookup lemmas, matchers built from the rules.

This is the only module that imports spaCy, and only :func:`matcher_for` reaches it, so
``import llamalicense.aup`` and cached runs never pay for the import (about a second).

Lemmas come from the lookup table in ``spacy-lookups-data`` (the ``lemmatizer`` pipe in
lookup mode loads it), applied to the *lower-cased* token so that "Drones" and "drones"
agree; ``lemma_overrides`` in ``patterns.yaml`` fix the table's few bad entries ("does" →
"doe"). Every phrase, pair entry, cue and Matcher ``LEMMA`` value in the rules goes through
the same tokenizer and lemma function, so rule authors can write ordinary words.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from llamalicense.aup import linear
from llamalicense.aup.cues import CompiledCues, CueSet, ItemCues
from llamalicense.aup.hits import ALL_OF, LAST, LEFT, RIGHT, WHOLE, Hit, combine_hits
from llamalicense.aup.rules import Item, Signal, VersionRules, classifier_file
from llamalicense.errors import InputError, RuleError

MODEL_ENV = "LLAMALICENSE_SPACY_MODEL"
BATCH_SIZE = 512


@dataclass
class Analysed:
    """A statement that had at least one hit, with what the scope checks need."""

    index: int
    lemmas: list[str]
    offsets: list[tuple[int, int]]
    sentence_starts: list[int]
    newline_after: list[bool]
    hits: list[Hit]
    screened: list[linear.ModelHit]  # the classifier screen's items (linear.py)


# Words read whole, not as a contraction without its apostrophe (see _Base).
_WHOLE_WORDS = ("id", "Id", "wed", "Wed")


class _Base:
    """The shared spaCy objects: one per process."""

    def __init__(self) -> None:
        import spacy

        model = os.environ.get(MODEL_ENV, "").strip()
        if model:
            # A trained pipeline, if the user has one, gives better sentence bounds; the
            # lemmas still come from the lookup table so the patterns mean the same thing.
            try:
                self.nlp = spacy.load(model, exclude=["ner", "lemmatizer", "textcat"])
            except OSError as exc:
                raise InputError(
                    f"cannot load the spaCy pipeline {model!r} named in {MODEL_ENV}",
                    hint=f"install it, or unset {MODEL_ENV} to use the built-in blank pipeline",
                ) from exc
        else:
            self.nlp = spacy.blank("en")
        tokenizer: Any = self.nlp.tokenizer
        for word in _WHOLE_WORDS:
            # spaCy's English exceptions split these as if the apostrophe were missing
            # ("I'd", "we'd"); in a statement of a use they are an identity document and
            # marrying ("scans every id card", "forced to wed").
            tokenizer.add_special_case(word, [{"ORTH": word}])
        lemmatizer: Any = spacy.blank("en").add_pipe("lemmatizer", config={"mode": "lookup"})
        lemmatizer.initialize()
        self.table: Any = lemmatizer.lookups.get_table("lemma_lookup")
        self.sentence_marks: set[int] | None = None
        if not any(name in self.nlp.pipe_names for name in ("parser", "senter")):
            sentencizer: Any = self.nlp.add_pipe("sentencizer")
            self.sentence_marks = {self.nlp.vocab.strings.add(c) for c in sentencizer.punct_chars}
        self.sentence_pipes = [proc for name, proc in self.nlp.pipeline]
        self.strings = self.nlp.vocab.strings


_BASE: _Base | None = None


def _base() -> _Base:
    global _BASE  # noqa: PLW0603 - one spaCy instance per process, built on first use
    if _BASE is None:
        _BASE = _Base()
    return _BASE


class VersionMatcher:
    """Matchers and compiled cues for one :class:`VersionRules`."""

    def __init__(self, rules: VersionRules, *, with_screen: bool = True) -> None:
        """``with_screen=False``: patterns only (the trainer of the screen uses that)."""
        from spacy.attrs import IDX, LEMMA, LENGTH, LOWER, ORTH, SENT_START
        from spacy.matcher import Matcher, PhraseMatcher

        self._lower_attr = LOWER
        self._lemma_attr = LEMMA
        self._orth_attr = ORTH
        self._row_attrs = [ORTH, LEMMA, IDX, LENGTH, SENT_START]
        self._triggers: set[int] = set()
        self._orth_triggers: set[int] = set()
        self._always_match = False

        self.base = _base()
        self.rules = rules
        self.overrides = dict(rules.lemma_overrides)
        self._memo: dict[int, int] = {}
        vocab = self.base.nlp.vocab
        self.phrases = PhraseMatcher(vocab, attr="LEMMA")
        # Signals marked `exact` match the lower-cased words, not lemmas ("pirated" must
        # not match "pirates", nor "carding" match "card").
        self.exact = PhraseMatcher(vocab, attr="LOWER")
        self.matcher = Matcher(vocab, validate=True)
        self.keys: dict[int, tuple[Signal, str, int]] = {}
        self.item_cues: dict[str, ItemCues] = {}
        self.cues = self._compile_cues()
        for item in rules.items:
            self.item_cues[item.id] = self._compile_item_cues(item)
            for signal in item.signals:
                self._add_signal(signal)
        self._has_exact = len(self.exact) > 0
        self.screen: linear.LinearScreen | None = None
        if with_screen:
            self.screen = linear.LinearScreen(
                linear.load(classifier_file()),
                rules.version,
                intern=self.base.strings.add,
                text_of=self.base.strings.__getitem__,
                keep_items=[item.id for item in rules.items],
            )

    # -- lemmas -------------------------------------------------------------------
    def lemma(self, lower: str) -> str:
        if lower in self.overrides:
            return self.overrides[lower]
        found = self.base.table.get(lower)
        return found if isinstance(found, str) else lower

    def _lemmatise(self, doc: Any) -> tuple[list[int], list[int]]:
        # Whole-array access: creating a spaCy Token object per token costs more than
        # everything else in the hot loop.
        import numpy

        memo = self._memo
        lowers = doc.to_array(self._lower_attr).tolist()
        lemmas = [memo.get(h) or self._new_lemma(h) for h in lowers]
        doc.from_array([self._lemma_attr], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
        return lowers, lemmas

    def _new_lemma(self, lower_hash: int) -> int:
        strings = self.base.strings
        lemma: int = strings.add(self.lemma(strings[lower_hash]))
        self._memo[lower_hash] = lemma
        return lemma

    def lemmas_of(self, text: str) -> tuple[str, ...]:
        """Tokenise and lemmatise a rule phrase the way statement text is."""
        return tuple(self.lemma(t.lower_) for t in self.base.nlp.make_doc(text) if not t.is_space)

    # -- compiling ------------------------------------------------------------------
    def _cue_set(self, phrases: Sequence[str]) -> CueSet:
        return CueSet(self.lemmas_of(p) for p in phrases)

    def _compile_cues(self) -> CompiledCues:
        c = self.rules.cues
        return CompiledCues(
            negation=self._cue_set(c.get("negation")),
            negation_near=self._cue_set(c.get("negation_near")),
            negation_near_window=c.negation_near_window,
            negation_gap=self._cue_set(c.get("negation_gap")),
            negation_after=self._cue_set(c.get("negation_after")),
            after_lead=self._cue_set(c.get("after_lead")),
            after_stop=frozenset(p for w in c.get("after_stop") for p in self.lemmas_of(w)),
            protective=self._cue_set(c.get("protective")),
            protective_after=self._cue_set(c.get("protective_after")),
            protective_after_window=c.protective_after_window,
            benign=self._cue_set(c.get("benign")),
            dual_use=self._cue_set(c.get("dual_use")),
            hedge=self._cue_set(c.get("hedge")),
            clause_break=frozenset(p for w in c.get("clause_break") for p in self.lemmas_of(w)),
            subject_start=frozenset(p for w in c.get("subject_start") for p in self.lemmas_of(w)),
            list_marker=frozenset(c.get("list_marker")),
            relative=frozenset(p for w in c.get("relative") for p in self.lemmas_of(w)),
            relative_window=c.relative_window,
            reported=self._cue_set(c.get("reported")),
            frame=self._cue_set(c.get("frame")),
            story_frame=self._cue_set(c.get("story_frame")),
            negation_weak=self._cue_set(c.get("negation_weak")),
            not_negation=self._cue_set(c.get("not_negation")),
            negation_double=self._cue_set(c.get("negation_double")),
            negation_doubt=self._cue_set(c.get("negation_doubt")),
            negation_relative=self._cue_set(c.get("negation_relative")),
            request=self._cue_set(c.get("request")),
            prohibition=self._cue_set(c.get("prohibition")),
            bare_denial=frozenset(p for w in c.get("bare_denial") for p in self.lemmas_of(w))
            | {""},
            negation_state=self._cue_set(c.get("negation_state")),
            safety_measure=self._cue_set(c.get("safety_measure")),
            refusal_verb=self._cue_set(c.get("refusal_verb")),
            not_protective=self._cue_set(c.get("not_protective")),
        )

    def _compile_item_cues(self, item: Item) -> ItemCues:
        own_protective = self._cue_set(item.protective)
        own_benign = self._cue_set(item.benign)
        own_dual = self._cue_set(item.dual_use)
        frame = CueSet(())
        if item.global_context:
            frame = self.cues.story_frame if item.story_frame else frame
            frame = frame.merged(self.cues.frame)
            own_protective = own_protective.merged(self.cues.protective)
            own_benign = own_benign.merged(self.cues.benign)
            own_dual = own_dual.merged(self.cues.dual_use)
        return ItemCues(
            protective=own_protective,
            benign=own_benign,
            dual_use=own_dual,
            escalate=self._cue_set(item.escalate),
            frame=frame,
        )

    def _key(self, signal: Signal, kind: str, index: int = 0) -> str:
        key = f"{signal.key}|{kind}|{index}"
        self.keys[self.base.strings.add(key)] = (signal, kind, index)
        return key

    def _phrase_docs(self, phrases: Sequence[str]) -> list[Any]:
        docs = []
        for phrase in phrases:
            doc = self.base.nlp.make_doc(phrase)
            self._lemmatise(doc)
            docs.append(doc)
        return docs

    def _add_signal(self, signal: Signal) -> None:
        # Pairs are two PhraseMatcher lists joined in Python (see combine_hits): a spaCy
        # Matcher pattern with a wildcard gap per pair of words was ~300 times slower.
        matcher = self.exact if signal.exact else self.phrases
        if signal.phrases:
            matcher.add(self._key(signal, WHOLE), self._phrase_docs(signal.phrases))
        for part, words in enumerate(signal.all_of):
            matcher.add(self._key(signal, ALL_OF, part), self._phrase_docs(words))
        for index, pair in enumerate(signal.pairs):
            matcher.add(self._key(signal, LEFT, index), self._phrase_docs(pair.first))
            matcher.add(self._key(signal, RIGHT, index), self._phrase_docs(pair.then))
            if pair.last:
                matcher.add(self._key(signal, LAST, index), self._phrase_docs(pair.last))
        patterns = [self._lemma_pattern(p, signal) for p in signal.patterns]
        for pattern in patterns:
            self._add_trigger(pattern)
        if patterns:
            try:
                self.matcher.add(self._key(signal, WHOLE), patterns)
            except ValueError as exc:  # spaCy's own pattern validation
                raise RuleError(
                    f"spaCy rejected a token pattern: {exc}",
                    file=signal.file,
                    line=signal.line,
                    json_path=signal.json_path,
                ) from exc

    def _add_trigger(self, pattern: Sequence[dict[str, Any]]) -> None:
        """Remember words one of which a text must hold for ``pattern`` to match.

        spaCy's Matcher walks every token in Python, which costs more than the rest of
        the pipeline; texts holding none of the trigger words skip it.
        """
        for token in pattern:
            op = token.get("OP", "")
            if op in ("?", "!") or str(op).startswith(("{0", "{,")):
                continue
            for attr in ("LEMMA", "LOWER", "ORTH", "TEXT"):
                spec = token.get(attr)
                values = [spec] if isinstance(spec, str) else None
                if isinstance(spec, dict) and set(spec) == {"IN"}:
                    values = list(spec["IN"])
                if values is not None:
                    target = self._orth_triggers if attr in ("ORTH", "TEXT") else self._triggers
                    target.update(self.base.strings.add(v) for v in values)
                    if attr == "LOWER":
                        self._triggers.update(self.base.strings.add(v.lower()) for v in values)
                    return
        self._always_match = True

    def _needs_matcher(self, doc: Any, lowers: list[int], lemmas: list[int]) -> bool:
        if self._always_match:
            return True
        if self._triggers and not self._triggers.isdisjoint(lowers + lemmas):
            return True
        if self._orth_triggers:
            return not self._orth_triggers.isdisjoint(doc.to_array(self._orth_attr).tolist())
        return False

    def _lemma_pattern(
        self, pattern: Sequence[dict[str, Any]], signal: Signal
    ) -> list[dict[str, Any]]:
        out = []
        for original in pattern:
            token = dict(original)
            spec = token.get("LEMMA")
            if isinstance(spec, str):
                token["LEMMA"] = self._one_lemma(spec, signal)
            elif isinstance(spec, dict):
                token["LEMMA"] = {
                    op: [self._one_lemma(v, signal) for v in values] for op, values in spec.items()
                }
            out.append(token)
        return out

    def _one_lemma(self, word: str, signal: Signal) -> str:
        lemmas = self.lemmas_of(word)
        if len(lemmas) != 1:
            raise RuleError(
                f"token pattern value {word!r} is {len(lemmas)} tokens, not one",
                file=signal.file,
                line=signal.line,
                json_path=f"{signal.json_path}.patterns",
                hint="a token dict matches one token; put multi-word entries in phrases or pairs",
            )
        return lemmas[0]

    # -- running ----------------------------------------------------------------------
    def analyse(self, texts: Sequence[str]) -> list[Analysed]:
        """Run the matchers and the screen; return the statements either found something in."""
        out = []
        tokenizer: Any = self.base.nlp.tokenizer
        screen = self.screen or None
        for index, tokens in enumerate(tokenizer.pipe(texts, batch_size=BATCH_SIZE)):
            lowers, lemmas = self._lemmatise(tokens)
            screened = screen.score(lemmas) if screen is not None else []
            raw = list(self.phrases(tokens))
            if self._has_exact:
                raw.extend(self.exact(tokens))
            if self._needs_matcher(tokens, lowers, lemmas):
                raw.extend(self.matcher(tokens))
            if not raw and not screened:
                continue
            found = [(*self.keys[match_id], start, end) for match_id, start, end in raw]
            holder: list[Any] = []
            hits = combine_hits(found, partial(self._sentences, tokens, lowers, holder))
            if hits or screened:
                doc = holder[0] if holder else self._with_sentences(tokens, lowers)
                out.append(self._analysed(index, doc, hits, screened))
        return out

    def _with_sentences(self, doc: Any, lowers: list[int]) -> Any:
        """``doc`` with sentence starts set, or unchanged when it is one sentence anyway.

        Most statements are a single sentence; running the sentencizer on them costs more
        than the scope checks, so it runs only when a sentence-final mark appears before
        the last two tokens (or always, with a trained pipeline).
        """
        marks = self.base.sentence_marks
        if marks is not None:
            last = len(lowers) - 2
            if all(i >= last for i, h in enumerate(lowers) if h in marks):
                return doc
        for proc in self.base.sentence_pipes:
            doc = proc(doc)
        return doc

    def _sentences(self, doc: Any, lowers: list[int], holder: list[Any]) -> list[tuple[int, int]]:
        """Sentence bounds, computed once and only when a co-occurrence signal needs them."""
        if not holder:
            holder.append(self._with_sentences(doc, lowers))
        if not holder[0].has_annotation("SENT_START"):
            return [(0, len(holder[0]))]
        return [(s.start, s.end) for s in holder[0].sents]

    def _analysed(
        self, index: int, doc: Any, hits: list[Hit], screened: list[linear.ModelHit]
    ) -> Analysed:
        rows = doc.to_array(self._row_attrs).tolist()
        strings = self.base.strings
        texts = [strings[orth] for orth, _, _, _, _ in rows]
        return Analysed(
            index=index,
            lemmas=[
                " " if text.isspace() else strings[lemma]
                for text, (_, lemma, _, _, _) in zip(texts, rows, strict=True)
            ],
            offsets=[(idx, idx + length) for _, _, idx, length, _ in rows],
            sentence_starts=[i for i, row in enumerate(rows) if row[4] == 1],
            newline_after=["\n" in text for text in texts],
            hits=hits,
            screened=screened,
        )


_MATCHERS: dict[tuple[Any, ...], VersionMatcher] = {}


def matcher_for(rules: VersionRules, identity: str) -> VersionMatcher:
    """The (cached) matcher for ``rules``; ``identity`` is its pattern hash."""
    key = (rules.version, identity)
    found = _MATCHERS.get(key)
    if found is None:
        found = VersionMatcher(rules)
        _MATCHERS[key] = found
    return found
