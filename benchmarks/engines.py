"""The three engines the benchmark runs side by side, behind one interface.

Each engine has ``run(profile)`` (the timed part: one profile's inference,
conclusions included) and ``conclusions(result)``: the derived facts as
sorted ``(type, rule, fields)`` triples, so the engines can be checked to
agree before their speeds are compared.
"""
import math

# Fits and confidences are rounded to 4 decimals, and CLIPS rounds them as
# Python does (clips_rules.round-to), so they must be equal; a rounding step
# apart could already flip the top archetype or the mixed call.
NUMBER_TOLERANCE = 1e-6


class ExpertaEngine:
    name = "experta"

    def __init__(self, reasoner):
        self.reasoner = reasoner

    def run(self, profile):
        return self.reasoner.infer(profile)

    def conclusions(self, inference):
        return _normal_form((f.type, f.origin["rule"], f.fields) for f in inference.trace.facts.values()
                            if f.type != "answer")


class UntunedExpertaEngine(ExpertaEngine):
    """The same compiled rules on experta's own matcher and reset: what the tuning saved."""

    name = "experta untuned"

    def __init__(self, reasoner):
        from orgdesign.engine.experta_compat import KnowledgeEngine, ReteMatcher

        super().__init__(reasoner)
        engine_class = type("UntunedEngine", (reasoner.compiled.engine_class,),
                            {"__matcher__": ReteMatcher, "get_deffacts": KnowledgeEngine.get_deffacts})
        self.engine = engine_class(reasoner.compiled)

    def run(self, profile):
        from orgdesign.engine.reasoner import Inference
        from orgdesign.engine.trace import TraceRecorder

        recorder = TraceRecorder(profile.answers, self.reasoner.location)
        self.engine.infer(dict(profile.answers), recorder)
        return Inference(profile, recorder.verdict, recorder)


class ClipsEngine:
    name = "CLIPS"

    def __init__(self, reasoner):
        import clips

        from .clips_rules import answer_slots, read_conclusions, translate

        self.book = reasoner.rulebook
        self.read_conclusions = read_conclusions
        self.knowledge = reasoner.knowledge
        self.answer_slots = answer_slots
        self.source = translate(reasoner.rulebook, reasoner.knowledge)
        self.env = clips.Environment()
        for construct in _constructs(self.source):
            self.env.build(construct)
        self.answers_template = self.env.find_template("answers")

    def run(self, profile):
        self.infer_only(profile)
        return self.env.eval("(conclusions)")

    def infer_only(self, profile):
        """Reset, assert the answers, run: CLIPS's own work, without reading the conclusions back."""
        env = self.env
        env.reset()
        self.answers_template.assert_fact(**self.answer_slots(profile.answers, self.knowledge))
        env.run()

    def conclusions(self, values):
        return _normal_form(self.read_conclusions(values, self.book))


class DirectEngine:
    """The plain-Python floor: orgdesign/engine/direct_evaluator.py.

    ``run`` evaluates one profile (the timed part); ``conclusions`` gives
    ``(fact type, rule id, {field: value})`` for every derived fact,
    including the combined ``archetype`` fact, so that it can be checked
    against experta and CLIPS.
    """

    name = "plain Python"
    missing = "n/a (direct evaluator not merged)"
    unwired = "n/a (direct evaluator merged, not yet wired into benchmarks/engines.py DirectEngine)"

    @classmethod
    def load(cls, reasoner, probe_profile):
        """The floor engine, or ``(None, why not)``."""
        try:
            from orgdesign.engine import direct_evaluator
        except ImportError:
            return None, cls.missing
        engine = cls(reasoner, direct_evaluator)
        try:
            engine.conclusions(engine.run(probe_profile))
        except NotImplementedError:
            return None, cls.unwired
        return engine, None

    def __init__(self, reasoner, module):
        self.reasoner = reasoner
        self.module = module
        self.evaluator = module.DirectEvaluator(reasoner)

    def run(self, profile):
        return self.evaluator.infer(profile.answers)

    def conclusions(self, result):
        return _normal_form((f.type, f.origin["rule"], f.fields)
                            for f in result.trace.facts.values() if f.type != "answer")


def same_conclusions(a, b):
    """Whether two normal forms agree (numbers to within a millionth)."""
    if len(a) != len(b):
        return False
    for (type_a, rule_a, fields_a), (type_b, rule_b, fields_b) in zip(a, b):
        if type_a != type_b or rule_a != rule_b or fields_a.keys() != fields_b.keys():
            return False
        for key, value in fields_a.items():
            other = fields_b[key]
            if isinstance(value, (int, float)) and isinstance(other, (int, float)):
                if not math.isclose(value, other, abs_tol=NUMBER_TOLERANCE):
                    return False
            elif value != other:
                return False
    return True


def _normal_form(triples):
    result = [(t, r, {k: _plain(v) for k, v in fields.items()}) for t, r, fields in triples]
    return sorted(result, key=lambda item: (item[0], item[1], _sort_key(item[2])))


def _sort_key(fields):
    return tuple(sorted((k, round(v, 4) if isinstance(v, float) else str(v)) for k, v in fields.items()))


def _plain(value):
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return value
    return str(value)


def _constructs(source):
    """Split CLIPS source into top-level constructs (clipspy builds one at a time)."""
    depth, start, in_string, escaped = 0, None, False, False
    for index, char in enumerate(source):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char == "(":
            if depth == 0:
                start = index
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                yield source[start:index + 1]
