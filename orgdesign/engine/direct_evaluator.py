"""A plain-Python forward chainer over the compiled rule specs (no experta).

It runs the same ``RuleSpec`` objects the experta engine is compiled from,
with the same semantics, so it can stand in for experta where speed matters
(the linter's completeness proof, benchmarks):

- a rule activates once per combination of facts matching its positive
  ``fact:`` conditions, when its answer tests hold and no fact matches a
  negated ``fact:`` condition; a fact that later matches a negated condition
  cancels activations not yet fired;
- the next activation to fire is the one ``RuleOrderStrategy`` would pick:
  highest salience, then earliest rule in the rule base, then oldest facts;
- a fact identical to an existing one (same type, same fields, same rule) is
  refused, as experta refuses duplicates, and takes no fact number;
- what a firing does (the facts it asserts, what the trace records) and the
  evidence-combination step are not written again here: the compiled
  engine's own ``fire_rule`` and ``combine_evidence`` run on a view of this
  evaluator's facts, so both engines change together.

Facts are numbered as experta numbers them (0 is experta's initial fact, 1
the answers), so the trace is the one the experta engine records.

>>> from orgdesign import get_reasoner
>>> evaluator = DirectEvaluator(get_reasoner())
>>> result = evaluator.infer({"ml_activity": ("none",)})
>>> result.verdict.top
'nascent'
>>> ("design_choice", {"dimension": "model_ownership", "position": "build_and_run_end_to_end"}) in result.facts
True
"""
import itertools
from dataclasses import dataclass

from ..questions import UNKNOWN
from .compiler import MAX_FIRINGS, _ReasoningEngine
from .trace import TraceRecorder

COMBINE_RULE_ID = "engine.combine_evidence"
_ANSWERS_FACT_ID = 1
_FIRST_DERIVED_FACT_ID = 2


@dataclass
class DirectResult:
    """What one run concluded: facts as ``(type, fields)``, the verdict, the trace."""

    facts: list
    verdict: object
    trace: TraceRecorder

    @property
    def fired(self):
        return [firing.rule for firing in self.trace.firings]

    def facts_of_type(self, fact_type):
        return [fields for kind, fields in self.facts if kind == fact_type]


class DirectEvaluator:
    """Forward chaining over a reasoner's rule book without experta.

    ``infer(answers)`` takes canonical answers (missing questions count as
    unknown); ``infer_profile(profile)`` returns the same ``Inference`` object
    as ``Reasoner.infer``, so ``build_recommendation`` accepts it.
    ``verdict=`` replaces the evidence combination by a given ``Verdict``,
    which lets the linter ask what the later layers do for any verdict.
    """

    def __init__(self, reasoner, only=None):
        self.reasoner = reasoner
        self.book = reasoner.rulebook
        # ``only``: run just these rule ids (the linter runs later layers alone).
        # Picked by position, not by scanning the rule base: lint builds one per rule.
        self.rules = self.book.rules if only is None else tuple(
            self.book.rules[i] for i in sorted(self.book.position(rule_id) for rule_id in only))
        self.knowledge = reasoner.knowledge
        self.question_ids = reasoner.knowledge.questions.ids
        self.combine_order = len(self.rules)
        # Conditions split once, so a run only looks them up.
        self.answer_tests = [spec.answer_tests for spec in self.rules]
        self.positives = [tuple(t for t in spec.fact_tests if not t.negated) for spec in self.rules]
        self.negatives = [tuple(t for t in spec.fact_tests if t.negated) for spec in self.rules]
        self.fed_by_type, self.blocked_by_type = {}, {}
        for order in range(len(self.rules)):
            for test in self.positives[order]:
                self.fed_by_type.setdefault(test.fact_type, []).append(order)
            for test in self.negatives[order]:
                self.blocked_by_type.setdefault(test.fact_type, []).append(order)
        self.fact_classes = reasoner.compiled.fact_classes
        self.fed_by_type = {k: sorted(set(v)) for k, v in self.fed_by_type.items()}
        self.blocked_by_type = {k: sorted(set(v)) for k, v in self.blocked_by_type.items()}

    def infer(self, answers, verdict=None, forced=()):
        """``forced``: ``(type, fields)`` facts asserted with an imposed verdict (lint imposes a target)."""
        full = {q: answers.get(q, UNKNOWN) for q in self.question_ids}
        run = _Run(self, full, verdict, forced)
        run.run()
        return DirectResult(run.fact_list(), run.recorder.verdict, run.recorder)

    def infer_profile(self, profile, verdict=None, forced=()):
        from .reasoner import Inference

        result = self.infer(profile.answers, verdict, forced)
        return Inference(profile, result.verdict, result.trace)


class _Run:
    """One profile's agenda, facts and trace."""

    def __init__(self, evaluator, answers, forced_verdict, forced_facts=()):
        self.evaluator = evaluator
        self.rules = evaluator.rules
        self.answers = answers
        self.forced_verdict = forced_verdict
        self.forced_facts = forced_facts
        self.recorder = TraceRecorder(answers, evaluator.reasoner.location)
        self.facts_by_type = {}         # type -> [(fact id, type, fields)]
        self.identities = set()
        self.next_id = _FIRST_DERIVED_FACT_ID
        self.pending = {}               # activation key -> (order, bound facts)
        self.seen = set()               # (order, bound fact ids): activations ever made
        self.live = [all(t.holds(answers[t.question]) for t in tests) for tests in evaluator.answer_tests]
        self.view = _EngineView(self)

    def run(self):
        for order in range(len(self.rules)):
            if self.live[order] and not self.evaluator.positives[order]:
                self.add_activation(order, ())
        self.add_activation(self.evaluator.combine_order, ())
        firings = 0
        while self.pending:
            if firings >= MAX_FIRINGS:
                raise RuntimeError(f"the rule base did not settle after {MAX_FIRINGS} firings; look for rules that feed each other")
            key = max(self.pending)
            order, bound = self.pending.pop(key)
            firings += 1
            if order == self.evaluator.combine_order:
                self.combine_evidence()
            else:
                self.fire(self.rules[order], bound)

    # -- activations -------------------------------------------------------------
    def salience(self, order):
        if order == self.evaluator.combine_order:
            return self.evaluator.book.combine_salience
        return self.rules[order].salience

    def add_activation(self, order, bound):
        ids = tuple(fact[0] for fact in bound)
        if (order, ids) in self.seen:
            return
        self.seen.add((order, ids))
        uses_answers = order == self.evaluator.combine_order or self.evaluator.answer_tests[order]
        matched = sorted(ids + ((_ANSWERS_FACT_ID,) if uses_answers else ()), reverse=True)
        key = (self.salience(order), -order, tuple(-i for i in matched))
        self.pending[key] = (order, bound)

    def fact_added(self, fact):
        """Cancel what the new fact blocks, then add the activations it completes."""
        fact_type, fields = fact[1], fact[2]
        for order in self.evaluator.blocked_by_type.get(fact_type, ()):
            if self.live[order] and any(t.fact_type == fact_type and t.matches(fields) for t in self.evaluator.negatives[order]):
                self.live[order] = False
                for key in [k for k, (o, _) in self.pending.items() if o == order]:
                    del self.pending[key]
        for order in self.evaluator.fed_by_type.get(fact_type, ()):
            if self.live[order]:
                self.activate_with(order, fact)

    def activate_with(self, order, new_fact):
        """Every activation of a rule that binds ``new_fact`` to one of its positive conditions."""
        tests = self.evaluator.positives[order]
        for position, test in enumerate(tests):
            if test.fact_type != new_fact[1] or not test.matches(new_fact[2]):
                continue
            choices = [[new_fact] if i == position else
                       [f for f in self.facts_by_type.get(t.fact_type, ()) if t.matches(f[2])] for i, t in enumerate(tests)]
            for combo in itertools.product(*choices):
                self.add_activation(order, combo)

    # -- firing: the compiled engine's own code, on a view of this run -------------
    def fire(self, spec, bound):
        bound_facts = {f"fact{index}": self.engine_fact(fact) for index, fact in enumerate(bound)}
        _ReasoningEngine.fire_rule(self.view, spec, bound_facts, tuple(f"answer:{q}" for q in spec.questions_used))

    def combine_evidence(self):
        if self.forced_verdict is None:
            _ReasoningEngine.combine_evidence(self.view)
            return
        self.recorder.verdict = self.forced_verdict
        firing = self.recorder.begin_firing(COMBINE_RULE_ID, [])
        fact_ids = [self.assert_fact("archetype", self.forced_verdict.fact_fields(), firing, COMBINE_RULE_ID)]
        fact_ids += [self.assert_fact(fact_type, fields, firing, COMBINE_RULE_ID) for fact_type, fields in self.forced_facts]
        self.recorder.end_firing(firing, fact_ids)

    def engine_fact(self, fact):
        """The experta fact the compiled engine would hold for one of ours."""
        fact_id, fact_type, fields, rule_id = fact
        engine_fact = self.evaluator.fact_classes[fact_type](**fields, rule=rule_id)
        engine_fact.__factid__ = fact_id
        return engine_fact

    def assert_fact(self, fact_type, fields, firing, rule_id):
        identity = (fact_type, frozenset(dict(fields, rule=rule_id).items()))
        if identity in self.identities:
            return self.recorder.note_fact(fact_type, fields, None, firing, rule_id)
        self.identities.add(identity)
        fact = (self.next_id, fact_type, dict(fields), rule_id)
        self.next_id += 1
        self.facts_by_type.setdefault(fact_type, []).append(fact)
        trace_id = self.recorder.note_fact(fact_type, fields, {"__factid__": fact[0]}, firing, rule_id)
        self.fact_added(fact)
        return trace_id

    def fact_list(self):
        facts = sorted(f for same_type in self.facts_by_type.values() for f in same_type)
        return [(fact_type, fields) for _, fact_type, fields, _ in facts]


class _EngineView:
    """The few engine attributes ``fire_rule`` and ``combine_evidence`` read, backed by a run."""

    def __init__(self, run):
        self._run = run
        self.compiled = run.evaluator.reasoner.compiled
        self.answers = run.answers
        self.recorder = run.recorder

    @property
    def facts(self):
        everything = sorted(f for same_type in self._run.facts_by_type.values() for f in same_type)
        return {fact[0]: self._run.engine_fact(fact) for fact in everything}

    def _assert(self, fact_type, fields, firing, rule_id):
        return self._run.assert_fact(fact_type, fields, firing, rule_id)
