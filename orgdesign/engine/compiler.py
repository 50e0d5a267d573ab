"""Compiles rule specifications into one experta engine class.

The class is built once per process (``CompiledRuleBase``) and one instance
is reused for every profile with ``reset()``.  Interview answers enter as a
single wide ``Answers`` fact: one fact per profile keeps Rete propagation
cheap, and the trace still names each answer a rule tested, because each
rule knows which questions its conditions read.

Each distinct answer test becomes one shared ``P()`` predicate; a rule
testing one question twice gets one predicate combining both.
"""
import inspect

from ..questions import UNKNOWN
from .experta_compat import AS, NOT, Fact, KnowledgeEngine, P, Rule, Strategy
from .matcher import PollingReteMatcher
from .rulebook import AnswerValue
from .verdict import Verdict  # noqa: F401  (lint and explain import it from here)

# A rule base whose rules kept asserting new facts would never stop; no sane
# rule base needs more firings than this for one profile.
MAX_FIRINGS = 20000


# experta inspects a rule's function each time it rewrites the rule (over a
# thousand times while building the network); a ready signature makes that
# a lookup instead of an analysis of the function.
_FIRE_SIGNATURE = inspect.Signature([
    inspect.Parameter("engine", inspect.Parameter.POSITIONAL_OR_KEYWORD),
    inspect.Parameter("bound", inspect.Parameter.VAR_KEYWORD),
])
_COMBINE_SIGNATURE = inspect.Signature([inspect.Parameter("engine", inspect.Parameter.POSITIONAL_OR_KEYWORD)])


class Answers(Fact):
    """All interview answers of one profile, one field per question id."""


class RuleOrderStrategy(Strategy):
    """Fire by salience, then by the rule's position in the rule base.

    experta's default strategy breaks salience ties by fact recency and then
    by insertion order, which can follow hash order; ours never depends on
    anything but the rule base, so traces are identical across runs.
    """

    def _update_agenda(self, agenda, added, removed):
        if removed:
            # experta reports a removed activation as a new object equal to the
            # one on the agenda; the key (rule and facts) names it either way.
            removed_keys = {self._key(a) for a in removed}
            agenda.activations = [a for a in agenda.activations if a.key not in removed_keys]
        if added:
            for activation in added:
                activation.key = self._key(activation)
            agenda.activations.extend(added)
            # The agenda pops from the end, so the next to fire sorts last.
            agenda.activations.sort(key=lambda a: a.key)

    @staticmethod
    def _key(activation):
        rule = activation.rule
        # experta rebuilds Rule objects while compiling the network, but keeps
        # the wrapped function, so the rule's position travels on the function.
        order = rule._wrapped.orgdesign_order
        facts = tuple(sorted((f["__factid__"] for f in activation.facts), reverse=True))
        return (rule.salience, -order, tuple(-f for f in facts))


class CompiledRuleBase:
    """The experta engine class for a rule book, plus the fact classes it uses."""

    def __init__(self, book, knowledge):
        self.book = book
        self.knowledge = knowledge
        self.fact_classes = {name: type(_class_name(name), (Fact,), {}) for name in book.fact_types}
        self._predicates = {}
        members = {"__strategy__": RuleOrderStrategy}
        for order, spec in enumerate(book.rules):
            members[f"rule_{order:04d}"] = self._compile_rule(spec, order)
        members["engine_combine_evidence"] = self._combine_rule(len(book.rules))
        self.engine_class = type("RuleBaseEngine", (_ReasoningEngine,), members)

    def new_engine(self):
        return self.engine_class(self)

    # -- rules ------------------------------------------------------------------
    def _compile_rule(self, spec, order):
        patterns = []
        if spec.answer_tests:
            by_question = {}
            for test in spec.answer_tests:
                by_question.setdefault(test.question, []).append(test)
            patterns.append(Answers(**{q: self._predicate(tuple(tests)) for q, tests in by_question.items()}))
        for index, test in enumerate(spec.fact_tests):
            pattern = self._fact_pattern(test)
            patterns.append(NOT(pattern) if test.negated else getattr(AS, f"fact{index}") << pattern)

        answers_read = tuple(f"answer:{q}" for q in spec.questions_used)  # once here, not on every firing

        def fire(engine, **bound):
            engine.fire_rule(spec, bound, answers_read)

        fire.__name__ = spec.id
        fire.orgdesign_order = order
        fire.__signature__ = _FIRE_SIGNATURE
        return Rule(*patterns, salience=spec.salience)(fire)

    def _predicate(self, tests):
        key = tuple(t.key for t in tests)
        if key not in self._predicates:
            if len(tests) == 1:
                self._predicates[key] = P(tests[0].holds)
            else:
                self._predicates[key] = P(lambda value, tests=tests: all(t.holds(value) for t in tests))
        return self._predicates[key]

    def _fact_pattern(self, test):
        fact_class = self.fact_classes[test.fact_type]
        fields = {}
        for name, allowed in test.where:
            fields[name] = allowed[0] if len(allowed) == 1 else P(lambda value, allowed=allowed: value in allowed)
        return fact_class(**fields)

    def _combine_rule(self, order):
        def combine(engine):
            engine.combine_evidence()

        combine.__name__ = "engine.combine_evidence"
        combine.orgdesign_order = order
        combine.__signature__ = _COMBINE_SIGNATURE
        return Rule(Answers(), salience=self.book.combine_salience)(combine)


class _ReasoningEngine(KnowledgeEngine):
    """Runs one profile at a time and reports every firing to a recorder."""

    __matcher__ = PollingReteMatcher

    def __init__(self, compiled):
        super().__init__()
        self.compiled = compiled
        self.answers = {}
        self.recorder = None
        self._deffacts = None

    def get_deffacts(self):
        # experta finds them by inspecting every member on each reset(); they never change.
        if self._deffacts is None:
            self._deffacts = super().get_deffacts()
        return self._deffacts

    def infer(self, answers, recorder):
        self.reset()
        self.answers = answers
        self.recorder = recorder
        answers_fact = Answers(**answers)
        self.declare(answers_fact)
        self.run(MAX_FIRINGS)
        if self.agenda.activations:
            raise RuntimeError(f"the rule base did not settle after {MAX_FIRINGS} firings; look for rules that feed each other")

    def run(self, steps=MAX_FIRINGS):
        """Fire activations until the agenda is empty (or ``steps`` have fired).

        The same recognise-act cycle as experta's own ``run``, without the
        debug logging calls whose arguments (every matched fact rendered as
        text) it builds on every firing even when logging is off.
        """
        self.running = True
        fired = 0
        while fired < steps and self.running:
            added, removed = self.get_activations()
            self.strategy.update_agenda(self.agenda, added, removed)
            activation = self.agenda.get_next()
            if activation is None:
                break
            fired += 1
            activation.rule(self, **{k: v for k, v in activation.context.items() if not k.startswith("__")})
        self.running = False

    def fire_rule(self, spec, bound, answers_read):
        matched = list(answers_read)
        matched += sorted((self.recorder.trace_id(f) for f in bound.values()), key=_trace_order)
        asserted = []
        pending = []
        for assertion in spec.then:
            fields = {name: self.answers.get(v.question, UNKNOWN) if isinstance(v, AnswerValue) else v
                      for name, v in assertion.fields}
            pending.append((assertion.fact_type, fields))
        firing = self.recorder.begin_firing(spec.id, matched)
        for fact_type, fields in pending:
            asserted.append(self._assert(fact_type, fields, firing, spec.id))
        self.recorder.end_firing(firing, asserted)

    def combine_evidence(self):
        compiled = self.compiled
        evidence_class = compiled.fact_classes["evidence"]
        evidence = sorted((f for f in self.facts.values() if isinstance(f, evidence_class)), key=lambda f: f["__factid__"])
        factors = {a: [] for a in compiled.knowledge.archetype_ids()}
        for fact in evidence:
            factors[fact["archetype"]].append((fact["trait"], fact["cf"]))
        verdict = compiled.knowledge.verdict_from(factors, self.answers)
        self.recorder.verdict = verdict
        # The unknown answers that lower the confidence are premises too.
        weights = compiled.knowledge.inference.get("unknown_penalty", {}).get("weights", {})
        unknown = [f"answer:{q}" for q, v in self.answers.items() if v == UNKNOWN and weights.get(q)]
        matched = [self.recorder.trace_id(f) for f in evidence] + unknown
        firing = self.recorder.begin_firing("engine.combine_evidence", matched)
        fact_id = self._assert("archetype", verdict.fact_fields(), firing, "engine.combine_evidence")
        self.recorder.end_firing(firing, [fact_id])

    def _assert(self, fact_type, fields, firing, rule_id):
        fact = self.compiled.fact_classes[fact_type](**fields, rule=rule_id)
        declared = self.declare(fact)
        return self.recorder.note_fact(fact_type, fields, declared, firing, rule_id)


def _class_name(fact_type):
    return "".join(part.capitalize() for part in fact_type.split("_"))


def _trace_order(trace_id):
    kind, _, number = trace_id.partition("-")
    return (kind, int(number) if number.isdigit() else 0)
